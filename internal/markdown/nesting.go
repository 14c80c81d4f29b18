package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Nesting: lists, block quotes, footnotes and definition lists nest no
// deeper than maxNesting in each other. goldmark revisits every open
// level on every line, and opens the levels of "> > > > x" or "- - - - x"
// one by one on a single line, so a deep page costs the square of its
// depth. Where a block would open past the limit, the place is reported
// once and the rest of the line is a paragraph.

// depth counts the nesting levels around a block about to open in
// parent, stopping past the limit.
func depth(parent ast.Node) int {
	n := 0
	for p := parent; p != nil && n <= maxNesting; p = p.Parent() {
		switch p.Kind() {
		case ast.KindList, ast.KindBlockquote, east.KindFootnote, east.KindDefinitionList:
			n++
		}
	}
	return n
}

func (st *state) nestedTooDeep(offset int, what string) {
	st.limitOnce("nesting", offset, "this %s is nested %d levels deep; kb allows %d (lists, quotes, footnotes and definitions inside each other count together)", what, maxNesting+1, maxNesting)
}

// depthLimited wraps goldmark's list or block quote parser. Past the
// limit it asks the parser whether the line opens its block, puts the
// reader back, and declines, so that a paragraph takes the line.
type depthLimited struct {
	parser.BlockParser
	what string // for messages: "list", "block quote"
}

func (p depthLimited) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if depth(parent) < maxNesting {
		return p.BlockParser.Open(parent, reader, pc)
	}
	line, pos := reader.Position()
	_, seg := reader.PeekLine()
	node, _ := p.BlockParser.Open(parent, reader, pc)
	reader.SetPosition(line, pos)
	if st, _ := pc.Get(stateKey).(*state); st != nil && node != nil {
		st.nestedTooDeep(seg.Start+max(pc.BlockOffset(), 0)-seg.Padding, p.what)
	}
	return nil, parser.NoChildren
}

// extensionGuard stands before the block parsers of goldmark's footnote
// and definition list extensions, which kb does not construct and so
// cannot wrap like depthLimited. It recognizes the lines that open their
// blocks ("[^x]:" and ": ") and, where one would nest past the limit or
// be a footnote past maxFootnotes, reports it once and opens a paragraph
// instead. It also keeps a paragraph over the limit on inline markers
// from becoming definition terms, which would pass it by inlineLimiter.
type extensionGuard struct {
	para parser.BlockParser
}

func newExtensionGuard() extensionGuard { return extensionGuard{para: parser.NewParagraphParser()} }

func (extensionGuard) Trigger() []byte { return []byte{'[', ':'} }

func (g extensionGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st, _ := pc.Get(stateKey).(*state)
	// Only items stand in a list or a definition list, and another item
	// nests no deeper.
	if k := parent.Kind(); st == nil || k == ast.KindList || k == east.KindDefinitionList {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	pos := max(pc.BlockOffset(), 0)
	if pos >= len(line) {
		return nil, parser.NoChildren
	}
	what := extensionBlockAt(line[pos:])
	if what == "" {
		return nil, parser.NoChildren
	}
	at := seg.Start + pos - seg.Padding
	if what == "footnote" {
		if st.footnotes++; st.footnotes > maxFootnotes {
			st.limitOnce("footnotes", at, "this page has more than %d footnotes; kb allows %d", maxFootnotes, maxFootnotes)
			return g.para.Open(parent, reader, pc)
		}
	}
	// The open paragraph above a definition becomes its terms; one over
	// the marker limit is kept a paragraph, for inlineLimiter to see.
	if p, ok := parent.LastChild().(*ast.Paragraph); ok && what == "definition" {
		if _, over := linesOverflow(p.Lines(), 0, p.Lines().Len(), reader.Source()); over >= 0 {
			return g.para.Open(parent, reader, pc)
		}
	}
	if depth(parent) < maxNesting {
		return nil, parser.NoChildren
	}
	st.nestedTooDeep(at, what)
	return g.para.Open(parent, reader, pc)
}

func (g extensionGuard) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return g.para.Continue(node, reader, pc)
}

func (g extensionGuard) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	g.para.Close(node, reader, pc)
}

// CanInterruptParagraph is true so that the guard is asked about every
// line: a definition starts right under its term.
func (extensionGuard) CanInterruptParagraph() bool { return true }

func (extensionGuard) CanAcceptIndentedLine() bool { return false }

// extensionBlockAt names the block of an extension that b, a line from
// where a block may start, would open: a footnote ("[^x]:", the label at
// most 999 bytes, as goldmark reads it) or a definition (":" and a blank);
// "" otherwise.
func extensionBlockAt(b []byte) string {
	switch b[0] {
	case ':':
		if len(b) > 1 && (b[1] == ' ' || b[1] == '\t') {
			return "definition"
		}
	case '[':
		if len(b) > 2 && b[1] == '^' {
			for i := 2; i < len(b) && i < 1002; i++ {
				if b[i] == ']' {
					if i+1 < len(b) && b[i+1] == ':' {
						return "footnote"
					}
					break
				}
			}
		}
	}
	return ""
}
