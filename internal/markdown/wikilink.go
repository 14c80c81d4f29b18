package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// KindWikiLink is the node kind of a wikilink.
var KindWikiLink = ast.NewNodeKind("WikiLink")

// WikiLink is [[target#fragment|label]]: a link to a page by name or path.
// The link transformer turns it into an ordinary link once resolved, so no
// renderer is needed for it.
type WikiLink struct {
	ast.BaseInline
	Target, Fragment, Label string
	// Offset is where "[[" starts in the source, End where "]]" ends.
	Offset, End int
}

func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

func (n *WikiLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.Target, "Fragment": n.Fragment, "Label": n.Label}, nil)
}

// ParseWikiLink splits the inside of [[...]]: "roles/cto#skills|what a CTO
// does" is target "roles/cto", fragment "skills", label "what a CTO does".
// Blanks around each part are dropped. In a table cell the separator
// must be written "\|" (a bare "|" would end the cell), and is read the
// same: the backslash is no part of the target.
func ParseWikiLink(inner string) (target, fragment, label string) {
	ref, label, found := strings.Cut(inner, "|")
	if found {
		ref = strings.TrimSuffix(ref, `\`)
	}
	target, fragment, _ = strings.Cut(ref, "#")
	return strings.TrimSpace(target), strings.TrimSpace(fragment), strings.TrimSpace(label)
}

// wikiLinkParser reads [[...]] on one line. It runs before goldmark's link
// parser, which shares the "[" trigger, and declines anything else. Inside
// code spans and code blocks nothing is parsed, so [[x]] there stays text.
//
// The inside of a wikilink holds no bracket, so the search for "]]" stops
// at the first bracket: searching on to the line's end from every "[" of
// "[[[[..." would cost the square of the line's length.
type wikiLinkParser struct{}

func (wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (wikiLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	end := bytes.IndexAny(line[2:], "[]\n")
	if end < 0 || !bytes.HasPrefix(line[2+end:], []byte("]]")) {
		return nil
	}
	inner := line[2 : 2+end]
	n := &WikiLink{Offset: seg.Start, End: seg.Start + end + 4}
	n.Target, n.Fragment, n.Label = ParseWikiLink(string(inner))
	block.Advance(end + 4)
	return n
}
