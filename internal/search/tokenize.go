// Package search builds the site's search index: sharded static files
// that a small script in the browser downloads only as a query needs them.
//
// The index is by heading-level section, so a hit links to the nearest
// heading. Words are lowercased and stemmed (English Snowball); stop words
// are not indexed. Every section's score for every stem is computed here
// (BM25F over sections, with the page title, headings and description
// weighing more than body text) and stored as an integer impact, so the
// browser only adds numbers up, and boosts pages whose title holds every
// word of the query. Files (their formats are in wire.go):
//
//   - search/meta.json: facet values, stop words, sizes, and the keys
//     that have each kind of shard file, so that the browser never asks
//     for one that does not;
//   - search/k/KEY.json: the words whose home key is KEY (their first
//     three letters), the postings of their stems, and the records of
//     the pages a common stem's one-word query shows first (inline.go);
//   - search/t/KEY.json: the words that have KEY as a typo key, and the
//     best few postings of their stems. A word's typo keys are the first
//     three letters of it with each of its first three deleted, so any
//     one-edit typo shares a key with the word (symmetric deletion); the
//     browser asks for typo files only for a word its home file does not
//     have;
//   - search/r/N.json.gz: section records (page title, link, heading, text
//     for snippets), in shards of RecordShard, fetched for the top results.
//
// The records files are gzipped (gzip.go).
//
// A query is therefore at most two dependent round trips after the
// script and meta.json load: each word's home file, then the records of
// the best sections that the home files do not carry; a word not found
// in its home file adds a round trip for the typo file of its home key
// and both files of its typo keys.
package search

import (
	"unicode"
	"unicode/utf8"
)

// Token is a word of text and its position among the text's words.
type Token struct {
	Word string
	Pos  int
}

// Tokens splits text into lowercase words: runs of letters and digits.
// Apostrophes inside a word are dropped and a possessive "'s" with them
// ("CTO's" is "cto"), hyphens and other punctuation split ("VP-level" is
// "vp", "level"; "30-60" is "30", "60"), and a currency sign or percent
// falls away from its number ("$250k" is "250k").
func Tokens(text string) []Token {
	var out []Token
	eachWord(text, nil, func(w []byte) { out = append(out, Token{Word: string(w), Pos: len(out)}) })
	return out
}

// eachWord calls f with each word of s, as Tokens splits it, in a buffer
// it reuses and returns for the next call. It allocates nothing per word:
// the index tokenizes every word of the site.
func eachWord(s string, buf []byte, f func([]byte)) []byte {
	buf = buf[:0]
	emit := func() {
		if len(buf) > 0 {
			f(buf)
			buf = buf[:0]
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				buf = append(buf, c)
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c == '\'' && len(buf) > 0 && i+1 < len(s) && isLetterAt(s, i+1):
				i = skipPossessive(s, i+1)
				continue
			default:
				emit()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case r == '’' && len(buf) > 0 && i+size < len(s) && isLetterAt(s, i+size):
			i = skipPossessive(s, i+size)
			continue
		default:
			emit()
		}
		i += size
	}
	emit()
	return buf
}

// skipPossessive is called after an apostrophe inside a word, at i: a
// lone "s" after it is a possessive and is skipped; any other letters go
// on the word ("don't" is "dont").
func skipPossessive(s string, i int) int {
	if (s[i] == 's' || s[i] == 'S') && (i+1 == len(s) || !isLetterAt(s, i+1)) {
		return i + 1
	}
	return i
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}
