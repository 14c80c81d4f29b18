package theme

import (
	"crypto/sha256"
	"fmt"
	"html/template"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/graphview"
	"github.com/kbsite/kb/internal/site"
)

// The link graph as pictures: the whole site on the graph page, and each
// article's neighbourhood under it.
const (
	// graphMaxNodes is the most articles the graph page draws. The force
	// layout costs the square of the nodes, so a larger site shows its
	// busiest articles (most links in and out), and says so; every
	// article is still listed under the picture, by section.
	graphMaxNodes = 600
	// The local graph: the page, up to localRing1 neighbours and up to
	// localRing2 of theirs.
	localRing1, localRing2 = 6, 6
)

// siteGraph is the site's articles as a graph, made once per layout run
// when a layout first asks for a picture of it.
type siteGraph struct {
	once  sync.Once
	built atomic.Bool // set once the graph is made
	g     graphview.Graph
	index map[*site.Page]int
	pages []*site.Page
	nb    [][]int
	deg   []int
}

func (l *Layout) articleGraph() *siteGraph {
	sg := l.graphs
	sg.once.Do(func() {
		urls := site.NewURLs(l.Site.Config)
		group := sectionGroups(l.Site)
		sg.index = map[*site.Page]int{}
		var nodes []graphview.Node
		for _, p := range l.Site.Pages {
			if p.Kind != content.Article {
				continue
			}
			sg.index[p] = len(nodes)
			sg.pages = append(sg.pages, p)
			nodes = append(nodes, graphview.Node{Title: p.Title, URL: urls.Rel(p.URL), Group: sectionGroup(group, p)})
		}
		var links [][2]int
		for _, p := range sg.pages {
			for _, q := range l.Graph.Links(p) {
				if j, ok := sg.index[q]; ok {
					links = append(links, [2]int{sg.index[p], j})
				}
			}
		}
		sg.g = graphview.NewGraph(nodes, links)
		sg.nb, sg.deg = sg.g.Neighbours(), sg.g.Degrees()
		sg.built.Store(true)
	})
	return sg
}

// LocalGraph is the page's neighbourhood in the link graph as an inline
// SVG: the page in the middle, the articles it links to or is linked
// from around it, and theirs on an outer ring. It is empty for a page
// that is not an article, or has no links either way.
func (v *View) LocalGraph() template.HTML {
	if v.Page.Kind != content.Article || v.layout == nil {
		return ""
	}
	hood, ok := v.layout.neighbourhood(v.Page)
	if !ok {
		return ""
	}
	const w, h = 720, 320
	pos := graphview.Radial(len(hood.Graph.Nodes), hood.Ring1, hood.Parent, w, h)
	beside := map[int]bool{}
	for v := range hood.Parent {
		beside[v] = true
	}
	return template.HTML(graphview.SVG(hood.Graph, pos, graphview.Drawing{
		Width: w, Height: h, Class: "graph local", Labelled: -1, MaxLabel: 20, Current: true, Beside: beside,
		Label: fmt.Sprintf("Links around %s: %d %s", v.Page.Title, len(hood.Graph.Nodes)-1, plural(len(hood.Graph.Nodes)-1, "page", "pages")),
	}))
}

// neighbourhood is article p's neighbourhood in the article graph; ok is
// false when p has no neighbours. The first layouts of a preview rebuild
// (Early) work it out from the link graph around p alone, unless the
// article graph is made already (see earlyNeighbourhood).
func (l *Layout) neighbourhood(p *site.Page) (hood graphview.Neighbourhood, ok bool) {
	if l.Early && !l.graphs.built.Load() {
		return l.earlyNeighbourhood(p)
	}
	sg := l.articleGraph()
	i, ok := sg.index[p]
	if !ok || len(sg.nb[i]) == 0 {
		return graphview.Neighbourhood{}, false
	}
	return sg.g.Around(sg.nb, sg.deg, i, localRing1, localRing2), true
}

// sectionGroups numbers the top-level sections of s, for sectionGroup.
func sectionGroups(s *site.Site) map[*site.Page]int {
	groups := make(map[*site.Page]int, len(s.Sections))
	for i, sec := range s.Sections {
		groups[sec] = i
	}
	return groups
}

// sectionGroup is the colour class of article p: the index of the
// top-level section it is in, or len(groups) for none. groups numbers
// the site's top-level sections.
func sectionGroup(groups map[*site.Page]int, p *site.Page) int {
	g := len(groups)
	for q := p; q != nil; q = q.Parent {
		if i, ok := groups[q]; ok {
			g = i
		}
	}
	return g
}

// GraphMap is the whole site's link graph, for the graph page.
type GraphMap struct {
	SVG      template.HTML
	Shown    int // articles in the picture
	Total    int // articles in the site
	Clusters []GraphCluster
}

// GraphCluster is one colour of the picture: a top-level section and its
// articles, the text alternative of the picture.
type GraphCluster struct {
	Section *site.Page // nil for articles outside every section
	Group   int        // the colour class: g0, g1, ...
	Pages   []*site.Page
}

// GraphMap lays out the site's articles and their links, at most
// graphMaxNodes of them (the busiest), and lists every article by section.
func (v *View) GraphMap() GraphMap {
	if v.layout == nil {
		return GraphMap{}
	}
	sg := v.layout.articleGraph()
	g := sg.g.Busiest(graphMaxNodes)
	const w, h = 960, 640
	pos := v.layout.Forces.force(g, w, h)
	m := GraphMap{Shown: len(g.Nodes), Total: len(sg.g.Nodes)}
	m.SVG = template.HTML(graphview.SVG(g, pos, graphview.Drawing{
		Width: w, Height: h, Class: "graph site", Labelled: min(len(g.Nodes), 24), MaxLabel: 28, Neighbours: true,
		Label: fmt.Sprintf("Link graph: %d %s", m.Shown, plural(m.Shown, "article", "articles")),
	}))
	byGroup := map[int]*GraphCluster{}
	for _, p := range sg.pages {
		gr := sg.g.Nodes[sg.index[p]].Group
		c := byGroup[gr]
		if c == nil {
			c = &GraphCluster{Group: gr % 8}
			if gr < len(v.Site.Sections) {
				c.Section = v.Site.Sections[gr]
			}
			byGroup[gr] = c
		}
		c.Pages = append(c.Pages, p)
	}
	for gr := 0; gr <= len(v.Site.Sections); gr++ {
		if c := byGroup[gr]; c != nil {
			m.Clusters = append(m.Clusters, *c)
		}
	}
	return m
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ForceMemo keeps the graph page's force layout from one layout run to
// the next, for the preview server: the layout depends only on the
// graph's shape, which most edits (a title, a description) leave as it
// was, and it is the costliest part of the page, 70 to 80 ms for its
// 600 points (graphview's BenchmarkForce).
type ForceMemo struct {
	mu  sync.Mutex
	key [sha256.Size]byte
	pos []graphview.Point
}

// force is graphview.Force(g, w, h), from the memo when g's shape is the
// last one's.
func (m *ForceMemo) force(g graphview.Graph, w, h float64) []graphview.Point {
	if m == nil {
		return graphview.Force(g, w, h)
	}
	d := newDigest()
	d.num(len(g.Nodes))
	d.num(int(w))
	d.num(int(h))
	for _, e := range g.Edges {
		d.num(e[0])
		d.num(e[1])
	}
	key := d.done()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pos == nil || m.key != key {
		m.key, m.pos = key, graphview.Force(g, w, h)
	}
	return slices.Clone(m.pos)
}
