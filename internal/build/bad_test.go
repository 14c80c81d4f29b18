package build

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// TestBadInput builds each site in testdata/bad/*.txtar and expects it to
// fail with exactly the messages in its want.errors file, in order.
func TestBadInput(t *testing.T) {
	eachArchive(t, "testdata/bad", "want.errors", func(t *testing.T, site fstest.MapFS, want string) {
		res, err := Build(site, Options{})
		if err == nil {
			t.Fatalf("build succeeded with %d files; want errors:\n%s", len(res.Files), want)
		}
		if got := err.Error() + "\n"; got != want {
			t.Errorf("errors differ\n--- got ---\n%s--- want ---\n%s", got, want)
		}
	})
}

// TestWarnings builds each site in testdata/warn/*.txtar: it must build,
// and warn with exactly the messages in its want.warnings file.
func TestWarnings(t *testing.T) {
	eachArchive(t, "testdata/warn", "want.warnings", func(t *testing.T, site fstest.MapFS, want string) {
		res, err := Build(site, Options{})
		if err != nil {
			t.Fatalf("build failed:\n%v", err)
		}
		if got := res.Warnings.Error() + "\n"; got != want {
			t.Errorf("warnings differ\n--- got ---\n%s--- want ---\n%s", got, want)
		}
	})
}

// eachArchive runs check, as a subtest, on each txtar site in dir, with
// the mini theme added and the expected text taken out of the file named
// wantFile, if any (want/ files are always left out).
func eachArchive(t *testing.T, dir, wantFile string, check func(t *testing.T, site fstest.MapFS, want string)) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if len(files) == 0 {
		t.Fatalf("no archives in %s", dir)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site, _ := splitArchive(ar)
			var want string
			if wantFile != "" {
				want = string(site[wantFile].Data)
				delete(site, wantFile)
			}
			addMiniTheme(t, site)
			check(t, site, want)
		})
	}
}
