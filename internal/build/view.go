package build

import (
	"html/template"

	"kb/internal/markdown"
	"kb/internal/site"
)

// View is what a layout is executed with.
type View struct {
	Site *site.Site
	Page *site.Page
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
}

func newView(s *site.Site, p *site.Page, body []byte, hs []markdown.Heading) *View {
	v := &View{
		Site:        s,
		Page:        p,
		Content:     template.HTML(body),
		TOC:         markdown.TOC(hs),
		Title:       p.Title + " | " + s.Config.Title,
		Description: p.Description,
		CSS:         []string{"css/kb.css", highlightCSSPath},
	}
	if p == s.Home {
		v.Title = s.Config.Title
	}
	if v.Description == "" {
		v.Description = s.Config.Description
	}
	if words := countWords(p.Body); words > 0 {
		v.ReadingMinutes = max(1, (words+110)/220)
	}
	return v
}

func countWords(b []byte) int {
	n, in := 0, false
	for _, c := range b {
		space := c == ' ' || c == '\n' || c == '\t'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

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
