package main

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/rogpeppe/go-internal/testscript"
)

// snapshotCmd stores a folder's contents in the script's values, so a
// later "unchanged DIR" can prove that a failed build left it untouched.
func snapshotCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: snapshot DIR")
	}
	snapshots(ts)[args[0]] = read(ts, args[0])
}

func unchangedCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: unchanged DIR")
	}
	before := snapshots(ts)[args[0]]
	if before == nil {
		ts.Fatalf("no snapshot of %s", args[0])
	}
	after := read(ts, args[0])
	same := maps.Equal(before, after)
	if same == neg {
		for _, k := range slices.Sorted(maps.Keys(after)) {
			if before[k] != after[k] {
				ts.Logf("changed: %s", k)
			}
		}
		for k := range before {
			if _, ok := after[k]; !ok {
				ts.Logf("removed: %s", k)
			}
		}
		ts.Fatalf("%s: unchanged = %v", args[0], same)
	}
}

// snapshots is the script's own store, made in Setup.
func snapshots(ts *testscript.TestScript) map[string]map[string]string {
	return ts.Value(snapshotKey{}).(map[string]map[string]string)
}

type snapshotKey struct{}

func read(ts *testscript.TestScript, dir string) map[string]string {
	files := map[string]string{}
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[rel] = string(b)
		return err
	})
	ts.Check(err)
	return files
}
