package build

import (
	"html/template"
	"net/url"
	"strings"
	"time"

	"kb/internal/config"
	"kb/internal/site"
)

// Funcs are the template functions of a build. They close over the config
// so that every URL a layout writes carries the base_url's path: on a
// GitHub project site, "/repo/roles/cto/", never "/roles/cto/".
func Funcs(cfg config.Config) template.FuncMap {
	u := newURLs(cfg)
	return template.FuncMap{
		"url":    u.rel,
		"absURL": u.abs,
		"date":   func(t time.Time) string { return t.Format("2 January 2006") },
		"isoDate": func(t time.Time) string {
			return t.Format("2006-01-02")
		},
		"lower": strings.ToLower,
		// first keeps a list short: the first n pages.
		"first": func(n int, pages []*site.Page) []*site.Page { return pages[:min(n, len(pages))] },
		// hostname shows where an external source lives.
		"hostname": func(raw string) string {
			u, err := url.Parse(raw)
			if err != nil {
				return ""
			}
			return strings.TrimPrefix(u.Hostname(), "www.")
		},
	}
}

// urls turns site-relative paths ("roles/cto/") into the URLs to write.
type urls struct {
	base   string // the base_url's path: "/" or "/repo/"
	origin string // the base_url without its trailing slash
}

func newURLs(cfg config.Config) urls {
	return urls{base: cfg.BasePath(), origin: strings.TrimSuffix(cfg.BaseURL, "/")}
}

// rel is the path to link to from any page of the site.
func (u urls) rel(p string) string { return u.base + escapePath(p) }

// abs is rel with scheme and host, for canonical links, feeds and cards.
func (u urls) abs(p string) string {
	return u.origin + "/" + strings.TrimPrefix(escapePath(p), "/")
}

// escapePath percent-encodes each segment of a site-relative path, so a
// file name with a space or a non-ASCII letter still makes a valid link.
func escapePath(p string) string {
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
