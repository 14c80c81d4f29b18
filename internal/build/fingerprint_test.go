package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFingerprintInputs: the fingerprint stays while nothing changes,
// and moves when a file deep in content/ changes size or time, or a file
// is added there.
func TestFingerprintInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		_ = os.MkdirAll(filepath.Dir(p), 0o755) // writeFile fails if it could not
		writeFile(t, p, []byte(data))
	}
	write("config.toml", "title = 'x'\n")
	write("content/_index.md", "home")
	write("content/a/_index.md", "a")
	write("content/a/b/deep.md", "deep")
	write("content/z.md", "z")
	write("layouts/page.html", "{{.}}")

	fp := func() string {
		f, err := Fingerprint(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	first := fp()
	if again := fp(); again != first {
		t.Error("the fingerprint moved with nothing changed")
	}
	write("content/a/b/deep.md", "deeper")
	second := fp()
	if second == first {
		t.Error("a file in content/a/b/ changed size, and the fingerprint stayed")
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "content/z.md"), later, later); err != nil {
		t.Fatal(err)
	}
	third := fp()
	if third == second {
		t.Error("content/z.md changed time, and the fingerprint stayed")
	}
	write("content/a/b/new.md", "new")
	if fp() == third {
		t.Error("a file added in content/a/b/, and the fingerprint stayed")
	}
}

// TestAppendTreeIsTheWalk checks that the fingerprint's lines are the
// ones filepath.WalkDir gives, whichever way the system looks at the
// files: nested folders, an empty one, links to a file and to a folder
// (not followed), a name that sorts between others, and a part that is
// absent.
func TestAppendTreeIsTheWalk(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"content/a.md", "content/b/c.md", "content/b/d/e.md", "content/b-c.md", "content/B.md", "static/x.css", "config.toml"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, p, []byte(name))
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.md", filepath.Join(dir, "content", "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("b", filepath.Join(dir, "content", "linked")); err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"config.toml", "content", "static", "layouts"} {
		want, err := walkTree(nil, dir, part)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendTree(nil, dir, part)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s:\n%s\nwant (filepath.WalkDir)\n%s", part, got, want)
		}
		if part == "content" && strings.Count(string(want), "\n") != 11 {
			t.Errorf("content/ has %d lines, want 11:\n%s", strings.Count(string(want), "\n"), want)
		}
	}
}
