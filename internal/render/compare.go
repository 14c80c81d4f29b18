package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// comparer renders the compare blocks of one page: the named pages must
// be profiled articles of one section, the dimensions that section's. The
// table is the theme's "compare-table" partial, the same markup as pair
// pages and section matrices.
func (r *Renderer) comparer(page *site.Page, prev *Result) markdown.Comparer {
	s := r.site
	n := 0
	return func(spec markdown.CompareSpec) ([]byte, diag.List) {
		var errs diag.List
		at := func(key string, format string, args ...any) {
			line, col := spec.At(key)
			errs.Add(diag.Errorf(spec.File, line, col, "compare block: "+format, args...))
		}
		var pages []*site.Page
		var sec *site.Page
		for _, name := range spec.Pages {
			p, err := s.FindPage(name)
			switch {
			case err != nil:
				at("pages", "%s", strings.TrimPrefix(err.Error(), "broken wikilink "))
				continue
			case len(p.ProfileValues) == 0:
				at("pages", "%q (%s) has no [profile] to compare", name, p.File)
				continue
			case sec != nil && p.Parent != sec:
				at("pages", "%q is in %s/ but %q is in %s/: a table compares pages of one section", name, p.Parent.Dir, spec.Pages[0], sec.Dir)
				continue
			}
			sec = p.Parent
			pages = append(pages, p)
		}
		if sec != nil {
			ids := make([]string, len(sec.Dimensions))
			for i, d := range sec.Dimensions {
				ids[i] = d.ID
			}
			for _, d := range spec.Dimensions {
				if _, ok := sec.Dimension(d); !ok {
					at("dimensions", "%q is not a dimension of %s%s", d, sec.File, diag.DidYouMean(d, ids))
				}
			}
		}
		if len(errs) > 0 {
			return nil, errs
		}
		n++
		c := prev.Compare(sec, pages, spec.Dimensions, spec.Caption, fmt.Sprintf("compare-%d", n))
		var buf bytes.Buffer
		if err := r.partials.ExecutePartial(&buf, "compare-table", c); err != nil {
			return nil, diag.List{WithPage(err, page)}
		}
		return buf.Bytes(), nil
	}
}
