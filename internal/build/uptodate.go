package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Fingerprint identifies a build's inputs without reading them, as make
// does: the path, size and modification time of every file a build reads
// (config.toml, content/, static/, layouts/, themes/), the build's options,
// and the kb program itself (its templates, theme and code). Equal
// fingerprints mean a build would write the same files.
func Fingerprint(dir string, opt Options) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "options %t %q\n", opt.Drafts, opt.BaseURL)
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "kb %d %d\n", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	for _, part := range []string{"config.toml", "content", "static", "layouts", "themes"} {
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
			fmt.Fprintf(h, "%s %d %d %t\n", filepath.ToSlash(rel), fi.Size(), fi.ModTime().UnixNano(), d.IsDir())
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

const markerHead = "This folder is written by kb build; files in it are replaced or removed on every build.\n"

// Stamp records in dest's marker the fingerprint of the build that wrote
// it and the size and time of every file it wrote, for UpToDate.
func Stamp(dest, fingerprint string, paths []string) error {
	var b strings.Builder
	b.WriteString(markerHead)
	b.WriteString("fingerprint " + fingerprint + "\n")
	for _, name := range paths {
		fi, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%d %d %s\n", fi.Size(), fi.ModTime().UnixNano(), name)
	}
	return os.WriteFile(filepath.Join(dest, Marker), []byte(b.String()), 0o644)
}

// UpToDate reports whether dest holds, untouched, what the build with this
// fingerprint wrote, and how many files that is: then building again
// would change nothing, and can be skipped.
func UpToDate(dest, fingerprint string) (int, bool) {
	f, err := os.Open(filepath.Join(dest, Marker))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() || !sc.Scan() || sc.Text() != "fingerprint "+fingerprint {
		return 0, false
	}
	n := 0
	for sc.Scan() {
		size, rest, ok1 := strings.Cut(sc.Text(), " ")
		mtime, name, ok2 := strings.Cut(rest, " ")
		s, err1 := strconv.ParseInt(size, 10, 64)
		m, err2 := strconv.ParseInt(mtime, 10, 64)
		if !ok1 || !ok2 || err1 != nil || err2 != nil {
			return 0, false
		}
		fi, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil || fi.Size() != s || fi.ModTime().UnixNano() != m {
			return 0, false
		}
		n++
	}
	return n, n > 0 && sc.Err() == nil
}
