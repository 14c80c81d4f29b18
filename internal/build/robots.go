package build

import (
	"kb/internal/config"
	"kb/internal/site"
)

// robots allows every crawler and points them at the sitemap.
func robots(cfg config.Config) []byte {
	abs := site.NewURLs(cfg).Abs
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + abs("sitemap.xml") + "\n")
}
