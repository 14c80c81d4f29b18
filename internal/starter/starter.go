// Package starter writes the small knowledge base that kb init starts an
// author with: a home page, two sections and a reference page, a profiled
// section with a comparison table, a config.toml with every key explained,
// a .gitignore and the GitHub Pages workflow. The files are in site/,
// embedded in kb, so the starter and the binary cannot drift apart.
package starter

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

//go:embed all:site
var files embed.FS

// Options fill in the starter's placeholders.
type Options struct {
	Title     string    // the site's title
	Date      time.Time // the articles' date
	KBVersion string    // what the workflow installs: a module version, or "latest"
	// Force writes into a folder that is not empty. Files that exist are
	// kept, never overwritten.
	Force bool
}

// Result lists what Write did, as slash paths relative to the folder.
type Result struct {
	Written, Kept []string
}

// ErrNotEmpty is returned for a folder with files in it, unless forced.
var ErrNotEmpty = errors.New("folder is not empty")

// Write writes the starter site into dir, creating it if need be.
func Write(dir string, opt Options) (Result, error) {
	var res Result
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !opt.Force {
		return res, ErrNotEmpty
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return res, err
	}
	fill := strings.NewReplacer(
		"{{title}}", strings.ReplaceAll(opt.Title, `"`, `\"`),
		"{{date}}", opt.Date.Format("2006-01-02"),
		"{{kb-version}}", opt.KBVersion,
	)
	err := fs.WalkDir(files, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, "site/")
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if _, err := os.Lstat(dst); err == nil {
			res.Kept = append(res.Kept, rel)
			return nil
		}
		src, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, []byte(fill.Replace(string(src))), 0o644); err != nil {
			return err
		}
		res.Written = append(res.Written, rel)
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("writing the starter site: %w", err)
	}
	return res, nil
}
