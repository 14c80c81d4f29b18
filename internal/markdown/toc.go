package markdown

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Heading is a heading of a rendered page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// TOCEntry is a heading in a table of contents, with the h3s under an h2.
type TOCEntry struct {
	Heading
	Children []TOCEntry
}

// TOCMin is how many h2 and h3 headings a page needs before a table of
// contents helps more than it clutters.
const TOCMin = 3

// TOC builds a two-level table of contents from a page's h2 and h3
// headings, or nil when there are fewer than TOCMin. An h3 before any h2
// stands at the top level.
func TOC(hs []Heading) []TOCEntry {
	var toc []TOCEntry
	n := 0
	for _, h := range hs {
		switch {
		case h.Level == 2 || (h.Level == 3 && len(toc) == 0):
			toc = append(toc, TOCEntry{Heading: h})
		case h.Level == 3:
			last := &toc[len(toc)-1]
			last.Children = append(last.Children, TOCEntry{Heading: h})
		default:
			continue
		}
		n++
	}
	if n < TOCMin {
		return nil
	}
	return toc
}

func headings(root ast.Node, src []byte) []Heading {
	var hs []Heading
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		hs = append(hs, Heading{Level: h.Level, ID: string(idb), Text: plainText(h, src)})
		return ast.WalkSkipChildren, nil
	})
	return hs
}

// plainText is a node's text without markup, for tables of contents and
// labels.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's curly quotes arrive as entities.
			b.WriteString(html.UnescapeString(string(t.Value)))
		case *ast.CodeSpan:
			for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if tx, ok := ch.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
