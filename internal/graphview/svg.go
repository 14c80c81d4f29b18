package graphview

import (
	"cmp"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Drawing says how to draw a laid-out graph.
type Drawing struct {
	Width, Height float64
	Label         string // the SVG's accessible name
	Class         string // the svg element's class
	// Labelled is how many of the busiest nodes show their title beside
	// them; the others show it on hover and focus. -1 labels them all.
	Labelled int
	// MaxLabel cuts visible labels to so many characters, with an
	// ellipsis; the link's accessible name stays the whole title.
	MaxLabel int
	// Neighbours adds each node's neighbours as data-n, for the script
	// that highlights them.
	Neighbours bool
	// Current marks node 0 as the page being read; its label is left
	// out, as the page's own title is above.
	Current bool
	// Beside puts these nodes' labels beside them, on the side away from
	// the middle, instead of under them: the outer ring of a local graph.
	Beside map[int]bool
}

// SVG draws g with its nodes at pos: edges first, as one path, then every
// node as a link (a circle sized by its edges, coloured by its group
// through the class g0, g1, ...), in node order, so keyboard focus moves
// through them in a stable order.
func SVG(g Graph, pos []Point, d Drawing) string {
	var b strings.Builder
	b.Grow(len(g.Nodes)*160 + len(g.Edges)*24)
	w, h := num(d.Width), num(d.Height)
	b.WriteString(`<svg class="` + d.Class + `" viewBox="0 0 ` + w + " " + h + `" role="group" aria-label="` + html.EscapeString(d.Label) + `">`)
	if len(g.Edges) > 0 {
		b.WriteString(`<path class="e" d="`)
		for _, e := range g.Edges {
			p, q := pos[e[0]], pos[e[1]]
			b.WriteString("M" + num(p.X) + " " + num(p.Y) + "L" + num(q.X) + " " + num(q.Y))
		}
		b.WriteString(`"/>`)
	}
	deg := g.Degrees()
	labelled := labelledNodes(deg, d.Labelled)
	var nb [][]int
	if d.Neighbours {
		nb = g.Neighbours()
	}
	for i, n := range g.Nodes {
		p := pos[i]
		r := math.Min(3+1.5*math.Sqrt(float64(deg[i])), 12)
		cls := "n g" + strconv.Itoa(n.Group%8)
		if d.Current && i == 0 {
			cls += " c"
			r = math.Max(r, 7)
		}
		label, cut := shorten(n.Title, d.MaxLabel)
		b.WriteString(`<a href="` + html.EscapeString(n.URL) + `" class="` + cls + `"`)
		if cut || !labelled[i] || d.Current && i == 0 {
			b.WriteString(` aria-label="` + html.EscapeString(n.Title) + `"`)
		}
		if d.Current && i == 0 {
			b.WriteString(` aria-current="page"`)
		}
		if d.Neighbours {
			b.WriteString(` data-i="` + strconv.Itoa(i) + `" data-n="`)
			for j, v := range nb[i] {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(strconv.Itoa(v))
			}
			b.WriteString(`"`)
		}
		b.WriteString(`><circle cx="` + num(p.X) + `" cy="` + num(p.Y) + `" r="` + num(math.Round(r*10)/10) + `"/>`)
		if d.Current && i == 0 {
			b.WriteString(`</a>`)
			continue
		}
		// Labels sit under their node, centred; near an edge, or for a
		// node labelled beside, they start or end at it (classes s and x)
		// so that they stay in the picture.
		var tc []string
		if !labelled[i] {
			tc = append(tc, "h")
		}
		x, y := p.X, p.Y+r+11
		switch {
		case d.Beside[i] && p.X >= d.Width/2:
			tc, x, y = append(tc, "s"), p.X+r+3, p.Y+4
		case d.Beside[i]:
			tc, x, y = append(tc, "x"), p.X-r-3, p.Y+4
		case p.X < d.Width*0.15:
			tc = append(tc, "s")
		case p.X > d.Width*0.85:
			tc = append(tc, "x")
		}
		textCls := ""
		if len(tc) > 0 {
			textCls = ` class="` + strings.Join(tc, " ") + `"`
		}
		b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `"` + textCls + `>` + html.EscapeString(label) + `</text></a>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// labelledNodes marks the n busiest nodes (all, for n < 0).
func labelledNodes(deg []int, n int) []bool {
	out := make([]bool, len(deg))
	if n < 0 || n >= len(deg) {
		for i := range out {
			out[i] = true
		}
		return out
	}
	order := make([]int, len(deg))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(deg[b], deg[a]) })
	for _, i := range order[:n] {
		out[i] = true
	}
	return out
}

// shorten cuts s to max characters at a word boundary where it can, with
// an ellipsis; it says whether it cut.
func shorten(s string, max int) (string, bool) {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s, false
	}
	r := []rune(s)[:max-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,:;-") + "…", true
}

// num writes a coordinate with at most one decimal.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
