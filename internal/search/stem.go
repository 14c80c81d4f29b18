package search

import (
	"slices"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Stem is a word's index term: its English Snowball stem, so "hiring",
// "hires" and "hired" find each other. Numbers and words with digits are
// kept as they are.
func Stem(word string) string {
	for _, r := range word {
		if r < 'a' || r > 'z' {
			return word
		}
	}
	return english.Stem(word, false)
}

// Keys are the shard keys of a word (see the package comment): for a word
// of four letters or more, its first three letters and the first three
// letters left after deleting each of them; a shorter word is its own key.
func Keys(word string) []string {
	rs := []rune(word)
	if len(rs) <= 3 {
		return []string{word}
	}
	keys := []string{string(rs[:3])}
	for i := range 3 {
		del := append(append([]rune{}, rs[:i]...), rs[i+1:]...)
		k := string(del[:3])
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// FileKey is the file name of a key: itself when it is plain ASCII letters
// and digits, else "x" and the hex of its UTF-8.
func FileKey(key string) string {
	plain := utf8.ValidString(key)
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			plain = false
		}
	}
	if plain {
		return key
	}
	const hex = "0123456789abcdef"
	out := []byte{'x'}
	for _, c := range []byte(key) {
		out = append(out, hex[c>>4], hex[c&15])
	}
	return string(out)
}
