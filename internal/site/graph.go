package site

import (
	"fmt"
	"slices"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/parallel"
)

// Backlink is a page that links to another, with the sentence around the
// link.
type Backlink struct {
	From    *Page
	Context string
}

// Rendered is what rendering a page's Markdown tells the link graph: the
// links that resolved and the ids of its headings.
type Rendered struct {
	Links []markdown.Link
	IDs   []string
}

// Graph is the site's link graph: which pages each page links to, which
// link to it and with what sentence, and which articles are related to
// it. It is a value of its own, computed once the pages are rendered; a
// text edit makes a new one (WithContexts). Its lists are kept by each
// page's place in the site's Pages (Page.n): as maps by page, filling
// them was a quarter of the link graph's time in a preview rebuild.
type Graph struct {
	links     [][]*Page
	backlinks [][]Backlink
	related   *relatedPages
}

// Links are the distinct pages p's body and profile link to, in order.
// p is a page of the site the graph was made for.
func (g *Graph) Links(p *Page) []*Page {
	if g == nil || p.n == 0 {
		return nil
	}
	return g.links[p.n-1]
}

// Backlinks are the other pages that link to p, by title, each with the
// sentence around its first link to p.
func (g *Graph) Backlinks(p *Page) []Backlink {
	if g == nil || p.n == 0 {
		return nil
	}
	return g.backlinks[p.n-1]
}

// Related are up to MaxRelated articles like p that p does not link to,
// best first.
func (g *Graph) Related(p *Page) []*Page {
	if g == nil {
		return nil
	}
	if g.related == nil {
		return nil
	}
	return g.related.of(p)
}

// Link builds the link graph from the rendered pages (rendered[i] belongs
// to s.Pages[i]): it checks every #fragment against the ids of the page it
// points at, finds links, backlinks and related articles, and warns about
// orphan articles and articles without a description. Work is linear in
// the number of links.
func (s *Site) Link(rendered []Rendered) (*Graph, diag.List) {
	g := &Graph{}
	// The fragments are checked beside the rest, which reads only what
	// the check reads: in 30 title edits at 10,000 pages, the check took
	// 0.26 of the link graph's 0.77 s of processor time (CPU profiles),
	// on one core, with the other idle, before the open page could be
	// laid out.
	var errs diag.List
	checked := parallel.Start(func() { errs = s.checkFragments(rendered) })
	var warnings diag.List
	g.links, g.backlinks = s.linkLists(rendered)
	for i, p := range s.Pages {
		bl := g.backlinks[i]
		slices.SortFunc(bl, func(a, b Backlink) int {
			return titleOrder(a.From, b.From)
		})
		if p.Kind != content.Article {
			continue
		}
		if len(bl) == 0 {
			warnings.Add(diag.Warnf(p.File, 0, 0, "orphan article: no other page links to it; link to it from a related article or from its section's page"))
		}
		if p.Description == "" {
			warnings.Add(diag.Warnf(p.File, 2, 1, "article has no description: add description = \"...\", one sentence shown in lists, search results and link previews"))
		}
	}
	checked()
	errs.Add(warnings...)
	g.related = s.relate(g)
	return g, errs
}

// linkLists are each page's distinct links, and each page's backlinks
// (each with the sentence around the first link), by place, backlinks
// in the order of the pages they come from. Each kind is made in one
// allocation for all pages: grown one link at a time, the lists were a
// fifth of the link graph's time in a preview rebuild at 10,000 pages.
func (s *Site) linkLists(rendered []Rendered) ([][]*Page, [][]Backlink) {
	total := 0
	for i := range s.Pages {
		total += len(rendered[i].Links)
	}
	to := make([]*Page, 0, total)
	contexts := make([]string, 0, total)
	links := make([][]*Page, len(s.Pages))
	backCount := make([]int, len(s.Pages)+1)
	// seen marks the pages linked from the page at hand with its n; a
	// page outside Pages is no page's backlink, nor among its links.
	seen := make([]int32, len(s.Pages))
	for i, from := range s.Pages {
		start := len(to)
		for _, l := range rendered[i].Links {
			t, _ := s.LinkedPage(l)
			if t == nil || t == from || t.n == 0 || seen[t.n-1] == from.n {
				continue
			}
			seen[t.n-1] = from.n
			to = append(to, t)
			contexts = append(contexts, l.Context)
			backCount[t.n]++
		}
		links[i] = to[start:len(to):len(to)]
	}
	// backCount[k+1] counts page k's backlinks; summed, backCount[k] is
	// where they start.
	for k := 1; k < len(backCount); k++ {
		backCount[k] += backCount[k-1]
	}
	slab := make([]Backlink, len(to))
	next := slices.Clone(backCount[:len(s.Pages)])
	k := 0
	for i, from := range s.Pages {
		for _, t := range links[i] {
			slab[next[t.n-1]] = Backlink{From: from, Context: contexts[k]}
			next[t.n-1]++
			k++
		}
	}
	backlinks := make([][]Backlink, len(s.Pages))
	for j := range backlinks {
		backlinks[j] = slab[backCount[j]:backCount[j+1]:backCount[j+1]]
	}
	return links, backlinks
}

// checkFragments reports every link to a #fragment that the page it
// points at has no heading for.
func (s *Site) checkFragments(rendered []Rendered) diag.List {
	var errs diag.List
	// The ids of the pages that links point into. Most pages' ids are
	// few (their headings), and are searched in place: with a set made
	// for each page linked into, the check took 0.63 s of processor time
	// in 30 title edits at 10,000 pages, this way 0.28 s (CPU profiles).
	// A page with many ids (the glossary's terms) gets its set, once.
	idsOf := func(p *Page) []string {
		if p.n > 0 {
			return rendered[p.n-1].IDs
		}
		return nil
	}
	sets := map[*Page]map[string]bool{}
	has := func(p *Page, ids []string, id string) bool {
		if len(ids) <= 32 {
			return slices.Contains(ids, id)
		}
		set, ok := sets[p]
		if !ok {
			set = make(map[string]bool, len(ids))
			for _, id := range ids {
				set[id] = true
			}
			sets[p] = set
		}
		return set[id]
	}
	for i, from := range s.Pages {
		for _, l := range rendered[i].Links {
			to, frag := s.LinkedPage(l)
			if to == nil || frag == "" {
				continue
			}
			if ids := idsOf(to); !has(to, ids, frag) {
				what := "heading"
				if to == s.Glossary {
					what = "heading or term"
				}
				errs.Add(diag.Errorf(from.File, l.Line, l.Col, "broken link %q: %s has no %s with the id %q%s",
					l.Dest, describe(to), what, frag, didYouMeanID(frag, ids)))
			}
		}
	}
	return errs
}

// WithContexts is the graph after an edit of from's text that kept its
// links' targets: contexts maps each page from links to the new sentence
// around its first link there. The receiver is left as it was.
func (g *Graph) WithContexts(from *Page, contexts map[*Page]string) *Graph {
	next := *g
	next.backlinks = slices.Clone(g.backlinks)
	for target, ctx := range contexts {
		if target.n == 0 {
			continue // no page's backlink (see Link)
		}
		bl := slices.Clone(next.backlinks[target.n-1])
		for k := range bl {
			if bl[k].From == from {
				bl[k].Context = ctx
			}
		}
		next.backlinks[target.n-1] = bl
	}
	return &next
}

func didYouMeanID(frag string, ids []string) string {
	if len(ids) == 0 {
		return " (it has no headings)"
	}
	if best := diag.Suggest(frag, slices.Compact(slices.Sorted(slices.Values(ids)))); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", "#"+best)
	}
	return ""
}
