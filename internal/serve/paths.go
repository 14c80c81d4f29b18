package serve

import (
	"net/http"
	"net/url"
	"path"
	"strings"
)

// cleanPath gives the one spelling of a request path that the server
// serves: backslashes read as slashes (browsers read them so, and a
// redirect must never keep one, since "/\host" is "//host" to a
// browser: another origin), doubled slashes and dot segments removed, a
// trailing slash kept.
func cleanPath(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	c := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// cleanBase turns the base path of the config (escaped, as in base_url)
// into the clean, unescaped path the server matches request paths
// against, "/" or "/repo/". A base_url such as "https://example.org/../"
// must not make the server redirect "/" to "/../", which a browser
// reads as "/" again: a loop.
func cleanBase(escaped string) string {
	p, err := url.PathUnescape(escaped)
	if err != nil {
		p = escaped
	}
	c := cleanPath(p)
	if !strings.HasSuffix(c, "/") {
		c += "/"
	}
	return c
}

// hasControl reports an ASCII control character: no built file has one
// in its name, and browsers drop tabs and newlines from URLs, so
// "/\t/host" would reach them as "//host".
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// escapePath is the form of a clean path that goes into a URL: every
// byte a browser could read as something else (a backslash, a control
// character, "?", "#", "%") is escaped.
func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// redirect sends the browser to target, a clean path, keeping the query.
// It redirects only to a path under the base path and never to the path
// asked for; anything else is the 404 page. These rules are what stand
// between a crafted link and an open redirect, so they are checked here,
// once, on the Location itself, whatever the caller computed.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, cur *snapshot, target string, code int) {
	loc := escapePath(target)
	if target == r.URL.Path || !strings.HasPrefix(target, cur.base) || !localPath(loc) {
		s.notFound(w, r, cur)
		return
	}
	if q := r.URL.RawQuery; q != "" {
		loc += "?" + escapeQuery(q)
	}
	h := w.Header()
	h.Set("Location", loc)
	// A redirect depends on the current build and base_url, both of
	// which change while previewing: browsers must not remember it.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
}

// localPath reports whether a Location stays on this origin: a slash
// followed by something other than a slash or backslash, or nothing.
func localPath(loc string) bool {
	return strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//") && !strings.HasPrefix(loc, `/\`)
}

// escapeQuery escapes the bytes of a raw query that a Location must not
// carry as they are: those a browser drops (tabs, newlines), any other
// control or non-ASCII byte, spaces, backslashes, which browsers reread
// as slashes elsewhere in a URL, "#", which would start a fragment, and a
// "%" that starts no escape. What a browser sent escaped stays as it was.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		badPercent := c == '%' && (i+2 >= len(q) || !isHex(q[i+1]) || !isHex(q[i+2]))
		if c <= ' ' || c >= 0x7f || c == '\\' || c == '#' || badPercent {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
