package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"kb/internal/parallel"
)

// Marker is the file that marks a folder as kb's output. kb removes stale
// files only from a folder that carries it, so a mistyped -dest can never
// empty a folder of someone else's files.
const Marker = ".kb-output"

// stagingDir is the folder inside the output where changed files wait
// until a build has succeeded; inside, so that moving them is a rename.
const stagingDir = ".kb-staging"

// WriteStats says what a write changed.
type WriteStats struct {
	Written, Unchanged, Removed int
}

// WriteDir makes dest hold exactly files, as BuildDir does for a build it
// makes itself. Call it only with a complete, error-free build.
func WriteDir(dest string, files map[string][]byte) (WriteStats, error) {
	d, err := openDir(dest)
	if err != nil {
		return WriteStats{}, err
	}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := d.Put(p, files[p]); err != nil {
			return WriteStats{}, errors.Join(err, d.abort())
		}
	}
	return d.commit()
}

// dirSink is a sink that makes a folder hold exactly a build's files. It
// writes only the files whose bytes differ from what is there (rewriting
// is far cheaper than creating, and an unchanged file keeps its
// modification time for rsync and caches), removes files the site no
// longer produces, and leaves everything else alone. Changed files wait in
// the staging folder until commit; abort leaves the folder as it was.
// Into an empty folder, files go straight to their place, and abort
// empties it again.
type dirSink struct {
	dest    string
	fresh   bool // dest was empty or absent: no staging needed
	created bool // dest was absent
	dirs    sync.Map
	bufs    sync.Pool
	// old is what the last build wrote, from the marker: a file it
	// records, untouched since, is compared by checksum, not read back.
	old map[string]record
	// fingerprint goes into the marker at commit (see Options).
	fingerprint string

	mu     sync.Mutex
	files  map[string]record // every path put, with what it now holds
	staged map[string]string // path → its file in the staging folder

	written, unchanged atomic.Int64
}

// openDir makes sure dest is kb's to write, absent, empty, or marked by an
// earlier build, and prepares to write it.
func openDir(dest string) (*dirSink, error) {
	dest = filepath.Clean(dest) // folders are compared to it as they are walked
	d := &dirSink{dest: dest, files: map[string]record{}, staged: map[string]string{}}
	entries, err := os.ReadDir(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return nil, err
		}
		d.fresh, d.created = true, true
	case err != nil:
		return nil, fmt.Errorf("output folder %s: %v", dest, err)
	case len(entries) == 0:
		d.fresh = true
	default:
		if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
			return nil, fmt.Errorf("output folder %s is not empty and was not written by kb (no %s file); remove it or choose another -dest", dest, Marker)
		}
		// A staging folder left by a build that was killed.
		if err := os.RemoveAll(filepath.Join(dest, stagingDir)); err != nil {
			return nil, err
		}
		d.old = readManifest(dest).files
	}
	if d.fresh {
		if err := (manifest{}).write(dest); err != nil {
			return nil, errors.Join(err, d.abort())
		}
	} else if err := os.Mkdir(filepath.Join(dest, stagingDir), 0o755); err != nil {
		return nil, err
	}
	return d, nil
}

// Put writes a file, or stages it when the folder already has content.
func (d *dirSink) Put(p string, data []byte) error {
	d.mu.Lock()
	d.files[p] = record{}
	n := len(d.files)
	d.mu.Unlock()
	target := filepath.Join(d.dest, filepath.FromSlash(p))
	var r record
	var err error
	if d.fresh {
		r, err = d.write(target, data)
	} else {
		r, err = d.stage(p, target, data, n)
	}
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.files[p] = r
	d.mu.Unlock()
	return nil
}

// stage leaves the file at target alone when it already holds data, and
// otherwise writes data to the n-th file of the staging folder.
func (d *dirSink) stage(p, target string, data []byte, n int) (record, error) {
	sum := checksum(data)
	if old, ok := d.old[p]; ok && old.matches(target) {
		if old.sum == sum && old.size == int64(len(data)) {
			d.unchanged.Add(1)
			return old, nil
		}
	} else if fi, same := d.same(target, data); same {
		d.unchanged.Add(1)
		return record{size: fi.Size(), mtime: fi.ModTime().UnixNano(), sum: sum}, nil
	}
	staged := filepath.Join(d.dest, stagingDir, strconv.Itoa(n))
	if err := os.WriteFile(staged, data, 0o644); err != nil {
		return record{}, err
	}
	d.mu.Lock()
	d.staged[p] = staged
	d.mu.Unlock()
	// A rename keeps the size and modification time.
	return statRecord(staged, sum)
}

// same reports whether the file at target holds exactly data, reading it
// only when the sizes match, and gives its details.
func (d *dirSink) same(target string, data []byte) (fs.FileInfo, bool) {
	f, err := os.Open(target)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return nil, false
	}
	buf, _ := d.bufs.Get().(*[]byte)
	if buf == nil || cap(*buf) < len(data)+1 {
		b := make([]byte, len(data)+1)
		buf = &b
	}
	defer d.bufs.Put(buf)
	// One byte more than expected shows a file that grew since Stat.
	n, err := io.ReadFull(f, (*buf)[:len(data)+1])
	return fi, (err == io.EOF || err == io.ErrUnexpectedEOF) && n == len(data) && bytes.Equal((*buf)[:n], data)
}

// write puts a file in its place, making its folder first.
func (d *dirSink) write(target string, data []byte) (record, error) {
	if err := d.mkdirFor(target); err != nil {
		return record{}, err
	}
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return record{}, err
	}
	d.written.Add(1)
	return statRecord(target, checksum(data))
}

// mkdirFor makes the folder of target, once per folder: thousands of
// search files share one.
func (d *dirSink) mkdirFor(target string) error {
	dir := filepath.Dir(target)
	if _, made := d.dirs.Load(dir); made {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d.dirs.Store(dir, true)
	return nil
}

// commit finishes a successful build: stale files go, staged files move
// into place.
func (d *dirSink) commit() (WriteStats, error) {
	st := WriteStats{}
	if !d.fresh {
		// The old marker's records are about to be wrong: until the new
		// ones are written, a build killed here compares by reading.
		if err := (manifest{}).write(d.dest); err != nil {
			return st, err
		}
		removed, err := d.removeStale()
		st.Removed = removed
		if err != nil {
			return st, err
		}
		paths := slices.Sorted(maps.Keys(d.staged))
		errs := make([]error, len(paths))
		parallel.For(len(paths), func(i int) {
			target := filepath.Join(d.dest, filepath.FromSlash(paths[i]))
			if errs[i] = d.mkdirFor(target); errs[i] == nil {
				errs[i] = os.Rename(d.staged[paths[i]], target)
			}
		})
		if err := errors.Join(errs...); err != nil {
			return st, err
		}
		if err := os.RemoveAll(filepath.Join(d.dest, stagingDir)); err != nil {
			return st, err
		}
		d.written.Add(int64(len(paths)))
	}
	if err := (manifest{fingerprint: d.fingerprint, files: d.files}).write(d.dest); err != nil {
		return st, err
	}
	st.Written, st.Unchanged = int(d.written.Load()), int(d.unchanged.Load())
	return st, nil
}

// abort undoes a failed build: the staging folder goes, or, for a folder
// that was empty, everything written to it.
func (d *dirSink) abort() error {
	if !d.fresh {
		return os.RemoveAll(filepath.Join(d.dest, stagingDir))
	}
	if d.created {
		return os.RemoveAll(d.dest)
	}
	entries, err := os.ReadDir(d.dest)
	for _, e := range entries {
		err = errors.Join(err, os.RemoveAll(filepath.Join(d.dest, e.Name())))
	}
	return err
}

// removeStale deletes the files the site no longer produces, then the
// folders that leaves empty. When the marker records what the last build
// wrote, those records are the list: a large site's output is a folder
// per page, and reading 100,000 folders took a tenth of its build.
// Without records (a marker from an older kb, damaged, or left by a build
// killed while committing) every file under dest is looked at.
func (d *dirSink) removeStale() (int, error) {
	if len(d.old) > 0 {
		return removeRecorded(d.dest, d.old, d.files)
	}
	return removeUnkept(d.dest, d.files)
}

// removeRecorded deletes the files recorded in old that keep lacks, and
// then their folders, when empty. A recorded file that is gone is
// skipped, and one someone has turned into a folder is left unless the
// folder is empty.
func removeRecorded(dest string, old, keep map[string]record) (int, error) {
	removed := 0
	dirs := map[string]bool{}
	for name := range old {
		if _, kept := keep[name]; kept {
			continue
		}
		p := filepath.Join(dest, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil {
			if fi, serr := os.Lstat(p); serr != nil || fi.IsDir() {
				continue
			}
			return removed, err
		}
		removed++
		for dir := filepath.Dir(p); dir != dest && !dirs[dir]; dir = filepath.Dir(dir) {
			dirs[dir] = true
		}
	}
	removeEmptyDirs(slices.Collect(maps.Keys(dirs)))
	return removed, nil
}

// removeUnkept deletes every file under dest that keep lacks, then the
// folders left empty.
func removeUnkept(dest string, keep map[string]record) (int, error) {
	removed := 0
	var dirs []string
	// live holds the folders that keep a file somewhere below them: only
	// the others can end up empty, so only they are tried for removal
	// (reading every folder again cost seconds on a large site).
	live := map[string]bool{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == "." || rel == Marker:
			return nil
		case rel == stagingDir:
			return fs.SkipDir
		}
		_, kept := keep[rel]
		if d.IsDir() {
			if kept {
				if err := os.RemoveAll(p); err != nil {
					return err
				}
				return fs.SkipDir
			}
			dirs = append(dirs, p)
			return nil
		}
		if !kept {
			if err := os.Remove(p); err != nil {
				return err
			}
			removed++
			return nil
		}
		for dir := filepath.Dir(p); dir != dest && !live[dir]; dir = filepath.Dir(dir) {
			live[dir] = true
		}
		return nil
	})
	if err != nil {
		return removed, err
	}
	removeEmptyDirs(slices.DeleteFunc(dirs, func(dir string) bool { return live[dir] }))
	return removed, nil
}

// removeEmptyDirs removes those of dirs that are empty, deepest first so
// that a parent empties after its children. Removing a folder that still
// holds something fails, and leaves it.
func removeEmptyDirs(dirs []string) {
	slices.SortFunc(dirs, func(a, b string) int {
		return strings.Count(b, string(filepath.Separator)) - strings.Count(a, string(filepath.Separator))
	})
	for _, dir := range dirs {
		_ = os.Remove(dir)
	}
}
