// Package site assembles the pages read from content/ into a site: the
// section tree, ordered lists, taxonomies and their term pages, and the
// checks that need every page at once (two pages claiming one URL, or URLs
// that differ only in case; a page taking the URL of a page kb generates; a
// term of a section-owned taxonomy that names no article). A page left out
// for a clash is reported once and still found by links, and a generated
// page whose URL a content page took is still reachable from templates, so
// that one mistake is one message.
//
// It reads nothing and renders nothing. Once Assemble returns, the site
// is frozen: nothing writes into it. What later stages learn is a value of
// their own, keyed by page: the link graph (Link, from the links rendering
// found), the render result, the search index.
package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/parallel"
)

// Site is the assembled site.
type Site struct {
	Config config.Config
	Home   *Page
	// Pages are all pages to render, ordered by URL.
	Pages []*Page
	// Sections are the top-level sections, in list order: the site's
	// navigation.
	Sections []*Page
	// Articles are all articles, newest first (by last change).
	Articles   []*Page
	Taxonomies []*Taxonomy
	// AllSections are every section, the tree walked depth first in list
	// order: the groups of the all-articles page.
	AllSections []*Page
	// AllArticles is the page listing every article, grouped by section.
	AllArticles *Page
	// Graph is the page that draws the link graph.
	Graph *Page
	// NotFound is the page served where a URL leads nowhere (404.html);
	// it is not among Pages, having no URL of its own.
	NotFound *Page
	// URLs makes the links pages write.
	URLs URLs
	// Glossary is the page whose terms articles link to (its front matter
	// has glossary = true, or [[glossary]] tables), or nil.
	Glossary *Page

	byURL     map[string]*Page
	byAlias   map[string]*Page   // each alias a redirect is made for ("roles/old/") → its page
	byFold    map[string]*Page   // content.FoldKey of each page's URL
	byFile    map[string]*Page   // "roles/cto", "roles/_index": content paths without .md
	byName    map[string][]*Page // lowercased file name, slug or section folder name
	draftFile map[string]*Page   // drafts left out of the build, by content path
	files     map[string]bool    // output paths of static files and content assets
	citing    map[string][]*Page // source title -> pages that cite it
	// leftOut are the generated pages a content page took the URL of:
	// not built, but their aliases are still checked.
	leftOut   []*Page
	linkSpace linkSpace
	// listOrder is every content page in list order (ListOrder).
	listOrder []*Page
}

// Page is a content page with its place in the site.
type Page struct {
	*content.Page
	// Title, URL, Description and Kind repeat the content page's as
	// fields of Page itself: templates look a field up by name at every
	// use, and a field promoted from an embedded struct costs a search
	// through it each time (a tenth of a large build's time). Date,
	// Updated and Sources are repeated for the same reason: every
	// article's layout shows them.
	Title, URL, Description string
	Kind                    content.Kind
	Date, Updated           time.Time
	Sources                 []content.Source
	// Aliases are the page's aliases that no other page or alias takes:
	// each gets a redirect.
	Aliases []string
	// Parent is the enclosing section, nil for home.
	Parent *Page
	// Sections and Articles are a section's (or home's) own children, in
	// list order.
	Sections []*Page
	Articles []*Page
	// Taxonomy is set on a taxonomy's index page (or on the section that
	// owns the taxonomy); Term on a term's page (or on the article that is
	// the term).
	Taxonomy *Taxonomy
	Term     *Term
	// PageTerms are the terms the page carries, per taxonomy in config
	// order.
	PageTerms []TaxonomyTerms
	// Prev and Next are the neighbouring articles of its section, in list
	// order.
	Prev, Next *Page
	// ProfileValues are an article's checked [profile] values, still
	// Markdown.
	ProfileValues map[string]ProfileValue
	// Pairs are a section's generated pair pages; Pair is what a pair
	// page compares.
	Pairs []*Page
	Pair  *Pair

	sortKey string // the lowercased title, computed once for sorting
	// n is the page's place in its site's Pages, plus one; 0 for a page
	// not among them (a clash's loser, a draft left out, the 404 page).
	// A link's Ref holds it rather than the page itself (see PageRef).
	n int32
}

// Index is p's place in its site's Pages, -1 for a page not among them
// (the 404 page, a draft left out, a clash's loser). Lists kept by page
// are kept by it rather than in maps by page, which every build would
// make again.
func (p *Page) Index() int { return int(p.n) - 1 }

// Ancestors are the sections above the page, from home down: its
// breadcrumbs.
func (p *Page) Ancestors() []*Page {
	var out []*Page
	for a := p.Parent; a != nil; a = a.Parent {
		out = append(out, a)
	}
	slices.Reverse(out)
	return out
}

// TaxonomyTerms are the terms a page carries in one taxonomy.
type TaxonomyTerms struct {
	Taxonomy *Taxonomy
	Terms    []*Term
}

// AllArticlesURL is where the all-articles page lives, SearchURL the
// search page, and GraphURL the page that draws the link graph.
const (
	AllArticlesURL = "all-articles/"
	SearchURL      = "search/"
	GraphURL       = "graph/"
)

// Lookup returns the page at a site-relative URL ("roles/cto/").
func (s *Site) Lookup(url string) *Page { return s.byURL[url] }

// Assemble builds the site from content as content.Load returns it: every
// page's section present, the home page among them. files are the output
// paths of the files copied as they are (static files, content assets), so
// that links to them can be checked. The site it returns is frozen.
func Assemble(cfg config.Config, c *content.Content, files []string) (*Site, diag.List) {
	// The maps of pages are sized for every content page at once: their
	// growth was 7% of assembling a 10,000-page site (0.15 of 2.10 s of
	// processor time, CPU profiles of 30 title edits in the preview).
	n := len(c.Pages)
	s := &Site{
		Config:    cfg,
		URLs:      NewURLs(cfg),
		Pages:     make([]*Page, 0, n),
		byURL:     make(map[string]*Page, n),
		byAlias:   map[string]*Page{},
		byFold:    make(map[string]*Page, n),
		byFile:    make(map[string]*Page, n),
		byName:    make(map[string][]*Page, n),
		draftFile: map[string]*Page{},
		files:     make(map[string]bool, len(files)),
	}
	for _, f := range files {
		s.files[f] = true
	}
	errs := cfg.Warnings()
	errs.Add(s.claimURLs(c)...)
	// Two passes over every page run on the other core meanwhile: the
	// sort into list order beside the check of URLs that differ in case
	// alone, and the listing of the pages' terms beside the tree. In
	// preview rebuilds at 10,000 pages they took 6 ms of processor time
	// before the open page was handed over (CPU profiles of 60 title
	// edits).
	inListOrder := s.sortInListOrder()
	errs.Add(s.checkFolds()...)
	var uses [][]termUse
	listed := parallel.Start(func() { uses = s.termUses() })
	for _, cp := range c.Clashed {
		s.keepForLinks(NewPage(cp))
	}
	byDir, newest := s.buildTree(inListOrder())
	for _, d := range c.Drafts {
		p := NewPage(d)
		s.draftFile[contentKey(d.File)] = p
		s.addName(p)
	}
	listed()
	errs.Add(s.assembleTaxonomies(byDir, uses)...)
	s.assembleProfiles(&errs)
	s.indexCitations()
	s.AllArticles = s.addGenerated(&content.Page{Kind: content.AllArticles, Title: "All articles", URL: AllArticlesURL}, &errs)
	s.addGenerated(&content.Page{Kind: content.Search, Title: "Search", URL: SearchURL, Description: "Search every article of the site."}, &errs)
	s.Graph = s.addGenerated(&content.Page{Kind: content.Graph, Title: "Link graph", URL: GraphURL, Description: "Every article as a point and every link between two articles as a line, coloured by section."}, &errs)
	s.NotFound = NewPage(&content.Page{Kind: content.NotFound, Title: "Page not found", Terms: map[string][]string{}})
	s.NotFound.Parent = s.Home
	errs.Add(s.checkAliases()...)
	sortByURL(s.Pages)
	for i, p := range s.Pages {
		p.n = int32(i + 1)
	}
	errs.Add(s.findGlossary()...)
	newest()
	return s, errs
}

// claimURLs gives each content page its URL, sections first, so that an
// article clashing with a section's URL is the one reported and left out;
// it is still found by links, so that the clash is the only message.
func (s *Site) claimURLs(c *content.Content) diag.List {
	var errs diag.List
	// The pages are made in one allocation, not one each: 10,000 of them
	// were a fifth of assembling a site that large.
	slab := make([]Page, 0, len(c.Pages))
	// Sections and home first, then the articles, each in URL order, as
	// a stable sort by kind would put them.
	ordered := make([]*content.Page, 0, len(c.Pages))
	for _, cp := range c.Pages {
		if cp.Kind != content.Article {
			ordered = append(ordered, cp)
		}
	}
	for _, cp := range c.Pages {
		if cp.Kind == content.Article {
			ordered = append(ordered, cp)
		}
	}
	for _, cp := range ordered {
		slab = append(slab, newPage(cp))
		slab[len(slab)-1].Updated = updated(cp, c.LastCommits[cp.File])
	}
	if !sharedURL(c.Pages) {
		s.claimApart(slab)
		return nil
	}
	for i := range slab {
		p := &slab[i]
		if other, dup := s.byURL[p.URL]; dup {
			errs.Add(urlClash(p, other))
			s.keepForLinks(p)
			continue
		}
		s.byURL[p.URL] = p
		if p.File != "" {
			s.byFile[contentKey(p.File)] = p
		}
		s.addName(p)
		s.Pages = append(s.Pages, p)
	}
	return errs
}

// sharedURL says whether two of pages, which content.Load puts in URL
// order, may have one URL: they do, or they are not in that order.
func sharedURL(pages []*content.Page) bool {
	for i := 1; i < len(pages); i++ {
		if pages[i].URL <= pages[i-1].URL {
			return true
		}
	}
	return false
}

// claimApart is claimURLs when no two pages have one URL, as on nearly
// every build: every page claims its URL, and the map by name is filled
// on another core meanwhile. Filled in turn, with a list allocated for
// each name, the maps took 7 to 10 ms of a preview rebuild at 10,000
// pages before the open page was handed over; this way 3.4 to 7.4 ms
// (stage timings of title edits).
func (s *Site) claimApart(slab []Page) {
	for i := range slab {
		s.Pages = append(s.Pages, &slab[i])
	}
	named := parallel.Start(func() { s.addNames(s.Pages) })
	for _, p := range s.Pages {
		s.byURL[p.URL] = p
		if p.File != "" {
			s.byFile[contentKey(p.File)] = p
		}
	}
	named()
}

// addNames is addName for each of pages, a name's list of pages taken
// from one allocation for all of them (few names are shared).
func (s *Site) addNames(pages []*Page) {
	var room []*Page
	for _, p := range pages {
		for _, k := range p.WikiKeys() {
			if have := s.byName[k]; have != nil {
				s.byName[k] = append(have, p)
				continue
			}
			if len(room) == cap(room) {
				room = make([]*Page, 0, len(pages)+1)
			}
			room = append(room, p)
			s.byName[k] = room[len(room)-1 : len(room) : len(room)]
		}
	}
}

// buildTree links every page to its section and the sections' children
// in list order, each article to its neighbours, and lists the articles
// newest first and every section depth first. It returns the sections
// and home by folder, and a function that waits for the articles' list
// newest first, which is sorted beside the rest of the assembly.
func (s *Site) buildTree(listOrder []*Page) (map[string]*Page, func()) {
	byDir := map[string]*Page{}
	for _, p := range s.Pages {
		if p.Kind != content.Article {
			byDir[p.Dir] = p
		}
	}
	// The content pages are sorted into list order once, and each
	// section's children, and later each term's pages, are taken from
	// that order: at 10,000 pages, sorting the sections' lists one by
	// one and the pages with terms once more took 4.5 ms of the 31 ms of
	// assembly, sorting once 3.5 ms (CPU profiles of the stage's
	// benchmark).
	s.listOrder = listOrder
	for _, p := range s.listOrder {
		switch p.Kind {
		case content.Home:
			s.Home = p
		case content.Section:
			p.Parent = byDir[p.Section()]
			p.Parent.Sections = append(p.Parent.Sections, p)
		case content.Article:
			p.Parent = byDir[p.Dir]
			p.Parent.Articles = append(p.Parent.Articles, p)
			s.Articles = append(s.Articles, p)
		}
	}
	for _, p := range s.Pages {
		for i, a := range p.Articles {
			if i > 0 {
				a.Prev = p.Articles[i-1]
			}
			if i+1 < len(p.Articles) {
				a.Next = p.Articles[i+1]
			}
		}
	}
	s.Sections = s.Home.Sections
	var walk func(sec *Page)
	walk = func(sec *Page) {
		for _, sub := range sec.Sections {
			s.AllSections = append(s.AllSections, sub)
			walk(sub)
		}
	}
	walk(s.Home)
	// URLs differ, so the order is total and need not be stable: sorted
	// stably, the articles of a 10,000-page site took 6 ms a preview
	// rebuild (0.19 s of processor time in 30 title edits, CPU profiles).
	// Nothing else the assembly does reads this order.
	newest := parallel.Start(func() {
		slices.SortFunc(s.Articles, func(a, b *Page) int {
			if c := b.LastChange().Compare(a.LastChange()); c != 0 {
				return c
			}
			return strings.Compare(a.URL, b.URL)
		})
	})
	return byDir, newest
}

// sortInListOrder starts sorting the site's pages into list order, and
// returns a function that waits for the order, without the pages
// checkFolds left out meanwhile.
func (s *Site) sortInListOrder() func() []*Page {
	order := slices.Clone(s.Pages)
	sorted := parallel.Start(func() { slices.SortFunc(order, ListOrder) })
	return func() []*Page {
		sorted()
		if len(order) != len(s.Pages) {
			kept := make(map[*Page]bool, len(s.Pages))
			for _, p := range s.Pages {
				kept[p] = true
			}
			order = slices.DeleteFunc(order, func(p *Page) bool { return !kept[p] })
		}
		return order
	}
}

// NewPage wraps a content page; every Page is made by it, or by newPage
// into a slice of many.
func NewPage(cp *content.Page) *Page {
	p := newPage(cp)
	return &p
}

func newPage(cp *content.Page) Page {
	key := cp.TitleKey
	if key == "" {
		key = strings.ToLower(cp.Title) // a page not parsed from a file, not Keyed
	}
	return Page{Page: cp, Title: cp.Title, URL: cp.URL, Description: cp.Description, Kind: cp.Kind,
		Date: cp.Date, Updated: cp.Updated, Sources: cp.Sources, Aliases: cp.Aliases, sortKey: key}
}

// updated is when a page last changed: its front matter's updated, else
// its file's last commit when that is on a later day than its date.
func updated(cp *content.Page, committed time.Time) time.Time {
	if !cp.Updated.IsZero() || committed.IsZero() {
		return cp.Updated
	}
	if !cp.Date.IsZero() && committed.Format(time.DateOnly) <= cp.Date.Format(time.DateOnly) {
		return time.Time{} // committed the day it was dated: not an update
	}
	return committed
}

// LastChange is Updated, or Date when the page was never updated: what
// feeds, sitemaps and "newest first" go by.
func (p *Page) LastChange() time.Time {
	if !p.Updated.IsZero() {
		return p.Updated
	}
	return p.Date
}

// contentKey is a content file's path without content/ and .md: the key
// links find pages by.
func contentKey(file string) string {
	return strings.TrimSuffix(strings.TrimPrefix(file, content.Dir+"/"), ".md")
}

// addName indexes a page for wikilinks: an article by file name and slug,
// a section by its folder's name.
func (s *Site) addName(p *Page) {
	for _, k := range p.WikiKeys() {
		s.byName[k] = append(s.byName[k], p)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ListOrder orders pages in lists: by weight (pages without one last), then
// title, then URL so that the order never depends on anything else.
func ListOrder(a, b *Page) int {
	wa, wb := a.Weight, b.Weight
	if (wa == 0) != (wb == 0) {
		if wa == 0 {
			return 1
		}
		return -1
	}
	if wa != wb {
		return cmp.Compare(wa, wb)
	}
	return titleOrder(a, b)
}

// titleOrder orders pages by title, then URL. It compares each string
// once, and the URLs only on a tie: lists of thousands of pages are
// sorted on every build (cmp.Or's arguments are all computed, and
// cmp.Compare compares two strings twice).
func titleOrder(a, b *Page) int {
	if c := strings.Compare(a.sortKey, b.sortKey); c != 0 {
		return c
	}
	return strings.Compare(a.URL, b.URL)
}

func urlClash(p, other *Page) diag.Diagnostic {
	where := func(q *Page) string {
		if q.File == "" {
			return "the generated " + string(q.Kind) + " page"
		}
		return q.File
	}
	return diag.Errorf(p.File, 1, 1, "URL /%s is claimed twice: by this page and by %s; rename one or give it a different slug", p.URL, where(other))
}

// checkAliases reports aliases that take another page's URL, are claimed
// twice, or differ from another's URL only in case, and leaves each such
// alias out of its page's Aliases, so that no redirect is made for it.
func (s *Site) checkAliases() diag.List {
	var errs diag.List
	seen := map[string]*Page{}    // each alias URL → its page
	folded := map[string]string{} // content.FoldKey of each alias URL and its folders → the URL or folder
	for _, p := range append(slices.Clone(s.Pages), s.leftOut...) {
		var kept []string
		for _, a := range p.Aliases {
			if msg := s.aliasProblem(p, a, seen, folded); msg != "" {
				errs.Add(s.aliasError(p, a, msg))
				continue
			}
			kept = append(kept, a)
		}
		p.Aliases = kept
	}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			s.byAlias[strings.Trim(a, "/")+"/"] = p
		}
	}
	return errs
}

// aliasProblem says why page p cannot have alias a, or "", and records a.
func (s *Site) aliasProblem(p *Page, a string, seen map[string]*Page, folded map[string]string) string {
	u := strings.Trim(a, "/") + "/"
	if other := s.byURL[u]; other != nil {
		return fmt.Sprintf("is the URL of %s; an alias must be an old URL that no page uses", source(other))
	}
	if other := seen[u]; other != nil {
		if other == p {
			return "is listed twice"
		}
		return fmt.Sprintf("is also an alias of %s", source(other))
	}
	for q := u; q != ""; q = parentURL(q) {
		k := content.FoldKey(q)
		if other := s.byFold[k]; other != nil && other.URL != q {
			return fmt.Sprintf("and /%s (%s) differ %s; change one", other.URL, source(other), content.FoldDifference(q, other.URL))
		}
		if other, ok := folded[k]; ok && other != q {
			return fmt.Sprintf("and /%s (a path of another alias) differ %s; change one", other, content.FoldDifference(q, other))
		}
	}
	seen[u] = p
	for q := u; q != ""; q = parentURL(q) {
		folded[content.FoldKey(q)] = q
	}
	return ""
}

// aliasError is the problem of a page's alias, at its aliases key; a
// generated page has none, so the problem is the content page in the way.
func (s *Site) aliasError(p *Page, a, msg string) diag.Diagnostic {
	if p.Front != nil {
		return p.Front.Errorf([]string{"aliases"}, "alias %q %s", a, msg)
	}
	u := strings.Trim(a, "/") + "/"
	other := s.byURL[u]
	if other == nil {
		other = s.byFold[content.FoldKey(u)]
	}
	if other == nil || other.File == "" {
		return diag.Errorf("", 0, 0, "the %s page %q cannot redirect from /%s: %s", p.Kind, p.Title, u, msg)
	}
	file, line, col := place(other)
	return diag.Errorf(file, line, col, "URL /%s is where kb redirects to the %s page %q from; rename this page or change its slug", other.URL, p.Kind, p.Title)
}

// parentURL is the folder of a site-relative URL ("a/b/" → "a/"), "" at
// the top.
func parentURL(u string) string {
	u = strings.TrimSuffix(u, "/")
	i := strings.LastIndexByte(u, '/')
	if i < 0 {
		return ""
	}
	return u[:i+1]
}

func describe(p *Page) string {
	if p.File != "" {
		return p.File
	}
	return "/" + p.URL
}

// LastChange is the newest change of any article, for feeds.
func (s *Site) LastChange() time.Time {
	var t time.Time
	for _, p := range s.Articles {
		if c := p.LastChange(); c.After(t) {
			t = c
		}
	}
	return t
}
