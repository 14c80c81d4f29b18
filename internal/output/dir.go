package output

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
)

// Marker is the file that marks a folder as kb's output. kb removes stale
// files only from a folder that carries it, so a mistyped -dest can never
// empty a folder of someone else's files.
const Marker = ".kb-output"

// StagingDir is the folder inside the output where changed files wait
// until a build has succeeded; inside, so that moving them is a rename.
const StagingDir = ".kb-staging"

// bookkeepingPrefix starts the name of every file kb keeps in an output
// folder for itself (the marker, the lock, the journal, the staging
// folder); no file of a site may have such a name.
const bookkeepingPrefix = ".kb-"

// IsBookkeeping says whether a name at the top of an output folder is
// one of kb's own files there.
func IsBookkeeping(name string) bool { return strings.HasPrefix(name, bookkeepingPrefix) }

// WriteStats says what a write changed.
type WriteStats struct {
	Written, Unchanged, Removed int
	// Repaired says the folder held a build that was stopped while it
	// was moving its files into place, which this one first undid.
	Repaired bool
}

// WriteDir makes dest hold exactly files, as a build into a folder does
// with the files it makes. Call it only with a complete, error-free build.
func WriteDir(dest string, files map[string][]byte) (WriteStats, error) {
	d, err := OpenDir(dest, "")
	if err != nil {
		return WriteStats{}, err
	}
	defer d.Close()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if err := d.Put(p, files[p]); err != nil {
			return WriteStats{}, errors.Join(err, d.Abort())
		}
	}
	return d.Commit()
}

// Dir is a sink that makes a folder hold exactly a build's files. It
// writes only the files whose bytes differ from what is there (rewriting
// is far cheaper than creating, and an unchanged file keeps its
// modification time for rsync and caches), removes files the site no
// longer produces, and leaves everything else alone. Changed files wait in
// the staging folder until commit; abort leaves the folder as it was.
// Into an empty folder, files go straight to their place, and abort
// empties it again.
type Dir struct {
	dest    string
	root    root // dest, open, where the system allows
	fresh   bool // dest was empty or absent: no staging needed
	created bool // dest was absent
	dirs    sync.Map
	bufs    sync.Pool
	// old is what the last build wrote, from the marker: a file it
	// records, untouched since, is compared by checksum, not read back.
	// oldCommit names that build's commit.
	old       map[string]record
	oldCommit string
	// fingerprint goes into the marker at commit (see Options).
	fingerprint string
	// id names this build's commit in its journal and its marker.
	id       string
	release  func() // the folder's lock
	repaired bool

	mu     sync.Mutex
	files  map[string]record // every path put, with what it now holds
	staged map[string]string // path → its file in the staging folder

	written, unchanged atomic.Int64
}

// OpenDir makes sure dest is kb's to write, absent, empty, or marked by an
// earlier build, takes its lock, undoes a commit that an earlier build
// left half-done, and prepares to write it. fingerprint identifies the
// build's inputs, for UpToDate; "" when unknown. Close the Dir when done.
func OpenDir(dest, fingerprint string) (*Dir, error) {
	dest = filepath.Clean(dest) // folders are compared to it as they are walked
	d := &Dir{dest: dest, fingerprint: fingerprint, files: map[string]record{}, staged: map[string]string{}, id: newCommitID()}
	if _, err := os.Stat(dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return nil, err
		}
		d.created = true
	}
	unlock, err := lockDir(dest)
	if err != nil {
		return nil, err
	}
	d.release = unlock
	if err := d.prepare(); err != nil {
		d.release()
		return nil, err
	}
	d.files = make(map[string]record, len(d.old)) // grown through, it was rehashed a dozen times
	d.root = openRoot(dest)
	return d, nil
}

// Close releases the folder's lock; after Commit or Abort, or instead of
// them when nothing was put.
func (d *Dir) Close() {
	d.root = d.root.close()
	d.release()
	d.release = func() {}
}

// prepare readies a locked folder for a build.
func (d *Dir) prepare() error {
	dest := d.dest
	repaired, err := Repair(dest)
	if err != nil {
		return err
	}
	d.repaired = repaired
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("output folder %s: %v", dest, err)
	}
	entries = slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return e.Name() == lockName })
	if len(entries) == 0 {
		d.fresh = true
		// Until the marker is written, the journal marks the folder as
		// kb's, and says to empty it if this build never finishes.
		return journal{id: d.id, fresh: true}.write(dest)
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return fmt.Errorf("output folder %s is not empty and was not written by kb (no %s file); remove it or choose another -dest", dest, Marker)
	}
	// A staging folder left by a build that was killed before its commit.
	if err := os.RemoveAll(filepath.Join(dest, StagingDir)); err != nil {
		return err
	}
	m := readManifest(dest)
	d.old, d.oldCommit = m.files, m.commit
	return os.Mkdir(filepath.Join(dest, StagingDir), 0o755)
}

// Repair finishes or undoes a commit that a build stopped in the
// middle of, as its journal says, and reports whether there was one.
func Repair(dest string) (bool, error) {
	// A journal or marker that a kill cut short before its rename never
	// took effect.
	for _, tmp := range []string{JournalName + ".new", Marker + ".new"} {
		if err := os.Remove(filepath.Join(dest, tmp)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, err
		}
	}
	j, ok, err := readJournal(dest)
	if err != nil || !ok {
		return false, err
	}
	committed := readManifest(dest).commit == j.id
	switch {
	case committed:
		j.removeEmptyDirs(dest, true)
		err = j.finish(dest)
	case j.fresh:
		err = emptyDir(dest)
	default:
		err = j.rollBack(dest)
	}
	if err != nil {
		return false, fmt.Errorf("output folder %s holds a build that was stopped half-way, and undoing it failed: %v; remove the folder and build again", dest, err)
	}
	return true, nil
}

// emptyDir removes everything in dest but its lock.
func emptyDir(dest string) error {
	entries, err := os.ReadDir(dest)
	for _, e := range entries {
		if e.Name() != lockName {
			err = errors.Join(err, os.RemoveAll(filepath.Join(dest, e.Name())))
		}
	}
	return err
}

// Put writes a file, or stages it when the folder already has content.
func (d *Dir) Put(p string, data []byte) error { return d.put(p, data, "") }

// PutLinked is Put for data that the file at from holds already, and
// never will change in place (a card of the cache folder, see
// cards.Cache): where the file system allows, the output's file is made
// as a hard link to it rather than a copy of its bytes.
func (d *Dir) PutLinked(p string, data []byte, from string) error { return d.put(p, data, from) }

func (d *Dir) put(p string, data []byte, from string) error {
	d.mu.Lock()
	d.files[p] = record{}
	n := len(d.files)
	d.mu.Unlock()
	target := filepath.Join(d.dest, filepath.FromSlash(p))
	var r record
	var err error
	if d.fresh {
		r, err = d.write(target, data, from)
	} else {
		r, err = d.stage(p, target, data, from, n)
	}
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.files[p] = r
	d.mu.Unlock()
	return nil
}

// File is the file on disk that holds the bytes put at p in this
// build: the file itself, or its staged copy, which the commit renames
// into place and so stays the same file. It is not there for a path
// whose write failed. Nothing else in the folder changes a file in
// place (a new build's file replaces the old one), so another folder
// may keep a hard link to it (see cards.Cache) and be sure of its
// bytes; it must not write to it.
func (d *Dir) File(p string) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if r, ok := d.files[p]; !ok || r.mtime == 0 {
		return "", false // not put, or its write failed
	}
	if staged, ok := d.staged[p]; ok {
		return staged, true
	}
	return filepath.Join(d.dest, filepath.FromSlash(p)), true
}

// Keep keeps the file the last build wrote at p as it is, when the
// marker records it and nobody touched it since: the build knows its
// bytes would be the same without making them.
func (d *Dir) Keep(p string) bool {
	old, ok := d.old[p]
	if !ok || !d.root.holds(d.dest, p, old) {
		return false
	}
	d.keep(p, old)
	return true
}

// keep records that the build keeps the last build's file at p.
func (d *Dir) keep(p string, old record) {
	d.mu.Lock()
	d.files[p] = old
	d.mu.Unlock()
	d.unchanged.Add(1)
}

// KeepBytes is Keep, reading the file back: it keeps the file only
// when its bytes have the checksum the last build recorded.
func (d *Dir) KeepBytes(p string) ([]byte, bool) {
	if _, ok := d.old[p]; !ok {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(d.dest, filepath.FromSlash(p)))
	if err != nil || !d.KeepSame(p, data) {
		return nil, false
	}
	return data, true
}

// OpenLast opens the file the last build wrote at p, when the marker
// records it and nobody touched it since, without keeping it: a file
// that holds others' bytes (llms-full.txt holds every Markdown copy)
// can then be read for them, or new files made of runs of it (see
// PutPieces).
func (d *Dir) OpenLast(p string) (*os.File, bool) {
	old, ok := d.old[p]
	target := filepath.Join(d.dest, filepath.FromSlash(p))
	if !ok || !d.root.holds(d.dest, p, old) {
		return nil, false
	}
	f, err := os.Open(target)
	if err != nil {
		return nil, false
	}
	return f, true
}

// LastWritten is the size and checksum of the file the last build
// wrote at p, as the marker records them.
func (d *Dir) LastWritten(p string) (size int64, sum uint64, ok bool) {
	old, ok := d.old[p]
	return old.size, old.sum, ok
}

// KeepSame is Keep for a file whose bytes the build holds already: it
// keeps the file only when data has the size and checksum the last
// build recorded for it.
func (d *Dir) KeepSame(p string, data []byte) bool {
	old, ok := d.old[p]
	if !ok || int64(len(data)) != old.size || checksum(data) != old.sum || !d.root.holds(d.dest, p, old) {
		return false
	}
	d.keep(p, old)
	return true
}

// Fresh says whether the folder was empty or absent when opened: every
// file a build puts there is created.
func (d *Dir) Fresh() bool { return d.fresh }

// LastFiles is how many files the last build wrote: about as many as
// this one will (see NewTree).
func (d *Dir) LastFiles() int { return len(d.old) }

// LastCommit names the commit of the build whose files the folder
// holds, "" when it holds none that kb recorded; Commit's ID names this
// build's once committed. A cache of what a build knew about its files
// is good for the folder while the two match.
func (d *Dir) LastCommit() string { return d.oldCommit }

// ID names this build's commit.
func (d *Dir) ID() string { return d.id }

// stage leaves the file at target alone when it already holds data, and
// otherwise writes data to the n-th file of the staging folder.
func (d *Dir) stage(p, target string, data []byte, from string, n int) (record, error) {
	sum := checksum(data)
	if old, ok := d.old[p]; ok && d.root.holds(d.dest, p, old) {
		if old.sum == sum && old.size == int64(len(data)) {
			d.unchanged.Add(1)
			return old, nil
		}
	} else if fi, same := d.same(target, data); same {
		d.unchanged.Add(1)
		return record{size: fi.Size(), mtime: fi.ModTime().UnixNano(), sum: sum}, nil
	}
	staged := filepath.Join(d.dest, StagingDir, strconv.Itoa(n))
	// A rename keeps the size and modification time.
	r, err := create(staged, data, sum, from)
	if err != nil {
		return record{}, err
	}
	d.mu.Lock()
	d.staged[p] = staged
	d.mu.Unlock()
	return r, nil
}

// same reports whether the file at target holds exactly data, reading it
// only when the sizes match, and gives its details.
func (d *Dir) same(target string, data []byte) (fs.FileInfo, bool) {
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
func (d *Dir) write(target string, data []byte, from string) (record, error) {
	if err := d.mkdirFor(target); err != nil {
		return record{}, err
	}
	r, err := create(target, data, checksum(data), from)
	if err == nil {
		d.written.Add(1)
	}
	return r, err
}

// mkdirFor makes the folder of target, once per folder: thousands of
// search files share one. Most folders are a page's, new in a folder
// that exists, which one mkdir makes; MkdirAll, which looks at the
// folder first, is for the others (a parent missing too, or something
// already there).
func (d *Dir) mkdirFor(target string) error {
	dir := filepath.Dir(target)
	if _, made := d.dirs.Load(dir); made {
		return nil
	}
	if os.Mkdir(dir, 0o755) != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	d.dirs.Store(dir, true)
	return nil
}

// Commit finishes a successful build: under a journal, staged files move
// into place and stale files go; the new marker is the commit point.
func (d *Dir) Commit() (WriteStats, error) {
	st := WriteStats{Repaired: d.repaired}
	if d.fresh {
		if err := d.writeMarker(); err != nil {
			return st, errors.Join(err, d.Abort())
		}
		_ = journal{}.finish(d.dest) // the marker is written: the build is in
		st.Written, st.Unchanged = int(d.written.Load()), int(d.unchanged.Load())
		return st, nil
	}
	j, err := d.plan()
	if err != nil {
		return st, errors.Join(err, d.Abort())
	}
	if err := j.write(d.dest); err != nil {
		return st, errors.Join(err, d.Abort())
	}
	err = j.apply(d.dest, d.mkdirFor)
	if err == nil {
		err = d.writeMarker()
	}
	if err != nil {
		if rerr := j.rollBack(d.dest); rerr != nil {
			return st, fmt.Errorf("%v; undoing the build's changes then failed: %v; the next build into %s will try again", err, rerr, d.dest)
		}
		return st, fmt.Errorf("%v; %s is left as the previous build", err, d.dest)
	}
	// Committed: what remains is cleaning up, which the next build redoes
	// if this one is stopped.
	j.removeEmptyDirs(d.dest, true)
	if err := j.finish(d.dest); err != nil {
		return st, err
	}
	st.Written = int(d.written.Load()) + len(d.staged)
	st.Unchanged = int(d.unchanged.Load())
	st.Removed = len(j.ops) - len(d.staged)
	return st, nil
}

// plan is the journal of the commit: the staged files to move in, and the
// stale files to take out.
func (d *Dir) plan() (journal, error) {
	stale, err := d.stale()
	if err != nil {
		return journal{}, err
	}
	j := journal{id: d.id}
	for _, p := range slices.Sorted(maps.Keys(d.staged)) {
		n, _ := strconv.Atoi(filepath.Base(d.staged[p]))
		j.ops = append(j.ops, commitOp{n: n, path: p})
	}
	for i, p := range stale {
		j.ops = append(j.ops, commitOp{del: true, n: len(d.files) + 1 + i, path: p})
	}
	return j, nil
}

// writeMarker replaces the marker with the new build's in one rename.
func (d *Dir) writeMarker() error {
	return manifest{fingerprint: d.fingerprint, commit: d.id, files: d.files}.write(d.dest)
}

// Abort undoes a failed build before its commit: the staging folder goes,
// or, for a folder that was empty, everything written to it.
func (d *Dir) Abort() error {
	if !d.fresh {
		return journal{}.finish(d.dest) // the journal, if one was begun, and the staging folder
	}
	if d.created {
		d.Close()
		return os.RemoveAll(d.dest)
	}
	return emptyDir(d.dest)
}

// stale lists the files the site no longer produces. When the marker
// records what the last build wrote, those records are the list: a large
// site's output is a folder per page, and reading 100,000 folders took a
// tenth of its build. Without records (a marker from an older kb, or
// damaged) every file under dest is looked at. A recorded file that is
// gone is skipped, and one someone has turned into a folder is left.
func (d *Dir) stale() ([]string, error) {
	var list []string
	if len(d.old) > 0 {
		for name := range d.old {
			if _, kept := d.files[name]; kept {
				continue
			}
			if fi, err := os.Lstat(target(d.dest, name)); err == nil && !fi.IsDir() {
				list = append(list, name)
			}
		}
		slices.Sort(list)
		return list, nil
	}
	err := filepath.WalkDir(d.dest, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(d.dest, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
			return nil
		case IsBookkeeping(rel):
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if _, kept := d.files[rel]; kept && e.IsDir() {
			return fs.SkipDir // a folder where a new file goes: its commit moves it away whole
		}
		if _, kept := d.files[rel]; !kept && !e.IsDir() {
			list = append(list, rel)
		}
		return nil
	})
	return list, err
}

// removeEmptyDirs removes those of dirs that are empty, deepest first so
// that a parent empties after its children. Removing a folder that still
// holds something fails, and leaves it.
func removeEmptyDirs(dirs []string) {
	slices.SortFunc(dirs, func(a, b string) int {
		return strings.Count(b, string(filepath.Separator)) - strings.Count(a, string(filepath.Separator))
	})
	for _, dir := range dirs {
		// A path that was a folder may be a file now, which must stay.
		if fi, err := os.Lstat(dir); err == nil && fi.IsDir() {
			_ = os.Remove(dir)
		}
	}
}
