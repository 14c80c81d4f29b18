package cards

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/math/fixed"
)

const ellipsis = "…"

// token is a piece of text that is never broken across lines unless it
// alone is wider than a line, with what goes before it when it follows
// another on the same line: a space, or nothing after a hyphen or slash.
type token struct {
	sep, text string
}

// tokens splits clean text at spaces, and after hyphens, dashes and
// slashes, where a line may break too ("CTO/VP-of-Engineering" is three
// tokens).
func tokens(s string) []token {
	var out []token
	for i, word := range strings.Split(s, " ") {
		sep := " "
		if i == 0 {
			sep = ""
		}
		for word != "" {
			end := len(word)
			if cut := strings.IndexFunc(word, breaksAfter); cut >= 0 {
				_, size := utf8.DecodeRuneInString(word[cut:])
				end = cut + size
			}
			out = append(out, token{sep, word[:end]})
			word, sep = word[end:], ""
		}
	}
	return out
}

func breaksAfter(r rune) bool {
	return r == '-' || r == '/' || r == '–' || r == '—'
}

// wrap sets s, clean text, in lines no wider than max, at most maxLines
// of them. When s does not fit, the last line ends with an ellipsis and
// cut is true.
func (f *face) wrap(s string, max fixed.Int26_6, maxLines int) (lines []string, cut bool) {
	var line strings.Builder
	m := f.meter()
	push := func() {
		lines = append(lines, line.String())
		line.Reset()
		m = f.meter()
	}
	for _, t := range tokens(s) {
		if len(lines) > maxLines {
			break
		}
		text := t.text
		if line.Len() > 0 {
			text = t.sep + t.text
		}
		if next := m.add(text); next.width() <= max {
			line.WriteString(text)
			m = next
			continue
		}
		if line.Len() > 0 {
			push()
			if next := m.add(t.text); next.width() <= max {
				line.WriteString(t.text)
				m = next
				continue
			}
		}
		// A token wider than a line (a long URL, a word of Chinese,
		// which has no spaces): break it between characters.
		for _, r := range t.text {
			next := m.add(string(r))
			if next.width() > max && line.Len() > 0 {
				push()
				next = m.add(string(r))
			}
			line.WriteRune(r)
			m = next
		}
	}
	if line.Len() > 0 {
		push()
	}
	if len(lines) <= maxLines {
		return lines, false
	}
	lines = lines[:maxLines]
	lines[maxLines-1] = f.ellipsize(lines[maxLines-1], max, true)
	return lines, true
}

// ellipsize ends s with an ellipsis within max: s itself when it fits
// and nothing follows it (more is false), else the longest start of s
// that leaves room for the ellipsis, cut at a space when that keeps most
// of the line, without a dangling comma or dash.
func (f *face) ellipsize(s string, max fixed.Int26_6, more bool) string {
	if !more && f.measure(s) <= max {
		return s
	}
	runes := []rune(s)
	// The longest start that fits with the ellipsis, found by measuring
	// one prefix after another (a line is short).
	n := 0
	m := f.meter()
	for i, r := range runes {
		next := m.add(string(r))
		if next.add(ellipsis).width() > max {
			break
		}
		m, n = next, i+1
	}
	head := string(runes[:n])
	if sp := strings.LastIndexByte(head, ' '); sp > 0 && f.measure(head[:sp]) >= max*6/10 {
		head = head[:sp]
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—/·", r)
	})
	return head + ellipsis
}
