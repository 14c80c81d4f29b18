package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkEnd is where a link's text closes (its "]") and where the whole
// link ends, as offsets in the source. goldmark records where a link
// starts (its Pos) but not these, and a standalone copy of the page
// (standalone.go) must find the destination it rewrites: searching the
// source for it would find the same text in the link's label, or in an
// image inside the label.
type linkEnd struct {
	close, end int
}

// linkEnds wraps goldmark's link parser, which runs at every "]" that may
// close a link, and notes where each link it makes closes and ends.
type linkEnds struct {
	parser.InlineParser
}

func (p linkEnds) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n := p.InlineParser.Parse(parent, block, pc)
	if n == nil || len(line) == 0 || line[0] != ']' {
		return n
	}
	if st, _ := pc.Get(stateKey).(*state); st != nil {
		_, pos := block.Position()
		if st.linkEnds == nil {
			st.linkEnds = map[ast.Node]linkEnd{}
		}
		st.linkEnds[n] = linkEnd{close: seg.Start, end: pos.Start}
	}
	return n
}

// CloseBlock passes the end of a block on to goldmark's parser, which
// turns the brackets left open into text there.
func (p linkEnds) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := p.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// inlineParsers are goldmark's default inline parsers, its link parser
// wrapped in linkEnds.
func inlineParsers() []util.PrioritizedValue {
	ps := parser.DefaultInlineParsers()
	for i, p := range ps {
		if ip, ok := p.Value.(parser.InlineParser); ok && bytes.IndexByte(ip.Trigger(), ']') >= 0 {
			ps[i].Value = linkEnds{ip}
		}
	}
	return ps
}
