package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/kbsite/kb/internal/config"
)

// Fingerprint identifies a build's inputs without reading them, as make
// does: the path, size and modification time of every file a build reads
// (config.toml, content/, static/, layouts/, themes/), the build's options
// (the pages' git dates among them),
// and the kb program itself (its templates, theme and code). Equal
// fingerprints mean a build would write the same files.
func Fingerprint(dir string, opt Options) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "options %t %q\n", opt.Drafts, opt.BaseURL)
	// A commit changes pages' dates without touching their files.
	for _, f := range slices.Sorted(maps.Keys(opt.LastCommits)) {
		fmt.Fprintf(h, "commit %s %d\n", f, opt.LastCommits[f].Unix())
	}
	fmt.Fprintf(h, "kb %s\n", programID())
	// Each file's line is appended to one buffer, hashed once: at 10,000
	// pages, formatting the lines one call at a time took half of the
	// fingerprint's time, before every build.
	var b []byte
	for _, part := range append([]string{config.File}, InputFolders...) {
		var err error
		if b, err = appendTree(b, dir, part); err != nil {
			return "", err
		}
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// programID names the running kb program by its executable's size and
// modification time, as make would: a kb built again gets another. What
// a build keeps for the next (fingerprints, layout keys, rendered
// bodies) holds only for the same program. "" when unknown.
func programID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
}

// walkTree is appendTree by filepath.WalkDir: each file's and folder's
// line, in the walk's order (by name), from the top of part, a path
// relative to dir; nothing when part is absent.
func walkTree(b []byte, dir, part string) ([]byte, error) {
	err := filepath.WalkDir(filepath.Join(dir, part), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b = appendLine(b, filepath.ToSlash(rel), fi.Size(), fi.ModTime().UnixNano(), d.IsDir())
		return nil
	})
	return b, err
}

// appendLine appends a file's line: its path, size, time and whether it
// is a folder.
func appendLine(b []byte, rel string, size, mtime int64, isDir bool) []byte {
	b = append(b, rel...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, size, 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, mtime, 10)
	b = append(b, ' ')
	b = strconv.AppendBool(b, isDir)
	return append(b, '\n')
}
