package markdown

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// TextSection is the plain text of a page between two headings, what a
// search index holds: the part before the first heading has ID "".
type TextSection struct {
	ID      string // the heading's id, for a link to the section
	Heading string // the heading's text
	Text    string
}

// sections splits a document's text at its headings (h2 and below; an h1
// in a body belongs to the intro), and on the glossary page at its terms
// (terms, the id of each term's <dt>), so that a search finds the
// definition itself. Code blocks and data blocks are left out: they are
// not prose a reader searches for.
func (sc *scratch) sections(root ast.Node, src []byte, terms map[ast.Node]string) []TextSection {
	out := []TextSection{{}}
	all := sc.text[:0]
	// Every section's text goes into all, made one string at the end and
	// cut into the sections': one allocation per page, not one per
	// section, for text a large site keeps until its search index.
	var ends []int
	start := 0 // of the current section's text in all
	flush := func() {
		text := bytes.TrimSpace(all[start:])
		all = append(all[:start], text...)
		ends = append(ends, len(all))
		start = len(all)
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch t := n.(type) {
		case *ast.Heading:
			if t.Level < 2 {
				all = append(append(all, plainText(t, src)...), ". "...)
				continue
			}
			flush()
			id, _ := t.AttributeString("id")
			idb, _ := id.([]byte)
			out = append(out, TextSection{ID: string(idb), Heading: plainText(t, src)})
		case *ast.FencedCodeBlock, *ast.CodeBlock, *blockNode, *ast.HTMLBlock:
		case *extast.DefinitionList:
			if len(terms) == 0 {
				all = sc.appendBlockText(all, n, src)
				continue
			}
			for c := t.FirstChild(); c != nil; c = c.NextSibling() {
				if id, ok := terms[c]; ok {
					flush()
					out = append(out, TextSection{ID: id, Heading: plainText(c, src)})
					continue
				}
				all = sc.appendBlockText(all, c, src)
			}
		case *dataTerms:
			for i, term := range t.terms {
				flush()
				out = append(out, TextSection{ID: term.ID, Heading: term.Term})
				all = appendCollapsed(all, []byte(t.data[i].Text))
			}
		default:
			all = sc.appendBlockText(all, n, src)
		}
	}
	flush()
	sc.text = all
	text := string(all)
	from := 0
	for i, end := range ends {
		out[i].Text = text[from:end]
		from = end
	}
	if out[0].Text == "" && len(out) > 1 {
		out = out[1:]
	}
	return out
}

// appendBlockText appends a block's text, a space between its blocks so
// words of adjacent paragraphs, list items and cells never run together,
// and runs of white space as one space.
func (sc *scratch) appendBlockText(dst []byte, n ast.Node, src []byte) []byte {
	if n.Type() == ast.TypeInline || n.FirstChild() == nil || n.FirstChild().Type() == ast.TypeInline {
		sc.inline = appendInline(sc.inline[:0], n, src, nil)
		return appendCollapsed(dst, bytes.TrimSpace(sc.inline))
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		dst = sc.appendBlockText(dst, c, src)
	}
	return dst
}

// appendCollapsed appends s with each run of white space as one space,
// and a space after it. Text between spaces is copied a run at a time, not
// a rune at a time, and ASCII is classed by table: this is most of the
// work of gathering a page's text for search.
func appendCollapsed(dst, s []byte) []byte {
	space := len(dst) == 0 // no space at the start
	run := -1              // where the text not yet copied starts
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				if run >= 0 {
					dst, run = append(dst, s[run:i]...), -1
				}
				if !space {
					dst, space = append(dst, ' '), true
				}
			} else if run < 0 {
				run, space = i, false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case unicode.IsSpace(r):
			if run >= 0 {
				dst, run = append(dst, s[run:i]...), -1
			}
			if !space {
				dst, space = append(dst, ' '), true
			}
		case r == utf8.RuneError && size == 1: // not UTF-8: the replacement character
			if run >= 0 {
				dst, run = append(dst, s[run:i]...), -1
			}
			dst, space = utf8.AppendRune(dst, r), false
		case run < 0:
			run, space = i, false
		}
		i += size
	}
	if run >= 0 {
		dst = append(dst, s[run:]...)
	}
	if !space {
		dst = append(dst, ' ')
	}
	return dst
}

// asciiSpace marks the ASCII characters unicode.IsSpace counts as space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
