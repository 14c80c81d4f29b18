package search

import (
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The index's shard and record files are written by hand rather than by
// encoding/json: they are most of the files of a large site, and
// reflection over their maps and slices cost more than making them. The
// bytes are what encoding/json writes with HTML escaping off (map keys
// sorted), which TestEncodeLikeJSON checks.

// encodeShard writes a key shard: {"f":{word:stem},"p":{stem:[posting]}}.
func encodeShard(forms map[string]string, postings map[string][]posting) []byte {
	size := 16 // sized up front: growing by doubling makes twice the garbage
	for w, st := range forms {
		size += len(w) + len(st) + 6
	}
	for st, ps := range postings {
		size += len(st) + 6 + len(ps)*(len(posting{})*4+2)
	}
	b := make([]byte, 0, size+size/16)
	b = append(b, `{"f":{`...)
	for i, w := range slices.Sorted(maps.Keys(forms)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, w)
		b = append(b, ':')
		b = appendString(b, forms[w])
	}
	b = append(b, `},"p":{`...)
	for i, st := range slices.Sorted(maps.Keys(postings)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, st)
		b = append(b, ':', '[')
		for j, p := range postings[st] {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for k, v := range p {
				if k > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendInt(b, int64(v), 10)
			}
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, '}', '}')
}

// encodeRecords writes a records file: an array of string arrays.
func encodeRecords(recs [][]string) []byte {
	size := 2 // sized up front: growing by doubling makes twice the garbage
	for _, r := range recs {
		size += 3
		for _, s := range r {
			size += len(s) + 3
		}
	}
	b := make([]byte, 0, size+size/32)
	b = append(b, '[')
	for i, r := range recs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, s := range r {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// appendString appends s as a JSON string the way encoding/json does
// without HTML escaping: quotes, backslashes and control characters
// escaped, invalid UTF-8 as U+FFFD, and U+2028 and U+2029 escaped for
// JavaScript's sake.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
