package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kbsite/kb/internal/diag"
)

// BlockRenderer renders a data block: a fenced block whose info string
// names a kind of block the site knows ("compare", "citations") and whose
// body is data rather than code. body starts on the line after fenceLine.
// It returns the HTML to put in the block's place, or what is wrong.
type BlockRenderer func(file, body string, fenceLine int) ([]byte, diag.List)

// kindBlock is the node a data block becomes once rendered.
var kindBlock = ast.NewNodeKind("DataBlock")

type blockNode struct {
	ast.BaseBlock
	html []byte
}

func (n *blockNode) Kind() ast.NodeKind { return kindBlock }

func (n *blockNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// blockTransformer replaces each fenced block whose language has a
// renderer in the document's Blocks with what that renderer returns. A
// block with no renderer stays code.
type blockTransformer struct{}

func (blockTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil || len(st.doc.Blocks) == 0 {
		return
	}
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering && st.doc.Blocks[string(f.Language(st.src))] != nil {
			blocks = append(blocks, f)
		}
		return ast.WalkContinue, nil
	})
	for _, f := range blocks {
		render := st.doc.Blocks[string(f.Language(st.src))]
		fenceLine, _ := st.at(f.Info.Segment.Start)
		var body strings.Builder
		lines := f.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			body.Write(seg.Value(st.src))
		}
		html, errs := render(st.doc.File, body.String(), fenceLine)
		st.errs.Add(errs...)
		if len(errs) == 0 {
			st.editBlock(f, string(f.Language(st.src)), body.String(), fenceLine)
			f.Parent().ReplaceChild(f.Parent(), f, &blockNode{html: html})
		}
	}
}

// blockRenderer writes a rendered data block.
type blockRenderer struct{}

func (blockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*blockNode).html)
		}
		return ast.WalkSkipChildren, nil
	})
}
