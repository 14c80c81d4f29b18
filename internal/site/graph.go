package site

import (
	"fmt"
	"maps"
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
// text edit makes a new one (WithContexts).
type Graph struct {
	links     map[*Page][]*Page
	backlinks map[*Page][]Backlink
	related   *relatedPages
}

// Links are the distinct pages p's body and profile link to, in order.
func (g *Graph) Links(p *Page) []*Page {
	if g == nil {
		return nil
	}
	return g.links[p]
}

// Backlinks are the other pages that link to p, by title, each with the
// sentence around its first link to p.
func (g *Graph) Backlinks(p *Page) []Backlink {
	if g == nil {
		return nil
	}
	return g.backlinks[p]
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
	g := &Graph{links: make(map[*Page][]*Page, len(s.Pages)), backlinks: make(map[*Page][]Backlink, len(s.Pages))}
	// The fragments are checked beside the rest, which reads only what
	// the check reads: in 30 title edits at 10,000 pages, the check took
	// 0.26 of the link graph's 0.77 s of processor time (CPU profiles),
	// on one core, with the other idle, before the open page could be
	// laid out.
	var errs diag.List
	checked := parallel.Start(func() { errs = s.checkFragments(rendered) })
	var warnings diag.List
	seen := map[*Page]bool{}
	for i, from := range s.Pages {
		clear(seen)
		for _, l := range rendered[i].Links {
			to, _ := LinkedPage(l)
			if to == nil || to == from || seen[to] {
				continue
			}
			seen[to] = true
			g.links[from] = append(g.links[from], to)
			g.backlinks[to] = append(g.backlinks[to], Backlink{From: from, Context: l.Context})
		}
	}
	for _, p := range s.Pages {
		bl := g.backlinks[p]
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

// checkFragments reports every link to a #fragment that the page it
// points at has no heading for.
func (s *Site) checkFragments(rendered []Rendered) diag.List {
	var errs diag.List
	// The ids of the pages that links point into. Most pages' ids are
	// few (their headings), and are searched in place: with a set made
	// for each page linked into, the check took 0.63 s of processor time
	// in 30 title edits at 10,000 pages, this way 0.28 s (CPU profiles).
	// A page with many ids (the glossary's terms) gets its set, once.
	index := make(map[*Page]int, len(s.Pages))
	for i, p := range s.Pages {
		index[p] = i
	}
	idsOf := func(p *Page) []string {
		if i, known := index[p]; known {
			return rendered[i].IDs
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
			to, frag := LinkedPage(l)
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
	next.backlinks = maps.Clone(g.backlinks)
	for target, ctx := range contexts {
		bl := slices.Clone(next.backlinks[target])
		for k := range bl {
			if bl[k].From == from {
				bl[k].Context = ctx
			}
		}
		next.backlinks[target] = bl
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
