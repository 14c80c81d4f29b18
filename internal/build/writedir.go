package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"kb/internal/parallel"
)

// Marker is the file that marks a folder as kb's output. kb removes stale
// files only from a folder that carries it, so a mistyped -dest can never
// empty a folder of someone else's files.
const Marker = ".kb-output"

// WriteStats says what a write changed.
type WriteStats struct {
	Written, Unchanged, Removed int
}

// WriteDir makes dest hold exactly files: it writes only the files whose
// bytes differ from what is there (rewriting is far cheaper than creating,
// and an unchanged file keeps its modification time for rsync and
// caches), removes files the site no longer produces, and leaves everything
// else alone. Call it only with a complete, error-free build.
func WriteDir(dest string, files map[string][]byte) (WriteStats, error) {
	var st WriteStats
	if err := claim(dest); err != nil {
		return st, err
	}
	removed, err := removeStale(dest, files)
	st.Removed = removed
	if err != nil {
		return st, err
	}
	paths := slices.Sorted(maps.Keys(files))
	var written, unchanged atomic.Int64
	errs := make([]error, len(paths))
	parallel.For(len(paths), func(i int) {
		target := filepath.Join(dest, filepath.FromSlash(paths[i]))
		data := files[paths[i]]
		if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, data) {
			unchanged.Add(1)
			return
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			errs[i] = err
			return
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			errs[i] = err
			return
		}
		written.Add(1)
	})
	st.Written, st.Unchanged = int(written.Load()), int(unchanged.Load())
	return st, errors.Join(errs...)
}

// claim makes sure dest is kb's to write: absent, empty, or marked by an
// earlier build.
func claim(dest string) error {
	entries, err := os.ReadDir(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return err
		}
	case err != nil:
		return fmt.Errorf("output folder %s: %v", dest, err)
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
			return fmt.Errorf("output folder %s is not empty and was not written by kb (no %s file); remove it or choose another -dest", dest, Marker)
		}
	}
	return os.WriteFile(filepath.Join(dest, Marker), []byte(markerHead), 0o644)
}

// removeStale deletes files under dest that the site no longer produces,
// then the folders left empty.
func removeStale(dest string, files map[string][]byte) (int, error) {
	removed := 0
	var dirs []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		if rel == "." || rel == Marker {
			return nil
		}
		if d.IsDir() {
			if _, isFile := files[rel]; isFile {
				if err := os.RemoveAll(p); err != nil {
					return err
				}
				return fs.SkipDir
			}
			dirs = append(dirs, p)
			return nil
		}
		if _, keep := files[rel]; !keep {
			if err := os.Remove(p); err != nil {
				return err
			}
			removed++
		}
		return nil
	})
	if err != nil {
		return removed, err
	}
	// Deepest first, so a parent empties after its children.
	slices.SortFunc(dirs, func(a, b string) int {
		return strings.Count(b, string(filepath.Separator)) - strings.Count(a, string(filepath.Separator))
	})
	for _, d := range dirs {
		if entries, err := os.ReadDir(d); err == nil && len(entries) == 0 {
			_ = os.Remove(d)
		}
	}
	return removed, nil
}
