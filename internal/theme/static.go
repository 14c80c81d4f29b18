package theme

import (
	"io/fs"
	"path"
	"strings"
)

// StaticFiles maps each output path to the file it is copied from: the
// theme's static/ first, then the site's static/, whose files replace the
// theme's at the same path.
func StaticFiles(site fs.FS, name string) (map[string]string, error) {
	out := map[string]string{}
	for _, dir := range []string{path.Join(Dir(name), "static"), "static"} {
		if _, err := fs.Stat(site, dir); err != nil {
			continue
		}
		err := fs.WalkDir(site, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") || !d.Type().IsRegular() {
				return nil
			}
			out[strings.TrimPrefix(p, dir+"/")] = p
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
