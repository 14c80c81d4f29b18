package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/kbsite/kb/internal/diag"
)

// Heading is a heading of a rendered page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// TOCEntry is a heading in a table of contents, with the h3s under an h2.
// It repeats Heading's fields rather than embedding it: a template looks
// a promoted field up by a search through the embedded struct, with
// allocations, at every use.
type TOCEntry struct {
	Level    int
	ID, Text string
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
			toc = append(toc, TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
		case h.Level == 3:
			last := &toc[len(toc)-1]
			last.Children = append(last.Children, TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
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
	return string(bytes.TrimSpace(appendInline(nil, n, src, nil)))
}

// appendInline appends the text of everything under n: text as written,
// the typographer's entities as characters, code spans' code, a
// wikilink's label or target and an autolink's address. visit, when set,
// is called before and after each node with the length of dst, for
// callers that need offsets.
func appendInline(dst []byte, n ast.Node, src []byte, visit func(c ast.Node, entering bool, at int)) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if visit != nil {
			visit(c, true, len(dst))
		}
		switch t := c.(type) {
		case *ast.Text:
			dst = append(dst, t.Segment.Value(src)...)
			if t.SoftLineBreak() || t.HardLineBreak() {
				dst = append(dst, ' ')
			}
		case *ast.String:
			dst = append(dst, unescapeEntities(t.Value)...)
		case *WikiLink:
			dst = append(dst, wikiText(t)...)
		case *ast.AutoLink:
			dst = append(dst, t.Label(src)...)
		default:
			dst = appendInline(dst, c, src, visit)
		}
		if visit != nil {
			visit(c, false, len(dst))
		}
	}
	return dst
}

// headingLevelChecker warns about a heading that skips a level (an h4
// right under an h2), which breaks the outline screen readers navigate
// by. The page title is the h1, so body headings start at h2.
type headingLevelChecker struct{}

func (headingLevelChecker) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	prev := 1
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if h.Level > prev+1 {
			line, _ := st.at(h.Pos())
			st.errs.Add(diag.Warnf(st.doc.File, line, 1, "heading level skipped: h%d after h%d; use %s", h.Level, prev, strings.Repeat("#", prev+1)))
		}
		prev = h.Level
		return ast.WalkSkipChildren, nil
	})
}
