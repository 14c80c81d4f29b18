package cards

import (
	"image"
	"sync"
	"sync/atomic"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// glyphs keeps the rasterized glyphs of every card a Painter draws:
// rasterizing was nine tenths of drawing a card, and a site's cards
// set the same few dozen letters at the same few sizes again and again.
//
// A glyph's mask depends only on the font, the size, the rune and the
// fractional part of the dot: moving the dot by whole pixels moves the
// mask and changes none of its bytes (opentype.Face.Glyph rasterizes
// relative to the pixel its ink starts in). Glyphs are set at the
// nearest quarter of a pixel (as FreeType and Skia position them), which
// no eye can tell from the exact dot, so a letter at a size has sixteen
// masks at most, and a Latin site's cards need a few thousand in all.
// maxGlyphs bounds the memory for scripts with thousands of letters:
// beyond it glyphs are drawn and not kept.
type glyphs struct {
	m    sync.Map // glyphKey → *glyph
	kept atomic.Int64
	over *overTable // how a glyph is set over what is drawn (see blit)
}

// maxGlyphs is how many glyphs a Painter keeps: about 40 MB of masks at
// the largest size, less at the others.
const maxGlyphs = 1 << 14

// quarter is the dot rounded to a quarter of a pixel (26.6 fixed point:
// 16 units).
func quarter(v fixed.Int26_6) fixed.Int26_6 { return (v + 8) &^ 15 }

type glyphKey struct {
	font   *opentype.Font
	size   float64
	r      rune
	fx, fy fixed.Int26_6 // the dot's fraction of a pixel, 0 to 63
}

// glyph is a rune's coverage mask, at bounds relative to the whole pixel
// of the dot it was rasterized at, in levels (0 to levels, as set
// rounds coverage); pix is nil for a rune with no ink. ink is, for each
// row, the columns from its first pixel with coverage to past its last
// (both 0 for a row without any): blit sets only those, where the
// bounds of a letter such as "o" or "y" are a third empty.
type glyph struct {
	bounds image.Rectangle
	pix    []uint8 // bounds.Dx() per row
	ink    [][2]int
}

// get returns the glyph of r in f with the dot at a fraction (fx, fy,
// quarters) of a pixel, rasterizing it with f on first use.
func (g *glyphs) get(f *face, r rune, fx, fy fixed.Int26_6) *glyph {
	k := glyphKey{font: f.font, size: f.size, r: r, fx: fx, fy: fy}
	if v, ok := g.m.Load(k); ok {
		return v.(*glyph)
	}
	gl := rasterize(f, r, fixed.Point26_6{X: fx, Y: fy})
	if g.kept.Load() >= maxGlyphs {
		return gl
	}
	v, loaded := g.m.LoadOrStore(k, gl)
	if !loaded {
		g.kept.Add(1)
	}
	return v.(*glyph)
}

// rasterize draws r at dot with f into a glyph of its own (the face's
// mask is a buffer it reuses).
func rasterize(f *face, r rune, dot fixed.Point26_6) *glyph {
	dr, mask, mp, _, _ := f.Glyph(dot, r)
	gl := &glyph{bounds: dr}
	if mask == nil || dr.Empty() {
		return gl
	}
	gl.pix = make([]uint8, dr.Dx()*dr.Dy())
	gl.ink = make([][2]int, dr.Dy())
	for y := range dr.Dy() {
		first, last := -1, -1
		for x := range dr.Dx() {
			_, _, _, a := mask.At(mp.X+x, mp.Y+y).RGBA()
			l := coverageLevel(int(a >> 8))
			gl.pix[y*dr.Dx()+x] = l
			if l > 0 {
				last = x
				if first < 0 {
					first = x
				}
			}
		}
		if first >= 0 {
			gl.ink[y] = [2]int{first, last + 1}
		}
	}
	return gl
}
