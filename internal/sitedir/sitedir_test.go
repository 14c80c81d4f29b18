package sitedir

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadFile reads a site folder's files as os.DirFS does: the same
// bytes (empty, small, larger than a read's first guess), the same
// file system by fstest's checks, and errors that name the file by its
// path in the folder.
func TestReadFile(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{
		"config.toml":             []byte("title = 'x'\n"),
		"content/empty.md":        {},
		"content/a/b.md":          bytes.Repeat([]byte("words "), 50_000),
		"content/a/with space.md": []byte("# A\n"),
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := New(root)
	for name, want := range files {
		got, err := d.ReadFile(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(got), err, len(want))
		}
	}
	if err := fstest.TestFS(d, "config.toml", "content/empty.md", "content/a/b.md", "content/a/with space.md"); err != nil {
		t.Error(err)
	}

	_, err := d.ReadFile("content/missing.md")
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Path != "content/missing.md" {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := d.ReadFile("content/a"); err == nil || !strings.Contains(err.Error(), "content/a") {
		t.Errorf("a folder read as a file: %v", err)
	}
	for _, bad := range []string{"../outside", "/etc/passwd", "content/../config.toml", ""} {
		if _, err := d.ReadFile(bad); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("%q read: %v; want an invalid path", bad, err)
		}
	}
}
