package tomldoc

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// fastDecode decodes the plain TOML that front matter nearly always is,
// line by line, into the very values BurntSushi/toml gives: keys set to
// strings without escapes, decimal integers, booleans, dates and UTC
// date-times, and one-line arrays of those, at the top level or under
// one-level table headers and arrays of tables ([[sources]]), with blank
// lines and comments between. ok is false for anything else (a float,
// an escape, a multi-line value, a dotted key, a repeated key, anything
// malformed); BurntSushi/toml then decodes the document, and reports
// its mistakes. At 10,000 pages BurntSushi/toml took 0.28 s of
// processor time to decode the front matter, a thirteenth of a build
// after one edit; by the same CPU profiles, this and the keys' places
// took 0.07 s.
func fastDecode(src string) (values map[string]any, ok bool) {
	if strings.IndexByte(src, '\r') >= 0 || !utf8.ValidString(src) {
		return nil, false
	}
	root := map[string]any{}
	table := root
	for len(src) > 0 {
		var line string
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			line, src = src, ""
		}
		line = strings.TrimLeft(line, " \t")
		if line == "" || line[0] == '#' {
			if !plainComment(line) {
				return nil, false
			}
			continue
		}
		if strings.HasPrefix(line, "[[") {
			// An array of tables, such as a page's [[sources]].
			end := strings.Index(line, "]]")
			if end < 0 || !plainComment(trimSpace(line[end+2:])) {
				return nil, false
			}
			// Only [[name]] makes a list of tables: a list set with name =
			// [...] is a list of values.
			name := trimSpace(line[2:end])
			list, isTables := root[name].([]map[string]any)
			if _, defined := root[name]; !bareKey(name) || defined && !isTables {
				return nil, false
			}
			table = map[string]any{}
			root[name] = append(list, table)
			continue
		}
		if line[0] == '[' {
			end := strings.IndexByte(line, ']')
			if end < 0 || !plainComment(trimSpace(line[end+1:])) {
				return nil, false
			}
			name := trimSpace(line[1:end])
			if !bareKey(name) {
				return nil, false // [a.b], [ "quoted" ] and the like
			}
			if _, defined := root[name]; defined {
				return nil, false
			}
			table = map[string]any{}
			root[name] = table
			continue
		}
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			return nil, false
		}
		key := trimSpace(line[:eq])
		if !bareKey(key) {
			return nil, false
		}
		if _, defined := table[key]; defined {
			return nil, false
		}
		v, rest, ok := fastValue(strings.TrimLeft(line[eq+1:], " \t"))
		if !ok || !plainComment(trimSpace(rest)) {
			return nil, false
		}
		table[key] = v
	}
	return root, true
}

// fastValue reads the value at the start of s: what fastDecode takes,
// and what follows it on the line.
func fastValue(s string) (v any, rest string, ok bool) {
	if s == "" {
		return nil, "", false
	}
	switch c := s[0]; {
	case c == '"' || c == '\'':
		if strings.HasPrefix(s, `"""`) || strings.HasPrefix(s, "'''") {
			return nil, "", false
		}
		end := strings.IndexByte(s[1:], c)
		if end < 0 {
			return nil, "", false
		}
		str := s[1 : 1+end]
		if c == '"' && strings.IndexByte(str, '\\') >= 0 || !plainText(str) {
			return nil, "", false
		}
		return str, s[2+end:], true
	case c == '[':
		return fastArray(s[1:])
	}
	end := strings.IndexAny(s, " \t,]#")
	if end < 0 {
		end = len(s)
	}
	word, rest := s[:end], s[end:]
	switch {
	case word == "true":
		return true, rest, true
	case word == "false":
		return false, rest, true
	case isDate(word):
		t, err := time.ParseInLocation("2006-01-02", word, localDateZone())
		return t, rest, err == nil
	case isUTCDateTime(word):
		t, err := time.ParseInLocation(time.RFC3339Nano, word, time.Local)
		return t, rest, err == nil
	}
	return fastInteger(word, rest)
}

// fastInteger reads a decimal integer as BurntSushi/toml does: a sign
// allowed, no leading zero, within int64.
func fastInteger(word, rest string) (any, string, bool) {
	digits := strings.TrimLeft(word, "+-")
	if len(word)-len(digits) > 1 || digits == "" || digits[0] == '0' && len(digits) > 1 {
		return nil, "", false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil, "", false
		}
	}
	n, err := strconv.ParseInt(word, 10, 64)
	return n, rest, err == nil
}

// fastArray reads the rest of a one-line array, after its "[".
func fastArray(s string) (any, string, bool) {
	out := make([]any, 0, 2) // never nil, as BurntSushi/toml's
	for {
		s = strings.TrimLeft(s, " \t")
		if strings.HasPrefix(s, "]") {
			return out, s[1:], true
		}
		if s == "" || s[0] == '[' || s[0] == ',' {
			return nil, "", false // multi-line, nested, or an empty element
		}
		v, rest, ok := fastValue(s)
		if !ok {
			return nil, "", false
		}
		out = append(out, v)
		s = strings.TrimLeft(rest, " \t")
		if strings.HasPrefix(s, ",") {
			s = s[1:]
		} else if !strings.HasPrefix(s, "]") {
			return nil, "", false
		}
	}
}

// localDateZone is the time.Location BurntSushi/toml gives a date
// without a time, which it does not export: later checks tell a date
// from a date-time by it (see timeKind).
var localDateZone = sync.OnceValue(func() *time.Location {
	v := map[string]any{}
	if _, err := toml.Decode("d = 2000-01-01", &v); err != nil {
		panic(err) // a fixed document: BurntSushi/toml decodes it
	}
	return v["d"].(time.Time).Location()
})

// isDate says whether s has the shape 2006-01-02.
func isDate(s string) bool {
	return len(s) == 10 && digitsAt(s, 0, 4) && s[4] == '-' && digitsAt(s, 5, 2) && s[7] == '-' && digitsAt(s, 8, 2)
}

// isUTCDateTime says whether s has the shape 2006-01-02T15:04:05Z.
func isUTCDateTime(s string) bool {
	return len(s) == 20 && isDate(s[:10]) && s[10] == 'T' && digitsAt(s, 11, 2) && s[13] == ':' && digitsAt(s, 14, 2) && s[16] == ':' && digitsAt(s, 17, 2) && s[19] == 'Z'
}

func digitsAt(s string, at, n int) bool {
	for i := at; i < at+n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// bareKey says whether s is a TOML bare key.
func bareKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// plainComment says whether s is nothing, or a comment with no control
// character but tabs, which TOML forbids in comments.
func plainComment(s string) bool {
	return s == "" || s[0] == '#' && plainText(s)
}

// plainText says whether s has no control character but tabs.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func trimSpace(s string) string { return strings.Trim(s, " \t") }
