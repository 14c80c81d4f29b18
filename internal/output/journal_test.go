package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// twoBuilds are the files of an earlier build and of a later one that
// changes, adds and removes files, and turns a folder into a file and a
// file into a folder: every kind of move a commit makes.
func twoBuilds() (old, new map[string][]byte) {
	old = map[string][]byte{
		"index.html":          []byte("old home"),
		"a/index.html":        []byte("old a"),
		"gone/index.html":     []byte("gone"),
		"dir/index.html":      []byte("a folder, later a file"),
		"file":                []byte("a file, later a folder"),
		"same/index.html":     []byte("unchanged"),
		"css/kb.css":          []byte("old css"),
		"deep/x/y/z.html":     []byte("deep"),
		"search/k/abc.json":   []byte("{}"),
		"search/k/abd.json":   []byte("{}"),
		"search/r/0.json":     []byte("[]"),
		"search/meta.json":    []byte("{}"),
		"sitemap.xml":         []byte("<old/>"),
		"tags/old/index.html": []byte("old term"),
	}
	new = map[string][]byte{
		"index.html":          []byte("new home"),
		"a/index.html":        []byte("new a"),
		"dir":                 []byte("now a file"),
		"file/index.html":     []byte("now a folder"),
		"same/index.html":     []byte("unchanged"),
		"css/kb.css":          []byte("new css"),
		"search/k/abc.json":   []byte("{\"x\":1}"),
		"search/meta.json":    []byte("{}"),
		"sitemap.xml":         []byte("<new/>"),
		"tags/new/index.html": []byte("new term"),
		"added/index.html":    []byte("added"),
	}
	return old, new
}

// siteFiles reads dir's files by slash path, leaving out kb's
// bookkeeping.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		switch {
		case err != nil:
			return err
		case IsBookkeeping(strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameFiles reports whether a folder's files, as siteFiles reads them,
// are exactly want.
func sameFiles(got map[string]string, want map[string][]byte) bool {
	return maps.EqualFunc(got, want, func(a string, b []byte) bool { return a == string(b) })
}

// prepareCommit writes old into a fresh folder, then stages new over it
// and returns the folder and the commit's journal, written.
func prepareCommit(t *testing.T, old, new map[string][]byte) (string, *Dir, journal) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := WriteDir(dest, old); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(dest, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	for p, data := range new {
		if err := d.Put(p, data); err != nil {
			t.Fatal(err)
		}
	}
	j, err := d.plan()
	if err == nil {
		err = j.write(dest)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dest, d, j
}

// failAfter is a folder maker that fails after n folders, as a full disk
// or a permission error would in the middle of a commit.
// The commit makes folders on all cores, so which file meets the failure
// varies; how many moves came before it does not.
func failAfter(n int, d *Dir) func(string) error {
	var calls atomic.Int64
	return func(target string) error {
		if calls.Add(1) > int64(n) {
			return errors.New("injected failure")
		}
		return d.mkdirFor(target)
	}
}

// TestCommitFailureRollsBack makes the commit fail at each of its file
// moves in turn: each time, rolling back must leave the earlier build,
// whole, with its marker still true and nothing of kb's behind.
func TestCommitFailureRollsBack(t *testing.T) {
	old, new := twoBuilds()
	for failAt := 0; ; failAt++ {
		dest, d, j := prepareCommit(t, old, new)
		if err := j.apply(dest, failAfter(failAt, d)); err == nil {
			if failAt < 5 {
				t.Fatalf("the commit never failed; it makes %d folders", failAt)
			}
			break
		}
		if err := j.rollBack(dest); err != nil {
			t.Fatalf("failing after %d moves: roll back: %v", failAt, err)
		}
		if got := siteFiles(t, dest); !sameFiles(got, old) {
			t.Errorf("failing after %d moves, the folder changed:\n%v\nwant\n%v", failAt, got, old)
		}
		for _, name := range []string{StagingDir, JournalName} {
			if exists(filepath.Join(dest, name)) {
				t.Errorf("failing after %d moves left %s behind", failAt, name)
			}
		}
		for name, r := range readManifest(dest).files {
			if !r.matches(filepath.Join(dest, filepath.FromSlash(name))) {
				t.Errorf("failing after %d moves: the marker's record of %s no longer matches", failAt, name)
			}
		}
	}
}

// TestCommitFailureThroughBuild: a file someone put where the new build
// needs a folder makes the commit itself fail; the build says so, and the
// folder holds the earlier build.
func TestCommitFailureThroughBuild(t *testing.T) {
	old, new := twoBuilds()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := WriteDir(dest, old); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "added"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := siteFiles(t, dest)
	_, err := WriteDir(dest, new)
	if err == nil || !strings.Contains(err.Error(), "is left as the previous build") {
		t.Fatalf("err = %v; want a failed commit, rolled back", err)
	}
	if got := siteFiles(t, dest); !maps.Equal(got, want) {
		t.Errorf("the folder changed:\n%v\nwant\n%v", got, want)
	}
	os.Remove(filepath.Join(dest, "added"))
	if _, err := WriteDir(dest, new); err != nil {
		t.Fatal(err)
	}
	if got := siteFiles(t, dest); !sameFiles(got, new) {
		t.Errorf("the next commit:\n%v\nwant\n%v", got, new)
	}
}

// TestRecoverInterruptedCommit stops a commit after each of its moves, as
// a kill would, and after its commit point, then runs the next build's
// recovery: the folder must end as the earlier build or the later one,
// whole, and the next build must be able to use it.
func TestRecoverInterruptedCommit(t *testing.T) {
	old, new := twoBuilds()
	for stopAt := 0; ; stopAt++ {
		dest, d, j := prepareCommit(t, old, new)
		err := j.apply(dest, failAfter(stopAt, d))
		committed := err == nil
		if committed {
			if err := d.writeMarker(); err != nil { // stopped right after the commit point
				t.Fatal(err)
			}
		}
		d.Close()
		repaired, err := Repair(dest)
		if err != nil || !repaired {
			t.Fatalf("stopped after %d moves: repaired %t, err %v", stopAt, repaired, err)
		}
		want := old
		if committed {
			want = new
		}
		if got := siteFiles(t, dest); !sameFiles(got, want) {
			t.Errorf("stopped after %d moves (committed %t), the folder is:\n%v\nwant\n%v", stopAt, committed, got, want)
		}
		for _, name := range []string{StagingDir, JournalName} {
			if exists(filepath.Join(dest, name)) {
				t.Errorf("stopped after %d moves: recovery left %s behind", stopAt, name)
			}
		}
		if _, err := WriteDir(dest, new); err != nil {
			t.Fatalf("stopped after %d moves: the next build: %v", stopAt, err)
		}
		if got := siteFiles(t, dest); !sameFiles(got, new) {
			t.Errorf("stopped after %d moves: the next build left:\n%v", stopAt, got)
		}
		if committed {
			break
		}
	}
}

// TestLockRefusesSecondBuild: while one build holds a folder, another
// into it is refused with a message that says why, and touches nothing.
func TestLockRefusesSecondBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := WriteDir(dest, map[string][]byte{"index.html": []byte("home")}); err != nil {
		t.Fatal(err)
	}
	unlock, err := lockDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	_, err = WriteDir(dest, map[string][]byte{"index.html": []byte("other")})
	want := fmt.Sprintf("output folder %s is being written by another kb build (process %d); wait for it to finish", dest, os.Getpid())
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("second writer: err = %v; want %q", err, want)
	}
	if got := siteFiles(t, dest)["index.html"]; got != "home" {
		t.Errorf("the refused build wrote index.html: %q", got)
	}
	unlock()
	if exists(filepath.Join(dest, lockName)) {
		t.Error("the lock file stays after the lock is released")
	}
	if _, err := WriteDir(dest, map[string][]byte{"index.html": []byte("other")}); err != nil {
		t.Errorf("after the lock is released: %v", err)
	}
}
