package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// termLinker links the first use of each glossary term in a document to
// its definition, as Glossary's rules find it (glossary.go). It looks only
// at text a reader reads as prose: not in headings, links, images, code,
// raw HTML, table headers or definition terms, which label rather than
// use a word. A term the document already links to by hand counts as
// used, and so does one its page's title uses. Each link carries the term and its definition (class "term",
// data-term, data-definition), which the theme's preview cards show.
// Links to terms are not among Result.Links: they are the glossary's,
// made the same way on every page, not a page's own links, so they add
// no backlinks to the glossary page.
type termLinker struct{}

func (termLinker) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil || st.doc.Glossary == nil || st.doc.Glossary.Len() == 0 {
		return
	}
	g := st.doc.Glossary
	used := make([]bool, g.Len())
	st.runText = append(st.runText[:0], st.doc.Title...)
	for _, u := range g.uses(st.runText) {
		used[u.term] = true
	}
	for _, l := range st.links {
		if t, ok := g.byHref[l.Target.Href]; ok {
			used[t] = true
		}
	}
	// The text nodes first, in document order, as the tree changes once
	// terms are linked; consecutive ones are one run of text.
	var texts []*ast.Text
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.RawHTML,
			*ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *blockNode, *WikiLink,
			*extast.TableHeader, *extast.DefinitionTerm:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for i := 0; i < len(texts); {
		j := i + 1
		for j < len(texts) && texts[j].PreviousSibling() == texts[j-1] {
			j++
		}
		st.linkTerms(g, texts[i:j], used)
		i = j
	}
}

// termUse is a use of a term in a run of text: its term, and its start
// and end in the run's text.
type termUse struct{ term, from, to int }

// linkTerms finds the uses of terms in a run of consecutive text nodes,
// and links those that are the first of their term. The run's text is
// its nodes' text joined, a line break as a space; starts are where each
// node's text begins in it.
func (st *state) linkTerms(g *Glossary, run []*ast.Text, used []bool) {
	buf, starts := st.runText[:0], st.runStarts[:0]
	for _, t := range run {
		starts = append(starts, len(buf))
		buf = append(buf, t.Segment.Value(st.src)...)
		if t.SoftLineBreak() || t.HardLineBreak() {
			buf = append(buf, ' ')
		}
	}
	st.runText, st.runStarts = buf, starts
	var uses []termUse
	for _, u := range g.uses(buf) {
		// A use of a term already linked is still a use: a shorter term
		// inside it was not looked for.
		if !used[u.term] {
			used[u.term] = true
			uses = append(uses, u)
		}
	}
	// From the last, so that splitting a node leaves the places of the
	// uses before it as they were.
	for u := len(uses) - 1; u >= 0; u-- {
		st.linkUse(g, run, starts, uses[u])
	}
	st.termLinks += len(uses)
}

// linkUse puts the text of one use into a link: the nodes it covers,
// split where it starts or ends inside one.
func (st *state) linkUse(g *Glossary, run []*ast.Text, starts []int, u termUse) {
	first, last := 0, 0
	for k := range run {
		if starts[k] <= u.from {
			first = k
		}
		if starts[k] < u.to {
			last = k
		}
	}
	if end := starts[last] + run[last].Segment.Len(); u.to < end {
		splitText(run[last], u.to-starts[last])
	}
	from, to := run[first], run[last]
	if u.from > starts[first] {
		from = splitText(run[first], u.from-starts[first])
		if first == last {
			to = from
		}
	}
	t := g.terms[u.term]
	a := ast.NewLink()
	a.Destination = []byte(g.hrefs[u.term])
	a.SetAttributeString("class", []byte("term"))
	a.SetAttributeString("data-term", []byte(t.Term))
	if t.Definition != "" {
		a.SetAttributeString("data-definition", []byte(t.Definition))
	}
	parent := from.Parent()
	parent.InsertBefore(parent, from, a)
	for n := ast.Node(from); n != nil; {
		next := n.NextSibling()
		a.AppendChild(a, n)
		if n == to {
			break
		}
		n = next
	}
}

// uses finds every use of a term in text, from its start: where a use
// is found, the next is looked for after it. It reads each character
// once, as words; a word may start a use when it is not preceded by a
// part of a word, nor by "&" or "#", which would make it the name of a
// character reference ("&amp;").
func (g *Glossary) uses(text []byte) []termUse {
	var uses []termUse
	var key [64]byte
	joined := false // the character before i joins it to what precedes
	for i := 0; i < len(text); {
		// ASCII is classed inline: this loop meets every character of
		// every article.
		if c := text[i]; c < utf8.RuneSelf && asciiClass[c] != classAlnum {
			joined = c == '-' || c == '_' || c == '&' || c == '#'
			i++
			continue
		}
		r, n := decodeRune(text[i:])
		if !alnum(r) {
			joined = false
			i += n
			continue
		}
		// The word's letters and digits, which names are looked up by,
		// then the rest of it ("-coach").
		lead := i + n
		for lead < len(text) {
			if c := text[lead]; c < utf8.RuneSelf {
				if asciiClass[c] != classAlnum {
					break
				}
				lead++
				continue
			}
			r, n := utf8.DecodeRune(text[lead:])
			if !alnum(r) {
				break
			}
			lead += n
		}
		end := lead
		for end < len(text) {
			if c := text[end]; c < utf8.RuneSelf {
				if asciiClass[c] == 0 {
					break
				}
				end++
				continue
			}
			r, n := utf8.DecodeRune(text[end:])
			if !inWord(r) {
				break
			}
			end += n
		}
		if joined {
			i = end
			continue
		}
		if !g.mayStart(text[i:lead]) {
			i = end
			continue
		}
		term, to := g.match(text, i, lowerKey(key[:0], text[i:lead]))
		if term < 0 {
			i = end
			continue
		}
		uses = append(uses, termUse{term, i, to})
		i = to
	}
	return uses
}

// lowerKey appends word lowercased to dst, without an allocation for
// ASCII.
func lowerKey(dst, word []byte) []byte {
	for _, c := range word {
		if c >= utf8.RuneSelf {
			return append(dst[:0], strings.ToLower(string(word))...)
		}
		dst = append(dst, lowerASCII(c))
	}
	return dst
}

// splitText cuts t at k bytes into its text: t keeps the text before,
// and a new node after it takes the rest, and t's line break.
func splitText(t *ast.Text, k int) *ast.Text {
	rest := ast.NewTextSegment(t.Segment.WithStart(t.Segment.Start + k))
	rest.SetSoftLineBreak(t.SoftLineBreak())
	rest.SetHardLineBreak(t.HardLineBreak())
	rest.SetRaw(t.IsRaw())
	t.Segment = t.Segment.WithStop(t.Segment.Start + k)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	t.Parent().InsertAfter(t.Parent(), t, rest)
	return rest
}
