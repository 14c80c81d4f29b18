package markdown

import "strings"

// urlScheme is a link destination's scheme as a browser finds it, by the
// WHATWG URL standard's parser: leading and trailing C0 controls and
// spaces are dropped and tabs and newlines anywhere removed; then an
// ASCII letter, followed by ASCII letters, digits, "+", "-" or ".", up
// to the first ":". Nothing is percent-decoded: "%6A%61vascript:x" has no
// scheme and is a relative path, a file of that name, and so is
// "nope%2Fx:y". The scheme is lowercased; "" means none (a path, a
// fragment, a query, or "//host/..." on the page's own scheme).
func urlScheme(dest string) string {
	dest = strings.TrimFunc(dest, func(r rune) bool { return r <= ' ' })
	for i := 0; i < len(dest); i++ {
		switch c := dest[i]; {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case c == ':':
			if i == 0 {
				return ""
			}
			return strings.ToLower(strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(dest[:i]))
		case isASCIILetter(c):
		case i > 0 && (isASCIIDigit(c) || c == '+' || c == '-' || c == '.'):
		default:
			return ""
		}
	}
	return ""
}

// linkKind is what a link leads to, as far as kb treats it.
type linkKind int

const (
	linkLocal    linkKind = iota // inside the site: resolved and checked
	linkExternal                 // another site, or a scheme kb passes on
	linkRefused                  // runs script or reads local files: shown as text
)

// classify decides what a link or image destination is, by its scheme.
// javascript: and vbscript: run script; data: can hold a whole page
// that runs script, and file: reads the reader's own disk (a browser
// blocks it from a web page, and it can only be wrong on a published
// site). An image may be data:image/ in the raster formats goldmark lets
// through; not SVG, which can carry script when opened on its own.
func classify(dest string, image bool) (linkKind, string) {
	scheme := urlScheme(dest)
	switch scheme {
	case "":
		if strings.HasPrefix(strings.TrimLeft(dest, "\t\n\r "), "//") {
			return linkExternal, ""
		}
		return linkLocal, ""
	case "javascript", "vbscript", "file":
		return linkRefused, scheme
	case "data":
		if image && rasterDataURL(dest) {
			return linkExternal, scheme
		}
		return linkRefused, scheme
	}
	return linkExternal, scheme
}

// rasterDataURL says whether a data: URL holds a PNG, GIF, JPEG or WebP
// image.
func rasterDataURL(dest string) bool {
	d := strings.ToLower(strings.TrimLeft(dest, "\t\n\r "))
	for _, t := range []string{"data:image/png;", "data:image/gif;", "data:image/jpeg;", "data:image/webp;"} {
		if strings.HasPrefix(d, t) {
			return true
		}
	}
	return false
}
