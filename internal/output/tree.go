package output

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/kbsite/kb/internal/diag"
)

// Place is where an output file comes from: a content or static file,
// and the line and column of the front-matter key (slug, aliases) that
// gave it its path, when one did. The zero Place is kb itself.
type Place struct {
	File      string
	Line, Col int
}

func (pl Place) String() string {
	if pl.File == "" {
		return "kb itself"
	}
	return pl.File
}

// errorf is a problem at pl; one with no file of its own is reported at
// the output path it is about, the only place there is.
func (pl Place) errorf(outPath, format string, args ...any) diag.Diagnostic {
	file, line, col := pl.File, pl.Line, pl.Col
	if file == "" {
		file, line, col = outPath, 0, 0
	}
	return diag.Errorf(file, line, col, format, args...)
}

// Tree hands files to a sink and refuses any two sources whose paths
// cannot both exist in a folder: the same path, a file where another
// source needs a folder, paths that differ only in case (one folder on
// macOS and Windows checkouts), or a name kb keeps for its bookkeeping.
// Every such clash is found here, before the sink commits anything, so
// kb check sees it and a build never fails half-way through moving files
// into place. Pages reserve their paths before their layouts run in
// parallel.
type Tree struct {
	sink    Sink
	mu      sync.Mutex
	from    map[string]Place  // each file's path → its source
	dirs    map[string]string // each folder's path → the first file below it
	folded  map[string]string // each path lower-cased → the path
	clashes diag.List
	failed  diag.List // files the sink could not take
}

// NewTree is a tree over dst, with room for a few files: see Grow.
func NewTree(dst Sink) *Tree {
	return &Tree{sink: dst, from: map[string]Place{}, dirs: map[string]string{}, folded: map[string]string{}}
}

// Grow makes the tree's maps room for as many files as the last build
// put into its sink, when the sink knows. Grown one file at a time, they
// were rehashed over and over, 17 ms of processor time in each preview
// rebuild at 10,000 pages; made that large at once, they took 5 ms of
// processor time before it could hand the open page over (CPU profiles
// of 60 title edits), so such a rebuild grows them after the hand-over.
func (o *Tree) Grow() {
	l, ok := o.sink.(interface{ LastFiles() int })
	if !ok {
		return
	}
	n := l.LastFiles()
	o.mu.Lock()
	defer o.mu.Unlock()
	if n <= len(o.from) {
		return
	}
	// A page's folder holds its page, its Markdown copy and its card.
	from, dirs, folded := make(map[string]Place, n), make(map[string]string, n/2), make(map[string]string, n+n/2)
	maps.Copy(from, o.from)
	maps.Copy(dirs, o.dirs)
	maps.Copy(folded, o.folded)
	o.from, o.dirs, o.folded = from, dirs, folded
}

// Reserve claims p for pl, and reports whether it was free; a clash is
// kept for Problems.
func (o *Tree) Reserve(p string, pl Place) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err, ok := o.clash(p, pl); ok {
		o.clashes.Add(err)
		return false
	}
	o.from[p] = pl
	o.folded[strings.ToLower(p)] = p
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		if _, seen := o.dirs[dir]; seen {
			break // and so are its parents
		}
		o.dirs[dir] = p
		o.folded[strings.ToLower(dir)] = dir
	}
	return true
}

// clash is the problem with claiming p for pl, if any. It is reported at
// pl, or at the other source when pl is kb itself: the author can rename
// their file, not kb's.
func (o *Tree) clash(p string, pl Place) (diag.Diagnostic, bool) {
	msg, other, ok := o.conflict(p, pl)
	if !ok {
		return diag.Diagnostic{}, false
	}
	if pl.File == "" && other.File != "" {
		return other.errorf(p, "%s", msg), true
	}
	return pl.errorf(p, "%s", msg), true
}

// conflict says why p cannot be claimed for pl, and the other source.
func (o *Tree) conflict(p string, pl Place) (string, Place, bool) {
	if name, _, _ := strings.Cut(p, "/"); IsBookkeeping(name) {
		return fmt.Sprintf("output file %s: names starting with %q are kept for kb's own files in the output folder; rename it", p, bookkeepingPrefix), Place{}, true
	}
	if prev, dup := o.from[p]; dup {
		return fmt.Sprintf("output file %s is produced twice: by %s and by %s; rename one", p, pl, prev), prev, true
	}
	if below, ok := o.dirs[p]; ok {
		src := o.from[below]
		return bothFileAndFolder(p, pl, below, src), src, true
	}
	// A folder some file claimed already was checked then, with every
	// folder above it, and no file or other case of its name can have
	// claimed any of them since: the checks stop there. (By CPU profiles
	// of eight title edits at 10,000 pages, Reserve took 0.35 s of
	// processor time checking up to the top, 0.31 s stopping there.)
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		if _, checked := o.dirs[dir]; checked {
			break
		}
		if prev, ok := o.from[dir]; ok {
			return bothFileAndFolder(dir, prev, p, pl), prev, true
		}
	}
	for q := p; q != "."; q = path.Dir(q) {
		if _, checked := o.dirs[q]; checked && q != p {
			break
		}
		if other, ok := o.folded[strings.ToLower(q)]; ok && other != q {
			src := o.sourceOf(other)
			return fmt.Sprintf("output path %s of %s differs from %s (from %s) only in case, and the two are one path on macOS and Windows; rename one", q, pl, other, src), src, true
		}
	}
	return "", Place{}, false
}

// bothFileAndFolder says that dir is a file of fileFrom and the folder
// of below, a file of belowFrom.
func bothFileAndFolder(dir string, fileFrom Place, below string, belowFrom Place) string {
	return fmt.Sprintf("output path %s is both a file (from %s) and the folder of %s (from %s); a path cannot be both: rename one", dir, fileFrom, below, belowFrom)
}

// sourceOf names the source of the file or folder p.
func (o *Tree) sourceOf(p string) Place {
	if pl, ok := o.from[p]; ok {
		return pl
	}
	return o.from[o.dirs[p]]
}

// Write gives a reserved path its bytes; it may run on several goroutines.
func (o *Tree) Write(p string, data []byte) {
	o.failedWrite(p, o.sink.Put(p, data))
}

// WriteLinked is Write for data that the file at from holds already and
// never will change in place: the sink may link to it rather than copy
// it (see LinkPutter).
func (o *Tree) WriteLinked(p string, data []byte, from string) {
	lp, ok := o.sink.(LinkPutter)
	if !ok || from == "" {
		o.Write(p, data)
		return
	}
	o.failedWrite(p, lp.PutLinked(p, data, from))
}

// Assembles says whether the sink can make a file from pieces (see
// Assembler).
func (o *Tree) Assembles() bool {
	_, ok := o.sink.(Assembler)
	return ok
}

// AddPieces reserves p for pl and makes it from pieces, when the sink
// Assembles (the caller asks first); otherwise it does nothing.
func (o *Tree) AddPieces(p string, pieces []Piece, pl Place) {
	a, ok := o.sink.(Assembler)
	if ok && o.Reserve(p, pl) {
		o.failedWrite(p, a.PutPieces(p, pieces))
	}
}

// failedWrite records err, when not nil, as p's failure to be written.
func (o *Tree) failedWrite(p string, err error) {
	if err != nil {
		o.mu.Lock()
		o.failed.Add(o.from[p].errorf(p, "could not write output file %s: %v", p, err))
		o.mu.Unlock()
	}
}

// File is the file on disk that holds what was written at p, when the
// sink is a folder (see Dir.File).
func (o *Tree) File(p string) (string, bool) {
	f, ok := o.sink.(Filer)
	if !ok {
		return "", false
	}
	return f.File(p)
}

// Keep gives a reserved path the bytes the last build wrote there, when
// the sink can (see Keeper), and says whether it did.
func (o *Tree) Keep(p string) bool {
	k, ok := o.sink.(Keeper)
	return ok && k.Keep(p)
}

// KeepBytes is Keep for a file whose bytes the build needs too, and
// gives them.
func (o *Tree) KeepBytes(p string) ([]byte, bool) {
	k, ok := o.sink.(Keeper)
	if !ok {
		return nil, false
	}
	return k.KeepBytes(p)
}

// OpenLast opens the last build's file at p, when the sink can (see
// Rereader), and says whether it did.
func (o *Tree) OpenLast(p string) (*os.File, bool) {
	r, ok := o.sink.(Rereader)
	if !ok {
		return nil, false
	}
	return r.OpenLast(p)
}

// LastWritten is the size and checksum of the last build's file at p,
// when the sink knows them.
func (o *Tree) LastWritten(p string) (size int64, sum uint64, ok bool) {
	r, ok := o.sink.(Rereader)
	if !ok {
		return 0, 0, false
	}
	return r.LastWritten(p)
}

// Add reserves p for pl and writes data there.
func (o *Tree) Add(p string, data []byte, pl Place) {
	if o.Reserve(p, pl) {
		o.Write(p, data)
	}
}

// CopyFile adds the file of src at outPath, with its bytes as they are.
func (o *Tree) CopyFile(src fs.FS, outPath, file string) diag.List {
	data, err := fs.ReadFile(src, file)
	if err != nil {
		return diag.List{diag.Errorf(file, 0, 0, "%v", err)}
	}
	o.Add(path.Clean(outPath), data, Place{File: file})
	return nil
}

// Claimed says whether p is claimed; it may run on any goroutine.
func (o *Tree) Claimed(p string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.from[p]
	return ok
}

// Paths are the tree's paths, sorted.
func (o *Tree) Paths() []string {
	return slices.Sorted(maps.Keys(o.from))
}

// Problems are the clashes found and the files the sink could not take.
func (o *Tree) Problems() diag.List {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append(slices.Clone(o.clashes), o.failed...)
}
