package serve

import (
	"slices"
	"sync"
)

// recentPages are the pages the server served last, most recent first:
// the pages open in a browser, or about to be reloaded there, which a
// rebuild lays out before the others (see build.Builder.LayOutFirst).
type recentPages struct {
	mu    sync.Mutex
	names []string // output paths, "roles/cto/index.html"
}

// recentMax is how many pages recentPages keeps: more than the tabs an
// author keeps on one site, and few enough to lay out at once.
const recentMax = 16

// add notes that the page at name was served.
func (r *recentPages) add(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i := slices.Index(r.names, name); i >= 0 {
		r.names = slices.Delete(r.names, i, i+1)
	}
	r.names = slices.Insert(r.names, 0, name)
	if len(r.names) > recentMax {
		r.names = r.names[:recentMax]
	}
}

// list is a copy of the pages, most recent first.
func (r *recentPages) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.names)
}
