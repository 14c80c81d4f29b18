package build

import (
	"bytes"
	"html/template"
	"unsafe"

	"kb/internal/content"
	"kb/internal/markdown"
	"kb/internal/site"
)

// View is what a layout is executed with.
type View struct {
	Site *site.Site
	Page *site.Page
	// Section is the top-level section the page is in (the page itself
	// for such a section), nil at home and outside every section.
	Section *site.Page
	// Content is the page's Markdown body rendered.
	Content template.HTML
	// TOC is the table of contents, nil for pages with few headings.
	TOC []markdown.TOCEntry
	// ReadingMinutes estimates reading time at 220 words a minute.
	ReadingMinutes int
	// Title is the document title: "Page | Site", or the site title at home.
	Title string
	// Description is the page's description, or the site's.
	Description string
	// CSS lists the stylesheets to link, site-relative.
	CSS []string
	// Breadcrumbs is schema.org BreadcrumbList data for the page, nil at
	// home; layouts put it in a JSON-LD script. Article is schema.org
	// Article data for an article, for search engines.
	Breadcrumbs any
	Article     any
	// Tagged are the other pages that carry the term this article is (a
	// role profile lists the articles about its role).
	Tagged []*site.Page
	// Comparison is the table of a pair page, or a section's matrix of
	// all its profiled articles.
	Comparison *site.Comparison
	// HasCompare says the page shows a comparison table, which the
	// compare script enhances.
	HasCompare bool
	// Previews describe the pages the body links to, keyed by their path,
	// for link preview cards; layouts put them in a JSON script.
	Previews map[string]Preview

	partials *partialCache // the pass's cache, for Cached
}

// Preview is what a link preview card shows of a page.
type Preview struct {
	Title       string `json:"t"`
	Description string `json:"d,omitempty"`
	Section     string `json:"s,omitempty"`
}

// htmlString views a body's HTML as a string without copying it: a copy
// per page was a gigabyte of a 100,000-page build's allocations. It is
// safe because a body's HTML is never written to once rendered (Render
// and the spill's read-back each return a slice of their own).
func htmlString(html []byte) string {
	return unsafe.String(unsafe.SliceData(html), len(html))
}

func newView(s *site.Site, p *site.Page, b body, parts *partialCache) *View {
	v := &View{
		Site:        s,
		Page:        p,
		partials:    parts,
		Content:     template.HTML(htmlString(b.html)),
		TOC:         markdown.TOC(b.headings),
		Title:       p.Title + " | " + s.Config.Title,
		Description: p.Description,
		CSS:         []string{"css/kb.css", highlightCSSPath},
	}
	if p == s.Home {
		v.Title = s.Config.Title
	}
	for _, sec := range s.Sections {
		if v.InSection(sec) {
			v.Section = sec
		}
	}
	if v.Description == "" {
		v.Description = s.Config.Description
	}
	if b.words > 0 {
		v.ReadingMinutes = max(1, (b.words+110)/220)
	}
	if p != s.Home && p.Kind != "404" {
		v.Breadcrumbs = breadcrumbs(s, p)
	}
	if p.Kind == content.Article {
		v.Article = article(s, p)
	}
	switch {
	case p.Pair != nil:
		c := s.Compare(p.Pair.Section, []*site.Page{p.Pair.A, p.Pair.B}, nil, p.Title, "pair")
		v.Comparison = &c
	case len(p.Dimensions) > 0 && len(p.Profiled()) > 0:
		c := s.Compare(p, p.Profiled(), nil, p.Title+": every profile, every dimension", "matrix")
		v.Comparison = &c
	}
	v.HasCompare = v.Comparison != nil || bytes.Contains(b.html, []byte("data-compare"))
	if p.Term != nil {
		for _, t := range p.Term.Pages {
			if t != p {
				v.Tagged = append(v.Tagged, t)
			}
		}
	}
	if len(p.Links) > 0 {
		v.Previews = map[string]Preview{}
		for _, l := range p.Links {
			pv := Preview{Title: l.Title, Description: l.Description}
			if l.Parent != nil && l.Parent != s.Home {
				pv.Section = l.Parent.Title
			}
			v.Previews[s.URLs.Rel(l.URL)] = pv
		}
	}
	return v
}

// articleLD is the schema.org Article of a page, for search engines. A
// struct rather than a map: every article page encodes one. Its fields
// are in the order of their names, the order encoding/json gives a map's
// keys, which the output has always had.
type articleLD struct {
	Context          string `json:"@context"`
	Type             string `json:"@type"`
	Author           *orgLD `json:"author,omitempty"`
	DateModified     string `json:"dateModified,omitempty"`
	DatePublished    string `json:"datePublished,omitempty"`
	Description      string `json:"description,omitempty"`
	Headline         string `json:"headline"`
	MainEntityOfPage string `json:"mainEntityOfPage"`
	Publisher        orgLD  `json:"publisher"`
}

// orgLD is a schema.org Organization.
type orgLD struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// article is the schema.org Article of a page: headline, description,
// dates, author and publisher (the site).
func article(s *site.Site, p *site.Page) *articleLD {
	a := &articleLD{
		Context:          "https://schema.org",
		Type:             "Article",
		Headline:         p.Title,
		MainEntityOfPage: s.URLs.Abs(p.URL),
		Publisher:        orgLD{"Organization", s.Config.Title},
		Description:      p.Description,
	}
	if !p.Date.IsZero() {
		a.DatePublished = p.Date.Format("2006-01-02")
	}
	if t := p.LastChange(); !t.IsZero() {
		a.DateModified = t.Format("2006-01-02")
	}
	if s.Config.Author != "" {
		a.Author = &orgLD{"Organization", s.Config.Author}
	}
	return a
}

// breadcrumbsLD is a schema.org BreadcrumbList; its fields are in the
// order of their names, as articleLD's are.
type breadcrumbsLD struct {
	Context         string           `json:"@context"`
	Type            string           `json:"@type"`
	ItemListElement []breadcrumbItem `json:"itemListElement"`
}

// breadcrumbItem is one step of a BreadcrumbList.
type breadcrumbItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

// breadcrumbs is the schema.org BreadcrumbList of a page: home, its
// sections, the page.
func breadcrumbs(s *site.Site, p *site.Page) *breadcrumbsLD {
	var items []breadcrumbItem
	for i, a := range append(p.Ancestors(), p) {
		items = append(items, breadcrumbItem{Type: "ListItem", Position: i + 1, Name: a.Title, Item: s.URLs.Abs(a.URL)})
	}
	return &breadcrumbsLD{Context: "https://schema.org", Type: "BreadcrumbList", ItemListElement: items}
}

// countWords counts the runs of characters other than space, tab and
// newline: a word starts wherever such a character follows one of those.
// It runs over every byte of the site's Markdown, so without branches.
func countWords(b []byte) int {
	n, prev := 0, 1 // prev is 1 after a blank, and at the start
	for _, c := range b {
		blank := int(wordBreak[c])
		n += prev &^ blank
		prev = blank
	}
	return n
}

// wordBreak marks the bytes that separate words for countWords.
var wordBreak = [256]uint8{' ': 1, '\n': 1, '\t': 1}

// InSection reports whether the page is sec or lies inside it, for marking
// the current section in navigation.
func (v *View) InSection(sec *site.Page) bool {
	for p := v.Page; p != nil; p = p.Parent {
		if p == sec {
			return true
		}
	}
	return false
}

// Cached renders the partial template name with the view, once per build
// for each distinct list of keys, and gives every later page the same
// output: for markup shared by many pages, such as the site header, whose
// only page-dependent part is which section is current:
//
//	{{.Cached "site-header" .Section (eq .Page .Section)}}
//
// The keys must together decide everything the partial shows; it runs
// with whichever page's view asks first. Keys are strings, numbers,
// bools or pages, at most four.
func (v *View) Cached(name string, keys ...any) (template.HTML, error) {
	return v.partials.render(name, v, keys)
}
