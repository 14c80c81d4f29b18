package site

import (
	"net/url"
	"strings"

	"github.com/kbsite/kb/internal/config"
)

// URLs turns site-relative paths ("roles/cto/") into the URLs pages link
// to, so that every one carries the base_url's path: on a GitHub project
// site "/repo/roles/cto/", never "/roles/cto/".
type URLs struct {
	base   string // the base_url's path: "/" or "/repo/"
	origin string // the base_url without its trailing slash
}

// NewURLs makes the URL rules of a config.
func NewURLs(cfg config.Config) URLs {
	return URLs{base: cfg.BasePath(), origin: strings.TrimSuffix(cfg.BaseURL, "/")}
}

// Rel is the path to link to from any page of the site. A "#fragment" is
// kept as it is.
func (u URLs) Rel(p string) string {
	p, frag, hasFrag := strings.Cut(p, "#")
	out := u.base + escapePath(p)
	if hasFrag {
		out += "#" + frag
	}
	return out
}

// Abs is Rel with scheme and host, for canonical links, feeds and cards.
func (u URLs) Abs(p string) string {
	return u.origin + "/" + strings.TrimPrefix(u.Rel(p)[len(u.base):], "/")
}

// Base is the base path, "/" or "/repo/".
func (u URLs) Base() string { return u.base }

// escapePath percent-encodes each segment of a site-relative path, so a
// file name with a space or a non-ASCII letter still makes a valid link.
func escapePath(p string) string {
	p = strings.TrimPrefix(p, "/")
	if plainPath(p) {
		return p // most paths: a template asks for thousands a page
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// plainPath says whether p has only letters, digits, slashes and the
// marks that url.PathEscape leaves as they are in a segment, so that
// escaping changes nothing.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
			return false
		}
	}
	return true
}
