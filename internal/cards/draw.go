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

// draw paints the layout with colours c, into img when it is not nil
// (an earlier card's image, whose every pixel it sets again).
func (l *layout) draw(img *image.Paletted, c Colors) *image.Paletted {
	if img == nil {
		img = image.NewPaletted(image.Rect(0, 0, Width, Height), palette(c))
	} else {
		img.Palette = palette(c)
		clear(img.Pix) // the Background, index 0
	}
	fill(img, image.Rect(0, 0, Width, barH), roleSite.index(levels))
	fill(img, image.Rect(0, bandTop, Width, bandTop+ruleH), ixRule)
	fill(img, image.Rect(0, bandTop+ruleH, Width, Height), ixBand)
	for _, r := range l.runs {
		r.draw(img)
	}
	return img
}

func fill(img *image.Paletted, r image.Rectangle, ix uint8) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[y*img.Stride+r.Min.X : y*img.Stride+r.Max.X]
		for i := range row {
			row[i] = ix
		}
	}
}

// draw sets the run's glyphs on img, as meter measured them: each at the
// dot, the dot moved by the kerning and the advance. A rune the font
// lacks is drawn as its .notdef glyph, an empty box.
func (r run) draw(img *image.Paletted) {
	dot := r.dot
	prev := rune(-1)
	for _, ch := range r.text {
		if prev >= 0 {
			dot.X += r.f.Kern(prev, ch)
		}
		dr, mask, mp, adv, _ := r.f.Glyph(dot, ch)
		if a, ok := mask.(*image.Alpha); ok {
			blit(img, dr, a, mp, r.role)
		} else if mask != nil {
			blitAny(img, dr, mask, mp, r.role)
		}
		dot.X += adv
		prev = ch
	}
}

// blit sets the coverage of mask, placed at dr, in role ro's colour,
// keeping the higher coverage where glyphs overlap.
func blit(img *image.Paletted, dr image.Rectangle, mask *image.Alpha, mp image.Point, ro role) {
	clip := dr.Intersect(img.Rect)
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		mrow := mask.Pix[(y-dr.Min.Y+mp.Y)*mask.Stride:]
		row := img.Pix[y*img.Stride:]
		for x := clip.Min.X; x < clip.Max.X; x++ {
			set(row, x, int(mrow[x-dr.Min.X+mp.X]), ro)
		}
	}
}

// blitAny is blit for a mask of another type (the opentype faces give
// *image.Alpha; this keeps a change of that from drawing nothing).
func blitAny(img *image.Paletted, dr image.Rectangle, mask image.Image, mp image.Point, ro role) {
	clip := dr.Intersect(img.Rect)
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		row := img.Pix[y*img.Stride:]
		for x := clip.Min.X; x < clip.Max.X; x++ {
			_, _, _, a := mask.At(x-dr.Min.X+mp.X, y-dr.Min.Y+mp.Y).RGBA()
			set(row, x, int(a>>8), ro)
		}
	}
}

// set gives pixel x of row coverage a (0 to 255) of role ro's colour,
// unless it has more coverage already.
func set(row []uint8, x, a int, ro role) {
	l := (a*levels + 127) / 255
	if l > level(row[x]) {
		row[x] = ro.index(l)
	}
}
