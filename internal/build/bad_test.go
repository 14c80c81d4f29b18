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
