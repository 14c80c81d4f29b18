package build

import (
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/theme"
)

// layoutReuse lets a build keep the pages the last build laid out: a page
// whose layout key (see theme.LayoutKey) is the one the last build gave
// it is not laid out again, and its bytes are the last build's. Keys hold
// only for the built-in theme's layouts, so a build with layouts of its
// own has no layoutReuse.
type layoutReuse struct {
	keys []theme.LayoutKey          // this build's, by page index, then the 404 page
	last map[string]theme.LayoutKey // the last good build's, by output path
	// keep hands the output the last good build's bytes of path, and says
	// whether it had them.
	keep func(path string) bool
}

// kept says whether page i's output, at path, was kept from the last
// build.
func (r *layoutReuse) kept(i int, path string) bool {
	if r == nil {
		return false
	}
	last, ok := r.last[path]
	return ok && last == r.keys[i] && r.keep(path)
}

// record is the keys to compare the next build's with: those of the
// pages laid out without a problem, by output path.
func (r *layoutReuse) record(pages []*site.Page, errs []diag.List) map[string]theme.LayoutKey {
	if r == nil {
		return nil
	}
	out := make(map[string]theme.LayoutKey, len(pages))
	for i, p := range pages {
		if len(errs[i]) == 0 {
			out[outPath(p)] = r.keys[i]
		}
	}
	return out
}
