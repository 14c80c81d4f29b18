package tomldoc

import (
	"strconv"
	"strings"
)

// keyPositions maps each key path ("params.x", "sources.1.title") to the
// line and column where it is written. It is a line scanner, not a parser:
// the document has already parsed, so it only needs to follow table headers
// and skip multi-line strings and arrays, which is enough for the places of
// the keys people write.
func keyPositions(src string) map[string]position {
	pos := map[string]position{}
	var table []string
	arrays := map[string]int{} // [[x]] path -> number seen so far
	inString := ""             // the delimiter of an open multi-line string
	depth := 0                 // open brackets of a multi-line value
	for i, line := range strings.Split(src, "\n") {
		if inString != "" {
			if strings.Count(line, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketBalance(line)
			continue
		}
		trimmed := strings.TrimLeft(line, " \t")
		col := len(line) - len(trimmed) + 1
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			keys, _ := splitKey(strings.TrimPrefix(trimmed, "[["))
			base := strings.Join(keys, ".")
			n := arrays[base]
			arrays[base] = n + 1
			table = append(keys, strconv.Itoa(n))
			record(pos, keys, i, col+2)
			record(pos, table, i, col+2)
		case trimmed[0] == '[':
			keys, _ := splitKey(trimmed[1:])
			table = keys
			record(pos, table, i, col+1)
		default:
			keys, rest := splitKey(trimmed)
			if len(keys) == 0 || !strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") {
				continue
			}
			full := append(append([]string{}, table...), keys...)
			for n := len(table) + 1; n <= len(full); n++ {
				record(pos, full[:n], i, col)
			}
			value := strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(rest, " \t"), "="), " \t")
			for _, delim := range []string{`"""`, `'''`} {
				if strings.HasPrefix(value, delim) && strings.Count(value, delim)%2 == 1 {
					inString = delim
				}
			}
			if inString == "" {
				depth = bracketBalance(value)
			}
		}
	}
	return pos
}

func record(pos map[string]position, path []string, line, col int) {
	k := strings.Join(path, ".")
	if _, seen := pos[k]; !seen {
		pos[k] = position{line + 1, col}
	}
}

// splitKey reads a dotted key (bare or quoted parts) from the start of s and
// returns its parts and what follows.
func splitKey(s string) (keys []string, rest string) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return keys, s
		}
		var part string
		switch s[0] {
		case '"', '\'':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return keys, s
			}
			part, s = s[1:end+1], s[end+2:]
			if s0 := part; s0 != "" && strings.ContainsRune(s0, '\\') {
				if u, err := strconv.Unquote(`"` + s0 + `"`); err == nil {
					part = u
				}
			}
		default:
			n := 0
			for n < len(s) && isBare(s[n]) {
				n++
			}
			if n == 0 {
				return keys, s
			}
			part, s = s[:n], s[n:]
		}
		keys = append(keys, part)
		s = strings.TrimLeft(s, " \t")
		if !strings.HasPrefix(s, ".") {
			return keys, s
		}
		s = s[1:]
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// bracketBalance counts opening minus closing brackets outside strings and
// comments, to follow a value over several lines.
func bracketBalance(s string) int {
	n := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return n
		case c == '[' || c == '{':
			n++
		case c == ']' || c == '}':
			n--
		}
	}
	return n
}
