package search

import (
	"strings"
	"unicode/utf8"
)

// snippetChars caps the text kept per section for snippets.
const snippetChars = 400

// truncate cuts s to at most n bytes, at a space when one is in the
// second half, and marks the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := s[:n]
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}
