// Package markdown is the one place goldmark is set up. It turns a page's
// Markdown body into HTML with: GFM (tables, strikethrough, autolinks, task
// lists), footnotes, definition lists and typographic quotes; heading ids
// unique per page and a visible anchor on h2-h4; the page's headings for a
// table of contents; code highlighted by chroma with CSS classes; raw HTML
// escaped unless the site allows it; link destinations rewritten by the
// caller's resolver, and script URLs never emitted as links.
//
// Each construct lives in its own file as a goldmark extension point (an
// AST transformer or a node renderer), in the manner of goldmark's own
// extensions. A Renderer is safe for concurrent use.
package markdown

import (
	"bufio"
	"bytes"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"kb/internal/diag"
)

// Options configure a Renderer.
type Options struct {
	// UnsafeHTML passes raw HTML in Markdown through; otherwise it is
	// escaped and shows as text.
	UnsafeHTML bool
}

// Renderer renders Markdown documents.
type Renderer struct {
	md          goldmark.Markdown
	scratchPool sync.Pool // *scratch, for Render
}

// scratch is Render's working space, reused from page to page: the HTML
// and the text are made in it and copied out at their size, because a
// buffer per page, grown as it fills, would leave the heap of a large site
// strewn with half-empty spans between the pages kept.
type scratch struct {
	html bytes.Buffer
	// out buffers goldmark's writes into html; goldmark would otherwise
	// make a new 4 KB one per page.
	out  *bufio.Writer
	text []byte
	// inline holds one block's text on its way into text.
	inline []byte
}

// New sets up goldmark with every extension the site uses.
func New(opt Options) *Renderer {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(headingRenderer{}, 100),
			util.Prioritized(newCodeRenderer(), 100),
			util.Prioritized(rawHTMLRenderer{unsafe: opt.UnsafeHTML}, 100),
			util.Prioritized(blockRenderer{}, 100),
			util.Prioritized(tableWrapRenderer{}, 100),
		),
	}
	if opt.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithInlineParsers(util.Prioritized(wikiLinkParser{}, 199)),
			parser.WithASTTransformers(
				util.Prioritized(linkTransformer{}, 100),
				util.Prioritized(headingLevelChecker{}, 110),
				util.Prioritized(blockTransformer{}, 120),
				util.Prioritized(tableTransformer{}, 130),
			),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md}
}

// Document is what a page's Markdown is rendered in: where it comes from,
// for positions in messages, and how its links resolve.
type Document struct {
	File     string
	BodyLine int // line of File where the Markdown starts
	Resolve  Resolver
	// Blocks render data blocks by their fence's language ("compare");
	// a fenced block of any other language is code.
	Blocks map[string]BlockRenderer
}

// Result is a rendered document.
type Result struct {
	HTML []byte
	// Headings are every heading with its id, in document order.
	Headings []Heading
	// Links are the links that resolved, in document order.
	Links []Link
	// Sections are the document's plain text, split at its headings.
	Sections []TextSection
}

// Render renders src. Problems (links that lead nowhere) come back with
// their place in doc.File; the HTML is still complete.
func (r *Renderer) Render(src []byte, doc Document) (Result, diag.List) {
	st := &state{doc: doc, src: src}
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	pc.Set(stateKey, st)
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	sc, _ := r.scratchPool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
		sc.out = bufio.NewWriter(&sc.html)
	}
	defer r.scratchPool.Put(sc)
	sc.html.Reset()
	sc.html.Grow(len(src) * 3 / 2)
	sc.out.Reset(&sc.html) // drops what a failed render left buffered
	// goldmark flushes out when it is done.
	if err := r.md.Renderer().Render(sc.out, src, root); err != nil {
		st.errs.Add(diag.Errorf(doc.File, doc.BodyLine, 0, "rendering Markdown: %v", err))
	}
	secs := sc.sections(root, src)
	return Result{HTML: bytes.Clone(sc.html.Bytes()), Headings: headings(root, src), Links: st.links, Sections: secs}, st.errs
}

// RenderInline renders a short Markdown value (a profile value, say)
// without the paragraph around it; a value of several blocks keeps them.
func (r *Renderer) RenderInline(src []byte, doc Document) (Result, diag.List) {
	res, errs := r.Render(src, doc)
	h := bytes.TrimSpace(res.HTML)
	if inner, ok := bytes.CutPrefix(h, []byte("<p>")); ok {
		if inner, ok := bytes.CutSuffix(inner, []byte("</p>")); ok && !bytes.Contains(inner, []byte("<p>")) {
			h = inner
		}
	}
	res.HTML = h
	return res, errs
}

// state carries a document's context through goldmark's transformers.
type state struct {
	doc   Document
	src   []byte
	errs  diag.List
	lines []int // offsets of line starts in src, computed on first use
	// links are the resolved links and linkNodes the nodes they became.
	links     []Link
	linkNodes []ast.Node
}

var stateKey = parser.NewContextKey()

// at converts an offset in the Markdown body to a line and column of the
// file (columns count characters, as editors do).
func (s *state) at(offset int) (line, col int) {
	if s.lines == nil {
		s.lines = []int{0}
		for i, c := range s.src {
			if c == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	i := len(s.lines) - 1
	for i > 0 && s.lines[i] > offset {
		i--
	}
	col = len([]rune(string(s.src[s.lines[i]:min(offset, len(s.src))]))) + 1
	return s.doc.BodyLine + i, col
}
