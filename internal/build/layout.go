package build

import (
	"bytes"
	"fmt"
	"path"
	"sync/atomic"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/theme"
)

// layoutAll runs every page's layout, then the 404 page's, on all cores,
// and hands each page to out as it is done, through one reused buffer per
// core, so the build never holds more than a few laid-out pages. Paths
// are reserved first, in page order, so a clash is reported the same way
// whatever the scheduling. It returns each layout's problems, by page
// index, then the 404 page's.
// In a one-shot build, each page's HTML is let go once laid out. With
// reuse, the pages' layout keys (by index) say which pages the last build
// laid out the same way: those are kept rather than laid out again. It
// also returns how many layouts ran.
func layoutAll(l *theme.Layout, th *theme.Theme, out *output.Tree, once bool, reuse *outputReuse, keys []theme.LayoutKey) ([]diag.List, int) {
	pages := layoutPages(l.Site)
	errs := make([]diag.List, len(pages))
	reserved := make([]bool, len(pages)) // a page whose path clashes is laid out for its errors, not written
	for i, p := range pages {
		reserved[i] = out.Reserve(outPath(p), pagePlace(p))
	}
	var ran atomic.Int64
	parallel.Each(len(pages), func() *bytes.Buffer { return new(bytes.Buffer) }, func(buf *bytes.Buffer, i int) {
		if once {
			defer l.Rendered.ReleaseHTML(pages[i])
		}
		if keys != nil && reserved[i] && reuse.kept(outPath(pages[i]), keys[i]) {
			return
		}
		ran.Add(1)
		buf.Reset()
		if errs[i] = layoutGuarded(l, th, pages[i], buf); errs[i] == nil && reserved[i] {
			out.Write(outPath(pages[i]), buf.Bytes())
		}
	})
	return errs, int(ran.Load())
}

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
		return diag.List{render.WithPage(fmt.Errorf("reading the rendered page back: %v", err), p)}
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
	return path.Join(p.URL, "index.html")
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
