package render

import (
	"html/template"
	"sync"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/parallel"
)

// itemMemo keeps a preview server's list entries from one build to the
// next. The built-in theme's "page-item" partial shows a page's URL
// (under the site's base path), title and description, nothing else, so
// an entry made of the same is the same markup. Every rebuild but a text
// edit made all 10,000 entries of a large site again before it could
// hand the open page over: 80 ms of processor time after a title edit.
// A site's own partial may show anything: its entries are made every
// time (see Options.ItemsKeyed).
type itemMemo struct {
	base string // the base the last build's entries link under
	last map[itemKey]template.HTML
}

// itemKey is what the built-in partial shows of a page.
type itemKey struct{ url, title, description string }

// items renders every page's list entry into res, taking from the memo
// those of the last build, when keyed says the entries may be (the
// theme's partial is the built-in one), and keeping this build's for the
// next. A nil memo keeps nothing.
func (m *itemMemo) items(r *Renderer, res *Result, keyed bool) {
	s := r.site
	if m == nil || !keyed {
		if m != nil {
			m.last = nil
		}
		parallel.For(len(s.Pages), func(i int) { res.pages[i].Item, res.pages[i].Problems = r.item(s.Pages[i]) })
		return
	}
	if base := s.URLs.Abs(""); base != m.base {
		m.base, m.last = base, nil
	}
	next := make(map[itemKey]template.HTML, len(s.Pages))
	var mu sync.Mutex
	parallel.For(len(s.Pages), func(i int) {
		p := s.Pages[i]
		k := itemKey{p.URL, p.Title, p.Description}
		html, ok := m.last[k]
		var errs diag.List
		if !ok {
			html, errs = r.item(p)
		}
		res.pages[i].Item, res.pages[i].Problems = html, errs
		if len(errs) == 0 {
			mu.Lock()
			next[k] = html
			mu.Unlock()
		}
	})
	m.last = next
}
