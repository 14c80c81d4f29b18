package cards

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

var samples = flag.String("samples", "", "write the sample cards as PNG files into this `folder`, to look at")

// testColors are the default theme's light colours.
func testColors() Colors {
	rgb := func(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }
	return Colors{Background: rgb(0xffffff), Band: rgb(0xf5f6f8), Rule: rgb(0xd7dce2), Text: rgb(0x1b1f24), Muted: rgb(0x4a5360), Accent: rgb(0x0b5cad)}
}

// sampleCards are cards of every shape a site gives, and some no site
// should: each test runs on them all.
func sampleCards() map[string]Card {
	const site, footer = "CTO vs VP of Engineering", "owner.github.io/repo"
	long := "From senior engineer to CTO: every step of the path, what changes at each one, and what the people who made the jump wish they had known before they took the job in a company growing faster than they were"
	cards := map[string]Card{
		"short": {Site: site, Section: "Roles", Title: "CTO", Description: "The Chief Technology Officer: what the role covers at each company stage.", Footer: footer},
		"home":  {Site: site, Title: site, Description: "Curated articles on the CTO, VP of Engineering and Head of Engineering roles: responsibilities, career paths, company stages and industries.", Footer: footer},
		"three-lines": {Site: site, Section: "Career paths", Title: "What changes when a startup's first engineer becomes its CTO and hires the first managers",
			Description: "A path in five steps.", Footer: footer},
		"long":       {Site: site, Section: "Career paths", Title: long, Description: strings.Repeat("A description that goes on and on, with words like incomprehensibilities. ", 12), Footer: footer},
		"long-word":  {Site: "S", Section: strings.Repeat("A section name too long for the header ", 4), Title: "Supercalifragilisticexpialidocious-and-a-hyphenated/slashed/compound-" + strings.Repeat("W", 90), Description: "https://example.com/" + strings.Repeat("very-long-path/", 20), Footer: strings.Repeat("x", 200)},
		"no-spaces":  {Site: site, Title: strings.Repeat("mW", 150), Description: strings.Repeat("Wm", 400)},
		"non-latin":  {Site: "知识库", Section: "角色", Title: "首席技术官与工程副总裁的区别 CTO 🙂 مرحبا שלום", Description: "Ünïcödé e\u0301 ΑΒΓ Жж \u200b soft\u00adhyphen \u202eRTL override\u202c tab\there", Footer: "localhost:1313"},
		"controls":   {Site: "\x00\x01\t\n", Title: "Title\r\nwith\x7f controls\u2028and\u00a0spaces", Description: "\xff\xfe invalid UTF-8", Footer: " \t "},
		"long-site":  {Site: strings.Repeat("A site name longer than any header ", 5), Title: "Its home"},
		"empty":      {},
		"title-only": {Title: "Only a title"},
	}
	rng := rand.New(rand.NewPCG(7, 11))
	letters := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#%&WMmwgjyÄÖÜáé漢")
	random := func(n int) string {
		out := make([]rune, n)
		for i := range out {
			out[i] = letters[rng.IntN(len(letters))]
			if rng.IntN(7) == 0 {
				out[i] = ' '
			}
		}
		return string(out)
	}
	// Every line as full of ink as text makes it: the largest cards.
	cards["dense"] = Card{Site: random(40), Section: random(60), Title: random(300), Description: random(600), Footer: random(100)}
	for name, c := range cards {
		c.Colors = testColors()
		cards[name] = c
	}
	return cards
}

func newPainter(t testing.TB) *Painter {
	t.Helper()
	p, err := NewPainter()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCardsArePalettedPNGsUnderBudget: every card decodes to a paletted
// Width×Height image and stays under MaxBytes, the densest included.
func TestCardsArePalettedPNGsUnderBudget(t *testing.T) {
	p := newPainter(t)
	for name, c := range sampleCards() {
		data, err := p.PNG(c)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: does not decode: %v", name, err)
		}
		if _, ok := img.(*image.Paletted); !ok {
			t.Errorf("%s: a %T, not a paletted image", name, img)
		}
		if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
			t.Errorf("%s: %v, want %d×%d", name, b, Width, Height)
		}
		if len(data) >= MaxBytes {
			t.Errorf("%s: %d bytes, over %d", name, len(data), MaxBytes)
		}
		t.Logf("%s: %d bytes", name, len(data))
		if *samples != "" {
			if err := os.WriteFile(filepath.Join(*samples, name+".png"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSameCardSameBytes: a card drawn again, by another painter, by
// several goroutines at once, or into an image an earlier card used, is
// byte for byte the same.
func TestSameCardSameBytes(t *testing.T) {
	p1, p2 := newPainter(t), newPainter(t)
	for name, c := range sampleCards() {
		want, _ := p1.PNG(c)
		got := make([][]byte, 4)
		var wg sync.WaitGroup
		for i := range got {
			wg.Go(func() {
				p := p1
				if i%2 == 1 {
					p = p2
				}
				got[i], _ = p.PNG(c)
			})
		}
		wg.Wait()
		for i, g := range got {
			if !bytes.Equal(g, want) {
				t.Errorf("%s: draw %d differs from the first", name, i)
			}
		}
		// PNG draws into images reused from earlier cards: the pixels
		// must be those of a fresh image.
		decoded, err := png.Decode(bytes.NewReader(want))
		if err != nil {
			t.Fatal(err)
		}
		if fresh := p1.Image(c); !bytes.Equal(decoded.(*image.Paletted).Pix, fresh.Pix) {
			t.Errorf("%s: the PNG's pixels differ from a fresh image's", name)
		}
	}
}

// TestTextStaysInItsBox checks the drawing itself: every pixel of text
// (a palette index of a text colour) lies in the box of a run of that
// colour, and no text reaches the side margins, whatever the text.
func TestTextStaysInItsBox(t *testing.T) {
	p := newPainter(t)
	for name, c := range sampleCards() {
		checkInside(t, name, p, c)
	}
}

// TestRandomTextStaysInside: text of any code points, spaces among
// them, at lengths up to well past what a card shows.
func TestRandomTextStaysInside(t *testing.T) {
	p := newPainter(t)
	rng := rand.New(rand.NewPCG(3, 4))
	random := func() string {
		out := make([]rune, rng.IntN(1500))
		for i := range out {
			switch rng.IntN(4) {
			case 0:
				out[i] = rune(rng.IntN(utf8.MaxRune + 1))
			case 1:
				out[i] = ' '
			default:
				out[i] = rune('a' + rng.IntN(26))
			}
		}
		return string(out)
	}
	for range 40 {
		checkInside(t, "random", p, Card{Site: random(), Section: random(), Title: random(), Description: random(), Footer: random(), Colors: testColors()})
	}
}

// checkInside fails when a pixel of text of c lies outside every box of
// its role, or a run's measured extent outside its box.
func checkInside(t *testing.T, name string, p *Painter, c Card) {
	t.Helper()
	l := p.layout(c)
	boxes := map[role][]image.Rectangle{}
	for _, r := range l.runs {
		boxes[r.role] = append(boxes[r.role], r.box)
		m := r.f.meter().add(r.text)
		left, right := (r.dot.X + m.left()).Floor(), (r.dot.X + m.right()).Ceil()
		top, bottom := (r.dot.Y - r.f.ascent).Floor(), (r.dot.Y + r.f.descent).Ceil()
		if left < r.box.Min.X || right > r.box.Max.X || top < r.box.Min.Y || bottom > r.box.Max.Y {
			t.Errorf("%s: run %q measures x %d..%d, y %d..%d, outside its box %v", name, r.text, left, right, top, bottom, r.box)
		}
	}
	img := l.draw(nil, c.Colors, p.glyphs).img
	bad := 0
	for y := range Height {
		for x := range Width {
			i := img.Pix[y*img.Stride+x]
			if level(i) == 0 || y < barH { // a plain colour, or the bar
				continue
			}
			ro := role((int(i) - ixRamps) / levels)
			pt := image.Pt(x, y)
			inside := false
			for _, b := range boxes[ro] {
				inside = inside || pt.In(b)
			}
			if !inside || x < marginX || x >= Width-marginX {
				if bad < 5 {
					t.Errorf("%s: text of role %d at %v, outside its boxes %v", name, ro, pt, boxes[ro])
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d pixels of text out of place", name, bad)
	}
}

// TestLongTextShrinksThenCuts: a title takes the largest size that sets
// it in two lines, or else in three; one too long for three lines at the
// smallest size is cut with an ellipsis, as is a long description.
func TestLongTextShrinksThenCuts(t *testing.T) {
	p := newPainter(t)
	cards := sampleCards()
	for _, tc := range []struct {
		name                string
		size                float64
		titleCut, descCut   bool
		titleLines, descMin int
	}{
		{"short", maxTitlePx, false, false, 1, 1},
		{"three-lines", 0, false, false, 0, 1},
		{"long", minTitlePx, true, true, maxTitleLines, 1},
		{"long-word", minTitlePx, true, true, maxTitleLines, 1},
	} {
		l := p.layout(cards[tc.name])
		if tc.size != 0 && l.titleSize != tc.size {
			t.Errorf("%s: title at %v px, want %v", tc.name, l.titleSize, tc.size)
		}
		if l.titleCut != tc.titleCut || l.descCut != tc.descCut {
			t.Errorf("%s: cut title %t, description %t; want %t, %t", tc.name, l.titleCut, l.descCut, tc.titleCut, tc.descCut)
		}
		if tc.titleLines != 0 && l.titleLines != tc.titleLines {
			t.Errorf("%s: %d title lines, want %d", tc.name, l.titleLines, tc.titleLines)
		}
		if l.descLines < tc.descMin {
			t.Errorf("%s: %d description lines, want at least %d", tc.name, l.descLines, tc.descMin)
		}
		for _, r := range l.runs {
			if r.box.Min.Y != bodyTop {
				continue // the header and footer are cut to one line as needed
			}
			cut := r.role == roleTitle && l.titleCut || r.role == roleMuted && l.descCut
			if strings.HasSuffix(r.text, ellipsis) && !cut {
				t.Errorf("%s: %q ends with an ellipsis, but nothing was cut", tc.name, r.text)
			}
		}
		if l.titleCut && !strings.HasSuffix(lastRun(l, roleTitle), ellipsis) {
			t.Errorf("%s: the title's last line %q has no ellipsis", tc.name, lastRun(l, roleTitle))
		}
	}
	// A title of three lines at a size between: smaller than the largest.
	if l := p.layout(cards["three-lines"]); l.titleSize >= maxTitlePx || l.titleCut {
		t.Errorf("three-lines: at %v px, cut %t; want smaller than %d, whole", l.titleSize, l.titleCut, maxTitlePx)
	}
}

func lastRun(l *layout, ro role) string {
	last := ""
	for _, r := range l.runs {
		if r.role == ro {
			last = r.text
		}
	}
	return last
}

// TestMissingGlyphsDrawTofu: a character the Go fonts lack is drawn as
// their empty box, not skipped: a title in Chinese still shows where its
// characters are.
func TestMissingGlyphsDrawTofu(t *testing.T) {
	p := newPainter(t)
	c := Card{Title: "漢字", Colors: testColors()}
	img := p.Image(c)
	ink := 0
	for _, i := range img.Pix {
		if level(i) > 0 {
			ink++
		}
	}
	if ink == 0 {
		t.Fatal("a title of characters the font lacks drew nothing")
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  plain   text\t\n", "plain text"},
		{"e\u0301te\u0301", "été"},                                   // combining accents composed
		{"zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"}, // format characters dropped
		{"a\x00b\x1bc", "abc"},                                       // control characters dropped
		{"no\u00a0break", "no break"},                                // any space is a space
		{"\xff", "\uFFFD"},                                           // invalid UTF-8 is a replacement character
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := strings.Repeat("ab ", 1000)
	// Its first maxRunes, less the space that would end them.
	if got, n := clean(long), utf8.RuneCountInString(clean(long)); n < maxRunes-1 || n > maxRunes || !strings.HasPrefix(long, got) {
		t.Errorf("a long text is cleaned to %d runes, not its first %d", n, maxRunes)
	}
}

// TestWrapKeepsEveryCharacter: text that is not cut comes out of wrap
// whole, in order, only the spaces where lines break gone; and no line
// is empty or wider than asked.
func TestWrapKeepsEveryCharacter(t *testing.T) {
	p := newPainter(t)
	f := p.face(p.regular, descPx)
	for _, s := range []string{
		"one",
		"A sentence of several words that will need more than one line at this width, surely.",
		"CTO/VP-of-Engineering—the difference–explained",
		strings.Repeat("W", 100),
		"漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
	} {
		width := f.measure("A sentence of several")
		lines, cut := f.wrap(clean(s), width, 100)
		if cut {
			t.Fatalf("%q: cut with room for 100 lines", s)
		}
		if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(s, " ", "") {
			t.Errorf("%q: wrapped as %q", s, lines)
		}
		for _, line := range lines {
			if line == "" || f.measure(line) > width && utf8.RuneCountInString(line) > 1 {
				t.Errorf("%q: line %q is empty or wider than %v", s, line, width)
			}
		}
	}
}

// FuzzLayout: any text is drawn inside its boxes, without a panic.
func FuzzLayout(f *testing.F) {
	for _, c := range sampleCards() {
		f.Add(c.Site, c.Section, c.Title, c.Description, c.Footer)
	}
	p := newPainter(f)
	f.Fuzz(func(t *testing.T, site, section, title, desc, footer string) {
		checkInside(t, "fuzz", p, Card{Site: site, Section: section, Title: title, Description: desc, Footer: footer, Colors: testColors()})
	})
}

// TestGlyphInk: a glyph's ink spans hold every pixel of its mask with
// coverage, and begin and end at one, for letters of every shape, at
// the sizes cards use, at each quarter pixel.
func TestGlyphInk(t *testing.T) {
	p := newPainter(t)
	for _, size := range []float64{headerPx, descPx, maxTitlePx} {
		f := p.face(p.bold, size)
		for _, r := range "oyjW|.-_é□ " {
			for fx := fixed.Int26_6(0); fx < 64; fx += 16 {
				g := rasterize(f, r, fixed.Point26_6{X: fx, Y: 16})
				w := g.bounds.Dx()
				for y, ink := range g.ink {
					row := g.pix[y*w : (y+1)*w]
					for x, l := range row {
						if inside := x >= ink[0] && x < ink[1]; l > 0 && !inside {
							t.Fatalf("%q at %vpx: row %d has ink at %d, outside its span %v", r, size, y, x, ink)
						}
					}
					if ink[0] < ink[1] && (row[ink[0]] == 0 || row[ink[1]-1] == 0) {
						t.Fatalf("%q at %vpx: row %d's span %v does not begin and end with ink", r, size, y, ink)
					}
				}
				if g.pix != nil && len(g.ink) != g.bounds.Dy() {
					t.Fatalf("%q at %vpx: %d spans for %d rows", r, size, len(g.ink), g.bounds.Dy())
				}
			}
		}
	}
}

// TestFontsHaveNoKerning: no pair of glyphs in either Go font is kerned,
// at any size (a kerning, if there were one, would show at the font's
// own units per em), which is why text is set without asking. Should a
// newer golang.org/x/image give the fonts kerning, this fails: add
// face.Kern to the dot again in meter.add and run.draw, and bump
// Version.
func TestFontsHaveNoKerning(t *testing.T) {
	p := newPainter(t)
	for name, f := range map[string]*opentype.Font{"regular": p.regular, "bold": p.bold} {
		var buf sfnt.Buffer
		n := f.NumGlyphs()
		for a := range n {
			for b := range n {
				k, err := f.Kern(&buf, sfnt.GlyphIndex(a), sfnt.GlyphIndex(b), fixed.Int26_6(f.UnitsPerEm()), font.HintingNone)
				if err != nil && err != sfnt.ErrNotFound {
					t.Fatalf("%s: kerning glyphs %d and %d: %v", name, a, b, err)
				}
				if k != 0 {
					t.Fatalf("%s: glyphs %d and %d are kerned by %v", name, a, b, k)
				}
			}
		}
	}
}
