package sitefiles

import (
	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/site"
)

// Robots is robots.txt: it allows every crawler and points them at the sitemap.
func Robots(cfg config.Config) []byte {
	abs := site.NewURLs(cfg).Abs
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + abs("sitemap.xml") + "\n")
}
