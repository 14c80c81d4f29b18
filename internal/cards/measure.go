package cards

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// face is a font at one size, with the metrics of the runes it has
// measured kept: wrapping measures the same runes many times. A face is
// one card's (an opentype face is not safe for concurrent use); shared
// holds what every card's faces measured, since measuring a rune from
// its outline was three quarters of laying a card out.
type face struct {
	font.Face
	font    *opentype.Font // what the face is of: with size, its glyphs' key
	size    float64
	ascent  fixed.Int26_6
	descent fixed.Int26_6
	runes   map[rune]runeMetrics
	shared  *sync.Map // metricsKey → runeMetrics
}

// metricsKey is a rune in a font at a size: what its metrics depend on.
type metricsKey struct {
	font *opentype.Font
	size float64
	r    rune
}

// runeMetrics are a rune's advance and the horizontal extent of its ink
// from the dot.
type runeMetrics struct {
	advance, inkMin, inkMax fixed.Int26_6
	ink                     bool // false for a space: no ink to bound
}

func newFace(f font.Face, of *opentype.Font, size float64, shared *sync.Map) *face {
	m := f.Metrics()
	return &face{Face: f, font: of, size: size, ascent: m.Ascent, descent: m.Descent, runes: map[rune]runeMetrics{}, shared: shared}
}

func (f *face) metrics(r rune) runeMetrics {
	if m, ok := f.runes[r]; ok {
		return m
	}
	k := metricsKey{font: f.font, size: f.size, r: r}
	if v, ok := f.shared.Load(k); ok {
		m := v.(runeMetrics)
		f.runes[r] = m
		return m
	}
	// A rune the font lacks gets the .notdef glyph's metrics: it is drawn
	// as that glyph (tofu), so it must be measured as one.
	b, adv, _ := f.GlyphBounds(r)
	m := runeMetrics{advance: adv, inkMin: b.Min.X, inkMax: b.Max.X, ink: b.Max.X > b.Min.X}
	f.runes[r] = m
	f.shared.Store(k, m)
	return m
}

// meter measures a line as runes are added to it, the way draw sets
// them: each rune at the dot, the dot moved by its advance. There is no
// kerning to add: the Go fonts have none (TestFontsHaveNoKerning), and
// asking for it cost two lookups in the font's character map for every
// pair of runes measured or drawn, a thirtieth of a card's cost. It is
// a value, so a caller can try an addition and keep the meter from
// before it.
type meter struct {
	f              *face
	dot            fixed.Int26_6
	inkMin, inkMax fixed.Int26_6
	inked          bool
	n              int // runes added
}

func (f *face) meter() meter { return meter{f: f} }

// add returns the meter with s added.
func (m meter) add(s string) meter {
	for _, r := range s {
		rm := m.f.metrics(r)
		if rm.ink {
			lo, hi := m.dot+rm.inkMin, m.dot+rm.inkMax
			if !m.inked || lo < m.inkMin {
				m.inkMin = lo
			}
			if !m.inked || hi > m.inkMax {
				m.inkMax = hi
			}
			m.inked = true
		}
		m.dot += rm.advance
		m.n++
	}
	return m
}

// width is the room the line takes: from the start of the line, or its
// ink when that begins further left (a "j" can), to its ink's end or
// its last advance, whichever is further right.
func (m meter) width() fixed.Int26_6 {
	return m.right() - m.left()
}

// left is where the line's ink begins, relative to its dot's start, when
// that is left of the start (0 otherwise): draw starts the dot this much
// to the right, so that no ink lands outside the box.
func (m meter) left() fixed.Int26_6 {
	if m.inked && m.inkMin < 0 {
		return m.inkMin
	}
	return 0
}

func (m meter) right() fixed.Int26_6 {
	if m.inked && m.inkMax > m.dot {
		return m.inkMax
	}
	return m.dot
}

// measure is the width of s alone.
func (f *face) measure(s string) fixed.Int26_6 {
	return f.meter().add(s).width()
}
