package build

import (
	"strings"

	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/site"
)

// Early is what a preview rebuild hands over before its other layouts
// (see LayOutFirst): every file made so far, each with the bytes the
// finished build will have (the pages the author looks at, the
// stylesheets, scripts and other files made of no page's layout), and
// the site, for its base path. The files still to come are the search
// index (a rebuild carries it over from the last build after the
// hand-over; a first build may have written some of it by then), the
// other pages, kept or laid out again, their cards and their Markdown
// copies. Claimed says whether the finished build has a file at an
// output path, for every path of its pages (the 404 page among the
// files handed over) and of the redirects: a page deleted or renamed
// away need not wait for the rest to be answered.
type Early struct {
	Files   map[string][]byte
	Site    *site.Site
	Claimed func(path string) bool
}

// earlyLayouts is how a Builder's full rebuilds hand files over early
// (see LayOutFirst).
type earlyLayouts struct {
	min   int
	first func() []string
	ready func(Early)
}

// LayOutFirst makes the full rebuilds of the preview lay out first the
// pages at the output paths first names (those open in a browser), then
// add the files made of no page's layout, and hand all that to ready
// before the rest of the rebuild: the layout keys, the other pages'
// layouts, cards and copies. After a title edit at 10,000 pages those
// took half of the rebuild, and after a template edit, which lays out
// every page, three quarters of it: the page the author looks at need
// not wait for them. A site of fewer than min pages hands nothing
// early. ready is called from the rebuild's goroutine, at most once a
// rebuild; the rebuild then finishes as usual, and its result is what a
// rebuild without ready gives. When such a rebuild fails, before or
// after handing files over, it is made again in a fresh build's order,
// so that its errors are a fresh build's; its caller then serves the
// last good build, as for any failed rebuild.
func (b *Builder) LayOutFirst(min int, first func() []string, ready func(Early)) {
	b.early = &earlyLayouts{min: min, first: first, ready: ready}
}

// firstPages says, for a build of s into dst, which pages to lay out
// before handing files over early, by index of layoutPages(s); nil when
// the build hands nothing early (a one-shot build, a build that writes
// nowhere as it has failed already, or no LayOutFirst).
func (b *Builder) firstPages(dst output.Sink, s *site.Site) []bool {
	if b.early == nil || b.once {
		return nil
	}
	if _, ok := dst.(*output.Memory); !ok {
		return nil
	}
	first := make([]bool, len(s.Pages)+1)
	// The 404 page too, last of layoutPages: it answers for the pages
	// the rebuild no longer has, from the hand-over on.
	first[len(s.Pages)] = true
	// Each open page is looked up by its URL. With every page asked
	// whether it was open, starting the layouts took 1.6 to 3 ms of a
	// preview rebuild at 10,000 pages before the hand-over, this way
	// 0.1 ms (stage timings of title edits).
	for _, p := range b.early.first() {
		url, ok := strings.CutSuffix(p, "index.html")
		if q := s.Lookup(url); ok && q != nil && q.Index() >= 0 && outPath(q) == p {
			first[q.Index()] = true
		}
	}
	return first
}

// handEarly gives ready the files put into dst so far, and the paths
// the finished build will have: those claimed in out, and every page's,
// whether or not the page has claimed its path yet (see reserveRest).
func (b *Builder) handEarly(dst output.Sink, out *output.Tree, s *site.Site) {
	claimed := func(p string) bool {
		if out.Claimed(p) {
			return true
		}
		url, ok := strings.CutSuffix(p, "index.html")
		q := s.Lookup(url)
		return ok && q != nil && outPath(q) == p
	}
	b.early.ready(Early{Files: dst.(*output.Memory).Snapshot(), Site: s, Claimed: claimed})
}
