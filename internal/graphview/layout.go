package graphview

import (
	"cmp"
	"math"
	"slices"
)

// Point is a node's place in the drawing.
type Point struct{ X, Y float64 }

// forceIterations is how many steps the force layout takes: enough for a
// few hundred nodes to settle, and a fixed number, so the result does not
// depend on timing.
const forceIterations = 200

// Force lays g out with Fruchterman and Reingold's forces (edges pull,
// all nodes push apart, a cooling step size) in a width × height box.
// Start positions are a sunflower spiral in node order, so the same graph
// always settles the same way; each step's sums are taken in index order,
// so the floating-point results are the same on every run. The cost is
// quadratic in the nodes, which is why a large site is cut to its busiest
// nodes first.
func Force(g Graph, width, height float64) []Point {
	n := len(g.Nodes)
	pos := make([]Point, n)
	if n == 0 {
		return pos
	}
	golden := math.Pi * (3 - math.Sqrt(5))
	for i := range pos {
		r := math.Sqrt(float64(i)+0.5) / math.Sqrt(float64(n))
		pos[i] = Point{width/2 + r*width/2*math.Cos(float64(i)*golden), height/2 + r*height/2*math.Sin(float64(i)*golden)}
	}
	k := math.Sqrt(width * height / float64(n)) // the ideal edge length
	kk := k * k
	disp := make([]Point, n)
	temp := width / 10
	for it := 0; it < forceIterations; it++ {
		clear(disp)
		// The pairs' loop is nearly all of the cost: node i's own
		// displacement is summed in registers, and the other nodes' are
		// read from slices of the same length, which needs no bounds
		// checks. The sums are taken in the same order as ever, so the
		// floating-point results are the same.
		for i := 0; i < n; i++ {
			pi, di := pos[i], disp[i]
			others, dispOthers := pos[i+1:], disp[i+1:]
			dispOthers = dispOthers[:len(others)]
			for j, pj := range others {
				dx, dy := pi.X-pj.X, pi.Y-pj.Y
				d2 := dx*dx + dy*dy
				if d2 < 0.01 {
					dx, dy, d2 = 0.1, 0.1, 0.02 // two nodes on one spot: push them apart anyway
				}
				f := kk / d2 // repulsion k²/d, along the unit vector (dx, dy)/d
				di.X += dx * f
				di.Y += dy * f
				dispOthers[j].X -= dx * f
				dispOthers[j].Y -= dy * f
			}
			disp[i] = di
		}
		for _, e := range g.Edges {
			a, b := e[0], e[1]
			dx, dy := pos[a].X-pos[b].X, pos[a].Y-pos[b].Y
			d := math.Sqrt(dx*dx + dy*dy)
			if d == 0 {
				continue
			}
			f := d / k // attraction d²/k, along the unit vector
			disp[a].X -= dx * f
			disp[a].Y -= dy * f
			disp[b].X += dx * f
			disp[b].Y += dy * f
		}
		for i := range pos {
			// A weak pull to the centre keeps unlinked nodes in the picture.
			disp[i].X -= (pos[i].X - width/2) * 0.05
			disp[i].Y -= (pos[i].Y - height/2) * 0.05
			d := math.Hypot(disp[i].X, disp[i].Y)
			if d > 0 {
				step := math.Min(d, temp)
				pos[i].X += disp[i].X / d * step
				pos[i].Y += disp[i].Y / d * step
			}
		}
		temp *= 0.98
	}
	return fit(pos, width, height)
}

// fit scales and moves the points to fill the box, keeping a margin for
// the nodes and their labels, and rounds them to a tenth of a pixel so
// the SVG's numbers are short and stable.
func fit(pos []Point, width, height float64) []Point {
	if len(pos) == 0 {
		return pos
	}
	minX, minY, maxX, maxY := pos[0].X, pos[0].Y, pos[0].X, pos[0].Y
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	const margin = 24
	sx := (width - 2*margin) / math.Max(maxX-minX, 1)
	sy := (height - 2*margin) / math.Max(maxY-minY, 1)
	// Each axis is stretched on its own: the layout settles into a disc,
	// and a wide box is better filled than kept round.
	ox := (width - (maxX-minX)*sx) / 2
	oy := (height - (maxY-minY)*sy) / 2
	out := make([]Point, len(pos))
	for i, p := range pos {
		out[i] = Point{math.Round(((p.X-minX)*sx+ox)*10) / 10, math.Round(((p.Y-minY)*sy+oy)*10) / 10}
	}
	return out
}

// Radial places node 0 in the middle, the nodes in ring1 on an ellipse
// around it, and the rest (the keys of parent, each mapped to the ring-1
// node it hangs from) evenly on an outer ellipse, in the order of their
// parents' angles so that each sits near its parent: a neighbourhood read
// outward from its page, cheap enough to draw for every page. The rings
// leave a fifth of the width free on each side for the outer labels.
func Radial(n int, ring1 []int, parent map[int]int, width, height float64) []Point {
	pos := make([]Point, n)
	cx, cy := width/2, height/2
	pos[0] = Point{cx, cy}
	on := func(rx, ry, a float64) Point { return Point{cx + rx*math.Cos(a), cy + ry*math.Sin(a)} }
	angle := map[int]float64{}
	for i, v := range ring1 {
		a := 2*math.Pi*float64(i)/float64(len(ring1)) - math.Pi/2
		angle[v] = a
		pos[v] = on(width*0.15, height*0.26, a)
	}
	outer := make([]int, 0, len(parent))
	for v := range parent {
		outer = append(outer, v)
	}
	slices.SortFunc(outer, func(a, b int) int {
		return cmp.Or(cmp.Compare(angle[parent[a]], angle[parent[b]]), cmp.Compare(a, b))
	})
	for k, v := range outer {
		a := 2*math.Pi*(float64(k)+0.5)/float64(len(outer)) - math.Pi/2
		pos[v] = on(width*0.29, height*0.42, a)
	}
	for i := range pos {
		pos[i] = Point{math.Round(pos[i].X*10) / 10, math.Round(pos[i].Y*10) / 10}
	}
	return pos
}
