package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteDir(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := map[string][]byte{
		"index.html":          []byte("home"),
		"a/index.html":        []byte("a"),
		"gone/index.html":     []byte("gone"),
		"deep/x/y/file.txt":   []byte("deep"),
		"becomes-dir":         []byte("file now, folder later"),
		"css/kb.css":          []byte("css"),
		"empty-but-present":   nil,
		"unicode/é/index.htm": []byte("é"),
	}
	st, err := WriteDir(dest, first)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != len(first) || st.Unchanged != 0 || st.Removed != 0 {
		t.Errorf("first write: %+v", st)
	}

	// Age a file we keep unchanged, to see that it is not rewritten.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(filepath.Join(dest, "css/kb.css"), old, old); err != nil {
		t.Fatal(err)
	}
	second := map[string][]byte{
		"index.html":             []byte("home changed"),
		"a/index.html":           []byte("a"),
		"css/kb.css":             []byte("css"),
		"becomes-dir/index.html": []byte("folder now"),
		"empty-but-present":      nil,
	}
	st, err = WriteDir(dest, second)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 2 || st.Unchanged != 3 || st.Removed != 4 {
		t.Errorf("second write: %+v, want 2 written, 3 unchanged, 4 removed", st)
	}
	fi, err := os.Stat(filepath.Join(dest, "css/kb.css"))
	if err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("unchanged file was rewritten (mtime %v, want %v)", fi.ModTime(), old)
	}
	var got []string
	_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(dest, p)
		got = append(got, filepath.ToSlash(rel))
		return nil
	})
	want := ".|.kb-output|a|a/index.html|becomes-dir|becomes-dir/index.html|css|css/kb.css|empty-but-present|index.html"
	if strings.Join(got, "|") != want {
		t.Errorf("tree after second write:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "home changed" {
		t.Errorf("index.html = %q", b)
	}
}

func TestWriteDirRefusesForeignFolder(t *testing.T) {
	dest := t.TempDir()
	keep := filepath.Join(dest, "thesis.tex")
	if err := os.WriteFile(keep, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := WriteDir(dest, map[string][]byte{"index.html": []byte("x")})
	if err == nil || !strings.Contains(err.Error(), "was not written by kb") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Fatal("a foreign file was removed")
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err == nil {
		t.Fatal("wrote into a foreign folder")
	}
}

// TestWriteDirManifest checks the marker's records: a file the last build
// wrote and nobody touched is compared by checksum, one touched since is
// read back, and a damaged marker only costs the reading.
func TestWriteDirManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := map[string][]byte{"index.html": []byte("home"), "a/index.html": []byte("aaaa"), "b/index.html": []byte("bbbb")}
	if _, err := WriteDir(dest, files); err != nil {
		t.Fatal(err)
	}
	m := readManifest(dest)
	if len(m.files) != 3 || m.files["a/index.html"].sum != checksum([]byte("aaaa")) || m.files["a/index.html"].size != 4 {
		t.Fatalf("manifest after first write: %+v", m)
	}

	// Someone edits a/index.html by hand; b/index.html changes to bytes of
	// the same size, which only the checksum tells apart.
	if err := os.WriteFile(filepath.Join(dest, "a/index.html"), []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	files["b/index.html"] = []byte("BBBB")
	st, err := WriteDir(dest, files)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 2 || st.Unchanged != 1 {
		t.Errorf("second write: %+v, want 2 written, 1 unchanged", st)
	}
	for p, want := range files {
		if got, _ := os.ReadFile(filepath.Join(dest, p)); string(got) != string(want) {
			t.Errorf("%s = %q, want %q", p, got, want)
		}
	}
	m = readManifest(dest)
	for p, want := range files {
		r := m.files[p]
		if r.sum != checksum(want) || !r.matches(filepath.Join(dest, p)) {
			t.Errorf("record of %s is stale: %+v", p, r)
		}
	}

	// A damaged marker: every file is read back, and nothing is lost.
	if err := os.WriteFile(filepath.Join(dest, Marker), []byte(markerHead+"fingerprint -\nnot a record\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readManifest(dest); len(got.files) != 0 {
		t.Errorf("damaged marker read as %+v", got)
	}
	files["index.html"] = []byte("HOME")
	st, err = WriteDir(dest, files)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 1 || st.Unchanged != 2 {
		t.Errorf("write over a damaged marker: %+v, want 1 written, 2 unchanged", st)
	}
	if got := readManifest(dest); len(got.files) != 3 {
		t.Errorf("marker not rewritten: %+v", got)
	}
}

// TestWriteDirRemovesRecorded checks stale-file removal by the marker's
// records: what the last build wrote and this one does not goes, with the
// folders it leaves empty, and names that would leave the folder are not
// trusted.
func TestWriteDirRemovesRecorded(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := WriteDir(dest+string(filepath.Separator), map[string][]byte{
		"index.html": []byte("home"), "old/deep/index.html": []byte("old"), "kept/a.html": []byte("a"), "kept/b.html": []byte("b"),
	}); err != nil {
		t.Fatal(err)
	}
	st, err := WriteDir(dest, map[string][]byte{"index.html": []byte("home"), "kept/a.html": []byte("a")})
	if err != nil {
		t.Fatal(err)
	}
	if st.Removed != 2 || st.Unchanged != 2 {
		t.Errorf("write: %+v, want 2 removed, 2 unchanged", st)
	}
	for _, gone := range []string{"old", "kept/b.html"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "kept/a.html")); err != nil {
		t.Error("a kept file was removed")
	}

	// A marker naming a file outside dest is not trusted: the folder is
	// walked instead, and the file outside stays.
	outside := filepath.Join(filepath.Dir(dest), "outside.txt")
	if err := os.WriteFile(outside, []byte("not kb's"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := readManifest(dest)
	m.files["../outside.txt"] = record{size: 8}
	if err := m.write(dest); err != nil {
		t.Fatal(err)
	}
	if got := readManifest(dest); len(got.files) != 0 {
		t.Errorf("marker naming ../outside.txt read as %+v", got)
	}
	if _, err := WriteDir(dest, map[string][]byte{"index.html": []byte("home")}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(outside); err != nil {
		t.Error("a file outside the output folder was removed")
	}
	if _, err := os.Stat(filepath.Join(dest, "kept")); err == nil {
		t.Error("the walk left a stale folder")
	}
}

// TestPutLinked: a file put with a file that holds its bytes is made as
// a hard link to that file, into an empty folder and staged into a full
// one, and File names the file that holds it; a file whose size is not
// the data's, or that is not there, gives way to the bytes themselves,
// and a file the folder holds already with those bytes is left alone.
// The next build finds every file unchanged.
func TestPutLinked(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	from := filepath.Join(dir, "card.png")
	if err := os.WriteFile(from, []byte("card"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(from, filepath.Join(dir, "probe")); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	same := func(a, b string) bool {
		ai, aerr := os.Stat(a)
		bi, berr := os.Stat(b)
		return aerr == nil && berr == nil && os.SameFile(ai, bi)
	}
	type put struct {
		from   string
		linked bool // whether the file must end up a link to from
	}
	build := func(name string, files map[string]put) WriteStats {
		t.Helper()
		d, err := OpenDir(dest, "")
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		for p, f := range files {
			if err := d.PutLinked(p, []byte("card"), f.from); err != nil {
				t.Fatal(err)
			}
			if held, ok := d.File(p); !ok || same(held, f.from) != f.linked {
				t.Errorf("%s: %s put from %s: File %q, %t; a link %t, want %t", name, p, f.from, held, ok, same(held, f.from), f.linked)
			}
		}
		st, err := d.Commit()
		if err != nil {
			t.Fatal(err)
		}
		for p, f := range files {
			target := filepath.Join(dest, p)
			if got, err := os.ReadFile(target); err != nil || string(got) != "card" || same(target, f.from) != f.linked {
				t.Errorf("%s: after the commit, %s holds %q (%v), a link %t", name, p, got, err, same(target, f.from))
			}
		}
		return st
	}
	short := filepath.Join(dir, "short.png")
	if err := os.WriteFile(short, []byte("ca"), 0o644); err != nil {
		t.Fatal(err)
	}
	build("into an empty folder", map[string]put{"a/card.png": {from, true}, "b/card.png": {short, false}, "c/card.png": {filepath.Join(dir, "missing"), false}})
	if err := os.RemoveAll(filepath.Join(dest, "a")); err != nil {
		t.Fatal(err)
	}
	if st := build("staged", map[string]put{"a/card.png": {from, true}, "b/card.png": {from, false}}); st.Written != 1 || st.Unchanged != 1 || st.Removed != 1 {
		t.Errorf("staged: %+v; want a written, b unchanged, c removed", st)
	}
	if st := build("again", map[string]put{"a/card.png": {from, true}, "b/card.png": {from, false}}); st.Written != 0 || st.Unchanged != 2 {
		t.Errorf("again: %+v; want both unchanged", st)
	}
}
