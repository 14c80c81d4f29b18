// Package graphview draws a link graph as SVG, laid out at build time so
// that the picture is there without JavaScript: a force-directed layout
// for a whole site, a radial one for the neighbourhood of one page. It
// knows nothing of sites: nodes are titles, URLs and groups, edges are
// pairs of node indexes. The same graph always gives the same bytes.
package graphview

import (
	"cmp"
	"slices"
)

// Node is one page of the graph.
type Node struct {
	Title string
	URL   string // as it goes into href, already made relative to the site
	Group int    // colours the node: its section's place among the sections
}

// Graph is nodes and the undirected edges between them.
type Graph struct {
	Nodes []Node
	Edges [][2]int // each pair once, lower index first
}

// Degrees counts each node's edges.
func (g Graph) Degrees() []int {
	deg := make([]int, len(g.Nodes))
	for _, e := range g.Edges {
		deg[e[0]]++
		deg[e[1]]++
	}
	return deg
}

// Neighbours lists each node's neighbours, in index order.
func (g Graph) Neighbours() [][]int {
	nb := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		nb[e[0]] = append(nb[e[0]], e[1])
		nb[e[1]] = append(nb[e[1]], e[0])
	}
	for i := range nb {
		slices.Sort(nb[i])
	}
	return nb
}

// NewGraph makes a graph of nodes and directed links between them (by
// index): a link either way is one edge, self-links are dropped.
func NewGraph(nodes []Node, links [][2]int) Graph {
	// Each edge as one number, lower index first, sorted, its twins then
	// next to it: a set of the edges seen, and then a sort of pairs, took
	// most of the time of a large site's graph (made again on every
	// rebuild that lays out a page with a local graph).
	keys := make([]uint64, 0, len(links))
	for _, l := range links {
		if a, b := min(l[0], l[1]), max(l[0], l[1]); a != b {
			keys = append(keys, uint64(a)<<32|uint64(b))
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	edges := make([][2]int, len(keys))
	for i, k := range keys {
		edges[i] = [2]int{int(k >> 32), int(k & (1<<32 - 1))}
	}
	return Graph{Nodes: nodes, Edges: edges}
}

// Busiest keeps the n nodes with the most edges (ties by index) and the
// edges between them: a site too large to draw whole shows its hubs. It
// returns g itself when it has n nodes or fewer.
func (g Graph) Busiest(n int) Graph {
	if len(g.Nodes) <= n {
		return g
	}
	deg := g.Degrees()
	order := make([]int, len(g.Nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(deg[b], deg[a]) })
	keep := order[:n]
	slices.Sort(keep)
	at := make(map[int]int, n)
	nodes := make([]Node, n)
	for i, old := range keep {
		at[old] = i
		nodes[i] = g.Nodes[old]
	}
	var links [][2]int
	for _, e := range g.Edges {
		a, okA := at[e[0]]
		b, okB := at[e[1]]
		if okA && okB {
			links = append(links, [2]int{a, b})
		}
	}
	return NewGraph(nodes, links)
}
