package build

import (
	"os"
	"path/filepath"
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
