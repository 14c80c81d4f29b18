package build

import "testing"

func TestCountWords(t *testing.T) {
	for s, want := range map[string]int{
		"":                     0,
		" \n\t":                0,
		"one":                  1,
		"  two words  ":        2,
		"tab\tand\nnew line":   4,
		"héllo wörld – ok":     4,
		"a\rb\nc":              2, // a carriage return does not break a word
		"**bold** and `code`.": 3,
	} {
		if got := countWords([]byte(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
}
