package theme

import (
	"io/fs"
	"path"
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
)

// StaticFiles maps each output path to the file it is copied from: the
// theme's static/ first, then the site's static/, whose files replace the
// theme's at the same path. Symbolic links are followed only inside the
// site, as content.Walk does: a link that leads out of it is a problem at
// its path, and the error, when not nil, is a diag.List of every such
// problem, returned with the files that are fine.
func StaticFiles(site fs.FS, name string) (map[string]string, error) {
	out := map[string]string{}
	var errs diag.List
	// Hidden files are left out, but not hidden folders: .well-known/
	// holds files that must be published.
	none := func(string) bool { return false }
	for _, dir := range []string{path.Join(Dir(name), "static"), "static"} {
		if _, err := fs.Stat(site, dir); err != nil {
			continue
		}
		errs.Add(content.Walk(site, dir, none, func(p string, d fs.DirEntry) error {
			if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
				out[strings.TrimPrefix(p, dir+"/")] = p
			}
			return nil
		})...)
	}
	if len(errs) > 0 {
		errs.Sort()
		return out, errs
	}
	return out, nil
}
