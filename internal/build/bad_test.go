package build

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestBadInput builds each site in testdata/bad/*.txtar and expects it to
// fail with exactly the messages in its want.errors file, in order.
func TestBadInput(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.txtar")
	if len(files) == 0 {
		t.Fatal("no bad-input archives")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site, _ := splitArchive(ar)
			want := string(site["want.errors"].Data)
			delete(site, "want.errors")
			addMiniTheme(t, site)
			res, err := Build(site, Options{})
			if err == nil {
				t.Fatalf("build succeeded with %d files; want errors:\n%s", len(res.Files), want)
			}
			if got := err.Error() + "\n"; got != want {
				t.Errorf("errors differ\n--- got ---\n%s--- want ---\n%s", got, want)
			}
		})
	}
}

// TestWarnings builds each site in testdata/warn/*.txtar: it must build,
// and warn with exactly the messages in its want.warnings file.
func TestWarnings(t *testing.T) {
	files, _ := filepath.Glob("testdata/warn/*.txtar")
	if len(files) == 0 {
		t.Fatal("no warning archives")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site, _ := splitArchive(ar)
			want := string(site["want.warnings"].Data)
			delete(site, "want.warnings")
			addMiniTheme(t, site)
			res, err := Build(site, Options{})
			if err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			if got := res.Warnings.Error() + "\n"; got != want {
				t.Errorf("warnings differ\n--- got ---\n%s--- want ---\n%s", got, want)
			}
		})
	}
}
