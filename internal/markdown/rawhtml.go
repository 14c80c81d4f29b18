package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// rawHTMLRenderer escapes raw HTML in Markdown so that it shows as the text
// the author wrote (goldmark's default drops it with a comment, which hides
// the mistake), unless the site opted into unsafe HTML.
type rawHTMLRenderer struct{ unsafe bool }

func (r rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, r.renderInline)
	reg.Register(ast.KindHTMLBlock, r.renderBlock)
}

func (r rawHTMLRenderer) renderInline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := node.(*ast.RawHTML).Segments
	for i := range segs.Len() {
		seg := segs.At(i)
		r.write(w, seg.Value(src))
	}
	return ast.WalkSkipChildren, nil
}

func (r rawHTMLRenderer) renderBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	if !r.unsafe {
		_, _ = w.WriteString("<p class=\"raw-html\">")
	}
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		r.write(w, seg.Value(src))
	}
	if n.HasClosure() {
		r.write(w, n.ClosureLine.Value(src))
	}
	if !r.unsafe {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkSkipChildren, nil
}

func (r rawHTMLRenderer) write(w util.BufWriter, b []byte) {
	if r.unsafe {
		_, _ = w.Write(b)
		return
	}
	_, _ = w.Write(util.EscapeHTML(b))
}
