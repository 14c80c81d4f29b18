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
// links resolved from the article. A problem is placed where it is in the
// front matter: at its column inside the value when the value is written
// out as it reads (no escapes), else at the value's key.
func (r *Renderer) profile(p *site.Page) (map[string][]template.HTML, []markdown.Link, diag.List) {
	var links []markdown.Link
	var errs diag.List
	out := map[string][]template.HTML{}
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
			for _, d := range problems {
				// d is placed within item, whose first line is line.
				if written && d.Line == line && d.Col > 0 {
					d.Line, d.Col = at, atCol+d.Col-1
				} else {
					d.Line, d.Col = line, col
				}
				d.Msg = fmt.Sprintf("profile.%s: %s", id, d.Msg)
				errs.Add(d)
			}
			out[id] = append(out[id], template.HTML(res.HTML))
			links = append(links, res.Links...)
		}
	}
	return out, links, errs
}
