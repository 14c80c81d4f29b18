package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"kb/internal/diag"
)

// Link is a link or image of a document, as the Resolver sees it and as
// Result.Links reports it.
type Link struct {
	// Dest is the destination as written: "../roles/cto.md#skills",
	// "#skills", or for a wikilink its target and fragment, "cto#skills".
	Dest  string
	Wiki  bool
	Image bool
	// Line and Col are the link's place in the file.
	Line, Col int
	// Context is the sentence around the link as rendered, for backlinks;
	// it is filled in for Result.Links, after every link is resolved.
	Context string
	// Target is what the link resolved to.
	Target Target
}

// Target is what a link resolves to.
type Target struct {
	Href  string // the URL to emit
	Title string // the target page's title: a wikilink's text when it has no label
	// Ref is the resolver's own record of the target (a page, say),
	// handed back untouched in Result.Links.
	Ref any
}

// Resolver resolves a link inside the site: a path, a bare fragment or a
// wikilink. It is not called for external URLs. It should have no side
// effects: what a document links to comes back in Result.Links.
type Resolver func(Link) (Target, error)

// linkTransformer resolves every link, image and wikilink that points
// inside the site through the document's Resolver, reporting at the link's
// place those that lead nowhere. External http(s) links get rel="noopener"
// and the class "external". A link whose URL would run script (javascript:,
// vbscript:, data: other than images) is dropped, keeping its text, even
// when raw HTML is allowed. Images without alt text are warned about.
type linkTransformer struct{}

func (linkTransformer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	var links []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.(type) {
			case *ast.Link, *ast.Image, *ast.AutoLink, *WikiLink:
				links = append(links, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range links {
		st.transformLink(n)
	}
	// Contexts last, so that they show every link's final text.
	var text []byte
	for i := range st.links {
		st.links[i].Context, text = sentenceAround(st.linkNodes[i], st.src, text[:0])
	}
}

// resolved records a link that resolved, with the node it ended as.
func (st *state) resolved(l Link, n ast.Node) {
	st.links = append(st.links, l)
	st.linkNodes = append(st.linkNodes, n)
}

func (st *state) transformLink(n ast.Node) {
	switch l := n.(type) {
	case *ast.AutoLink:
		u := l.URL(st.src)
		if isScriptURL(u) {
			replaceWithChildren(n, st.src)
		} else if isHTTP(string(u)) {
			markExternal(n)
		}
	case *WikiLink:
		st.transformWikiLink(l)
	case *ast.Link:
		st.transformDest(n, &l.Destination, false)
	case *ast.Image:
		if plainText(n, st.src) == "" {
			line, col := st.at(linkStart(n, st.src))
			st.errs.Add(diag.Warnf(st.doc.File, line, col, "image %q has no alt text: describe it between ![ and ]", string(l.Destination)))
		}
		st.transformDest(n, &l.Destination, true)
	}
}

func (st *state) transformDest(n ast.Node, dest *[]byte, image bool) {
	d := string(*dest)
	switch {
	case isScriptURL(*dest) && !(image && strings.HasPrefix(strings.ToLower(d), "data:image/")):
		replaceWithChildren(n, st.src)
	case isExternal(d):
		if isHTTP(d) && !image {
			markExternal(n)
		}
	case st.doc.Resolve != nil:
		line, col := st.at(linkStart(n, st.src))
		l := Link{Dest: d, Image: image, Line: line, Col: col}
		t, err := st.doc.Resolve(l)
		if err != nil {
			st.errs.Add(diag.Errorf(st.doc.File, line, col, "%v", err))
			return
		}
		*dest = []byte(t.Href)
		l.Target = t
		st.resolved(l, n)
	}
}

func (st *state) transformWikiLink(w *WikiLink) {
	line, col := st.at(w.Offset)
	parent := w.Parent()
	if w.Target == "" && w.Fragment == "" {
		st.errs.Add(diag.Errorf(st.doc.File, line, col, "empty wikilink: write [[page]], [[page#heading]] or [[page|text]]"))
		parent.ReplaceChild(parent, w, ast.NewString([]byte("[["+w.Label+"]]")))
		return
	}
	dest := w.Target
	if w.Fragment != "" {
		dest += "#" + w.Fragment
	}
	l := Link{Dest: dest, Wiki: true, Line: line, Col: col}
	var t Target
	var err error
	if st.doc.Resolve != nil {
		t, err = st.doc.Resolve(l)
	}
	if err != nil {
		st.errs.Add(diag.Errorf(st.doc.File, line, col, "%v", err))
	}
	label := w.Label
	if label == "" {
		label = t.Title
	}
	if label == "" {
		label = dest
	}
	if err != nil || st.doc.Resolve == nil {
		parent.ReplaceChild(parent, w, ast.NewString([]byte(label)))
		return
	}
	a := ast.NewLink()
	a.Destination = []byte(t.Href)
	a.AppendChild(a, ast.NewString([]byte(label)))
	parent.ReplaceChild(parent, w, a)
	l.Target = t
	st.resolved(l, a)
}

// markExternal lets styles and readers tell links that leave the site, and
// keeps the opened page from reaching back through window.opener.
func markExternal(n ast.Node) {
	n.SetAttributeString("rel", []byte("noopener"))
	n.SetAttributeString("class", []byte("external"))
}

// isExternal says whether a destination names a scheme or another host.
func isExternal(d string) bool {
	if strings.HasPrefix(d, "//") {
		return true
	}
	i := strings.IndexAny(d, ":/?#")
	return i > 0 && d[i] == ':'
}

func isHTTP(d string) bool {
	l := strings.ToLower(d)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "//")
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
	if _, isImage := n.(*ast.Image); isImage && off > 1 && src[off-2] == '!' {
		return off - 2
	}
	return max(off-1, 0)
}
