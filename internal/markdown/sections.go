package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// TextSection is the plain text of a page between two headings, what a
// search index holds: the part before the first heading has ID "".
type TextSection struct {
	ID      string // the heading's id, for a link to the section
	Heading string // the heading's text
	Text    string
}

// sections splits a document's text at its headings (h2 and below; an h1
// in a body belongs to the intro). Code blocks and data blocks are left
// out: they are not prose a reader searches for.
func sections(root ast.Node, src []byte) []TextSection {
	out := []TextSection{{}}
	var b strings.Builder
	flush := func() {
		// A copy, so the text kept is its own size, not the builder's.
		out[len(out)-1].Text = strings.Clone(strings.TrimSpace(b.String()))
		b.Reset()
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch t := n.(type) {
		case *ast.Heading:
			if t.Level < 2 {
				b.WriteString(plainText(t, src) + ". ")
				continue
			}
			flush()
			id, _ := t.AttributeString("id")
			idb, _ := id.([]byte)
			out = append(out, TextSection{ID: string(idb), Heading: plainText(t, src)})
		case *ast.FencedCodeBlock, *ast.CodeBlock, *blockNode, *ast.HTMLBlock:
		default:
			blockText(&b, n, src)
		}
	}
	flush()
	if out[0].Text == "" && len(out) > 1 {
		out = out[1:]
	}
	return out
}

// blockText writes a block's text, a space between its blocks so words
// of adjacent paragraphs, list items and cells never run together, and
// runs of white space as one space.
func blockText(b *strings.Builder, n ast.Node, src []byte) {
	if n.Type() == ast.TypeInline || n.FirstChild() == nil || n.FirstChild().Type() == ast.TypeInline {
		writeCollapsed(b, plainText(n, src))
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		blockText(b, c, src)
	}
}

// writeCollapsed appends s with each run of white space as one space, and
// a space after it.
func writeCollapsed(b *strings.Builder, s string) {
	space := b.Len() == 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	if !space {
		b.WriteByte(' ')
	}
}
