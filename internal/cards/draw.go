package cards

import (
	"image"
	"image/color"
)

// levels is how many steps of coverage a text colour is blended in with
// its background, the background itself not counted. Fifteen cannot be
// told from 255 at these sizes, and keep the palette at 64 colours.
const levels = 15

// The palette: the three plain colours, then a ramp of levels blends per
// role (see palette).
const (
	ixBackground = iota
	ixBand
	ixRule
	ixRamps
)

// palette is a card's colours: Background, Band and Rule, then for each
// role its colour blended with its background in levels steps, the
// colour itself last.
func palette(c Colors) color.Palette {
	pal := color.Palette{c.Background, c.Band, c.Rule}
	for r := range roleCount {
		fg, bg := r.colors(c)
		for l := 1; l <= levels; l++ {
			pal = append(pal, blend(bg, fg, l))
		}
	}
	return pal
}

// colors are the text colour of a role and the background it is set on.
func (r role) colors(c Colors) (fg, bg color.RGBA) {
	switch r {
	case roleSite:
		return c.Accent, c.Background
	case roleTitle:
		return c.Text, c.Background
	case roleFooter:
		return c.Muted, c.Band
	default:
		return c.Muted, c.Background
	}
}

// blend is fg over bg at coverage l/levels, rounded.
func blend(bg, fg color.RGBA, l int) color.RGBA {
	mix := func(b, f uint8) uint8 { return uint8((int(b)*(levels-l) + int(f)*l + levels/2) / levels) }
	return color.RGBA{mix(bg.R, fg.R), mix(bg.G, fg.G), mix(bg.B, fg.B), mix(bg.A, fg.A)}
}

// index is the palette index of role r's colour at coverage level l
// (1 to levels).
func (r role) index(l int) uint8 { return uint8(ixRamps + int(r)*levels + l - 1) }

// level is the coverage level of the palette index i: 0 for the plain
// colours.
func level(i uint8) int {
	if i < ixRamps {
		return 0
	}
	return (int(i)-ixRamps)%levels + 1
}

// canvas is a card's pixels laid out as its PNG's rows are: each row
// after a filter byte (0, none), which the image's stride steps over.
// The encoder reads raw as it is, where copying a card's 750 KB into
// that layout was a tenth of encoding it.
type canvas struct {
	raw []byte
	img *image.Paletted // its Pix is raw[1:]
}

func newCanvas() *canvas {
	raw := make([]byte, (Width+1)*Height)
	return &canvas{raw: raw, img: &image.Paletted{Pix: raw[1:], Stride: Width + 1, Rect: image.Rect(0, 0, Width, Height)}}
}

// draw paints the layout with colours c, into cv when it is not nil
// (an earlier card's canvas, whose every pixel it sets again).
func (l *layout) draw(cv *canvas, c Colors, cache *glyphs) *canvas {
	if cv == nil {
		cv = newCanvas()
	} else {
		// The Background, index 0, where the bands below do not paint;
		// the filter bytes stay 0.
		clear(cv.raw[barH*(Width+1) : bandTop*(Width+1)])
	}
	img := cv.img
	img.Palette = palette(c)
	fill(img, image.Rect(0, 0, Width, barH), roleSite.index(levels))
	fill(img, image.Rect(0, bandTop, Width, bandTop+ruleH), ixRule)
	fill(img, image.Rect(0, bandTop+ruleH, Width, Height), ixBand)
	for _, r := range l.runs {
		r.draw(img, cache)
	}
	return cv
}

// fill sets r to ix. Its first row is set a byte at a time, the rest
// copied from it, which runs at memory speed.
func fill(img *image.Paletted, r image.Rectangle, ix uint8) {
	if r.Empty() {
		return
	}
	first := img.Pix[r.Min.Y*img.Stride+r.Min.X : r.Min.Y*img.Stride+r.Max.X]
	for i := range first {
		first[i] = ix
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(img.Pix[y*img.Stride+r.Min.X:y*img.Stride+r.Max.X], first)
	}
}

// draw sets the run's glyphs on img, as meter measured them: each at the
// dot (to a quarter of a pixel), the dot moved by the advance. A rune the
// font lacks is drawn as its .notdef glyph, an empty box.
func (r run) draw(img *image.Paletted, cache *glyphs) {
	dot := r.dot
	for _, ch := range r.text {
		x, y := quarter(dot.X), quarter(dot.Y)
		g := cache.get(r.f, ch, x&63, y&63)
		if g.pix != nil {
			blit(img, g.bounds.Add(image.Pt(x.Floor(), y.Floor())), r.box, g, r.role, cache.over)
		}
		dot.X += r.f.metrics(ch).advance
	}
}

// blit sets the glyph g's mask, placed at dr, in role ro's colour,
// keeping the higher coverage where glyphs overlap (see overTable). It
// sets only the columns of each row that have ink, and nothing outside
// box: the layout keeps ink inside it at the exact dot, and setting
// glyphs at the nearest quarter pixel could otherwise put a sliver of
// coverage one pixel past its edge.
func blit(img *image.Paletted, dr, box image.Rectangle, g *glyph, ro role, over *overTable) {
	clip := dr.Intersect(img.Rect).Intersect(box)
	w := dr.Dx()
	t := &over[ro]
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		ink := g.ink[y-dr.Min.Y]
		x0, x1 := max(clip.Min.X, dr.Min.X+ink[0]), min(clip.Max.X, dr.Min.X+ink[1])
		if x0 >= x1 {
			continue
		}
		mrow := g.pix[(y-dr.Min.Y)*w+x0-dr.Min.X : (y-dr.Min.Y)*w+x1-dr.Min.X]
		row := img.Pix[y*img.Stride+x0 : y*img.Stride+x1]
		row = row[:len(mrow)]
		for x, l := range mrow {
			// levels is 15: masking l keeps it in the table without a
			// bounds check, and changes no level.
			row[x] = t[row[x]][l&levels]
		}
	}
}

// overTable is, for each role, the palette index a pixel of index cur
// takes when a glyph's coverage l in that role is set over it: the
// role's colour at l where l is higher than cur's coverage (none for
// the plain colours), else cur. Looking it up costs no branch, where
// testing each pixel of a glyph's box (most of them empty) for ink
// mispredicted often enough to be a third of drawing a card.
type overTable [roleCount][256][levels + 1]uint8

func newOverTable() *overTable {
	var t overTable
	for ro := range roleCount {
		for cur := range 256 {
			for l := range levels + 1 {
				t[ro][cur][l] = uint8(cur)
				if l > 0 && (cur < ixRamps || l > level(uint8(cur))) {
					t[ro][cur][l] = ro.index(l)
				}
			}
		}
	}
	return &t
}

// coverageLevel is coverage a (0 to 255) as a level, 0 to levels.
func coverageLevel(a int) uint8 { return uint8((a*levels + 127) / 255) }
