//go:build !linux

package output

import "path/filepath"

// root is the output folder; on Linux it is held open (see
// root_linux.go), elsewhere its files are looked at by path.
type root struct{}

func openRoot(string) root { return root{} }

func (r root) close() root { return r }

// holds says whether the file at p (slash-separated, inside dest) is
// still the one rec records.
func (root) holds(dest, p string, rec record) bool {
	return rec.matches(filepath.Join(dest, filepath.FromSlash(p)))
}
