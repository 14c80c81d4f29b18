package theme

import (
	"crypto/sha256"
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
	if o.inTheme(p) {
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

// ReadFile reads p as Open does, through the site's own ReadFile when it
// has one (see sitedir.FS): a build reads every content file this way.
func (o overlay) ReadFile(p string) ([]byte, error) {
	if fs.ValidPath(p) && !o.inTheme(p) {
		return fs.ReadFile(o.site, p)
	}
	return fs.ReadFile(struct{ fs.FS }{o}, p) // by Open, which this hides
}

// inTheme reports whether p is the built-in theme's.
func (o overlay) inTheme(p string) bool {
	return p == o.prefix || strings.HasPrefix(p, o.prefix+"/")
}

// ReadLink lets content and static files be checked for symbolic links
// that leave the site, as on the site's own folder; the built-in theme
// has none.
func (o overlay) ReadLink(p string) (string, error) {
	if o.inTheme(p) {
		return "", &fs.PathError{Op: "readlink", Path: p, Err: fs.ErrInvalid}
	}
	return fs.ReadLink(o.site, p)
}

// Lstat is Stat for the built-in theme, which has no links, and the
// site's own Lstat elsewhere.
func (o overlay) Lstat(p string) (fs.FileInfo, error) {
	if o.inTheme(p) {
		return fs.Stat(o, p)
	}
	return fs.Lstat(o.site, p)
}

// Stat is the site's own Stat outside the built-in theme: a preview
// server's rebuild asks it of every content file (see
// content.Options.Changed), and through Open each is an open too.
func (o overlay) Stat(p string) (fs.FileInfo, error) {
	if o.inTheme(p) {
		f, err := o.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return f.Stat()
	}
	return fs.Stat(o.site, p)
}

// BuiltinDigest is the Digest of the theme name as builtin ships it,
// with no layouts of a site over it.
func BuiltinDigest(builtin fs.FS, name string) [sha256.Size]byte {
	return Digest(overlay{site: noFiles{}, prefix: Dir(name), builtin: builtin, name: name}, name)
}

// noFiles is a site with no files.
type noFiles struct{}

func (noFiles) Open(p string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
}
