package theme

import (
	"slices"
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/graphview"
	"github.com/kbsite/kb/internal/site"
)

// earlyNeighbourhood is article p's neighbourhood as articleGraph's
// would give it, worked out from the link graph around p alone: the
// articles within three hops that the neighbourhood's choice asks about
// (their neighbours' counts decide which come first). The open page of a
// preview rebuild is laid out before the layout keys, which make the
// whole article graph anyway: making it for that one page took 12 ms of
// processor time before the hand-over at 10,000 pages (CPU profiles of
// title edits), the open page's neighbourhood a small part of that.
//
// The nodes are numbered as they are met; graphview.Around tells them
// apart and never compares their numbers, and each node's neighbours are
// listed in the site's order, as the article graph lists them.
func (l *Layout) earlyNeighbourhood(p *site.Page) (graphview.Neighbourhood, bool) {
	if !l.inArticleGraph(p) {
		return graphview.Neighbourhood{}, false
	}
	ids := map[*site.Page]int{}
	var pages []*site.Page
	id := func(q *site.Page) int {
		i, ok := ids[q]
		if !ok {
			i = len(pages)
			ids[q] = i
			pages = append(pages, q)
		}
		return i
	}
	nbs := map[int][]int{}
	nb := func(v int) []int {
		out, ok := nbs[v]
		if !ok {
			for _, q := range l.articleNeighbours(pages[v]) {
				out = append(out, id(q))
			}
			nbs[v] = out
		}
		return out
	}
	groups := sectionGroups(l.Site)
	urls := site.NewURLs(l.Site.Config)
	node := func(v int) graphview.Node {
		q := pages[v]
		return graphview.Node{Title: q.Title, URL: urls.Rel(q.URL), Group: sectionGroup(groups, q)}
	}
	center := id(p)
	if len(nb(center)) == 0 {
		return graphview.Neighbourhood{}, false
	}
	return graphview.Around(nb, func(v int) int { return len(nb(v)) }, node, center, localRing1, localRing2), true
}

// articleNeighbours are the articles of the article graph that p links
// to or is linked from, p aside, once each, in the site's order (by URL):
// p's neighbours in articleGraph.
func (l *Layout) articleNeighbours(p *site.Page) []*site.Page {
	var out []*site.Page
	for _, q := range l.Graph.Links(p) {
		if q != p && l.inArticleGraph(q) {
			out = append(out, q)
		}
	}
	for _, b := range l.Graph.Backlinks(p) {
		if b.From != p && l.inArticleGraph(b.From) {
			out = append(out, b.From)
		}
	}
	slices.SortFunc(out, func(a, b *site.Page) int { return strings.Compare(a.URL, b.URL) })
	return slices.Compact(out)
}

// inArticleGraph says whether q is a node of articleGraph: an article
// among the site's pages.
func (l *Layout) inArticleGraph(q *site.Page) bool {
	return q.Kind == content.Article && l.Site.Lookup(q.URL) == q
}
