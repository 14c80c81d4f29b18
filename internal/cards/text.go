package cards

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxRunes is how much of a text a card looks at: more than three lines
// of the smallest type hold, so that a longer text is still known to be
// cut (and gets its ellipsis), while a description of a megabyte costs
// no more to lay out than one of a paragraph.
const maxRunes = 600

// clean is s as a card draws it: in normal form C, so that a letter and
// its combining accent become the one precomposed glyph the Go fonts
// have; without control and format characters (a zero-width space, a
// soft hyphen, a direction mark), which have no glyph and would show as
// tofu; with every run of white space one space; trimmed; and cut at
// maxRunes.
func clean(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Co):
			continue
		}
		if space {
			if n+2 > maxRunes {
				break
			}
			b.WriteByte(' ')
			space = false
			n++
		}
		if n+1 > maxRunes {
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
