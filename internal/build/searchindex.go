package build

import (
	"kb/internal/content"
	"kb/internal/search"
	"kb/internal/site"
)

// searchFiles indexes every article, section, home and pair page of a
// pass: each page's text by heading, with its section and its terms in
// the taxonomies that are search facets as facets. It hands the index's
// files to out as they are made.
func searchFiles(ps *pass, out *output) {
	ix := searchIndex(ps)
	if ps.dropBodies { // the index has the text now, and lets it go as it reads it
		for i := range ps.bodies {
			ps.bodies[i].sections = nil
		}
	}
	ix.Write(func(name string, data []byte) { out.add(name, data, place{}) })
}

// searchIndex gathers the pass's searchable pages into an index.
func searchIndex(ps *pass) *search.Index {
	s := ps.s
	var ix search.Index
	for i, p := range s.Pages {
		switch p.Kind {
		case content.Article, content.Section, content.Home, content.Pair:
		default:
			continue
		}
		d := search.Doc{
			Title:       p.Title,
			Description: p.Description,
			URL:         s.URLs.Rel(p.URL),
			Section:     topSection(p),
		}
		for _, tt := range p.PageTerms {
			if s.Config.Search.IsFacet(tt.Taxonomy.Name, tt.Taxonomy.Owner != nil) {
				if d.Terms == nil {
					d.Terms = map[string][]string{}
				}
				for _, term := range tt.Terms {
					d.Terms[tt.Taxonomy.Name] = append(d.Terms[tt.Taxonomy.Name], term.Name)
				}
			}
		}
		for _, sec := range ps.bodies[i].sections {
			d.Sections = append(d.Sections, search.Section{Anchor: sec.ID, Heading: sec.Heading, Text: sec.Text})
		}
		if p.Pair != nil {
			d.Sections = []search.Section{{Text: p.Pair.A.Title + ": " + p.Pair.A.Description + " " + p.Pair.B.Title + ": " + p.Pair.B.Description}}
			d.Weight = pairWeight
		}
		if len(d.Sections) == 0 {
			d.Sections = []search.Section{{Text: p.Description}}
		}
		ix.Add(d)
	}
	return &ix
}

// pairWeight ranks a comparison page below the two pages it compares,
// which it mostly restates.
const pairWeight = 0.5

// topSection is the title of the top-level section a page is in, the
// section facet of search; "" at home.
func topSection(p *site.Page) string {
	anc := append(p.Ancestors(), p)
	if len(anc) < 2 {
		return ""
	}
	return anc[1].Title
}
