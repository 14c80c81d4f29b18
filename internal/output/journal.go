package output

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/parallel"
)

// The commit of a build into a folder that holds an earlier one is a
// series of renames, and anything can stop it half-way: an I/O error, a
// full disk, a kill. So that public/ is never left half old and half new,
// the commit is journalled:
//
//  1. Changed files wait in the staging folder (see Dir.stage).
//  2. The journal is written: every file to move in ("put") and every
//     stale file to take out ("del"), each with a number.
//  3. Each file in the way moves into the staging folder as backup N,
//     then the staged file moves into its place.
//  4. The new marker, which names the journal's commit id, replaces the
//     old one in one rename: that is the commit point.
//  5. The journal and the staging folder (backups included) are removed.
//
// Any failure before step 4 rolls back, in the process or, after a kill,
// in the next build into the folder before anything else: each file
// moved in goes back to staging, each backup back to its place. A kill
// after step 4 leaves only cleaning up to do. Every step of the roll back
// checks what is where, so a roll back that is itself killed can be
// repeated.
//
// The alternative, building a whole new folder beside the old one and
// swapping the two, would create a file (or a hard link) for every file
// of the site on every build, where this moves only what changed.

// JournalName is the journal's file in the output folder.
const JournalName = ".kb-journal"

const journalHead = "kb commit journal 1"

// journal is a commit in progress. fresh is a build into an empty folder,
// which has nothing to restore: rolling it back empties the folder.
type journal struct {
	id    string
	fresh bool
	ops   []commitOp
}

// commitOp is one file of a commit: staged file n moves to path, or, for
// a deletion, the file at path goes.
type commitOp struct {
	del  bool
	n    int
	path string
}

func newCommitID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

func (j journal) write(dest string) error {
	var b strings.Builder
	b.WriteString(journalHead + "\ncommit " + j.id + "\n")
	if j.fresh {
		b.WriteString("fresh\n")
	}
	for _, op := range j.ops {
		verb := "put"
		if op.del {
			verb = "del"
		}
		fmt.Fprintf(&b, "%s %d %s\n", verb, op.n, op.path)
	}
	// Written whole or not at all: a journal cut short by a kill could
	// not say what to undo.
	tmp := filepath.Join(dest, JournalName+".new")
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dest, JournalName))
}

// readJournal reads dest's journal; ok is false when there is none. A
// journal that cannot be read whole is an error: guessing could delete
// the previous build.
func readJournal(dest string) (j journal, ok bool, err error) {
	f, err := os.Open(filepath.Join(dest, JournalName))
	if errors.Is(err, fs.ErrNotExist) {
		return journal{}, false, nil
	}
	if err != nil {
		return journal{}, false, err
	}
	defer f.Close()
	bad := fmt.Errorf("output folder %s: its commit journal %s is damaged; remove the folder and build again", dest, JournalName)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() || sc.Text() != journalHead || !sc.Scan() {
		return journal{}, false, bad
	}
	id, found := strings.CutPrefix(sc.Text(), "commit ")
	if !found {
		return journal{}, false, bad
	}
	j.id = id
	for sc.Scan() {
		line := sc.Text()
		if line == "fresh" {
			j.fresh = true
			continue
		}
		f := strings.SplitN(line, " ", 3)
		if len(f) != 3 || (f[0] != "put" && f[0] != "del") {
			return journal{}, false, bad
		}
		n, err := strconv.Atoi(f[1])
		if err != nil || !fs.ValidPath(f[2]) || !filepath.IsLocal(filepath.FromSlash(f[2])) {
			return journal{}, false, bad
		}
		j.ops = append(j.ops, commitOp{del: f[0] == "del", n: n, path: f[2]})
	}
	if sc.Err() != nil {
		return journal{}, false, bad
	}
	return j, true, nil
}

// staged is where op's new file waits, backup where the file it replaces
// or deletes waits.
func staged(dest string, n int) string {
	return filepath.Join(dest, StagingDir, strconv.Itoa(n))
}

func backup(dest string, n int) string {
	return filepath.Join(dest, StagingDir, "old-"+strconv.Itoa(n))
}

func target(dest, p string) string { return filepath.Join(dest, filepath.FromSlash(p)) }

// apply moves the journal's files into place: deletions first, so that a
// folder the old build had can become a file, then the new files, on all
// cores. mkdir makes a file's folder.
func (j journal) apply(dest string, mkdir func(string) error) error {
	for _, op := range j.ops {
		if op.del {
			if err := os.Rename(target(dest, op.path), backup(dest, op.n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	puts := slices.DeleteFunc(slices.Clone(j.ops), func(op commitOp) bool { return op.del })
	errs := make([]error, len(puts))
	parallel.For(len(puts), func(i int) {
		op := puts[i]
		t := target(dest, op.path)
		if _, err := os.Lstat(t); err == nil {
			if errs[i] = os.Rename(t, backup(dest, op.n)); errs[i] != nil {
				return
			}
		}
		if errs[i] = mkdir(t); errs[i] == nil {
			errs[i] = os.Rename(staged(dest, op.n), t)
		}
	})
	return errors.Join(errs...)
}

// rollBack puts back the files the journal's commit replaced or deleted.
// It looks at what is where rather than trusting how far the commit
// went, so it works after a kill at any point, itself included.
func (j journal) rollBack(dest string) error {
	var errs []error
	for _, op := range j.ops {
		if op.del {
			continue
		}
		t, st, bk := target(dest, op.path), staged(dest, op.n), backup(dest, op.n)
		if !exists(st) && exists(t) {
			// The new file is in place: back to staging with it.
			if err := os.Rename(t, st); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		if exists(bk) {
			errs = append(errs, os.Rename(bk, t))
		}
	}
	for _, op := range j.ops {
		if bk := backup(dest, op.n); op.del && exists(bk) {
			t := target(dest, op.path)
			_ = os.Remove(t) // a folder a new file needed, now empty again
			if err := os.MkdirAll(filepath.Dir(t), 0o755); err != nil {
				errs = append(errs, err)
				continue
			}
			errs = append(errs, os.Rename(bk, t))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	j.removeEmptyDirs(dest, false)
	return j.finish(dest)
}

// removeEmptyDirs removes the folders of the journal's files that are
// left empty: those made for new files after a roll back, those of
// deleted files (only) after a commit.
func (j journal) removeEmptyDirs(dest string, onlyDeleted bool) {
	dirs := map[string]bool{}
	for _, op := range j.ops {
		if onlyDeleted && !op.del {
			continue
		}
		for dir := filepath.Dir(target(dest, op.path)); dir != dest && !dirs[dir]; dir = filepath.Dir(dir) {
			dirs[dir] = true
		}
	}
	var list []string
	for dir := range dirs {
		list = append(list, dir)
	}
	removeEmptyDirs(list)
}

// finish removes the journal, then the staging folder. The journal goes
// first: a staging folder without one is known debris, which the next
// build removes.
func (j journal) finish(dest string) error {
	if err := os.Remove(filepath.Join(dest, JournalName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.RemoveAll(filepath.Join(dest, StagingDir))
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
