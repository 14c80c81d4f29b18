// Package markdown is the one place goldmark is set up. It turns a page's
// Markdown body into HTML with: GFM (tables, strikethrough, autolinks, task
// lists), footnotes, definition lists and typographic quotes; heading ids
// unique per page, made from the text or set with {#id}, and a visible
// anchor on h2-h4; the page's headings for a table of contents; code
// highlighted by chroma with CSS classes; raw HTML escaped unless the site
// allows it; link destinations rewritten by the caller's resolver, and
// links that would run script or read local files never emitted.
//
// No input panics, and none costs more than linear time: a page over a
// size limit is refused, and blocks that cross a limit on what makes
// goldmark or chroma slow (nesting, inline markers, table cells,
// references, code to highlight) are errors at their place and render as
// plain text (limits.go).
//
// Each construct lives in its own file as a goldmark extension point (an
// AST transformer, a block parser or a node renderer), in the manner of
// goldmark's own extensions. A Renderer is safe for concurrent use.
package markdown

import (
	"bufio"
	"bytes"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/kbsite/kb/internal/diag"
)

// Options configure a Renderer.
type Options struct {
	// UnsafeHTML passes raw HTML in Markdown through; otherwise it is
	// escaped and shows as text.
	UnsafeHTML bool
	// ReservedIDs are the element ids the theme's layouts put on every
	// page around the Markdown ("main", the skip link's target, say). A
	// heading id set to one is an error, and an id made from a heading's
	// text skips them ("main-1"), so that no page holds an id twice.
	ReservedIDs []string
}

// Renderer renders Markdown documents.
type Renderer struct {
	md       goldmark.Markdown
	reserved []string
	// code highlights fenced code; tests shorten its time budget.
	code        *codeRenderer
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
	code := newCodeRenderer(maxHighlightTime)
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(headingRenderer{}, 100),
			util.Prioritized(code, 100),
			util.Prioritized(rawHTMLRenderer{unsafe: opt.UnsafeHTML}, 100),
			util.Prioritized(blockRenderer{}, 100),
			util.Prioritized(tableWrapRenderer{}, 100),
			util.Prioritized(calloutRenderer{}, 100),
			util.Prioritized(dfnRenderer{}, 100),
		),
	}
	if opt.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithParser(newParser()),
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithInlineParsers(util.Prioritized(wikiLinkParser{}, 199)),
			parser.WithASTTransformers(
				util.Prioritized(headingLevelChecker{}, 110),
				util.Prioritized(blockTransformer{}, 120),
				util.Prioritized(tableTransformer{}, 130),
				util.Prioritized(calloutTransformer{}, 135),
				// After blockTransformer: data blocks are not code.
				util.Prioritized(code, 140),
				// After goldmark's footnote transformer (999), which drops
				// the footnotes nothing refers to: their links are not on
				// the page.
				util.Prioritized(linkTransformer{}, 1000),
				// After links, which they count and must not nest in.
				util.Prioritized(termDefiner{}, 1010),
				util.Prioritized(termLinker{}, 1020),
			),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md, reserved: slices.Clone(opt.ReservedIDs), code: code}
}

// newParser is goldmark's parser with its default block parsers, but
// headings read their attributes and get their ids here (attributes.go),
// blocks nest no deeper than maxNesting (nesting.go) and paragraphs are
// checked before their inline content is parsed (limits.go). goldmark's
// own heading attributes and automatic ids are off.
func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(
			util.Prioritized(newExtensionGuard(), 99),
			util.Prioritized(headingParser{BlockParser: parser.NewSetextHeadingParser()}, 100),
			util.Prioritized(parser.NewThematicBreakParser(), 200),
			util.Prioritized(depthLimited{BlockParser: parser.NewListParser(), what: "list"}, 300),
			util.Prioritized(parser.NewListItemParser(), 400),
			util.Prioritized(parser.NewCodeBlockParser(), 500),
			util.Prioritized(headingParser{BlockParser: parser.NewATXHeadingParser(), atx: true}, 600),
			util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
			util.Prioritized(depthLimited{BlockParser: parser.NewBlockquoteParser(), what: "block quote"}, 800),
			util.Prioritized(parser.NewHTMLBlockParser(), 900),
			util.Prioritized(parser.NewParagraphParser(), 1000),
		),
		parser.WithInlineParsers(inlineParsers()...),
		parser.WithParagraphTransformers(
			util.Prioritized(inlineLimiter{}, 0),
			util.Prioritized(parser.LinkReferenceParagraphTransformer, 100),
		),
	)
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
	// Glossary, when set, links the first use of each of its terms
	// (termlinks.go), but for those Title uses: a page is about what its
	// title names, and its readers know the word.
	Glossary *Glossary
	Title    string
	// DefinesTerms marks the glossary page: the terms of its definition
	// lists become <dfn>s with ids, returned in Result.Terms
	// (definitions.go); DataTerms, the terms its front matter defines,
	// are listed after its text.
	DefinesTerms bool
	DataTerms    []DataTerm
}

// Result is a rendered document.
type Result struct {
	HTML []byte
	// Headings are every heading with its id, in document order.
	Headings []Heading
	// Links are the links that resolved, in document order.
	Links []Link
	// External are the links and images to other sites over http(s),
	// in document order: Dest is the URL as the browser gets it (a
	// scheme-relative "//host/x" as written), and Line and Col its place.
	// kb check -external checks them; a build does not.
	External []Link
	// Sections are the document's plain text, split at its headings (and
	// at its terms, on the glossary page).
	Sections []TextSection
	// Edits are what a copy of the Markdown read away from the site
	// must write differently (see Standalone), in document order.
	Edits []Edit
	// Terms are the terms the document defines, with DefinesTerms.
	Terms []Term
	// TermLinks counts the uses of glossary terms linked.
	TermLinks int
}

// Render renders src. Problems (links that lead nowhere) come back with
// their place in doc.File; the HTML is still complete, except for a page
// over the size limit, which is not rendered at all.
func (r *Renderer) Render(src []byte, doc Document) (Result, diag.List) {
	st := &state{doc: doc, src: src, ids: newIDs(r.reserved)}
	if doc.DefinesTerms {
		st.termIDs = map[ast.Node]string{}
	}
	if !st.checkSize() {
		return Result{}, st.errs
	}
	pc := parser.NewContext(parser.WithIDs(st.ids))
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
	secs := sc.sections(root, src, st.termIDs)
	slices.SortStableFunc(st.edits, func(a, b Edit) int { return a.Start - b.Start })
	return Result{HTML: bytes.Clone(sc.html.Bytes()), Headings: headings(root, src), Links: st.links, External: st.external, Sections: secs, Edits: st.edits, Terms: st.terms, TermLinks: st.termLinks}, st.errs
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

// state carries a document's context through goldmark's parsers and
// transformers.
type state struct {
	doc   Document
	src   []byte
	errs  diag.List
	ids   *ids
	lines []int // offsets of line starts in src, computed on first use
	// last is the place at computed last, from which the next one,
	// usually further on the same line, is counted.
	last struct{ offset, line, col int }
	// links are the resolved links and linkNodes the nodes they became.
	links     []Link
	linkNodes []ast.Node
	// external are the links to other sites (Result.External).
	external []Link
	// linkEnds are where each link closes and ends (linkends.go), and
	// edits what a standalone copy rewrites (standalone.go).
	linkEnds map[ast.Node]linkEnd
	edits    []Edit
	refUses  []refUse
	// limited records the limits reported (limits.go); tableCells,
	// refBytes and footnotes are what the page has used of three of them.
	limited    map[string]bool
	tableCells int
	refBytes   int
	footnotes  int
	// terms are the glossary page's terms, and termIDs the id of each
	// one's <dt>, for the search index's sections.
	terms     []Term
	termIDs   map[ast.Node]string
	termLinks int
	// runText and runStarts are the term linker's buffers, reused from
	// one run of text to the next.
	runText   []byte
	runStarts []int
}

var stateKey = parser.NewContextKey()

// at converts an offset in the Markdown body to a line and column of the
// file (columns count characters, as editors do). Lines are found by
// binary search and columns counted on from the last place asked when it
// is earlier on the same line, so that many places on one long line do
// not each count it from its start.
func (s *state) at(offset int) (line, col int) {
	if s.lines == nil {
		s.lines = []int{0}
		for i, c := range s.src {
			if c == '\n' {
				s.lines = append(s.lines, i+1)
			}
		}
	}
	offset = min(max(offset, 0), len(s.src))
	i := sort.SearchInts(s.lines, offset+1) - 1
	from, col := s.lines[i], 1
	if l := s.last; l.line == i && l.offset <= offset && l.offset >= from && l.col > 0 {
		from, col = l.offset, l.col
	}
	col += utf8.RuneCount(s.src[from:offset])
	s.last.offset, s.last.line, s.last.col = offset, i, col
	return s.doc.BodyLine + i, col
}

func (s *state) errorf(line, col int, format string, args ...any) {
	s.errs.Add(diag.Errorf(s.doc.File, line, col, format, args...))
}

func (s *state) warnf(line, col int, format string, args ...any) {
	s.errs.Add(diag.Warnf(s.doc.File, line, col, format, args...))
}
