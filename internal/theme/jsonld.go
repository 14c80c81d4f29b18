package theme

import "github.com/kbsite/kb/internal/site"

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
	Image            string `json:"image,omitempty"`
	MainEntityOfPage string `json:"mainEntityOfPage"`
	Publisher        orgLD  `json:"publisher"`
}

// orgLD is a schema.org Organization.
type orgLD struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// article is the schema.org Article of a page: headline, description,
// dates, author and publisher (the site), and its card as its image.
func article(s *site.Site, p *site.Page, card *Card) *articleLD {
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
	if card != nil {
		a.Image = s.URLs.Abs(card.Path)
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
