// Package render turns an assembled site's content into HTML fragments:
// each page's Markdown body (with its compare and citations blocks), its
// profile values, and its entry in lists (the theme's "page-item"
// partial). It returns a Result keyed by page and writes nothing into the
// site: the link graph (site.Link) reads the Result's links, and the
// layouts (theme.View) its HTML.
//
// Pages render on all cores; results keep the site's page order, so the
// output never depends on scheduling. One page's Markdown runs under a
// deadline and a recover (guard.go), so that a pathological page or a bug
// is a problem at its file, not a stalled or crashed build.
package render

import (
	"io"
	"time"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/site"
)

// Partials are the theme's named partial templates, which some fragments
// are: "page-item" (a page in a list), "page-list" (a citations block)
// and "compare-table" (a compare block). theme.Theme is one.
type Partials interface {
	HasPartial(name string) bool
	ExecutePartial(w io.Writer, name string, data any) error
}

// Renderer renders the pages of one site.
type Renderer struct {
	site     *site.Site
	md       *markdown.Renderer
	partials Partials
	// deadline bounds one page's Markdown rendering (see guard.go).
	deadline time.Duration
}

// New prepares to render s's pages with md, and partials for the
// fragments that are theme markup.
func New(s *site.Site, md *markdown.Renderer, partials Partials) *Renderer {
	return &Renderer{site: s, md: md, partials: partials, deadline: Deadline}
}

// Options say how to treat a build's memory.
type Options struct {
	// Once says the sources are not needed after rendering (a one-shot
	// build): each page's entry of srcs is cleared once rendered.
	Once bool
	// Spill, when not nil, keeps rendered HTML past its budget in a
	// file (see Spill).
	Spill *Spill
	// Memo, when not nil, keeps bodies for the next build and gives back
	// those of the last that would render the same (see Memo); MarkdownOptions
	// names the Markdown options, which decide every body.
	Memo            *Memo
	MarkdownOptions string
	// ItemsKeyed says the theme's "page-item" partial is the built-in
	// one: a memo kept in memory then keeps list entries too (see
	// itemMemo).
	ItemsKeyed bool
}

// All renders every page in three steps: list entries, which lists in
// Markdown (citations blocks) show; profile values, which compare tables
// anywhere show; then every page's Markdown body, the glossary's first,
// as articles link its terms. srcs are the pages' bodies by index of
// s.Pages; with opt.Once, All clears each entry once it is rendered.
func (r *Renderer) All(srcs [][]byte, opt Options) *Result {
	s := r.site
	res := newResult(s)
	opt.Memo.itemMemo(opt.MarkdownOptions).items(r, res, opt.ItemsKeyed)
	parallel.For(len(s.Pages), func(i int) {
		if p := s.Pages[i]; len(p.ProfileValues) > 0 {
			pv, errs := r.profile(p)
			pg := &res.pages[i]
			pg.Profile, pg.ProfileLinks, pg.ProfileExternal = pv.html, pv.links, pv.external
			pg.Problems.Add(errs...)
		}
	})
	body := func(i int) {
		p := s.Pages[i]
		var b Body
		var errs diag.List
		reused, sum, ok := opt.Memo.reusable(r, p, srcs[i])
		if ok {
			b = reused
		} else {
			var tr trace
			b, errs, tr = r.guardedBody(p, srcs[i], res)
			if len(errs) == 0 {
				sum = opt.Memo.store(r, p, srcs[i], b, tr)
			}
		}
		res.pages[i].SourceSum = sum
		if opt.Once {
			srcs[i] = nil // rendered: the source is not needed again
		}
		if s.Pages[i] == s.Glossary {
			res.glossary = r.glossaryOf(b) // before the articles that use it
		}
		opt.Spill.keep(&b)
		res.pages[i].Body = b
		res.pages[i].Problems.Add(errs...)
	}
	var g int
	hasGlossary := false
	if s.Glossary != nil {
		g, hasGlossary = res.index(s.Glossary)
	}
	if hasGlossary {
		body(g)
	}
	if opt.Memo != nil {
		var url string
		var terms []markdown.Term
		if hasGlossary {
			url, terms = s.URLs.Rel(s.Glossary.URL), res.pages[g].Body.Terms
		}
		opt.Memo.begin(opt.MarkdownOptions, url, terms, s)
		defer opt.Memo.end()
	}
	parallel.For(len(s.Pages), func(i int) {
		if !hasGlossary || i != g {
			body(i)
		}
	})
	return res
}
