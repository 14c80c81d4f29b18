package cards

import (
	"image"

	"golang.org/x/image/math/fixed"
)

// The card's geometry, in pixels: a bar along the top edge; the site's
// name and the section on one line; the title and the description in
// the body; the footer in a band along the bottom edge, with a rule
// above it. Text keeps marginX from the left and right edges.
const (
	marginX  = 80
	barH     = 12
	headerY  = 104 // the header's baseline
	headerPx = 30
	bodyTop  = 148
	bodyEnd  = 512 // the body's text stays above this line
	bandTop  = 540
	ruleH    = 2
	footerY  = 597 // the footer's baseline
	footerPx = 28

	descPx        = 34
	descLeading   = 1.35
	titleLeading  = 1.18
	titleGap      = 22 // between the title's last line and the description
	maxTitleLines = 3
	maxDescLines  = 3
)

// A title is tried at sizes from maxTitlePx down to minTitlePx, in
// steps of titleStepPx: the largest that sets it in two lines wins, else
// the largest that sets it in three, else the smallest, cut.
const (
	maxTitlePx  = 72
	minTitlePx  = 48
	titleStepPx = 8
)

// role is what a run of text is, which decides its colour and the
// background it is blended with.
type role int

const (
	roleSite   role = iota // the site's name: Accent on Background
	roleMuted              // the section and description: Muted on Background
	roleTitle              // the title: Text on Background
	roleFooter             // the footer: Muted on Band
	roleCount
)

// run is a line of text in one face and one role, set from its dot
// (the left end of its baseline), which must keep its ink within box.
type run struct {
	f    *face
	role role
	text string
	dot  fixed.Point26_6
	box  image.Rectangle
}

// layout is a card's text, set: every run, and whether the title or the
// description had to be cut.
type layout struct {
	runs                  []run
	titleCut, descCut     bool
	titleSize             float64
	titleLines, descLines int
}

// layout sets c's text.
func (p *Painter) layout(c Card) *layout {
	site, section := clean(c.Site), clean(c.Section)
	title, desc, footer := clean(c.Title), clean(c.Description), clean(c.Footer)
	if site == title {
		site = ""
	}
	if section == title || section == site {
		section = ""
	}
	l := &layout{}
	width := fixed.I(Width - 2*marginX)
	body := image.Rect(marginX, bodyTop, Width-marginX, bodyEnd)

	// The header: the site's name in bold, then the section. When the
	// two are too wide, the section gives way first, down to a third
	// of the line, then the name.
	if site != "" || section != "" {
		box := image.Rect(marginX, barH, Width-marginX, bodyTop)
		bold, regular := p.face(p.bold, headerPx), p.face(p.regular, headerPx)
		sep := ""
		if site != "" && section != "" {
			sep = "  /  "
		}
		siteMax := width
		if section != "" && width-bold.measure(site)-regular.measure(sep) < width/3 {
			siteMax = width*2/3 - regular.measure(sep)
		}
		site = bold.ellipsize(site, siteMax, false)
		siteW := bold.measure(site)
		rest := width - siteW - regular.measure(sep)
		x := fixed.I(marginX)
		if site != "" {
			l.runs = append(l.runs, bold.run(roleSite, site, x, headerY, box))
			x += siteW
		}
		if section != "" {
			l.runs = append(l.runs, regular.run(roleMuted, sep+regular.ellipsize(section, rest, false), x, headerY, box))
		}
	}

	// The title, as large as fits; then the description in the room
	// left. top is where the next block may begin, bottom where the ink
	// of the last one ends.
	top, bottom := fixed.I(bodyTop), fixed.I(bodyTop)
	bodyStart := len(l.runs)
	if title != "" {
		f, lines, cut := p.fitTitle(title, width)
		bottom = l.lines(f, roleTitle, lines, top, titleLeading, body)
		top = bottom + fixed.I(titleGap)
		l.titleCut, l.titleSize, l.titleLines = cut, f.size, len(lines)
	}
	if desc != "" {
		f := p.face(p.regular, descPx)
		// As many lines as end above bodyEnd: the first takes its ascent
		// and descent, each other one a leading more.
		n := 0
		if free := fixed.I(bodyEnd) - top - f.ascent - f.descent; free >= 0 {
			n = min(maxDescLines, int(free/leading(f, descLeading))+1)
		}
		l.descCut = true
		if n > 0 {
			var lines []string
			lines, l.descCut = f.wrap(desc, width, n)
			bottom = l.lines(f, roleMuted, lines, top, descLeading, body)
			l.descLines = len(lines)
		}
	}
	// The block centred in the body, which a short title would leave
	// empty below.
	if slack := (fixed.I(bodyEnd) - bottom) / 3; slack > 0 {
		for i := bodyStart; i < len(l.runs); i++ {
			l.runs[i].dot.Y += slack
		}
	}

	if footer != "" {
		f := p.face(p.regular, footerPx)
		box := image.Rect(marginX, bandTop+ruleH, Width-marginX, Height)
		l.runs = append(l.runs, f.run(roleFooter, f.ellipsize(footer, width, false), fixed.I(marginX), footerY, box))
	}
	return l
}

// fitTitle sets a title at the largest size that takes two lines, else
// the largest that takes three, else the smallest size, cut after three.
func (p *Painter) fitTitle(title string, width fixed.Int26_6) (*face, []string, bool) {
	var three *face // the largest size that takes three lines
	var threeLines []string
	var f *face
	for size := maxTitlePx; size >= minTitlePx; size -= titleStepPx {
		f = p.face(p.bold, float64(size))
		lines, cut := f.wrap(title, width, maxTitleLines)
		switch {
		case !cut && len(lines) <= 2:
			return f, lines, false
		case !cut && three == nil:
			three, threeLines = f, lines
		}
	}
	if three != nil {
		return three, threeLines, false
	}
	lines, _ := f.wrap(title, width, maxTitleLines)
	return f, lines, true
}

// run is text in f at (x, y), its dot moved right when its ink would
// begin left of x.
func (f *face) run(r role, text string, x fixed.Int26_6, y int, box image.Rectangle) run {
	return f.runAt(r, text, x, fixed.I(y), box)
}

func (f *face) runAt(r role, text string, x, y fixed.Int26_6, box image.Rectangle) run {
	x -= f.meter().add(text).left()
	return run{f: f, role: r, text: text, dot: fixed.Point26_6{X: x, Y: y}, box: box}
}

// lines sets lines of f in role ro from top down, and returns where the
// last one's ink ends (its descent).
func (l *layout) lines(f *face, ro role, lines []string, top fixed.Int26_6, lead float64, box image.Rectangle) fixed.Int26_6 {
	y := top + f.ascent
	for i, line := range lines {
		if i > 0 {
			y += leading(f, lead)
		}
		l.runs = append(l.runs, f.runAt(ro, line, fixed.I(marginX), y, box))
	}
	return y + f.descent
}

// leading is the distance between baselines of f at lead times its size.
func leading(f *face, lead float64) fixed.Int26_6 {
	return fixed.Int26_6(float64(fixed.I(1)) * f.size * lead)
}
