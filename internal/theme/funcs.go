package theme

import (
	"html/template"
	"strings"
	"time"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/site"
)

// Funcs are the template functions of a build. They close over the config
// so that every URL a layout writes carries the base_url's path: on a
// GitHub project site, "/repo/roles/cto/", never "/roles/cto/".
func Funcs(cfg config.Config) template.FuncMap {
	u := site.NewURLs(cfg)
	return template.FuncMap{
		"url":    u.Rel,
		"absURL": u.Abs,
		"date":   func(t time.Time) string { return t.Format("2 January 2006") },
		"isoDate": func(t time.Time) string {
			return t.Format("2006-01-02")
		},
		"lower": strings.ToLower,
		"add":   func(a, b int) int { return a + b },
		// first keeps a list short: the first n pages.
		"first": func(n int, pages []*site.Page) []*site.Page { return pages[:min(n, len(pages))] },
	}
}
