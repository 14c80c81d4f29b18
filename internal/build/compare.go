package build

import (
	"bytes"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"kb/internal/diag"
	"kb/internal/markdown"
	"kb/internal/site"
	"kb/internal/theme"
)

// comparer renders the compare blocks of one page: the named pages must
// be profiled articles of one section, the dimensions that section's. The
// table is the theme's "compare-table" partial, the same markup as pair
// pages and section matrices.
func comparer(s *site.Site, th *theme.Theme, page *site.Page) markdown.Comparer {
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
		c := s.Compare(sec, pages, spec.Dimensions, spec.Caption, fmt.Sprintf("compare-%d", n))
		var buf bytes.Buffer
		if err := th.ExecutePartial(&buf, "compare-table", c); err != nil {
			return nil, diag.List{withPage(err, page)}
		}
		return buf.Bytes(), nil
	}
}

// renderProfile renders an article's profile values as inline Markdown,
// links resolved from the article. A problem is placed at the value's key
// in the front matter, since a column inside a TOML string would mislead.
func renderProfile(s *site.Site, md *markdown.Renderer, p *site.Page) ([]markdown.Link, diag.List) {
	var links []markdown.Link
	var errs diag.List
	p.ProfileHTML = map[string][]template.HTML{}
	for _, id := range slices.Sorted(maps.Keys(p.ProfileValues)) {
		v := p.ProfileValues[id]
		line, col := p.Front.At("profile", id)
		for _, item := range v.Items {
			res, problems := md.RenderInline([]byte(item), markdown.Document{
				File:     p.File,
				BodyLine: line,
				Resolve:  func(l markdown.Link) (markdown.Target, error) { return s.Resolve(p, l) },
			})
			for _, d := range problems {
				d.Line, d.Col = line, col
				d.Msg = fmt.Sprintf("profile.%s: %s", id, d.Msg)
				errs.Add(d)
			}
			p.ProfileHTML[id] = append(p.ProfileHTML[id], template.HTML(res.HTML))
			links = append(links, res.Links...)
		}
	}
	return links, errs
}

// reservedIDs are the ids that headings must not take: the theme's, and
// those of the comparison tables kb lays out. A compare block's table is
// "compare-N", which a heading's generated id ("compare-1" for "Compare
// 1") could still match; that one clash is left.
func reservedIDs(th *theme.Theme) []string {
	return append(th.IDs(), "pair", "pair-caption", "matrix", "matrix-caption")
}
