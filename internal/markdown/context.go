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

// sentenceAround returns the sentence of the enclosing block that holds
// the link: the text a reader of a backlink needs to see why the link is
// there. The block's text is gathered in text, returned for reuse.
func sentenceAround(link ast.Node, src, text []byte) (string, []byte) {
	block := link.Parent()
	for block != nil && block.Type() != ast.TypeBlock {
		block = block.Parent()
	}
	if block == nil {
		return "", text
	}
	start, end := -1, -1
	text = appendInline(text, block, src, func(c ast.Node, entering bool, at int) {
		if c == link && entering {
			start = at
		} else if c == link {
			end = at
		}
	})
	if start < 0 {
		return collapse(string(text)), text
	}
	from := bytes.LastIndexAny(text[:start], ".!?")
	for from >= 0 && !endsSentence(text, from) {
		from = bytes.LastIndexAny(text[:from], ".!?")
	}
	to := len(text)
	for i := end; i < len(text); i++ {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && endsSentence(text, i) {
			to = i + 1
			break
		}
	}
	return truncate(collapse(string(text[from+1:to])), contextMax), text
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
