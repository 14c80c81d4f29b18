package markdown

import (
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Callouts are GitHub's alert syntax, a block quote whose first line is
// [!KIND], plus one of kb's own, READING, for what an article says beyond
// its sources ("our reading"). GitHub shows the same files with its own
// styling, so a page reads right in both places:
//
//	> [!WARNING]
//	> Titles differ from company to company.
//
// The box is a note landmark titled in words, so its meaning never rests
// on colour alone.
var calloutTitles = map[string]string{
	"NOTE":      "Note",
	"TIP":       "Tip",
	"IMPORTANT": "Important",
	"WARNING":   "Warning",
	"CAUTION":   "Caution",
	"READING":   "Our reading",
}

// calloutMarker is a first line that asks for a callout: [!WORD] alone.
var calloutMarker = regexp.MustCompile(`^\[!([A-Za-z]+)\][ \t]*\r?\n?$`)

var kindCallout = ast.NewNodeKind("Callout")

// callout is a block quote turned into a callout box.
type callout struct {
	ast.BaseBlock
	kind string // NOTE, TIP...
}

func (n *callout) Kind() ast.NodeKind { return kindCallout }

func (n *callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Kind": n.kind}, nil)
}

// calloutTransformer turns each block quote that starts with a callout
// marker into a callout, the marker line left out. A marker with a word
// that is no callout is an error at it: GitHub would show it as text.
type calloutTransformer struct{}

func (calloutTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		m := calloutMarker.FindSubmatch(first.Value(src))
		if m == nil {
			continue
		}
		kind := strings.ToUpper(string(m[1]))
		if _, known := calloutTitles[kind]; !known {
			if st != nil {
				line, col := st.at(first.Start)
				st.errorf(line, col, "callout [!%s] is not one kb knows: use %s", m[1], strings.Join(calloutKinds(), ", "))
			}
			continue
		}
		dropFirstLine(para, first.Stop)
		c := &callout{kind: kind}
		parent := q.Parent()
		parent.ReplaceChild(parent, q, c)
		for child := q.FirstChild(); child != nil; {
			next := child.NextSibling()
			if p, ok := child.(*ast.Paragraph); ok && p.ChildCount() == 0 {
				child = next // the marker was the paragraph's only line
				continue
			}
			c.AppendChild(c, child)
			child = next
		}
	}
}

// dropFirstLine removes from a paragraph its first line's inline nodes,
// which end before stop, and the line break after them.
func dropFirstLine(para *ast.Paragraph, stop int) {
	for n := para.FirstChild(); n != nil; {
		next := n.NextSibling()
		t, ok := n.(*ast.Text)
		if !ok || t.Segment.Start >= stop {
			break
		}
		para.RemoveChild(para, n)
		n = next
	}
	lines := para.Lines()
	lines.SetSliced(1, lines.Len())
}

// calloutKinds are the markers kb knows, for messages.
func calloutKinds() []string {
	var out []string
	for k := range calloutTitles {
		out = append(out, "[!"+k+"]")
	}
	slices.Sort(out)
	return out
}

// calloutRenderer writes a callout: a note landmark whose title says what
// kind it is.
type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		c := n.(*callout)
		if entering {
			kind := strings.ToLower(c.kind)
			_, _ = w.WriteString(`<div class="callout callout-` + kind + `" role="note"><p class="callout-title">` + calloutTitles[c.kind] + "</p>\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
