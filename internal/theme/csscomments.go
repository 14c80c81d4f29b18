package theme

import (
	"bytes"
	"strings"
)

// IsThemeCSS says whether a static file, by its source path, is a
// stylesheet of a theme: the build sends those without their comments,
// which explain the theme to its authors and cost every reader bytes
// (about a quarter of the default stylesheet). A site's own static
// files go out as they are.
func IsThemeCSS(source string) bool {
	return strings.HasPrefix(source, ThemesDir+"/") && strings.HasSuffix(source, ".css")
}

// StripCSSComments returns css without its /* ... */ comments (strings
// left alone, an unclosed comment dropped to the end, as a browser would)
// and without the blank lines they leave.
func StripCSSComments(css []byte) []byte {
	out := make([]byte, 0, len(css))
	for i := 0; i < len(css); {
		switch c := css[i]; {
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(css) && css[j] != c && css[j] != '\n' {
				if css[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(css))
			out = append(out, css[i:j]...)
			i = j
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			end := bytes.Index(css[i+2:], []byte("*/"))
			if end < 0 {
				i = len(css)
			} else {
				i += 2 + end + 2
			}
		default:
			out = append(out, c)
			i++
		}
	}
	// The lines a comment took are left empty: drop them.
	var kept [][]byte
	for _, line := range bytes.Split(out, []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 {
			kept = append(kept, bytes.TrimRight(line, " \t"))
		}
	}
	return append(bytes.Join(kept, []byte("\n")), '\n')
}
