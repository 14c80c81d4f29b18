package render

import (
	"fmt"
	"html/template"
	"maps"
	"slices"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// profile renders an article's profile values as inline Markdown,
// links resolved from the article. A problem, and a link to another site,
// is placed where it is in the front matter: at its column inside the
// value when the value is written out as it reads (no escapes), else at
// the value's key.
func (r *Renderer) profile(p *site.Page) (profileValues, diag.List) {
	var pv profileValues
	var errs diag.List
	pv.html = map[string][]template.HTML{}
	for _, id := range slices.Sorted(maps.Keys(p.ProfileValues)) {
		v := p.ProfileValues[id]
		line, col := p.Front.At("profile", id)
		for _, item := range v.Items {
			res, problems := r.md.RenderInline([]byte(item), markdown.Document{
				File:     p.File,
				BodyLine: line,
				Resolve:  func(l markdown.Link) (markdown.Target, error) { return r.site.Resolve(p, l) },
			})
			at, atCol, written := p.Front.Locate(item, "profile", id)
			// place moves a place within item, whose first line is line,
			// to the front matter.
			place := func(l, c int) (int, int) {
				if written && l == line && c > 0 {
					return at, atCol + c - 1
				}
				return line, col
			}
			for _, d := range problems {
				d.Line, d.Col = place(d.Line, d.Col)
				d.Msg = fmt.Sprintf("profile.%s: %s", id, d.Msg)
				errs.Add(d)
			}
			for _, l := range res.External {
				l.Line, l.Col = place(l.Line, l.Col)
				pv.external = append(pv.external, l)
			}
			pv.html[id] = append(pv.html[id], template.HTML(res.HTML))
			pv.links = append(pv.links, res.Links...)
		}
	}
	return pv, errs
}

// profileValues are an article's profile values rendered.
type profileValues struct {
	html     map[string][]template.HTML
	links    []markdown.Link // resolved, for the link graph
	external []markdown.Link // to other sites, placed in the front matter
}
