package build

import (
	"crypto/sha256"
	"io/fs"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/theme"
)

// loadedTheme is a theme a Builder loaded, and what it was loaded from:
// its layouts' and partials' text (theme.Digest), and the config fields
// its template functions read (theme.Funcs: the base URL).
type loadedTheme struct {
	theme   *theme.Theme
	warns   diag.List
	name    string
	baseURL string
	digest  [sha256.Size]byte
}

// loadTheme loads cfg's theme from src, or gives the last one the
// Builder loaded when nothing it was loaded from changed: a preview
// rebuild after a content edit then neither parses the templates again
// nor has html/template escape them again on their first use (6 ms of
// the 80 before the open page was served, after a title edit at 1,000
// pages). A theme holds no state of a build: the partials a layout run
// caches are the run's (see theme.NewLayout).
func (b *Builder) loadTheme(src fs.FS, cfg config.Config) (*theme.Theme, diag.List) {
	digest := theme.Digest(src, cfg.Theme)
	if l := b.theme; l != nil && l.name == cfg.Theme && l.baseURL == cfg.BaseURL && l.digest == digest {
		return l.theme, l.warns
	}
	th, errs := theme.Load(src, cfg.Theme, theme.Funcs(cfg))
	b.theme = nil
	if th != nil && errs.Err() == nil {
		b.theme = &loadedTheme{theme: th, warns: errs, name: cfg.Theme, baseURL: cfg.BaseURL, digest: digest}
	}
	return th, errs
}
