package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"kb/internal/diag"
)

// linkTransformer rewrites the destination of every link and image that
// points inside the site through the document's Resolver, reporting at the
// link's place those that lead nowhere; it leaves external URLs and bare
// fragments as they are. A link whose URL would run script (javascript:,
// vbscript:, data: other than images) is dropped, keeping its text, even
// when raw HTML is allowed.
type linkTransformer struct{}

func (linkTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	var unlink []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch l := n.(type) {
		case *ast.Link:
			dest = &l.Destination
		case *ast.Image:
			dest = &l.Destination
		case *ast.AutoLink:
			if isScriptURL(l.URL(st.src)) {
				unlink = append(unlink, n)
			}
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		_, isImage := n.(*ast.Image)
		switch d := string(*dest); {
		case isScriptURL([]byte(d)) && !(isImage && strings.HasPrefix(strings.ToLower(d), "data:image/")):
			unlink = append(unlink, n)
		case isExternal(d) || strings.HasPrefix(d, "#") || st.doc.Resolve == nil:
		default:
			u, err := st.doc.Resolve(d)
			if err != nil {
				line, col := st.at(linkStart(n, st.src))
				st.errs.Add(diag.Errorf(st.doc.File, line, col, "%v", err))
				return ast.WalkContinue, nil
			}
			*dest = []byte(u)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unlink {
		replaceWithChildren(n, st.src)
	}
}

// isExternal says whether a destination names a scheme or another host.
func isExternal(d string) bool {
	if strings.HasPrefix(d, "//") {
		return true
	}
	i := strings.IndexAny(d, ":/?#")
	return i > 0 && d[i] == ':'
}

// isScriptURL reports URLs that would run code when followed. Browsers
// ignore case, leading blanks and control characters in the scheme.
func isScriptURL(u []byte) bool {
	u = bytes.ToLower(bytes.TrimLeft(u, " \t\r\n\x00\x0b\x0c"))
	u = bytes.Map(func(r rune) rune {
		if r < 0x20 {
			return -1
		}
		return r
	}, u)
	for _, s := range []string{"javascript:", "vbscript:", "data:"} {
		if bytes.HasPrefix(u, []byte(s)) {
			return true
		}
	}
	return false
}

// replaceWithChildren puts a link's content where the link was; an
// autolink becomes its text.
func replaceWithChildren(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(a.Label(src)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// linkStart finds the offset of a link's opening bracket: goldmark keeps
// positions on text, so it is found from the first text inside the link.
func linkStart(n ast.Node, src []byte) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	var off = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off <= 0 {
		// Empty link text: "[](x)". Use the enclosing block's start.
		for p := n.Parent(); p != nil; p = p.Parent() {
			if l := p.Lines(); p.Type() == ast.TypeBlock && l != nil && l.Len() > 0 {
				return l.At(0).Start
			}
		}
		return 0
	}
	for off > 0 && src[off-1] != '[' {
		off--
	}
	return max(off-1, 0)
}
