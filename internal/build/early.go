package build

import (
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/site"
)

// Early is what a preview rebuild hands over before its last layouts
// (see LayOutFirst): every file made so far, each with the bytes the
// finished build will have (the pages the author looks at, the pages the
// last build laid out the same way, the stylesheets, scripts, copies and
// cards), and the site, for its base path. The files still to come are
// the other pages whose layout changed.
type Early struct {
	Files map[string][]byte
	Site  *site.Site
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
// everything else but the other pages, and hand all that to ready before
// laying out the pages left; when fewer than min pages are left, a
// rebuild hands nothing early. A template edit lays out every page (at
// 10,000 pages, three quarters of the rebuild's processor time): the page
// the author looks at need not wait for the others. ready is called from the
// rebuild's goroutine, at most once a rebuild; the rebuild then finishes
// as usual, and its result is what a rebuild without ready gives. When
// a page left for later fails to lay out, the rebuild is made again
// without handing anything early, so that its errors are a fresh
// build's; its caller then serves the last good build, as for any failed
// rebuild.
func (b *Builder) LayOutFirst(min int, first func() []string, ready func(Early)) {
	b.early = &earlyLayouts{min: min, first: first, ready: ready}
}

// firstPages says, for a build into dst, which pages to lay out before
// handing files over early; nil when the build hands nothing early (a
// one-shot build, a build that writes nowhere as it has failed already,
// or no LayOutFirst).
func (b *Builder) firstPages(dst output.Sink) func(*site.Page) bool {
	if b.early == nil || b.once {
		return nil
	}
	if _, ok := dst.(*output.Memory); !ok {
		return nil
	}
	first := map[string]bool{}
	for _, p := range b.early.first() {
		first[p] = true
	}
	return func(p *site.Page) bool { return first[outPath(p)] }
}

// handEarly gives ready the files put into dst so far.
func (b *Builder) handEarly(dst output.Sink, s *site.Site) {
	b.earlyHanded = true
	b.early.ready(Early{Files: dst.(*output.Memory).Snapshot(), Site: s})
}
