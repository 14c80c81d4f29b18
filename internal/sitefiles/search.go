package sitefiles

import (
	"kb/internal/content"
	"kb/internal/markdown"
	"kb/internal/search"
	"kb/internal/site"
)

// SearchIndex indexes every article, section, home and pair page: each
// page's text by heading (sections, by index of s.Pages, as rendering
// found them), with its section and its terms in the taxonomies that are
// search facets (config's [search] facets) as facets.
func SearchIndex(s *site.Site, sections [][]markdown.TextSection) *search.Index {
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
		for _, sec := range sections[i] {
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
