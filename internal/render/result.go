package render

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/site"
)

// Result is a site's pages rendered, by page.
type Result struct {
	pages []Page // by index of site.Pages
	// of are the site's Pages, which the result's pages are of.
	of []*site.Page
	// glossary is the glossary page's terms, which articles link; nil
	// without one.
	glossary *markdown.Glossary
}

// Page is one page rendered.
type Page struct {
	Body Body
	// Profile is an article's profile values rendered, by dimension id;
	// ProfileLinks are their resolved links.
	Profile      map[string][]template.HTML
	ProfileLinks []markdown.Link
	// ProfileExternal are the profile values' links to other sites, each
	// at its place in the front matter.
	ProfileExternal []markdown.Link
	// Item is the page as an entry of a list: the theme's "page-item"
	// partial, run once for every list that shows the page.
	Item template.HTML
	// Problems are those of the page's Markdown, profile and list entry.
	Problems diag.List
	// SourceSum is the SHA-256 of the Markdown body the page was rendered
	// from, when a memo keeps it (see Memo); zero otherwise.
	SourceSum [sha256.Size]byte
}

// Body is a page's Markdown rendered, waiting for its layout.
type Body struct {
	html     []byte
	Headings []markdown.Heading
	// Links are the body's resolved links, in order.
	Links []markdown.Link
	// External are the body's links to other sites, in order.
	External []markdown.Link
	// Sections are the body's text by heading, for the search index.
	Sections []markdown.TextSection
	// Edits are what the page's Markdown copy writes differently from
	// its source (see markdown.Standalone).
	Edits []markdown.Edit
	// Words counts the Markdown's words, for the reading time, and Size
	// its bytes.
	Words, Size int
	// HasCompare says the body shows a comparison table.
	HasCompare bool
	// Terms are the terms the glossary page defines, with their aliases.
	Terms []markdown.Term
	// HasTerms says the body links glossary terms, whose links show
	// preview cards.
	HasTerms bool
	// Digest is the HTML's SHA-256: layout keys stand for the body by it
	// (see theme.LayoutKey).
	Digest [sha256.Size]byte
	// held places the HTML in a file when it waits there rather than
	// in html: the spill file, or the memo file it was reused from.
	held heldHTML
}

// heldHTML is where in a file a body's HTML waits; size 0 for none.
// HTML kept from the last build is checked against the body's digest
// when read back: a cache file changed by hand must not become a page.
type heldHTML struct {
	in    io.ReaderAt
	at    int64
	size  int
	check bool
}

func newResult(s *site.Site) *Result {
	return &Result{pages: make([]Page, len(s.Pages)), of: s.Pages}
}

// index is p's index in r.pages, if r has it.
func (r *Result) index(p *site.Page) (int, bool) {
	i := p.Index()
	return i, i >= 0 && i < len(r.of) && r.of[i] == p
}

// Of is page p rendered; the zero Page for a page the site does not
// render (the 404 page). During a one-shot build's layouts, ask only for
// the page being laid out (see ReleaseHTML); other pages' parts have
// accessors of their own (List, Compare).
func (r *Result) Of(p *site.Page) Page {
	if i, ok := r.index(p); ok {
		return r.pages[i]
	}
	return Page{}
}

// ReleaseHTML lets go of p's body HTML, for a one-shot build once p's
// layout has run: a large site's HTML need not all be held to the end.
// It may run while other pages' layouts read the result.
func (r *Result) ReleaseHTML(p *site.Page) {
	if i, ok := r.index(p); ok {
		r.pages[i].Body.html = nil
	}
}

// WithoutHTML is a copy of the result whose bodies hold no HTML, for
// work that runs beside a one-shot build's layouts, which let each
// body's HTML go as they go (see ReleaseHTML): reading a page of the
// result itself there would race with that. Make it before the layouts
// start; it shares everything else with the result.
func (r *Result) WithoutHTML() *Result {
	next := *r
	next.pages = slices.Clone(r.pages)
	for i := range next.pages {
		next.pages[i].Body.html, next.pages[i].Body.held = nil, heldHTML{}
	}
	return &next
}

// ReleaseSections lets go of every page's text by heading, for a one-shot
// build once the search index has it.
func (r *Result) ReleaseSections() {
	for i := range r.pages {
		r.pages[i].Body.Sections = nil
	}
}

// HTML is a body's HTML, read back from the file it waits in if it
// does (see heldHTML).
func (r *Result) HTML(b Body) ([]byte, error) {
	if b.held.size == 0 {
		return b.html, nil
	}
	html := make([]byte, b.held.size)
	if _, err := b.held.in.ReadAt(html, b.held.at); err != nil {
		if f, ok := b.held.in.(interface{ Name() string }); ok && !strings.Contains(err.Error(), f.Name()) {
			err = fmt.Errorf("%s: %w", f.Name(), err) // io.EOF, from a file cut short, names none
		}
		return nil, err
	}
	if b.held.check && sha256.Sum256(html) != b.Digest {
		return nil, errors.New("the HTML kept from the last build is not what it rendered")
	}
	return html, nil
}

// Rendered is what the link graph needs of every page, by index of
// site.Pages: its links, the body's then the profile's, and its heading
// ids. Made on all cores: a preview rebuild waits for them, and for the
// link graph, before it lays out the open page (3 ms of processor time
// at 10,000 pages, CPU profiles of 60 title edits).
func (r *Result) Rendered() []site.Rendered {
	out := make([]site.Rendered, len(r.pages))
	parallel.For(len(r.pages), func(i int) {
		p := &r.pages[i]
		ids := HeadingIDs(p.Body.Headings)
		for _, t := range p.Body.Terms {
			ids = append(ids, t.ID) // links may point at a term's <dfn>
		}
		out[i] = site.Rendered{Links: append(p.Body.Links[:len(p.Body.Links):len(p.Body.Links)], p.ProfileLinks...), IDs: ids}
	})
	return out
}

// WithBody is the result with page p's body replaced, and the problems of
// its old body with those of the new one: a text edit's result. The
// receiver is left as it was.
func (r *Result) WithBody(p *site.Page, b Body, errs diag.List) *Result {
	i, _ := r.index(p)
	next := *r
	next.pages = append([]Page(nil), r.pages...)
	pg := &next.pages[i]
	pg.Problems = append(frontProblems(pg.Problems, p.File, p.BodyLine, errs), errs...)
	pg.Body = b
	return &next
}

// frontProblems keeps the problems that sit above a page's body (its
// profile values, in the front matter) and drops those of its old body,
// and those the new body's render found again (the glossary's front
// matter, which its body lists).
func frontProblems(l diag.List, file string, bodyLine int, again diag.List) diag.List {
	var kept diag.List
	for _, d := range l {
		if d.File == file && d.Line < bodyLine && !slices.Contains(again, d) {
			kept = append(kept, d)
		}
	}
	return kept
}

// Problems are every page's problems, unsorted.
func (r *Result) Problems() diag.List {
	var errs diag.List
	for _, p := range r.pages {
		errs.Add(p.Problems...)
	}
	return errs
}

// Sections are every page's text by heading, by index of site.Pages, for
// the search index.
func (r *Result) Sections() [][]markdown.TextSection {
	out := make([][]markdown.TextSection, len(r.pages))
	for i, p := range r.pages {
		out[i] = p.Body.Sections
	}
	return out
}

// HeadingIDs are the ids of headings, in order.
func HeadingIDs(hs []markdown.Heading) []string {
	ids := make([]string, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
	}
	return ids
}
