// Package cards draws social cards: the 1200×630 PNG images that link
// previews on social sites and chat apps show for a page (Open Graph's
// og:image). A card shows a site's name, a section, a title and a
// description, in the Go fonts (golang.org/x/image/font/gofont, compiled
// into kb: no system font is looked up and nothing is fetched).
//
// It draws from plain values and knows nothing of sites: the build
// decides what a card says, and where it goes. Its rules:
//
//   - The same Card gives the same bytes: the drawing uses no clock, no
//     map order and no randomness, and PNG encoding is deterministic.
//     A change of the drawing that changes a pixel must bump Version, so
//     that a Cache does not hand out cards drawn the old way; so must a
//     change of the encoding that changes a byte, so that a build with a
//     cache gives the bytes a build without one gives
//     (TestVersionPinsTheDrawing fails until it is bumped).
//   - Text never leaves its box: it wraps at spaces (and after hyphens
//     and slashes) by its measured width, a word wider than the box
//     breaks between characters, a long title is set smaller, and what
//     still does not fit is cut with an ellipsis.
//   - Any text can be drawn. Text is put in Unicode normal form C (so
//     that "e" and a combining accent become the one glyph "é"),
//     control and format characters are dropped and white space is
//     collapsed. A character the Go fonts lack (Chinese, Arabic, emoji)
//     is drawn as the fonts' empty box, tofu: kb ships no fallback font.
//   - Cards are paletted PNGs: each text colour is blended with its
//     background in 15 steps for the anti-aliasing, 64 colours in all,
//     which made a card about half the size of the same image in full
//     colour (29 KB against 53 KB for an ordinary article's, both from
//     image/png; kb's own encoder makes it 31 KB).
package cards

import (
	"image/color"
)

// The size of every card: what Open Graph consumers ask for (a 1.91:1
// image at least 1200 pixels wide shows large on every major site).
const (
	Width  = 1200
	Height = 630
)

// Version is the version of the drawing and encoding: part of every
// cache key, so that cards made by an older kb are not reused. Bump it
// with any change that moves a pixel (TestVersionPinsTheDrawing checks)
// or changes a card's bytes (3: kb's own PNG encoder).
const Version = 3

// Card is what a card shows. Empty fields are left out, and so are a
// Site or Section that only repeats the Title (a site's home page, whose
// title is the site's name, would otherwise say it twice).
type Card struct {
	// Site is the site's name, top left.
	Site string
	// Section is where the page is in the site, after the site's name.
	Section string
	// Title is the page's title, large; it shrinks to fit three lines.
	Title string
	// Description is the page's description, below the title.
	Description string
	// Footer is a line at the foot of the card: the site's address.
	Footer string
	// Colors are the card's colours.
	Colors Colors
}

// Colors are the colours of a card. Text is drawn only on Background
// (the title, description, site name and section) and on Band (the
// footer), each in one colour.
type Colors struct {
	// Background is the card's colour; Band the footer's, above which
	// Rule draws a line.
	Background, Band, Rule color.RGBA
	// Text is the title's colour, Muted the description's, the
	// section's and the footer's, Accent the site name's and the bar
	// along the top edge.
	Text, Muted, Accent color.RGBA
}
