package markdown

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Glossary is a site's terms, indexed to find their uses in text. It is
// made once per build from the glossary page's terms (NewGlossary) and
// read by every page's render, so it is never written to after.
//
// The rules, which docs/guide.md states for authors: a term, or one of
// its aliases, is found case-insensitively as whole words (a letter,
// digit, "-" or "_" on either side is part of a longer word), with any
// run of white space, a line break included, between its words, and
// each word in the singular or the plural ("s", "es", "y" to "ies"); a
// possessive ("CTO's") ends at the apostrophe, so it is found too. Where
// names overlap, the one that starts first wins, then the longest.
type Glossary struct {
	terms []Term
	hrefs []string // by term: where a use links
	// byFirst maps the first word of each name (a term or an alias),
	// lowercased, to the names that start with it, longest first.
	byFirst map[string][]glossaryName
	// prefixes marks the first two letters (lowercase ASCII) a name's
	// first word may start with, and short its one-letter first words:
	// most words of a text start otherwise, and are passed over without
	// a map lookup. A word that starts with other than ASCII is looked up.
	prefixes [128 * 128]bool
	short    [128]bool
	// byHref maps a term's link to the term, so that a link an author
	// wrote to a definition counts as the term's first use.
	byHref map[string]int
}

// glossaryName is a term or an alias, split into its lowercased words.
type glossaryName struct {
	words []string
	size  int // in bytes, to try the longest first
	term  int // index in Glossary.terms
}

// NewGlossary indexes terms, each linked at href (the glossary page's
// link) and its id. Names that cannot be found (no letter or digit to
// start with) are left out; the glossary page's checks report them.
func NewGlossary(href string, terms []Term) *Glossary {
	g := &Glossary{terms: terms, byFirst: map[string][]glossaryName{}, byHref: map[string]int{}}
	for i, t := range terms {
		h := href + "#" + t.ID
		g.hrefs = append(g.hrefs, h)
		g.byHref[h] = i
		for _, n := range append([]string{t.Term}, t.Aliases...) {
			words := strings.Fields(strings.ToLower(n))
			if len(words) == 0 {
				continue
			}
			first := leadingWord(words[0])
			if first == "" {
				continue
			}
			g.byFirst[first] = append(g.byFirst[first], glossaryName{words: words, size: len(strings.Join(words, " ")), term: i})
			switch {
			case len(first) == 1 && first[0] < utf8.RuneSelf:
				g.short[first[0]] = true
			case len(first) > 1 && first[0] < utf8.RuneSelf && first[1] < utf8.RuneSelf:
				g.prefixes[int(first[0])<<7|int(first[1])] = true
			}
		}
	}
	for k, names := range g.byFirst {
		slices.SortStableFunc(names, func(a, b glossaryName) int { return cmp.Compare(b.size, a.size) })
		g.byFirst[k] = names
	}
	return g
}

// mayStart says whether a name may start with word, in any case: false
// only when none can. A plural's first two letters are its singular's,
// but for a one-letter word ("Xs").
func (g *Glossary) mayStart(word []byte) bool {
	switch {
	case len(word) == 0:
		return false
	case word[0] >= utf8.RuneSelf || len(word) > 1 && word[1] >= utf8.RuneSelf:
		return true
	case len(word) == 1:
		return g.short[lowerASCII(word[0])]
	}
	c := lowerASCII(word[0])
	return g.prefixes[int(c)<<7|int(lowerASCII(word[1]))] || len(word) == 2 && g.short[c]
}

// Len is the number of terms.
func (g *Glossary) Len() int { return len(g.terms) }

// TermKey is the form two names are compared in: lowercase, words
// separated by one space. Two terms (or an alias and a term) with the
// same key are one name defined twice.
func TermKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), " ")
}

// Findable says whether a name can be found in text at all: it must
// start with a letter or a digit.
func Findable(name string) bool {
	words := strings.Fields(strings.ToLower(name))
	return len(words) > 0 && leadingWord(words[0]) != ""
}

// leadingWord is the letters and digits w starts with: the part of a
// name's first word that a text's word is looked up by ("player" of
// "player-coach", whose "-coach" is then compared as written).
func leadingWord(w string) string {
	for i, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return w[:i]
		}
	}
	return w
}

// match finds the name that starts at text[i], the start of a word: the
// term and where the use ends, or -1. Of names that match, the one whose
// use is longest wins; of equal ones, the longer name, then the term
// defined first. key is the word, lowercased; its singular forms are
// looked up as well, so that "VPs" finds "VP of Engineering".
func (g *Glossary) match(text []byte, i int, key []byte) (term, end int) {
	term, end = -1, -1
	try := func(k []byte) {
		for _, n := range g.byFirst[string(k)] {
			if e := matchName(text, i, n.words); e > end {
				term, end = n.term, e
			}
		}
	}
	try(key)
	if l := len(key); l > 1 && key[l-1] == 's' {
		try(key[:l-1])
		if l > 2 && key[l-2] == 'e' {
			try(key[:l-2])
		}
		if l > 3 && key[l-3] == 'i' && key[l-2] == 'e' {
			// "companies": "company", which only a buffer can spell.
			var buf [64]byte
			if l+1 <= len(buf) {
				try(append(append(buf[:0], key[:l-3]...), 'y'))
			}
		}
	}
	return term, end
}

// matchName matches a name's words at text[i:], separated by white
// space, and returns where the match ends, or -1.
func matchName(text []byte, i int, words []string) int {
	j := i
	for k, w := range words {
		if k > 0 {
			s := skipSpace(text, j)
			if s == j {
				return -1
			}
			j = s
		}
		if j = matchWord(text, j, w); j < 0 {
			return -1
		}
	}
	return j
}

// matchWord matches one word of a name at text[j:], ignoring case, in
// the singular or the plural, up to the end of the text's word.
func matchWord(text []byte, j int, w string) int {
	if e := prefixFold(text, j, w); e >= 0 {
		if wordEnd(text, e) {
			return e
		}
		for _, suffix := range [...]string{"s", "es"} {
			if s := prefixFold(text, e, suffix); s >= 0 && wordEnd(text, s) {
				return s
			}
		}
	}
	if stem, ok := strings.CutSuffix(w, "y"); ok && stem != "" {
		if e := prefixFold(text, j, stem); e >= 0 {
			if s := prefixFold(text, e, "ies"); s >= 0 && wordEnd(text, s) {
				return s
			}
		}
	}
	return -1
}

// prefixFold matches w, which is lowercase, at text[j:] ignoring case,
// and returns where it ends, or -1.
func prefixFold(text []byte, j int, w string) int {
	for k := 0; k < len(w); {
		if j >= len(text) {
			return -1
		}
		c, wc := text[j], w[k]
		if c < utf8.RuneSelf && wc < utf8.RuneSelf {
			if lowerASCII(c) != wc {
				return -1
			}
			j, k = j+1, k+1
			continue
		}
		r, n := utf8.DecodeRune(text[j:])
		wr, wn := utf8.DecodeRuneInString(w[k:])
		if unicode.ToLower(r) != wr {
			return -1
		}
		j, k = j+n, k+wn
	}
	return j
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// skipSpace skips white space (a line break, a no-break space) from j.
func skipSpace(text []byte, j int) int {
	for j < len(text) {
		r, n := decodeRune(text[j:])
		if !unicode.IsSpace(r) {
			break
		}
		j += n
	}
	return j
}

// inWord says whether r continues a word: a use of "CTO" is not found in
// "CTO-level" or "CTOX".
func inWord(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// alnum says whether r is a letter or a digit, which words start with.
func alnum(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] == classAlnum
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiClass sorts ASCII characters for the scan of a text's words, which
// meets every character of every page.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = classAlnum
		case c == '-', c == '_':
			t[c] = classJoin
		}
	}
	return t
}()

const (
	classAlnum = 1 + iota // a letter or digit
	classJoin             // "-" or "_": inside a word, not its start
)

// decodeRune is utf8.DecodeRune with ASCII first.
func decodeRune(b []byte) (rune, int) {
	if len(b) > 0 && b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

// wordEnd says whether text[e:] starts with no part of a word.
func wordEnd(text []byte, e int) bool {
	if e >= len(text) {
		return true
	}
	r, _ := decodeRune(text[e:])
	return !inWord(r)
}
