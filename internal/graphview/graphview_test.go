package graphview

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// ring is a test graph: n nodes in a cycle, plus a hub linked to all.
func ring(n int) Graph {
	nodes := make([]Node, n+1)
	var links [][2]int
	for i := range n {
		nodes[i] = Node{Title: fmt.Sprintf("Page %d", i), URL: fmt.Sprintf("/p%d/", i), Group: i % 3}
		links = append(links, [2]int{i, (i + 1) % n}, [2]int{n, i})
	}
	nodes[n] = Node{Title: "Hub", URL: "/hub/", Group: 1}
	return NewGraph(nodes, links)
}

// TestForceDeterministic: the same graph lays out to the same points,
// all inside the box, no two on one spot.
func TestForceDeterministic(t *testing.T) {
	g := ring(40)
	a, b := Force(g, 960, 640), Force(g, 960, 640)
	seen := map[Point]bool{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("node %d at %v, then %v: the layout is not deterministic", i, a[i], b[i])
		}
		if a[i].X < 0 || a[i].X > 960 || a[i].Y < 0 || a[i].Y > 640 {
			t.Errorf("node %d at %v, outside the 960×640 box", i, a[i])
		}
		if seen[a[i]] {
			t.Errorf("node %d shares its place %v with another", i, a[i])
		}
		seen[a[i]] = true
	}
	if SVG(g, a, Drawing{Width: 960, Height: 640}) != SVG(g, b, Drawing{Width: 960, Height: 640}) {
		t.Error("the same layout drew different bytes")
	}
}

// TestForceLinkedCloser: linked nodes end nearer each other than the
// average pair, which is what the layout is for.
func TestForceLinkedCloser(t *testing.T) {
	g := ring(30)
	pos := Force(g, 900, 900)
	dist := func(i, j int) float64 {
		dx, dy := pos[i].X-pos[j].X, pos[i].Y-pos[j].Y
		return dx*dx + dy*dy
	}
	var linked, all float64
	for _, e := range g.Edges {
		linked += dist(e[0], e[1])
	}
	linked /= float64(len(g.Edges))
	n := 0
	for i := range pos {
		for j := i + 1; j < len(pos); j++ {
			all += dist(i, j)
			n++
		}
	}
	all /= float64(n)
	if linked >= all {
		t.Errorf("linked nodes are %.0f apart on average (squared), all pairs %.0f: links do not pull", linked, all)
	}
}

// TestBusiest keeps the hubs and the edges among them.
func TestBusiest(t *testing.T) {
	g := ring(10)
	b := g.Busiest(4)
	if len(b.Nodes) != 4 || b.Nodes[3].Title != "Hub" {
		t.Fatalf("busiest 4: %v", b.Nodes)
	}
	for _, e := range b.Edges {
		if e[0] >= 4 || e[1] >= 4 {
			t.Errorf("edge %v leads out of the kept nodes", e)
		}
	}
	if got := g.Busiest(100); len(got.Nodes) != len(g.Nodes) {
		t.Errorf("a small graph was cut: %d nodes", len(got.Nodes))
	}
}

// TestAround: the page first, at most max1 neighbours and max2 of
// theirs, every node within two hops, and a tree of edges out from it.
func TestAround(t *testing.T) {
	g := ring(20)
	nb, deg := g.Neighbours(), g.Degrees()
	h := g.Around(nb, deg, 0, 3, 4)
	if h.Graph.Nodes[0].Title != "Page 0" {
		t.Fatalf("node 0 is %q, want the page", h.Graph.Nodes[0].Title)
	}
	if len(h.Ring1) != 3 || len(h.Parent) != 4 || len(h.Graph.Nodes) != 8 {
		t.Fatalf("ring 1 %v, ring 2 %v, %d nodes; want 3, 4, 8", h.Ring1, h.Parent, len(h.Graph.Nodes))
	}
	if len(h.Graph.Edges) != 7 {
		t.Errorf("%d edges; want a tree of 7", len(h.Graph.Edges))
	}
	parents := map[int]bool{}
	for _, p := range h.Parent {
		parents[p] = true
	}
	if len(parents) < 2 {
		t.Errorf("ring 2 hangs from %d ring-1 nodes; it should spread over them", len(parents))
	}
}

// TestSVG: well-formed XML; every node a link with an accessible name;
// long labels cut with the whole title kept as the name; hidden labels
// for nodes beyond the labelled ones; the current page marked.
func TestSVG(t *testing.T) {
	g := NewGraph([]Node{
		{Title: "A page with a very long title indeed", URL: "/a/", Group: 0},
		{Title: "B & C", URL: "/b/?x=1&y=2", Group: 9},
		{Title: "Quiet", URL: "/q/", Group: 2},
	}, [][2]int{{0, 1}})
	pos := []Point{{10, 10}, {50, 50}, {90, 90}}
	out := SVG(g, pos, Drawing{Width: 100, Height: 100, Label: "Test", Labelled: 2, MaxLabel: 12, Current: true})
	if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, out)
	}
	for _, want := range []string{
		`aria-label="A page with a very long title indeed" aria-current="page"`,
		`class="n g1"`, // group 9 wraps to colour 1
		`href="/b/?x=1&amp;y=2"`,
		`>B &amp; C</text>`,
		`aria-label="Quiet"`, `class="h x">Quiet</text>`,
		`<path class="e" d="M10 10L50 50"/>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, ">A page with") {
		t.Errorf("the current page got a visible label:\n%s", out)
	}
	if got, cut := shorten("Reporting lines and seniority", 20); !cut || got != "Reporting lines…" {
		t.Errorf("shorten: %q, %v", got, cut)
	}
}

// TestNewGraph: a link either way is one edge, lower index first, edges
// in order; repeated links and self-links are dropped.
func TestNewGraph(t *testing.T) {
	g := NewGraph(make([]Node, 4), [][2]int{{2, 0}, {0, 2}, {1, 1}, {3, 1}, {0, 1}, {2, 0}, {1, 3}, {1, 2}})
	want := [][2]int{{0, 1}, {0, 2}, {1, 2}, {1, 3}}
	if !slices.Equal(g.Edges, want) {
		t.Errorf("edges %v, want %v", g.Edges, want)
	}
	if len(NewGraph(make([]Node, 2), nil).Edges) != 0 {
		t.Error("a graph with no links has edges")
	}
}

// BenchmarkForce lays out a graph the size of the graph page's (its 600
// busiest nodes).
func BenchmarkForce(b *testing.B) {
	g := ring(599)
	for b.Loop() {
		Force(g, 960, 640)
	}
}
