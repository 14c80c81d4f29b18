package theme

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"unsafe"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
)

// View is what a layout is executed with: the page, the site, and what
// the later stages found about the page (its rendered body, its links).
// Every layout and most partials get one as their data.
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
	// Title is the document title: "Page | Site", or the site title at
	// home and wherever the page's title is the site's.
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
	// profile lists the articles that name it).
	Tagged []*site.Page
	// Comparison is the table of a pair page, or a section's matrix of
	// all its profiled articles.
	Comparison *render.Comparison
	// HasCompare says the page shows a comparison table, which the
	// compare script enhances.
	HasCompare bool
	// HasCode says the page's body has a code block, which the code
	// script gives a copy button.
	HasCode bool
	// Previews describe the pages the body links to, keyed by their path,
	// for link preview cards; layouts put them in a JSON script.
	Previews map[string]Preview
	// HasTerms says the body links glossary terms, each link carrying its
	// term and definition for a preview card.
	HasTerms bool
	// EditURL is where the page's source can be edited, when config.toml
	// sets edit_url and the page has a file; "" otherwise.
	EditURL string
	// Markdown is the site-relative path of the page's Markdown copy
	// ("roles/cto/index.md"), "" for a page without one.
	Markdown string
	// Card is the page's social card image, nil when it has none (the
	// 404 page).
	Card *Card

	graph    *site.Graph
	layout   *Layout // the run this view is part of, for its article graph
	rendered *render.Result
	partials *partialCache // the layout run's cache, for Cached
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

// Layout is what every page's layout needs besides the page: the site,
// its link graph, its rendered pages, and the layout run's partial cache.
type Layout struct {
	Site     *site.Site
	Graph    *site.Graph
	Rendered *render.Result
	// Cards gives a page's social card (View.Card), nil for none; Cards
	// itself may be nil.
	Cards func(*site.Page) *Card
	// Forces, when not nil, keeps the graph page's layout for the next
	// run (see ForceMemo).
	Forces *ForceMemo
	// Early is set while a preview rebuild lays out its first pages,
	// before the layout keys: an article's local graph is then worked
	// out from the link graph around it (see Layout.neighbourhood).
	Early bool
	// Stop, when set, is asked by Keys, and by the build's layouts,
	// between pages: once it says so, the keys and layouts left are not
	// made, and the caller is to drop them all.
	Stop     func() bool
	partials *partialCache
	graphs   *siteGraph        // the article graph, made when a layout first draws it
	digest   [sha256.Size]byte // the theme's, for layout keys
}

// NewLayout prepares a layout run of th's layouts. Cached partials are
// kept for the run, so make a new Layout whenever what they show may have
// changed.
func NewLayout(th *Theme, s *site.Site, g *site.Graph, r *render.Result) *Layout {
	return &Layout{Site: s, Graph: g, Rendered: r, partials: newPartialCache(th), graphs: &siteGraph{}, digest: th.digest}
}

// SameLinksAs tells l that its site links the same articles to the same
// articles, with the same titles and addresses, as prev's: the article
// graph that local graphs are drawn from is then prev's, made once
// between them. A text edit changes no link (the preview's fast path
// checks), and making the graph took most of such an edit's time at
// 10,000 pages (about 65 ms of 110 to 200).
func (l *Layout) SameLinksAs(prev *Layout) {
	l.graphs = prev.graphs
}

// View is page p's view, its body's HTML given (a spilled body's HTML
// is read back by the caller).
func (l *Layout) View(p *site.Page, html []byte) *View {
	s := l.Site
	b := l.Rendered.Of(p).Body
	v := &View{
		Site:        s,
		Page:        p,
		graph:       l.Graph,
		layout:      l,
		rendered:    l.Rendered,
		partials:    l.partials,
		Content:     template.HTML(htmlString(html)),
		TOC:         markdown.TOC(b.Headings),
		Title:       p.Title + " | " + s.Config.Title,
		Description: p.Description,
		CSS:         []string{"css/kb.css"},
	}
	if p == s.Home || p.Title == s.Config.Title {
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
	if b.Words > 0 {
		v.ReadingMinutes = max(1, (b.Words+110)/220)
	}
	if p != s.Home && p.Kind != content.NotFound {
		v.Breadcrumbs = breadcrumbs(s, p)
	}
	if p.Kind == content.Article {
		v.Article = article(s, p, l.card(p))
	}
	v.Comparison = l.comparison(p)
	v.HasCompare = v.Comparison != nil || b.HasCompare
	v.HasCode = bytes.Contains(html, []byte("<pre"))
	if v.HasCode {
		v.CSS = append(v.CSS, HighlightCSS) // the code colours, only where there is code
	}
	if p.Term != nil {
		for _, t := range p.Term.Pages {
			if t != p {
				v.Tagged = append(v.Tagged, t)
			}
		}
	}
	v.Previews = previews(s, l.Graph.Links(p))
	v.HasTerms = b.HasTerms
	if s.Config.EditURL != "" && p.File != "" {
		v.EditURL = s.Config.EditURL + p.File
	}
	v.Markdown = p.MarkdownURL()
	v.Card = l.card(p)
	return v
}

// card is p's social card; nil for none.
func (l *Layout) card(p *site.Page) *Card {
	if l.Cards == nil {
		return nil
	}
	return l.Cards(p)
}

// HighlightCSS is where the build writes the code-highlighting stylesheet
// that every view links (see View.CSS).
const HighlightCSS = "css/highlight.css"

// The ids of the tables of pair pages and section matrices, which
// headings must not take (see ReservedIDs).
const (
	pairID   = "pair"
	matrixID = "matrix"
)

// comparison is the table a pair page or a section's matrix shows, nil on
// other pages.
func (l *Layout) comparison(p *site.Page) *render.Comparison {
	var c render.Comparison
	switch {
	case p.Pair != nil:
		c = l.Rendered.Compare(p.Pair.Section, []*site.Page{p.Pair.A, p.Pair.B}, nil, p.Title, pairID)
	case len(p.Dimensions) > 0 && len(p.Profiled()) > 0:
		c = l.Rendered.Compare(p, p.Profiled(), nil, p.Title+": every profile, every dimension", matrixID)
	default:
		return nil
	}
	return &c
}

// previews are the preview cards of the pages linked, by path.
func previews(s *site.Site, links []*site.Page) map[string]Preview {
	if len(links) == 0 {
		return nil
	}
	out := map[string]Preview{}
	for _, l := range links {
		pv := Preview{Title: l.Title, Description: l.Description}
		if l.Parent != nil && l.Parent != s.Home {
			pv.Section = l.Parent.Title
		}
		out[s.URLs.Rel(l.URL)] = pv
	}
	return out
}

// ReservedIDs are the ids that headings must not take: the theme's, and
// those of the comparison tables a view lays out. A compare block's
// table is "compare-N", which a heading's generated id ("compare-1" for
// "Compare 1") could still match; that one clash is left.
func (th *Theme) ReservedIDs() []string {
	return append(th.IDs(), pairID, pairID+"-caption", matrixID, matrixID+"-caption")
}

// Backlinks are the other pages that link to the page, by title, each
// with the sentence around its first link here.
func (v *View) Backlinks() []site.Backlink { return v.graph.Backlinks(v.Page) }

// Related are up to site.MaxRelated articles like this one that it does
// not link to, best first.
func (v *View) Related() []*site.Page { return v.graph.Related(v.Page) }

// List is pages as the entries the "page-list" partial ranges over, each
// with its "page-item" markup, rendered once per build:
//
//	{{template "page-list" ($.List .Page.Articles)}}
func (v *View) List(pages []*site.Page) []render.Entry { return v.rendered.List(pages) }

// Nearby are up to n articles of the page's own list around the page, in
// list order, the page among them: for a sidebar that stays short in a
// section of thousands of articles. A section gets its first n articles;
// other pages, none. It walks Prev and Next, so it costs n, not the
// length of the section. Each entry carries its link and whether it is
// this page, which saves the template two function calls an entry on
// every page of the site.
func (v *View) Nearby(n int) []NavItem {
	pages := nearby(v.Page, n)
	out := make([]NavItem, len(pages))
	for i, q := range pages {
		out[i] = NavItem{Page: q, Title: q.Title, Href: v.Site.URLs.Rel(q.URL), Current: q == v.Page}
	}
	return out
}

// NavItem is a page in a navigation list: the page, its title and link,
// and whether it is the page being shown.
type NavItem struct {
	Page *site.Page
	// Title repeats the page's: a field of the item itself is looked up
	// faster than one promoted from the page.
	Title   string
	Href    string
	Current bool
}

// nearby are the pages of Nearby.
func nearby(p *site.Page, n int) []*site.Page {
	if n <= 0 {
		return nil
	}
	if p.Kind != content.Article {
		if p.Kind == content.Section {
			return p.Articles[:min(n, len(p.Articles))]
		}
		return nil
	}
	first := p
	before := (n - 1) / 2
	for i := 0; i < before && first.Prev != nil; i++ {
		first = first.Prev
	}
	out := make([]*site.Page, 0, n)
	for q := first; q != nil && len(out) < n; q = q.Next {
		out = append(out, q)
	}
	// Near the end of the list, fill the window from before.
	for q := first.Prev; q != nil && len(out) < n; q = q.Prev {
		out = append([]*site.Page{q}, out...)
	}
	return out
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
