package theme

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/site"
)

// SeeAlsoShown is how many entries an article's "see also" block shows
// before the rest, which wait behind a disclosure.
const SeeAlsoShown = 8

// SeeAlso is an article's one block of what links here and what is
// related: Top are the SeeAlsoShown most relevant pages, More the rest,
// grouped by top-level section in the site's order of sections.
type SeeAlso struct {
	Top  []SeeAlsoEntry
	More []SeeAlsoGroup
	// MoreCount is how many entries More holds in all.
	MoreCount int
}

// SeeAlsoEntry is one page in a SeeAlso block. Linked says it links here;
// Context is then the sentence around that link, or "" when the sentence
// says nothing beyond the link (see saysNothing).
type SeeAlsoEntry struct {
	Page *site.Page
	// Href is the page's link, made here rather than by the template's
	// url function: a call through reflection for every entry of every
	// article was a measurable share of the layouts' time.
	Href    string
	Context string
	Linked  bool
	score   int
	order   int
}

// SeeAlsoGroup is the entries of one top-level section; Section is nil
// for pages outside every section (the home page).
type SeeAlsoGroup struct {
	Section *site.Page
	Entries []SeeAlsoEntry
}

// SeeAlso gathers the pages that link here (Backlinks), the articles like
// this one (Related) and, on a page that is a term, the pages carrying it
// (Tagged) into one list, each page once, ordered by relevance; nil when
// there are none. Relevance is a score of plain points, ties kept in the
// order backlinks, related, tagged were listed:
//
//   - 3 for linking here with a sentence that says something, 2 for
//     linking here with one that does not;
//   - 2 for being related, plus 1 for each place above the last of
//     Related's best-first list (so Related's own order holds);
//   - 1 for carrying this page's term;
//   - 1 for being an article rather than a list (a section, the home page).
func (v *View) SeeAlso() *SeeAlso {
	var all []SeeAlsoEntry
	index := map[*site.Page]int{}
	entry := func(p *site.Page) *SeeAlsoEntry {
		if i, ok := index[p]; ok {
			return &all[i]
		}
		index[p] = len(all)
		e := SeeAlsoEntry{Page: p, Href: v.Site.URLs.Rel(p.URL), order: len(all)}
		if p.Kind == content.Article {
			e.score++
		}
		all = append(all, e)
		return &all[len(all)-1]
	}
	for _, bl := range v.Backlinks() {
		e := entry(bl.From)
		e.Linked = true
		e.score += 2
		if !saysNothing(bl.Context, v.Page) {
			e.Context = bl.Context
			e.score++
		}
	}
	related := v.Related()
	for i, p := range related {
		entry(p).score += 2 + len(related) - 1 - i
	}
	for _, p := range v.Tagged {
		entry(p).score++
	}
	if len(all) == 0 {
		return nil
	}
	slices.SortStableFunc(all, func(a, b SeeAlsoEntry) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return a.order - b.order
	})
	out := &SeeAlso{Top: all[:min(len(all), SeeAlsoShown)]}
	rest := all[len(out.Top):]
	out.MoreCount = len(rest)
	groups := map[*site.Page]int{}
	for _, e := range rest {
		sec := v.topSection(e.Page)
		i, ok := groups[sec]
		if !ok {
			i = len(out.More)
			groups[sec] = i
			out.More = append(out.More, SeeAlsoGroup{Section: sec})
		}
		out.More[i].Entries = append(out.More[i].Entries, e)
	}
	order := func(sec *site.Page) int {
		if i := slices.Index(v.Site.Sections, sec); i >= 0 {
			return i
		}
		return len(v.Site.Sections)
	}
	slices.SortStableFunc(out.More, func(a, b SeeAlsoGroup) int { return order(a.Section) - order(b.Section) })
	return out
}

// topSection is the top-level section p is in (p itself for such a
// section), nil outside every section.
func (v *View) topSection(p *site.Page) *site.Page {
	for q := p; q != nil; q = q.Parent {
		if q.Parent == v.Site.Home && q != v.Site.Home {
			return q
		}
	}
	return nil
}

// minContextWords is how many words a backlink's sentence must keep, once
// the linked page's title and short title are taken out, to be worth
// quoting.
const minContextWords = 4

// saysNothing reports whether a backlink's sentence is little more than
// its link: with every occurrence of the page's title and short title
// removed (ignoring case), fewer than minContextWords words remain. "See
// the CTO profile." keeps three ("See the profile"), so it is not shown;
// "The CTO owns technology strategy." keeps four, so it is.
func saysNothing(context string, p *site.Page) bool {
	rest := strings.ToLower(context)
	for _, t := range []string{p.Title, p.ShortTitle()} {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			rest = strings.ReplaceAll(rest, t, " ")
		}
	}
	words := strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' })
	return len(words) < minContextWords
}
