package build

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync/atomic"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/theme"
)

// layoutRun lays out a build's pages, then the 404 page, on all cores,
// in one pass or in two (see first and rest), handing each page to out
// as it is done through one reused buffer per core, so the build never
// holds more than a few laid-out pages. Paths are reserved first, in
// page order (a preview's open pages before the others), so a clash is
// reported the same way whatever the scheduling. In a one-shot build,
// each page's HTML is let go once laid out. With reuse, the pages'
// layout keys (by index) say which pages the last build laid out the
// same way: those are kept rather than laid out again.
type layoutRun struct {
	l        *theme.Layout
	th       *theme.Theme
	out      *output.Tree
	once     bool
	reuse    *outputReuse
	pages    []*site.Page
	errs     []diag.List
	reserved []bool // a page whose path clashes is laid out for its errors, not written
	done     []bool
	// isFirst says which pages a preview rebuild lays out first, by
	// index of pages (nil for no such split; see Builder.firstPages).
	isFirst []bool
	ran     atomic.Int64
}

// startLayouts reserves in out the paths of the pages first says to lay
// out first, or with a nil first, every page's.
func startLayouts(l *theme.Layout, th *theme.Theme, out *output.Tree, once bool, reuse *outputReuse, first []bool) *layoutRun {
	pages := layoutPages(l.Site)
	r := &layoutRun{l: l, th: th, out: out, once: once, reuse: reuse, pages: pages, isFirst: first,
		errs: make([]diag.List, len(pages)), reserved: make([]bool, len(pages)), done: make([]bool, len(pages))}
	r.reserve(func(i int) bool { return r.isFirst == nil || r.isFirst[i] })
	return r
}

// reserve reserves the paths of the pages which says to, by index, in
// page order.
func (r *layoutRun) reserve(which func(i int) bool) {
	for i, p := range r.pages {
		if which(i) {
			r.reserved[i] = r.out.Reserve(outPath(p), pagePlace(p))
		}
	}
}

// reserveRest reserves the paths of the pages first did not, after the
// preview's hand-over: at 10,000 pages, reserving every page's path took
// 24 ms of the time before it. A clash found only now fails the build as
// it would have anyway; the preview then builds again as a fresh build
// does, whose clashes are found in the fresh build's order (see
// Builder.Build).
func (r *layoutRun) reserveRest() {
	r.reserve(func(i int) bool { return !r.isFirst[i] })
}

// first lays out the pages startLayouts was told to lay out first,
// before the layout keys are known: in a preview rebuild, the pages open
// in a browser come before everything that waits for the keys (see
// LayOutFirst). It returns the problems of the layouts it ran.
func (r *layoutRun) first() diag.List {
	// Set before the layouts start and cleared after they end, so that
	// no layout reads it while it changes.
	r.l.Early = true
	defer func() { r.l.Early = false }()
	return r.each(func(i int) bool { return r.isFirst[i] }, func(int) bool { return false })
}

// rest keeps every page left whose key in keys (nil for none) is the
// one the last build laid it out with, and lays out the others. It
// returns the problems of the layouts it ran.
func (r *layoutRun) rest(keys []theme.LayoutKey) diag.List {
	if keys != nil {
		for i, done := range r.done {
			if done && r.reserved[i] {
				r.reuse.same(outPath(r.pages[i]), keys[i]) // laid out first: kept by the next build
			}
		}
	}
	return r.each(func(int) bool { return true }, func(i int) bool {
		return keys != nil && r.reserved[i] && r.reuse.kept(outPath(r.pages[i]), keys[i])
	})
}

// each keeps the pages left that kept says to, and lays out those of
// the others that now says to (both by index). It returns the problems
// of the layouts it ran.
func (r *layoutRun) each(now func(i int) bool, kept func(i int) bool) diag.List {
	var left []int
	for i, done := range r.done {
		if !done {
			left = append(left, i)
		}
	}
	parallel.Each(len(left), func() *bytes.Buffer { return new(bytes.Buffer) }, func(buf *bytes.Buffer, j int) {
		if r.l.Stop != nil && r.l.Stop() { // the rebuild stops (see StopWhen)
			return
		}
		i := left[j]
		p := r.pages[i]
		k := kept(i)
		if !k && !now(i) {
			return
		}
		if r.once {
			defer r.l.Rendered.ReleaseHTML(p)
		}
		r.done[i] = true
		if k {
			return
		}
		r.ran.Add(1)
		buf.Reset()
		if r.errs[i] = layoutGuarded(r.l, r.th, p, buf); r.errs[i] == nil && r.reserved[i] {
			r.out.Write(outPath(p), buf.Bytes())
		}
	})
	var errs diag.List
	for _, i := range left {
		errs.Add(r.errs[i]...) // nil for a page left for later
	}
	return errs
}

// result is each layout's problems, by page index, then the 404 page's,
// and how many layouts ran.
func (r *layoutRun) result() ([]diag.List, int) { return r.errs, int(r.ran.Load()) }

// layoutPages are the pages a build lays out: the site's, then the 404
// page.
func layoutPages(s *site.Site) []*site.Page {
	return append(s.Pages[:len(s.Pages):len(s.Pages)], s.NotFound)
}

// layoutGuarded runs p's layout into buf, a panic turned into a problem
// at the page's file.
func layoutGuarded(l *theme.Layout, th *theme.Theme, p *site.Page, buf *bytes.Buffer) (errs diag.List) {
	defer func() {
		if r := recover(); r != nil {
			file := p.File
			if p == l.Site.NotFound {
				file = outPath(p)
			}
			errs = diag.List{render.InternalError(file, r)}
		}
	}()
	html, err := l.Rendered.HTML(l.Rendered.Of(p).Body)
	if err != nil {
		// The file is kb's own: the build's scratch file, or the bodies
		// the last build kept in the cache folder (see render.Memo).
		return diag.List{render.WithPage(fmt.Errorf("reading the rendered page back: %v; build again (if the file is in the cache folder, delete that folder first)", err), p)}
	}
	buf.Grow(len(html) + 16<<10) // the body, and the page around it
	if err := th.Execute(buf, string(p.Kind), l.View(p, html)); err != nil {
		return diag.List{render.WithPage(err, p)}
	}
	return nil
}

// outPath is where p's layout goes.
func outPath(p *site.Page) string {
	if p.Kind == content.NotFound {
		return "404.html"
	}
	return pageFile(p, "index.html")
}

// pageFile is the path of the file name in p's folder. A page's URL is
// "" or a clean path ending in a slash, to which name is appended as it
// is: path.Join cleaned it again, 52 ms of processor time in a build
// after one edit at 10,000 pages, which asks for each page's paths a few
// times.
func pageFile(p *site.Page, name string) string {
	if p.URL != "" && !strings.HasSuffix(p.URL, "/") {
		return path.Join(p.URL, name)
	}
	return p.URL + name
}

// pagePlace is where p's path comes from, for clash messages: its slug
// when it has one, else its file; a generated page's is kb's.
func pagePlace(p *site.Page) output.Place {
	if p.File == "" {
		return output.Place{}
	}
	pl := output.Place{File: p.File, Line: 1, Col: 1}
	if p.Front != nil && p.Slug != "" {
		pl.Line, pl.Col = p.Front.At("slug")
	}
	return pl
}
