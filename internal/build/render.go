package build

import (
	"bytes"
	"fmt"
	"html/template"
	"kb/internal/output"
	"path"
	"time"

	"kb/internal/content"
	"kb/internal/diag"
	"kb/internal/markdown"
	"kb/internal/parallel"
	"kb/internal/site"
	"kb/internal/theme"
)

// body is a page's Markdown rendered, waiting for its layout.
type body struct {
	html     []byte
	headings []markdown.Heading
	// links are the body's resolved links; the page's graph entry adds
	// its profile's after them.
	links []markdown.Link
	// sections are the body's text by heading, for the search index.
	sections []markdown.TextSection
	// words counts the Markdown's words, for the reading time.
	words int
	// spilledAt and spilledSize place the HTML in the pass's spill file
	// when it waits there rather than in html.
	spilledAt   int64
	spilledSize int
}

// pass is one render of a whole site. It is kept after a build so that an
// edit to one page's text can redo just that page and the pages that
// show its links (see Builder).
type pass struct {
	s  *site.Site
	th *theme.Theme
	md *markdown.Renderer

	bodies   []body          // by page index
	graph    []site.Rendered // by page index
	mdErrs   []diag.List     // problems of each page's Markdown and profile
	layErrs  []diag.List     // problems of each layout run, by page index, then the 404 page
	linkErrs diag.List       // problems of the link graph
	places   []output.Place  // where each page's path comes from, by page index
	partials *partialCache   // cached partials of the current layout run
	index    map[*site.Page]int
	// dropBodies releases each page's Markdown source and front matter
	// once rendered, and its HTML once its layout has run (see
	// Builder.once).
	dropBodies bool
	// spill, when set, keeps rendered HTML past a budget in a file.
	spill *spill
	// deadline bounds one page's Markdown rendering (see guard.go).
	deadline time.Duration
}

func newPass(s *site.Site, th *theme.Theme, md *markdown.Renderer) *pass {
	n := len(s.Pages)
	ps := &pass{
		s: s, th: th, md: md,
		bodies:   make([]body, n),
		graph:    make([]site.Rendered, n),
		mdErrs:   make([]diag.List, n),
		layErrs:  make([]diag.List, n+1),
		index:    make(map[*site.Page]int, n),
		places:   make([]output.Place, n),
		deadline: renderDeadline,
	}
	for i, p := range s.Pages {
		ps.index[p] = i
		ps.places[i] = pagePlace(p)
	}
	return ps
}

// renderAll renders every page's content in four steps: list entries and
// profile values, which lists and compare tables anywhere may show; the
// Markdown of every page; then the link graph, which needs every page's
// links and headings (anchors, backlinks, related pages). All but the
// last run on all cores; results keep the site's page order, so output
// never depends on scheduling. The layouts come after (layoutAll).
func (ps *pass) renderAll() {
	s := ps.s
	// List entries first: lists in Markdown (citations) show them too.
	parallel.For(len(s.Pages), ps.renderListItem)
	profileLinks := make([][]markdown.Link, len(s.Pages))
	parallel.For(len(s.Pages), func(i int) {
		if p := s.Pages[i]; len(p.ProfileValues) > 0 {
			profileLinks[i], ps.mdErrs[i] = renderProfile(s, ps.md, p)
		}
	})
	parallel.For(len(s.Pages), func(i int) {
		b, errs := ps.renderBodyGuarded(s.Pages[i])
		if ps.dropBodies {
			// Rendered: the source is not needed again, nor the front
			// matter's key places, which only messages use.
			s.Pages[i].Body = nil
			s.Pages[i].Front = nil
		}
		ps.mdErrs[i].Add(errs...)
		ps.spill.keep(&b)
		ps.bodies[i] = b
		ps.graph[i] = site.Rendered{Links: append(b.links, profileLinks[i]...), IDs: headingIDs(b.headings)}
	})
	ps.linkErrs = s.Link(ps.graph)
}

// layoutAll runs every layout on all cores and hands each page to out as
// it is done, through one reused buffer per core, so the build never holds
// more than a few laid-out pages. Paths are reserved first, in page order,
// so a clash is reported the same way whatever the scheduling.
func (ps *pass) layoutAll(out *output.Tree) {
	n := len(ps.layErrs)
	ps.partials = newPartialCache(ps.th)
	reserved := make([]bool, n) // a page whose path clashes is laid out for its errors, not written
	for i := range n {
		ps.layErrs[i] = nil
		reserved[i] = out.Reserve(ps.outPath(i), ps.place(i))
	}
	parallel.Each(n, func() *bytes.Buffer { return new(bytes.Buffer) }, func(buf *bytes.Buffer, i int) {
		buf.Reset()
		if ps.layErrs[i] = ps.layoutGuarded(i, buf); ps.layErrs[i] == nil && reserved[i] {
			out.Write(ps.outPath(i), buf.Bytes())
		}
	})
}

// outPath is where page i's layout goes; i == len(s.Pages) is the 404 page.
func (ps *pass) outPath(i int) string {
	if i == len(ps.s.Pages) {
		return "404.html"
	}
	return path.Join(ps.s.Pages[i].URL, "index.html")
}

// place is where page i's path comes from, for clash messages: its
// slug when it has one, else its file; i == len(s.Pages) is the 404 page,
// kb's own.
func (ps *pass) place(i int) output.Place {
	if i == len(ps.s.Pages) {
		return output.Place{}
	}
	return ps.places[i]
}

// pagePlace is where p's path comes from. It is taken before rendering,
// which drops the front matter's key places in a one-shot build.
func pagePlace(p *site.Page) output.Place {
	pl := output.Place{File: p.File, Line: 1, Col: 1}
	if p.File == "" {
		return output.Place{} // a generated page: kb's
	}
	if p.Front != nil && p.Slug != "" {
		pl.Line, pl.Col = p.Front.At("slug")
	}
	return pl
}

// renderBody renders a page's Markdown body.
func (ps *pass) renderBody(p *site.Page, src []byte) (body, diag.List) {
	if len(src) == 0 {
		return body{}, nil
	}
	res, errs := ps.md.Render(src, markdown.Document{
		File:     p.File,
		BodyLine: p.BodyLine,
		Resolve:  func(l markdown.Link) (markdown.Target, error) { return ps.s.Resolve(p, l) },
		Blocks: map[string]markdown.BlockRenderer{
			"compare":   markdown.CompareBlock(comparer(ps.s, ps.th, p)),
			"citations": citations(ps.s, ps.th),
		},
	})
	return body{html: res.HTML, headings: res.Headings, links: res.Links, sections: res.Sections, words: countWords(src)}, errs
}

// renderListItem renders page i as a list entry, once, for every list
// that shows it; a theme without a "page-item" partial does without.
func (ps *pass) renderListItem(i int) {
	p := ps.s.Pages[i]
	if !ps.th.HasPartial("page-item") {
		return
	}
	var buf bytes.Buffer
	if err := ps.th.ExecutePartial(&buf, "page-item", p); err != nil {
		ps.mdErrs[i].Add(withPage(err, p))
		return
	}
	p.ListItem = template.HTML(buf.String())
}

// layout runs page i's layout into buf; i == len(s.Pages) is the 404 page.
func (ps *pass) layout(i int, buf *bytes.Buffer) diag.List {
	s := ps.s
	if i == len(s.Pages) {
		return renderNotFound(s, ps.th, ps.partials, buf)
	}
	p := s.Pages[i]
	b := ps.bodies[i]
	html, err := ps.spill.html(b)
	if err != nil {
		return diag.List{withPage(fmt.Errorf("reading the rendered page back: %v", err), p)}
	}
	b.html = html
	buf.Grow(len(html) + 16<<10) // the body, and the page around it
	if err := ps.th.Execute(buf, string(p.Kind), newView(s, p, b, ps.partials)); err != nil {
		return diag.List{withPage(err, p)}
	}
	if ps.dropBodies {
		ps.bodies[i].html = nil
	}
	return nil
}

// problems are every problem of the pass, unsorted.
func (ps *pass) problems() diag.List {
	errs := append(diag.List{}, ps.linkErrs...)
	for _, l := range ps.mdErrs {
		errs.Add(l...)
	}
	for _, l := range ps.layErrs {
		errs.Add(l...)
	}
	return errs
}

func headingIDs(hs []markdown.Heading) []string {
	ids := make([]string, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
	}
	return ids
}

func renderNotFound(s *site.Site, th *theme.Theme, parts *partialCache, buf *bytes.Buffer) diag.List {
	p := site.NewPage(&content.Page{Kind: "404", Title: "Page not found", Terms: map[string][]string{}})
	p.Parent = s.Home
	if err := th.Execute(buf, "404", newView(s, p, body{}, parts)); err != nil {
		return diag.List{withPage(err, p)}
	}
	return nil
}

// withPage adds to a template error the page it failed on, since one
// layout serves many pages.
func withPage(err error, p *site.Page) diag.Diagnostic {
	d, ok := err.(diag.Diagnostic)
	if !ok {
		d = diag.Errorf("", 0, 0, "%v", err)
	}
	what := p.File
	switch {
	case p.Kind == "404":
		what = "404.html"
	case what == "":
		what = "/" + p.URL
	}
	d.Msg += " (rendering " + what + ")"
	return d
}
