package markdown

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// contextMax caps a link's context, in runes, so a backlink list stays a
// list even when a paragraph has no full stops.
const contextMax = 240

// contextWindow is how far, in bytes, the sentence around a link is
// looked for on each side of it: a context is cut to contextMax runes
// anyway, and without a bound a paragraph of many links and no full stop
// would be scanned whole for each of them.
const contextWindow = 4 * contextMax

// setContexts fills in the Context of each link: the sentence of the
// enclosing block that holds it, the text a reader of a backlink needs to
// see why the link is there. The links of one block, which come one after
// the other, share one pass over its text.
func setContexts(links []Link, nodes []ast.Node, src []byte) {
	var text []byte
	spans := map[ast.Node][2]int{}
	for i := 0; i < len(links); {
		block := enclosingBlock(nodes[i])
		j := i + 1
		for j < len(links) && enclosingBlock(nodes[j]) == block {
			j++
		}
		if block == nil {
			i = j
			continue
		}
		clear(spans)
		for _, n := range nodes[i:j] {
			spans[n] = [2]int{-1, -1}
		}
		text = appendInline(text[:0], block, src, func(c ast.Node, entering bool, at int) {
			if sp, ok := spans[c]; ok {
				if entering {
					sp[0] = at
				} else {
					sp[1] = at
				}
				spans[c] = sp
			}
		})
		for k := i; k < j; k++ {
			sp := spans[nodes[k]]
			links[k].Context = sentenceAt(text, sp[0], sp[1])
		}
		i = j
	}
}

func enclosingBlock(n ast.Node) ast.Node {
	b := n.Parent()
	for b != nil && b.Type() != ast.TypeBlock {
		b = b.Parent()
	}
	return b
}

// sentenceAt returns the sentence of text that holds text[start:end],
// or all of text when start is -1, cut to contextMax runes around the
// link.
func sentenceAt(text []byte, start, end int) string {
	if start < 0 {
		return collapse(string(text))
	}
	lo := max(start-contextWindow, 0)
	// Forward to a rune's start, never past start itself: text that is
	// not UTF-8 may have no rune start before it.
	for lo > 0 && lo < start && !utf8.RuneStart(text[lo]) {
		lo++
	}
	hi := min(max(end, start)+contextWindow, len(text))
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	from := bytes.LastIndexAny(text[lo:start], ".!?")
	for from >= 0 && !endsSentence(text[lo:hi], from) {
		from = bytes.LastIndexAny(text[lo:lo+from], ".!?")
	}
	from += lo
	to := hi
	for i := max(end, start); i < hi; i++ {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && endsSentence(text[lo:hi], i-lo) {
			to = i + 1
			break
		}
	}
	ctx := collapse(string(text[from+1 : to]))
	// A link far into a long sentence: words are dropped from the front
	// until the link ends three quarters of the way into the context, or
	// the cut at contextMax would leave the link out of its own context.
	if linkEnd := utf8.RuneCountInString(collapse(string(text[from+1 : max(end, start)]))); linkEnd > contextMax {
		ctx = "…" + dropWords(ctx, linkEnd-contextMax*3/4)
	}
	return truncate(ctx, contextMax)
}

// dropWords drops the first n runes of s and the rest of the word they
// end in.
func dropWords(s string, n int) string {
	for i := range s {
		if n--; n < 0 {
			if j := strings.IndexByte(s[i:], ' '); j >= 0 {
				return s[i+j+1:]
			}
			return s[i:]
		}
	}
	return s
}

// endsSentence says whether the punctuation at i ends a sentence: followed
// by a blank or the end ("v1.2" does not split), and not the dot of a
// common abbreviation ("e.g.", "vs.").
func endsSentence(text []byte, i int) bool {
	if i+1 < len(text) && text[i+1] != ' ' {
		return false
	}
	word := text[bytes.LastIndexByte(text[:i], ' ')+1 : i+1]
	for _, abbr := range abbreviations {
		if bytes.EqualFold(word, []byte(abbr)) {
			return false
		}
	}
	return true
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = [...]string{"e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "inc.", "dr.", "mr.", "ms.", "no."}

func wikiText(w *WikiLink) string {
	if w.Label != "" {
		return w.Label
	}
	return w.Target
}

// unescapeEntities turns the typographer's entities ("&rsquo;") back into
// characters for plain text.
func unescapeEntities(b []byte) string { return html.UnescapeString(string(b)) }

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
