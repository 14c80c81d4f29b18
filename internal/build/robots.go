package build

import "kb/internal/config"

// robots allows every crawler and points them at the sitemap.
func robots(cfg config.Config) []byte {
	abs := newURLs(cfg).abs
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + abs("sitemap.xml") + "\n")
}
