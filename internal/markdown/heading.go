package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// headingRenderer writes headings with their id and, on h2-h4, an anchor
// link beside the heading rather than inside it, so the heading's
// accessible name stays its text. The anchor is a real link: visible on
// hover and focus, reachable by keyboard, labelled for screen readers.
type headingRenderer struct{}

func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := strconv.Itoa(n.Level)
	id, hasID := n.AttributeString("id")
	anchored := hasID && n.Level >= 2 && n.Level <= 4
	if entering {
		if anchored {
			_, _ = w.WriteString(`<div class="heading">`)
		}
		_, _ = w.WriteString("<h" + level)
		html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</h" + level + ">")
	if anchored {
		idb, _ := id.([]byte)
		idText := util.EscapeHTML(idb)
		_, _ = w.WriteString(`<a class="anchor" href="#`)
		_, _ = w.Write(idText)
		_, _ = w.WriteString(`"><span aria-hidden="true">#</span><span class="visually-hidden">Section titled “`)
		_, _ = w.Write(util.EscapeHTML([]byte(plainText(n, src))))
		_, _ = w.WriteString(`”</span></a></div>`)
	}
	_ = w.WriteByte('\n')
	return ast.WalkContinue, nil
}
