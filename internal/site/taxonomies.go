package site

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/parallel"
)

// Taxonomy is one way of classifying pages (tags, roles, stages).
type Taxonomy struct {
	Name  string // as in config.toml: "tags"
	Title string // "Tags"
	// Page is the taxonomy's index: a generated page at /NAME/, or the
	// section that owns the taxonomy.
	Page  *Page
	Terms []*Term // by name
	// Owner is the section that owns the taxonomy (same name), or nil.
	Owner *Page
}

// Term is one value of a taxonomy and the pages that carry it.
type Term struct {
	Taxonomy *Taxonomy
	Name     string // as first written, or the owning article's title
	Slug     string // lowercased, spaces as hyphens: the URL segment
	// Page is the term's page: generated at /TAXONOMY/SLUG/, or the
	// article the term names when a section owns the taxonomy.
	Page  *Page
	Pages []*Page // pages carrying the term, in list order
}

// TermSlug is a term's URL segment: lowercased, spaces as hyphens.
func TermSlug(term string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(term)), " ", "-")
}

// isSlug says whether term is its own TermSlug, as most terms are
// written ("hiring", "platform-teams"): checking that took less than
// looking the term's slug up, which was a third of gathering the terms
// at 10,000 pages (CPU profiles of 60 title edits in the preview).
func isSlug(term string) bool {
	for i := 0; i < len(term); i++ {
		if c := term[i]; c <= ' ' || c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// assembleTaxonomies gathers the terms of every taxonomy. A taxonomy that
// shares its name with a top-level section belongs to it: its terms are the
// section's articles (a term naming none is an error, so a typo never
// creates a stray page) and the section page is its index.
//
// The taxonomies are gathered on all cores (see gatherTerms), then added
// to the site one by one, in the config's order. At 10,000 pages with
// four taxonomies, gathering them took 25 ms of processor time a preview
// rebuild, all of it before the open page can be laid out.
func (s *Site) assembleTaxonomies(byDir map[string]*Page, uses [][]termUse) diag.List {
	names := s.Config.Taxonomies
	gathered := make([]gathered, len(names))
	gather := func(i int) { gathered[i] = s.gatherTerms(names[i], byDir[names[i]], uses[i]) }
	if len(slices.Compact(slices.Sorted(slices.Values(names)))) == len(names) {
		parallel.For(len(names), gather)
	} else {
		for i := range names { // a taxonomy listed twice, an error of its own: one owner, one writer
			gather(i)
		}
	}
	var errs diag.List
	terms := pageTermsRoom(len(s.Pages), len(names))
	for i, g := range gathered {
		errs.Add(g.errs...)
		errs.Add(s.addTaxonomy(g, uses[i], terms)...)
	}
	s.sortTermPages()
	return errs
}

// gathered is a taxonomy's terms as gatherTerms finds them, before they
// are added to the site: the terms by slug (a term named by an article's
// slug is there by its file name too), those that need a page made, in
// the order they were first written, and the terms each use of uses
// writes, once each.
type gathered struct {
	t       *Taxonomy
	terms   map[string]*Term
	created []*Term
	mine    [][]*Term
	errs    diag.List
}

// gatherTerms finds the terms of the taxonomy name, owned by the section
// owner (nil for none), that uses write. It changes nothing the other
// taxonomies' gathering reads: only the owner and its articles, which
// are that taxonomy's alone.
func (s *Site) gatherTerms(name string, owner *Page, uses []termUse) gathered {
	t := &Taxonomy{Name: name, Title: titleCase(name), Owner: owner}
	g := gathered{t: t, terms: map[string]*Term{}, mine: make([][]*Term, len(uses))}
	// A section with no articles that happens to share the taxonomy's
	// name is one mistake, not one per term used.
	emptyOwner := owner != nil && len(owner.Articles) == 0 && owner.File != ""
	if emptyOwner && len(uses) > 0 {
		g.errs.Add(diag.Errorf(owner.File, 1, 1, "section %s/ has the name of the taxonomy %q, which makes each of its terms an article of the section, but it has no articles; rename the section's folder, or add an article for each term", name, name))
	}
	if owner != nil {
		t.Page = owner
		owner.Taxonomy = t
		for _, a := range owner.Articles {
			slug := TermSlug(a.Name)
			if a.Slug != "" {
				slug = TermSlug(a.Slug)
			}
			term := &Term{Taxonomy: t, Name: a.Title, Slug: slug, Page: a}
			a.Term = term
			g.terms[slug] = term
			if a.Slug != "" {
				g.terms[TermSlug(a.Name)] = term // the file name works too
			}
		}
	}
	slugs := map[string]string{} // the same few terms are written on thousands of pages
	// Each page's terms share one allocation: one each took a quarter
	// of gathering the terms at 10,000 pages (CPU profiles of 60 title
	// edits in the preview).
	n := 0
	for _, use := range uses {
		n += len(use.written)
	}
	slab := make([]*Term, n)
	for i, use := range uses {
		p := use.page
		g.mine[i], slab = slab[:0:len(use.written)], slab[len(use.written):]
		for _, w := range use.written {
			slug := w
			if !isSlug(w) {
				var ok bool
				if slug, ok = slugs[w]; !ok {
					slug = TermSlug(w)
					slugs[w] = slug
				}
			}
			term := g.terms[slug]
			if term == nil && owner != nil {
				if emptyOwner {
					continue // reported once, above
				}
				g.errs.Add(p.Front.Errorf([]string{name}, "%s term %q is not an article of %s/%s; each term names a page in content/%s/", name, w, name, didYouMeanArticle(slug, owner), name))
				continue
			}
			if term == nil {
				if msg := checkTermSlug(slug); msg != "" {
					g.errs.Add(p.Front.Errorf([]string{name}, "%s term %q %s", name, w, msg))
					continue
				}
				term = &Term{Taxonomy: t, Name: termName(w, slug, s.Config.Terms[name]), Slug: slug}
				g.terms[slug] = term
				g.created = append(g.created, term)
			}
			// Pages arrive in order, so a repeat ("Hiring", "hiring")
			// can only be the last one added; no quadratic search.
			if n := len(term.Pages); n == 0 || term.Pages[n-1] != p {
				term.Pages = append(term.Pages, p)
				g.mine[i] = append(g.mine[i], term)
			}
		}
	}
	return g
}

// addTaxonomy adds a gathered taxonomy to the site: the pages kb makes
// for it and its terms, each page's terms of it, and the taxonomy.
func (s *Site) addTaxonomy(g gathered, uses []termUse, room func() []TaxonomyTerms) diag.List {
	var errs diag.List
	t := g.t
	if t.Owner == nil {
		t.Page = s.addGenerated(&content.Page{Kind: content.Taxonomy, Title: t.Title, URL: t.Name + "/", Dir: t.Name}, &errs)
		t.Page.Taxonomy = t
	}
	for _, term := range g.created {
		term.Page = s.addGenerated(&content.Page{Kind: content.Term, Title: term.Name, URL: t.Name + "/" + term.Slug + "/", Dir: t.Name}, &errs)
		term.Page.Parent = t.Page // its breadcrumbs go through the taxonomy
		term.Page.Term = term
	}
	for i, use := range uses {
		if len(g.mine[i]) > 0 {
			if use.page.PageTerms == nil {
				use.page.PageTerms = room()
			}
			use.page.PageTerms = append(use.page.PageTerms, TaxonomyTerms{Taxonomy: t, Terms: g.mine[i]})
		}
	}
	seen := map[*Term]bool{}
	for _, term := range g.terms {
		if !seen[term] {
			seen[term] = true
			t.Terms = append(t.Terms, term)
		}
	}
	errs.Add(s.orderTerms(t, g.terms)...)
	s.Taxonomies = append(s.Taxonomies, t)
	return errs
}

// pageTermsRoom hands out room for a page's terms of n taxonomies, for
// up to pages pages, all in one allocation: a page's own, grown as each
// taxonomy added its terms, took 2 ms of processor time a preview
// rebuild at 10,000 pages (CPU profiles of 60 title edits).
func pageTermsRoom(pages, n int) func() []TaxonomyTerms {
	room := make([]TaxonomyTerms, pages*n)
	return func() []TaxonomyTerms {
		if len(room) < n {
			return nil // appended to as usual
		}
		next := room[:0:n]
		room = room[n:]
		return next
	}
}

// termUse is a page and the terms it writes of one taxonomy.
type termUse struct {
	page    *Page
	written []string
}

// termUses lists, for each taxonomy of the config, the pages that write
// terms of it, in the site's order, in one pass over the pages rather
// than a pass per taxonomy. With that, slugs made once per spelling, and
// sortTermPages, the taxonomies of a 10,000-page site took 0.73 s of
// processor time in 30 title edits in the preview, against 1.18 s
// before (CPU profiles).
func (s *Site) termUses() [][]termUse {
	names := s.Config.Taxonomies
	uses := make([][]termUse, len(names))
	for i := range uses {
		// Room for every page: growing them took more (4 MB a rebuild at
		// 10,000 pages, by a memory profile) than the room does.
		uses[i] = make([]termUse, 0, len(s.Pages))
	}
	// Each page's terms are looked up by the taxonomies' names, not
	// ranged over: starting to range over a map costs more than three
	// lookups (listing the uses of a 10,000-page site's three taxonomies
	// took 5.5 ms ranging, 3 ms looking up, by CPU profiles of the
	// stage's benchmark). A name listed twice (an error of its own)
	// counts once.
	for _, p := range s.Pages {
		for i, name := range names {
			if written := p.Terms[name]; len(written) > 0 && slices.Index(names, name) == i {
				uses[i] = append(uses[i], termUse{p, written})
			}
		}
	}
	return uses
}

// sortTermPages puts each term's pages in list order: the pages with
// terms are dealt to their terms in list order (0.12 s in the profiles
// above, against 0.32 s sorting each term's pages).
func (s *Site) sortTermPages() {
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			term.Pages = term.Pages[:0]
		}
	}
	for _, p := range s.listOrder { // every page with terms is among them
		for _, tt := range p.PageTerms {
			for _, term := range tt.Terms {
				term.Pages = append(term.Pages, p)
			}
		}
	}
}

// orderTerms sorts a taxonomy's terms: a section-owned taxonomy's in its
// articles' list order; another's in the order config.toml gives, then by
// slug; and each page's terms of it the same way when that order is
// given. A term that config.toml names but no page uses is reported
// there, since it is almost always a typo.
func (s *Site) orderTerms(t *Taxonomy, terms map[string]*Term) diag.List {
	var errs diag.List
	set, configured := s.Config.Terms[t.Name]
	if t.Owner != nil {
		slices.SortFunc(t.Terms, func(a, b *Term) int { return ListOrder(a.Page, b.Page) })
		if configured {
			at := firstPlace(set)
			errs.Add(diag.Errorf(config.File, at.Line, at.Col, "[terms.%s]: the terms of %s are the articles of %s/; name and order them there (title, weight)", t.Name, t.Name, t.Name))
		}
		return errs
	}
	rank := map[*Term]int{}
	for i, w := range set.Order {
		if term := terms[TermSlug(w)]; term != nil {
			if _, seen := rank[term]; !seen {
				rank[term] = i
			}
		}
	}
	for _, w := range slices.Sorted(maps.Keys(set.At)) {
		if terms[TermSlug(w)] == nil {
			slugs := slices.Sorted(maps.Keys(terms))
			errs.Add(diag.Errorf(config.File, set.At[w].Line, set.At[w].Col, "[terms.%s]: no page uses the term %q%s", t.Name, w, diag.DidYouMean(TermSlug(w), slugs)))
		}
	}
	byRank := func(a, b *Term) int {
		ra, aok := rank[a]
		rb, bok := rank[b]
		return cmp.Or(cmp.Compare(boolInt(!aok), boolInt(!bok)), cmp.Compare(ra, rb), cmp.Compare(a.Slug, b.Slug))
	}
	slices.SortFunc(t.Terms, byRank)
	if len(set.Order) > 0 {
		for _, p := range s.Pages {
			for _, tt := range p.PageTerms {
				if tt.Taxonomy == t {
					slices.SortFunc(tt.Terms, byRank)
				}
			}
		}
	}
	return errs
}

// firstPlace is the earliest place of config.toml that a [terms] table
// names a term at.
func firstPlace(set config.Terms) config.Place {
	var first config.Place
	for _, at := range set.At {
		if first.Line == 0 || at.Line < first.Line || at.Line == first.Line && at.Col < first.Col {
			first = at
		}
	}
	return first
}

// termName is the name a term is shown by: config.toml's, else as first
// written when that has capitals or spaces ("Series A"), else the slug
// made readable ("technology-strategy" is "Technology strategy").
func termName(written, slug string, set config.Terms) string {
	if n, ok := set.Names[written]; ok {
		return n
	}
	if n, ok := set.Names[slug]; ok {
		return n
	}
	if strings.ToLower(written) != written || strings.Contains(written, " ") {
		return written
	}
	return titleCase(written)
}

// addGenerated adds a page that no file describes. When a content page
// has its URL already, or one that differs from it only in case, that
// page is reported and the generated one is left out of the site but
// still returned, so that templates reaching it through the site
// (.Site.AllArticles, a taxonomy's page) add no second message.
func (s *Site) addGenerated(cp *content.Page, errs *diag.List) *Page {
	p := NewPage(cp)
	p.Parent = s.Home
	if cp.Terms == nil {
		cp.Terms = map[string][]string{}
	}
	other := s.byURL[cp.URL]
	if other == nil {
		other = s.byFold[content.FoldKey(cp.URL)]
	}
	if other != nil {
		errs.Add(generatedClash(p, other))
		s.leftOut = append(s.leftOut, p)
		return p
	}
	s.byURL[cp.URL] = p
	s.byFold[content.FoldKey(cp.URL)] = p
	s.Pages = append(s.Pages, p)
	return p
}

// generatedClash is the problem of a page taking the URL of a page kb
// generates, reported where the page's URL comes from.
func generatedClash(gen, other *Page) diag.Diagnostic {
	file, line, col := place(other)
	how := "rename the page or set slug = \"...\""
	switch {
	case other.Slug != "":
		how = "change the slug"
	case other.File == "":
		how = "rename the folder"
	case gen.Kind == content.Taxonomy:
		how = "rename the page, or the taxonomy in config.toml"
	}
	if other.URL != gen.URL {
		return diag.Errorf(file, line, col, "URLs /%s and /%s (where kb makes the %s page %q) differ %s; %s", other.URL, gen.URL, gen.Kind, gen.Title, content.FoldDifference(other.URL, gen.URL), how)
	}
	return diag.Errorf(file, line, col, "URL /%s is claimed by this page and by the %s page %q that kb makes; %s", gen.URL, gen.Kind, gen.Title, how)
}

// checkTermSlug says why a term cannot be a URL segment, or "".
func checkTermSlug(slug string) string {
	if strings.Trim(slug, ".") == "" {
		return "is empty or only dots: a term needs letters or digits"
	}
	for _, r := range slug {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_.+", r) {
			return fmt.Sprintf("cannot be part of a URL: use letters, digits, spaces and - _ . + (not %q)", r)
		}
	}
	return content.NameProblem(slug)
}

func didYouMeanArticle(slug string, section *Page) string {
	names := make([]string, 0, len(section.Articles))
	for _, a := range section.Articles {
		names = append(names, a.Name)
	}
	if hint := diag.DidYouMean(slug, names); hint != "" {
		return hint
	}
	return " (its articles: " + strings.Join(names, ", ") + ")"
}

func titleCase(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
