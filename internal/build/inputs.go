package build

import (
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/theme"
)

// InputFolders are the folders of a site that a build reads, besides
// config.toml: what the preview server watches, what an output folder
// must not lie inside, and what Fingerprint stats.
var InputFolders = []string{content.Dir, theme.StaticDir, theme.LayoutsDir, theme.ThemesDir}
