package theme

import (
	"errors"
	"io/fs"
	"path"
	"strings"
)

// WithBuiltin returns site with the theme name served from builtin when the
// site has no themes/NAME/ folder of its own. builtin holds themes by name
// ("default/layouts/base.html"). The site's folder, when present, is used
// whole: themes are never merged file by file (layouts/ is for overrides).
func WithBuiltin(site fs.FS, name string, builtin fs.FS) fs.FS {
	if builtin == nil {
		return site
	}
	if _, err := fs.Stat(site, Dir(name)); err == nil {
		return site
	}
	if _, err := fs.Stat(builtin, name); err != nil {
		return site
	}
	return overlay{site: site, prefix: Dir(name), builtin: builtin, name: name}
}

type overlay struct {
	site    fs.FS
	prefix  string // "themes/default"
	builtin fs.FS
	name    string
}

func (o overlay) Open(p string) (fs.File, error) {
	if !fs.ValidPath(p) {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrInvalid}
	}
	if p == o.prefix || strings.HasPrefix(p, o.prefix+"/") {
		f, err := o.builtin.Open(path.Join(o.name, strings.TrimPrefix(p, o.prefix)))
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				pe.Path = p
			}
		}
		return f, err
	}
	return o.site.Open(p)
}
