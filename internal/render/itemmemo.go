package render

import (
	"html/template"
	"sync/atomic"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/parallel"
)

// itemMemo keeps the list entries from one build to the next: a preview
// server's in memory, kb build's in the cache folder (see readItems).
// The built-in theme's "page-item" partial shows a page's URL (under the
// site's base path), title and description, nothing else, so an entry
// made of the same is the same markup. Every rebuild but a text
// edit made all 10,000 entries of a large site again before it could
// hand the open page over: 80 ms of processor time after a title edit.
// A site's own partial may show anything: its entries are made every
// time (see Options.ItemsKeyed).
type itemMemo struct {
	base string // the base the last build's entries link under
	// last are the last build's entries by index of its pages, whose
	// URLs are urls (see lastIndex): keyed by all the partial shows,
	// hashing titles and descriptions too took 5 ms of processor time a
	// rebuild at 10,000 pages; kept in a map by URL, 7 ms (CPU profiles
	// of title edits).
	last []itemEntry
	urls []string
	// reused is how many entries the last items took from the build
	// before.
	reused int
}

// itemEntry is a page's list entry, and what the built-in partial shows
// of the page besides its URL; ok is false for an entry that is not to
// be reused (none made, or made with errors).
type itemEntry struct {
	title, description string
	html               template.HTML
	ok                 bool
}

// items renders every page's list entry into res, taking from the memo
// those of the last build, when keyed says the entries may be (the
// theme's partial is the built-in one), and keeping this build's for the
// next. A nil memo keeps nothing.
func (m *itemMemo) items(r *Renderer, res *Result, keyed bool) {
	s := r.site
	if m == nil || !keyed {
		if m != nil {
			m.last, m.urls, m.reused = nil, nil, 0
		}
		parallel.For(len(s.Pages), func(i int) { res.pages[i].Item, res.pages[i].Problems = r.item(s.Pages[i]) })
		return
	}
	if base := s.URLs.Abs(""); base != m.base {
		m.base, m.last, m.urls = base, nil, nil
	}
	next, urls := make([]itemEntry, len(s.Pages)), make([]string, len(s.Pages))
	var made atomic.Int64
	parallel.For(len(s.Pages), func(i int) {
		p := s.Pages[i]
		var e itemEntry
		if j, ok := lastIndex(m.urls, p); ok {
			e = m.last[j]
		}
		var errs diag.List
		if !e.ok || e.title != p.Title || e.description != p.Description {
			e = itemEntry{title: p.Title, description: p.Description}
			e.html, errs = r.item(p)
			e.ok = len(errs) == 0
			made.Add(1)
		}
		res.pages[i].Item, res.pages[i].Problems = e.html, errs
		next[i], urls[i] = e, p.URL
	})
	m.last, m.urls = next, urls
	m.reused = len(s.Pages) - int(made.Load())
}
