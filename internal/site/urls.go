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
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
