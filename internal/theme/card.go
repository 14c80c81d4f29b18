package theme

import (
	"html/template"
	"slices"
	"text/template/parse"
)

// Card is a page's social card: the image that link previews on social
// sites and in chat apps show for the page (see View.Card). The build
// draws it; the theme only links it.
type Card struct {
	// Path is the image's site-relative path ("roles/cto/card.png").
	// Link previews need an absolute URL: {{absURL .Card.Path}}.
	Path string
	// Width and Height are its size in pixels.
	Width, Height int
	// Alt is the text it shows first, for og:image:alt: the site's name,
	// the section and the title ("Site / Roles: CTO").
	Alt string
}

// LinksCards reports whether the theme's layouts or partials use the
// view's Card field: kb draws social cards only for a theme that links
// them, so that a theme without them costs no drawing.
func (th *Theme) LinksCards() bool { return th.linksCards }

// usesField reports whether a template of t (any it defines) names a
// field or method name: .Card, $.Card, or (.X).Card. Read before the
// first execution, which rewrites the trees as it escapes them.
func usesField(t *template.Template, name string) bool {
	for _, tt := range t.Templates() {
		if tt.Tree != nil && nodeUses(tt.Tree.Root, name) {
			return true
		}
	}
	return false
}

func nodeUses(n parse.Node, name string) bool {
	branch := func(b *parse.BranchNode) bool {
		return nodeUses(b.Pipe, name) || nodeUses(b.List, name) || b.ElseList != nil && nodeUses(b.ElseList, name)
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if nodeUses(c, name) {
				return true
			}
		}
	case *parse.ActionNode:
		return nodeUses(n.Pipe, name)
	case *parse.IfNode:
		return branch(&n.BranchNode)
	case *parse.RangeNode:
		return branch(&n.BranchNode)
	case *parse.WithNode:
		return branch(&n.BranchNode)
	case *parse.TemplateNode:
		return n.Pipe != nil && nodeUses(n.Pipe, name)
	case *parse.PipeNode:
		if n == nil {
			return false
		}
		for _, c := range n.Cmds {
			if nodeUses(c, name) {
				return true
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			if nodeUses(a, name) {
				return true
			}
		}
	case *parse.FieldNode:
		return slices.Contains(n.Ident, name)
	case *parse.VariableNode:
		return slices.Contains(n.Ident[1:], name)
	case *parse.ChainNode:
		return slices.Contains(n.Field, name) || nodeUses(n.Node, name)
	}
	return false
}
