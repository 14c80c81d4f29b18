package graphview

import (
	"cmp"
	"slices"
)

// Neighbourhood is node center of g with its neighbours (ring 1, at most
// max1, the busiest first) and theirs (ring 2, at most max2 in all, each
// hanging from one ring-1 node that leads to it): two hops, no more.
// In the returned graph the center is node 0; Parent maps each ring-2
// node to its ring-1 node.
type Neighbourhood struct {
	Graph  Graph
	Ring1  []int
	Parent map[int]int
}

// Around cuts the neighbourhood of center out of a graph given by what
// it asks of a node: nb its neighbours, in the graph's index order; deg
// how many they are; node the node itself. Nodes are told apart, never
// compared by number, so a caller may number the nodes it knows in any
// order. For a graph at hand, see Graph.Around.
func Around(nb func(v int) []int, deg func(v int) int, node func(v int) Node, center, max1, max2 int) Neighbourhood {
	busiest := func(ids []int) []int {
		out := slices.Clone(ids)
		slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(deg(b), deg(a)) })
		return out
	}
	at := map[int]int{center: 0}
	old := []int{center}
	add := func(v int) int {
		at[v] = len(old)
		old = append(old, v)
		return at[v]
	}
	var ring1 []int
	for _, v := range busiest(nb(center)) {
		if len(ring1) == max1 {
			break
		}
		ring1 = append(ring1, add(v))
	}
	// Ring 2 is taken round-robin from the ring-1 nodes, busiest first,
	// so that it spreads around the picture instead of all hanging from
	// the first hub.
	parent := map[int]int{}
	next := make([]int, len(ring1)) // how far into each ring-1 node's neighbours
	for added := true; added && len(parent) < max2; {
		added = false
		for k, r := range ring1 {
			cands := busiest(nb(old[r]))
			for next[k] < len(cands) {
				v := cands[next[k]]
				next[k]++
				if _, in := at[v]; !in {
					parent[add(v)] = r
					added = true
					break
				}
			}
			if len(parent) == max2 {
				break
			}
		}
	}
	nodes := make([]Node, len(old))
	for i, v := range old {
		nodes[i] = node(v)
	}
	// The edges drawn are the paths out from the page: to each neighbour,
	// and from it to its own; links among the neighbours would hide them.
	var links [][2]int
	for _, r := range ring1 {
		links = append(links, [2]int{0, r})
	}
	for v, r := range parent {
		links = append(links, [2]int{r, v})
	}
	return Neighbourhood{Graph: NewGraph(nodes, links), Ring1: ring1, Parent: parent}
}

// Around cuts the neighbourhood of center out of g, whose Neighbours and
// Degrees, computed once for all the pages, are nb and deg.
func (g Graph) Around(nb [][]int, deg []int, center, max1, max2 int) Neighbourhood {
	return Around(func(v int) []int { return nb[v] }, func(v int) int { return deg[v] }, func(v int) Node { return g.Nodes[v] }, center, max1, max2)
}
