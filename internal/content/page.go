package content

import (
	"path"
	"strings"
	"time"

	"github.com/kbsite/kb/internal/tomldoc"
)

// Kind says what a page is, which decides its layout and its place in lists.
type Kind string

const (
	Home     Kind = "home"
	Section  Kind = "section"
	Article  Kind = "article"
	Taxonomy Kind = "taxonomy"
	Term     Kind = "term"
	// AllArticles is the generated page listing every article by section.
	AllArticles Kind = "articles"
	// Pair is a generated page comparing two profiled articles.
	Pair Kind = "pair"
	// Search is the generated search page.
	Search Kind = "search"
	// Graph is the generated page drawing every article and its links.
	Graph Kind = "graph"
	// NotFound is the page served for a URL that leads nowhere.
	NotFound Kind = "404"
)

// Page is one page of the site as read from content/: its front matter
// typed, its body still Markdown. Generated pages (taxonomies, terms, and
// sections without an _index.md) have no File.
type Page struct {
	Kind Kind
	// File is the source path relative to the site root
	// ("content/roles/cto.md"), or "" for a generated page.
	File string
	// Dir is the section path the page lives in ("roles", "" at the top);
	// for a section page, the section's own path.
	Dir string
	// Name is the file name without ".md" ("cto", "_index").
	Name string
	// URL is the page's path relative to the site root, "" for home and
	// "roles/cto/" for an article: pretty URLs, an index.html inside.
	URL string
	// TitleKey is the title in lower case, which lists sort by, and
	// URLFold the URL's FoldKey, which two URLs one on some system share:
	// made once a parse, not at every build of the site (see Keyed).
	TitleKey, URLFold string
	// wikiKeys are what wikilinks find the page by, in lower case (see
	// WikiKeys), made once a parse too.
	wikiKeys []string

	Title       string
	Description string
	Date        time.Time
	Updated     time.Time
	Draft       bool
	Weight      int
	Slug        string
	Aliases     []string
	Sources     []Source
	// Terms holds the page's terms per taxonomy, as written.
	Terms map[string][]string
	// Profile holds an article's comparison values by dimension id, as
	// written; site checks them against its section's Dimensions.
	Profile map[string]any
	// Dimensions are the rows of a section's comparison tables.
	Dimensions []Dimension
	// Glossary says the page is the site's glossary (glossary = true, or
	// [[glossary]] tables): its definition lists' terms, and
	// GlossaryEntries, are linked where articles use them.
	Glossary        bool
	GlossaryEntries []GlossaryEntry
	Params          map[string]any

	// BodyLine is the line of File the Markdown body starts on; the body
	// itself is in Content.Bodies.
	BodyLine int
	// Front is the decoded front matter, kept for the places of its keys.
	Front *tomldoc.Doc
}

// Source is a work the page draws on, listed under it.
type Source struct {
	Title     string
	Publisher string
	URL       string
	Date      time.Time
}

// LastChange is Updated, or Date when the page was never updated.
func (p *Page) LastChange() time.Time {
	if !p.Updated.IsZero() {
		return p.Updated
	}
	return p.Date
}

// Section is the path of the section the page belongs to: its Dir, or for a
// section page, its parent's path.
func (p *Page) Section() string {
	if p.Kind == Section {
		return parentDir(p.Dir)
	}
	return p.Dir
}

func parentDir(dir string) string {
	for i := len(dir) - 1; i >= 0; i-- {
		if dir[i] == '/' {
			return dir[:i]
		}
	}
	return ""
}

// Keyed fills p's TitleKey, URLFold and wikilink keys from its title,
// URL and names: 10,000 pages' first two took 7 ms of every preview
// rebuild of a site that large (CPU profiles), and a page read once is
// built again and again.
func (p *Page) Keyed() {
	p.TitleKey, p.URLFold = strings.ToLower(p.Title), FoldKey(p.URL)
	p.wikiKeys = p.lowerNames()
}

// WikiKeys are what wikilinks find p by, in lower case: an article's
// file name and its slug, a section's folder name. Made now for a page
// not Keyed.
func (p *Page) WikiKeys() []string {
	if p.wikiKeys != nil {
		return p.wikiKeys
	}
	return p.lowerNames()
}

// lowerNames are p's wikilink names in lower case.
func (p *Page) lowerNames() []string {
	var names []string
	switch p.Kind {
	case Article:
		names = []string{p.Name}
		if p.Slug != "" && p.Slug != p.Name {
			names = append(names, p.Slug)
		}
	case Section:
		names = []string{path.Base(p.Dir)}
	}
	for i, n := range names {
		names[i] = strings.ToLower(n)
	}
	return names
}
