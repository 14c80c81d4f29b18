// Package themes carries the themes that ship inside the kb binary, so a
// site without a themes/ folder of its own still builds with the default
// theme. A site's own themes/NAME/ folder always wins.
package themes

import "embed"

// Builtin holds the built-in themes, each under its name ("default/...").
//
//go:embed default
var Builtin embed.FS
