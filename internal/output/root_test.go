package output

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestKeepLooksAtTheFile checks that Keep and KeepSame keep a file the
// last build wrote only while it is as that build left it, whichever way
// the folder's files are looked at (held open on Linux, by path
// elsewhere): touched, rewritten at the same size, replaced by a folder
// or removed, it is not kept.
func TestKeepLooksAtTheFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := map[string][]byte{}
	for _, p := range []string{"same.html", "a/touched.html", "a/b/rewritten.html", "folder.html", "gone.html", "kept/index.html"} {
		files[p] = []byte("<p>" + p + "</p>")
	}
	if _, err := WriteDir(dest, files); err != nil {
		t.Fatal(err)
	}
	at := func(p string) string { return filepath.Join(dest, filepath.FromSlash(p)) }
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(at("a/touched.html"), later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(at("a/b/rewritten.html"), []byte("<p>a/b/REWRITTEN.html</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(at("folder.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(at("folder.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(at("gone.html")); err != nil {
		t.Fatal(err)
	}

	d, err := OpenDir(dest, "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	want := map[string]bool{"same.html": true, "kept/index.html": true, "never-written.html": false,
		"a/touched.html": false, "a/b/rewritten.html": false, "folder.html": false, "gone.html": false}
	for p, keep := range want {
		if got := d.Keep(p); got != keep {
			t.Errorf("Keep(%s) = %t, want %t", p, got, keep)
		}
		if got := d.KeepSame(p, files[p]); got != keep {
			t.Errorf("KeepSame(%s) = %t, want %t", p, got, keep)
		}
	}
	if d.KeepSame("same.html", []byte("<p>other bytes</p>")) {
		t.Error("KeepSame kept a file for bytes it does not hold")
	}
}

// BenchmarkKeep times Keep over the files of a build, looked at from the
// folder held open and by path (as on systems other than Linux).
func BenchmarkKeep(b *testing.B) {
	dest := filepath.Join(b.TempDir(), "deep", "enough", "like", "ci", "public")
	files := map[string][]byte{}
	for i := range 2000 {
		p := filepath.ToSlash(filepath.Join("section", "article-"+strconv.Itoa(i)))
		files[p+"/index.html"] = []byte("<p>page</p>")
		files[p+"/index.md"] = []byte("page")
	}
	if _, err := WriteDir(dest, files); err != nil {
		b.Fatal(err)
	}
	names := slices.Sorted(maps.Keys(files))
	for _, way := range []string{"open", "by path"} {
		b.Run(way, func(b *testing.B) {
			d, err := OpenDir(dest, "")
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			if way == "by path" {
				d.root = d.root.close()
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if !d.Keep(names[i%len(names)]) {
					b.Fatal("not kept")
				}
			}
		})
	}
}
