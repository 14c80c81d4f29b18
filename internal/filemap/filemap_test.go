package filemap

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestReadOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	want := []byte("mapped bytes\n")
	if err := os.WriteFile(p, want, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	got := ReadOnly(f, int64(len(want)))
	f.Close() // the mapping outlives the file
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		if got != nil {
			t.Errorf("mapped where nothing is: %q", got)
		}
		return
	}
	if string(got) != string(want) {
		t.Errorf("mapped %q, want %q", got, want)
	}
	// Replaced by a rename, as kb replaces its cache files: the mapping
	// keeps the old bytes.
	q := p + ".new"
	if err := os.WriteFile(q, []byte("other bytes!\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(q, p); err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("after a rename over the file, mapped %q, want %q", got, want)
	}
	if ReadOnly(f, 0) != nil {
		t.Error("an empty mapping is not nil")
	}
}
