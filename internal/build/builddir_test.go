package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/output"
)

// TestBuildDirMatchesBuild builds every golden site into a folder, as kb
// build does, and expects exactly the files of the in-memory build; a
// second build into the same folder writes nothing.
func TestBuildDirMatchesBuild(t *testing.T) {
	eachArchive(t, "testdata/golden", "", func(t *testing.T, site fstest.MapFS, _ string) {
		want, err := Build(site, Options{})
		if err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		res, st, err := BuildDir(site, Options{}, dest)
		if err != nil {
			t.Fatal(err)
		}
		if res.Files != nil || st.Written != len(want.Files) || st.Unchanged != 0 {
			t.Errorf("first build: %+v, %d files kept in memory; want %d written", st, len(res.Files), len(want.Files))
		}
		got := tree(t, dest)
		delete(got, output.Marker)
		if !maps.Equal(got, stringsOf(want.Files)) {
			t.Errorf("the folder holds %d files, the in-memory build %d, or their bytes differ", len(got), len(want.Files))
		}
		if _, st, err = BuildDir(site, Options{}, dest); err != nil || st.Written != 0 || st.Unchanged != len(want.Files) || st.Removed != 0 {
			t.Errorf("second build: %+v, %v; want every file unchanged", st, err)
		}
	})
}

// TestBuildDirFailureLeavesFolder builds every bad site into a folder
// that is absent, empty, or holds an earlier build: each fails with the
// messages Build gives, and leaves the folder exactly as it was, though
// some of its pages were laid out and staged before the failure showed.
func TestBuildDirFailureLeavesFolder(t *testing.T) {
	eachArchive(t, "testdata/bad", "want.errors", func(t *testing.T, site fstest.MapFS, want string) {
		check := func(dest string) {
			t.Helper()
			_, _, err := BuildDir(site, Options{}, dest)
			if err == nil || err.Error()+"\n" != want {
				t.Errorf("%s: errors differ\n--- got ---\n%v\n--- want ---\n%s", filepath.Base(dest), err, want)
			}
		}

		absent := filepath.Join(t.TempDir(), "absent")
		check(absent)
		if _, err := os.Stat(absent); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a failed build left a folder that was not there before: %v", err)
		}

		empty := t.TempDir()
		check(empty)
		if got := tree(t, empty); len(got) != 0 {
			t.Errorf("a failed build left files in an empty folder: %v", got)
		}

		earlier := filepath.Join(t.TempDir(), "earlier")
		if _, err := output.WriteDir(earlier, map[string][]byte{"index.html": []byte("old home"), "a/index.html": []byte("old a")}); err != nil {
			t.Fatal(err)
		}
		before := tree(t, earlier)
		check(earlier)
		if after := tree(t, earlier); !maps.Equal(before, after) {
			t.Errorf("a failed build changed the earlier output:\nbefore %v\nafter  %v", before, after)
		}
	})
}

// TestBuildDirLayoutFailsLate makes one page's layout fail among many, so
// that most pages reach the staging folder first: the earlier output must
// still come through untouched.
func TestBuildDirLayoutFailsLate(t *testing.T) {
	site := fstest.MapFS{
		"config.toml": {Data: []byte("title = \"Late\"\nbase_url = \"http://localhost/\"\ntheme = \"mini\"\n")},
		"layouts/article.html": {Data: []byte(`{{define "main"}}<h1>{{.Page.Title}}</h1>` +
			`{{if eq .Page.Title "Boom"}}{{index .CSS 99}}{{end}}{{end}}`)},
		"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
	}
	for i := range 60 {
		title := fmt.Sprintf("Page %d", i)
		if i == 50 {
			title = "Boom"
		}
		site[fmt.Sprintf("content/p%03d.md", i)] = &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\n+++\nText.\n")}
	}
	addMiniTheme(t, site)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := output.WriteDir(dest, map[string][]byte{"index.html": []byte("old home"), "p001/index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dest)
	_, _, err := BuildDir(site, Options{}, dest)
	if err == nil || !strings.Contains(err.Error(), "index out of range") || !strings.Contains(err.Error(), "content/p050.md") {
		t.Fatalf("err = %v; want the layout's failure on content/p050.md", err)
	}
	if after := tree(t, dest); !maps.Equal(before, after) {
		t.Errorf("a failed build changed the earlier output:\nbefore %v\nafter  %v", before, after)
	}
}

// TestBuildDirClearsKilledStaging: a staging folder left by a build that
// was killed does not survive the next build, nor end up in its output.
func TestBuildDirClearsKilledStaging(t *testing.T) {
	site := fstest.MapFS{
		"config.toml":       {Data: []byte("title = \"S\"\nbase_url = \"http://localhost/\"\ntheme = \"mini\"\n")},
		"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
	}
	addMiniTheme(t, site)
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := BuildDir(site, Options{}, dest); err != nil {
		t.Fatal(err)
	}
	want := tree(t, dest)
	if err := os.MkdirAll(filepath.Join(dest, output.StagingDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, output.StagingDir, "7"), []byte("half a page"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := BuildDir(site, Options{}, dest); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); !maps.Equal(got, want) {
		t.Errorf("after a killed build's leftovers:\n%v\nwant\n%v", got, want)
	}
}

// tree reads every file under dir, by slash path. The marker is only
// noted: it names each build's commit, which differs from build to build.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		if rel == output.Marker {
			data = []byte("(marker)")
		}
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func stringsOf(files map[string][]byte) map[string]string {
	out := make(map[string]string, len(files))
	for p, b := range files {
		out[p] = string(b)
	}
	return out
}

// siteFiles reads dir's files as tree does, leaving out kb's bookkeeping.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := tree(t, dir)
	for p := range files {
		if output.IsBookkeeping(strings.SplitN(p, "/", 2)[0]) {
			delete(files, p)
		}
	}
	return files
}

// TestBuildAndServeSameData builds every golden site as kb build does (a
// one-shot build, which lets sources and HTML go as it works) and as the
// preview server does (a Builder, which keeps them for edits): layouts
// get the same data either way, so the files must be the same.
func TestBuildAndServeSameData(t *testing.T) {
	eachArchive(t, "testdata/golden", "", func(t *testing.T, site fstest.MapFS, _ string) {
		once, err := Build(site, Options{})
		if err != nil {
			t.Fatal(err)
		}
		kept, err := NewBuilder(site, Options{}).Build()
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(once.Files, kept.Files, bytes.Equal) {
			t.Errorf("kb build and kb serve made different files")
		}
	})
}
