package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kbsite/kb/internal/diag"
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
// place those that lead nowhere. What is inside the site is decided as a
// browser would (schemes.go): a destination with no scheme, however it is
// spelled ("%6A%61vascript:x" is a file name), is checked. External http(s)
// links get rel="noopener" and the class "external"; other schemes
// (mailto:, tel:, ones kb does not know) pass as they are. A link whose URL
// would run script or read local files (javascript:, vbscript:, data:
// other than raster images, file:) is warned about and shown as its text,
// even when raw HTML is allowed. Images without alt text are warned about.
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
	st.editDefinitions(root)
	// Contexts last, so that they show every link's final text.
	setContexts(st.links, st.linkNodes, st.src)
}

// resolved records a link that resolved, with the node it ended as.
func (st *state) resolved(l Link, n ast.Node) {
	st.links = append(st.links, l)
	st.linkNodes = append(st.linkNodes, n)
}

func (st *state) transformLink(n ast.Node) {
	switch l := n.(type) {
	case *ast.AutoLink:
		switch kind, scheme := classify(string(l.URL(st.src)), false); {
		case kind == linkRefused:
			st.refuse(n, scheme, false)
		case scheme == "http" || scheme == "https":
			markExternal(n)
			st.addExternal(n, util.URLEscape(l.URL(st.src), false), false)
		}
	case *WikiLink:
		st.transformWikiLink(l)
	case *ast.Link:
		if st.overReferenceBudget(n, l.Reference, l.Destination, l.Title) {
			return
		}
		st.transformDest(n, &l.Destination, false)
	case *ast.Image:
		if st.overReferenceBudget(n, l.Reference, l.Destination, l.Title) {
			return
		}
		if plainText(n, st.src) == "" {
			line, col := st.at(linkStart(n, st.src))
			st.errs.Add(diag.Warnf(st.doc.File, line, col, "image %q has no alt text: describe it between ![ and ]", string(l.Destination)))
		}
		st.transformDest(n, &l.Destination, true)
	}
}

// overReferenceBudget counts what a reference link copies from its
// definition and, past maxReferenceBytes or the page's size, reports it
// and shows the link as its text.
func (st *state) overReferenceBudget(n ast.Node, ref *ast.ReferenceLink, dest, title []byte) bool {
	if ref == nil {
		return false
	}
	st.refBytes += len(dest) + len(title)
	if st.refBytes <= max(maxReferenceBytes, len(st.src)) {
		return false
	}
	st.limitOnce("references", linkStart(n, st.src), "reference links on this page copy more than %s of URLs and titles from their definitions; kb allows %s or the page's own size, if larger: use fewer references to long URLs", size(max(maxReferenceBytes, len(st.src))), size(maxReferenceBytes))
	replaceWithChildren(n, st.src)
	return true
}

// decodeDest is a destination as goldmark writes it out, before
// percent-encoding: backslash escapes and character references resolved,
// so that "&#106;avascript:" is seen as the "javascript:" a browser gets.
func decodeDest(d []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(d))))
}

// refuse reports a link or image to a scheme kb does not emit and puts
// its text in its place.
func (st *state) refuse(n ast.Node, scheme string, image bool) {
	line, col := st.at(linkStart(n, st.src))
	switch {
	case image && scheme == "data":
		st.warnf(line, col, "image from data: is not allowed unless it is a PNG, GIF, JPEG or WebP image; it is shown as its alt text")
	case image:
		st.warnf(line, col, "image from %s: is not allowed and is shown as its alt text", scheme)
	default:
		st.warnf(line, col, "link to %s: is not allowed and is shown as text", scheme)
	}
	st.editRefused(n)
	replaceWithChildren(n, st.src)
}

func (st *state) transformDest(n ast.Node, dest *[]byte, image bool) {
	d := string(*dest)
	kind, scheme := classify(decodeDest(*dest), image)
	switch {
	case kind == linkRefused:
		st.refuse(n, scheme, image)
	case kind == linkExternal:
		web := scheme == "http" || scheme == "https" || scheme == ""
		if web && !image {
			markExternal(n)
		}
		if web {
			st.addExternal(n, util.URLEscape(*dest, true), image)
		}
	case st.doc.Resolve != nil:
		line, col := st.at(linkStart(n, st.src))
		l := Link{Dest: d, Image: image, Line: line, Col: col}
		t, err := st.doc.Resolve(l)
		if err != nil {
			st.errs.Add(diag.Errorf(st.doc.File, line, col, "%v", err))
			return
		}
		written := *dest
		*dest = []byte(t.Href)
		l.Target = t
		st.resolved(l, n)
		st.editLink(n, written, len(st.links)-1)
	}
}

func (st *state) transformWikiLink(w *WikiLink) {
	line, col := st.at(w.Offset)
	parent := w.Parent()
	if w.Target == "" && w.Fragment == "" {
		st.errs.Add(diag.Errorf(st.doc.File, line, col, "empty wikilink: write [[page]], [[page#heading]] or [[page|text]]"))
		// Shown as written, "[[|text]]" too: its inside holds no
		// bracket, so it ends at the first "]]".
		written := st.src[w.Offset:]
		written = written[:bytes.Index(written, []byte("]]"))+2]
		parent.ReplaceChild(parent, w, ast.NewString(bytes.Clone(written)))
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
	st.editWiki(w, label, len(st.links)-1)
}

// addExternal records a link or image to another site at its place, with
// the URL goldmark writes into the page (escapes resolved, then
// percent-encoded), which is the one a reader's browser requests.
func (st *state) addExternal(n ast.Node, url []byte, image bool) {
	off := linkStart(n, st.src)
	if a, ok := n.(*ast.AutoLink); ok {
		off = autoLinkStart(a, off, st.src)
	}
	line, col := st.at(off)
	st.external = append(st.external, Link{Dest: string(url), Image: image, Line: line, Col: col})
}

// autoLinkStart is where an autolink starts: its "<", or its first
// character for a bare URL, which goldmark places at the space or
// punctuation before it that set its parser off.
func autoLinkStart(a *ast.AutoLink, pos int, src []byte) int {
	label := a.Label(src)
	end := min(len(src), pos+len(label)+2)
	if pos < 0 || pos > end {
		return max(pos, 0)
	}
	i := bytes.Index(src[pos:end], label)
	switch {
	case i < 0:
		return pos
	case i > 0 && src[pos+i-1] == '<':
		return pos + i - 1
	}
	return pos + i
}

// markExternal lets styles and readers tell links that leave the site, and
// keeps the opened page from reaching back through window.opener.
func markExternal(n ast.Node) {
	n.SetAttributeString("rel", []byte("noopener"))
	n.SetAttributeString("class", []byte("external"))
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
