package sitefiles

import (
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/search"
	"github.com/kbsite/kb/internal/site"
)

// SearchIndex indexes every article, section, home and pair page: each
// page's text by heading (sections, by index of s.Pages, as rendering
// found them), with its section and its terms in the taxonomies that are
// search facets (config's [search] facets) as facets. A pair page goes by
// its title and the full titles of the two pages it compares, and its text
// is their descriptions; it weighs pairWeight. A page's params.search_weight,
// a number, scales its scores (a list of sources or a glossary, say,
// which name every subject but are about none).
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
			Weight:      searchWeight(p),
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
			d.OtherTitles = []string{p.Pair.A.Title, p.Pair.B.Title}
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
const pairWeight = 0.75

// searchWeight is a page's params.search_weight when it is a positive
// number, else 0 (which the index reads as 1).
func searchWeight(p *site.Page) float64 {
	switch w := p.Params["search_weight"].(type) {
	case float64:
		return max(0, w)
	case int64:
		return float64(max(0, w))
	}
	return 0
}

// topSection is the title of the top-level section a page is in, the
// section facet of search; "" at home.
func topSection(p *site.Page) string {
	anc := append(p.Ancestors(), p)
	if len(anc) < 2 {
		return ""
	}
	return anc[1].Title
}
