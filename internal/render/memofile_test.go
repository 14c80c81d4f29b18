package render

import (
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/markdown"
)

// fill sets every exported field reachable from v to a value other than
// its zero, so that a field the memo file forgets fails the round trip.
// Interfaces (a link target's page) are left alone: they are this
// build's own.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint8:
		v.SetUint(uint64(*n % 200))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && v.Field(i).Kind() != reflect.Interface {
				fill(v.Field(i), n)
			}
		}
	}
}

func TestMemoFileRoundTrip(t *testing.T) {
	n := 0
	e := &memoEntry{file: "content/a.md", bodyLine: 7, title: "A", body: Body{html: []byte("<p>a</p>")}}
	e.sum[3] = 9
	fill(reflect.ValueOf(&e.body).Elem(), &n)
	e.body.Digest = sha256.Sum256(e.body.html)
	var l markdown.Link
	fill(reflect.ValueOf(&l).Elem(), &n)
	l.Dest += "#part" // read back with its fragment apart
	e.trace.calls = []resolved{resolved{link: l, href: "/a/", title: "A", err: "no", page: "a/", file: "a.png"}.withFragment()}

	path := filepath.Join(t.TempDir(), "bodies")
	terms := []markdown.Term{{Term: "t", Aliases: []string{"u"}, ID: "t", Definition: "d", Line: 1, Col: 2}}
	space := [32]byte{5: 7}
	w := newMemoWriter(path, "opts", "glossary/", terms, space, nil)
	w.add("a/", e)
	w.place(w.finish())
	f := openMemoFile(path)
	if f == nil {
		t.Fatal("the memo file does not read back")
	}
	defer f.close()
	if f.options != "opts" || f.glossURL != "glossary/" || !reflect.DeepEqual(f.terms, terms) || f.space != space {
		t.Errorf("header read back as %q %q %v %x", f.options, f.glossURL, f.terms, f.space)
	}
	got := f.entry("a/")
	if got == nil || got.from == (memoSpan{}) {
		t.Fatal("the entry does not read back whole")
	}
	// Read from the file too, as where it cannot be mapped: the same.
	if mapped := f.mapped; mapped != nil {
		f.mapped = nil
		read := f.entry("a/")
		f.mapped = mapped
		if !reflect.DeepEqual(read, got) {
			t.Errorf("the entry read from the file is\n%+v\nmapped\n%+v", read, got)
		}
	}
	if got.body.html != nil {
		t.Error("the entry's HTML was read with its head")
	}
	html, err := (&Result{}).HTML(got.body)
	if err != nil || string(html) != string(e.body.html) {
		t.Errorf("the entry's HTML reads back as %q, %v", html, err)
	}
	got.from, got.body.held, got.body.html = memoSpan{}, heldHTML{}, html
	if !reflect.DeepEqual(got, e) {
		t.Errorf("entry read back as\n%+v\nwant\n%+v", got, e)
	}
	if f.entry("b/") != nil {
		t.Error("an entry for a page the file does not hold")
	}
}

// memoTestEntry is an entry whose HTML is name's, 100 times.
func memoTestEntry(name string) *memoEntry {
	html := []byte("<p>" + strings.Repeat(name, 100) + "</p>")
	return &memoEntry{file: "content/" + name + ".md", title: name, body: Body{html: html, Words: len(name), Digest: sha256.Sum256(html)}}
}

// writeMemoFile writes a memo file at path with the entries of names,
// reused from last where it has them (nil for none), and returns it
// read back, and the writer.
func writeMemoFile(t *testing.T, path string, last *memoFile, names ...string) (*memoFile, *memoWriter) {
	t.Helper()
	w := newMemoWriter(path, "o", "", nil, [32]byte{}, last)
	for _, name := range names {
		e := last.entryOrNil(name + "/")
		if e == nil {
			e = memoTestEntry(name)
		}
		w.add(name+"/", e)
	}
	finished := w.finish()
	last.close()
	w.place(finished)
	f := openMemoFile(path)
	if f == nil {
		t.Fatalf("the memo file of %v does not read back", names)
	}
	return f, w
}

// entryOrNil is mf.entry, nil for a nil file.
func (mf *memoFile) entryOrNil(url string) *memoEntry {
	if mf == nil {
		return nil
	}
	return mf.entry(url)
}

// checkMemoEntries fails unless f holds the entries of names, and only
// those, each reading back whole, head and HTML.
func checkMemoEntries(t *testing.T, f *memoFile, names ...string) {
	t.Helper()
	if got := slices.Sorted(maps.Keys(f.at)); len(got) != len(names) {
		t.Errorf("the file holds %v; want %v", got, names)
	}
	for _, name := range names {
		got, want := f.entry(name+"/"), memoTestEntry(name)
		if got == nil {
			t.Errorf("%s does not read back", name)
			continue
		}
		html, err := (&Result{}).HTML(got.body)
		if err != nil || string(html) != string(want.body.html) || got.title != name || got.body.Words != 1 {
			t.Errorf("%s reads back as %q (%v), title %q", name, html, err, got.title)
		}
	}
}

// TestMemoFileKeepsEntries writes a memo file from the last one: the
// entries reused from it are kept as they are, the others written, and
// every entry, head and HTML, reads back from the file in place after.
// The file is appended to; while another build holds its lock, a new
// file is written instead, the reused entries copied over.
func TestMemoFileKeepsEntries(t *testing.T) {
	for _, locked := range []bool{false, true} {
		name := "appended"
		if locked {
			name = "new file, the last one locked"
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bodies")
			last, _ := writeMemoFile(t, path, nil, "a", "b", "c", "d")
			before, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if locked {
				other, err := os.OpenFile(path, os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer other.Close()
				if !lockMemoFile(other) {
					t.Skip("no lock on this system: every build writes a new memo file")
				}
			}
			// a, c and d are reused (a and c not side by side in the
			// last file, c and d side by side), b is gone and e is new.
			f, w := writeMemoFile(t, path, last, "d", "a", "c", "e")
			defer f.close()
			checkMemoEntries(t, f, "a", "c", "d", "e")
			if w.appending == locked {
				t.Errorf("appending %v with the last file locked %v", w.appending, locked)
			}
			after, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if same := os.SameFile(before, after); same == locked || !locked && after.Size() <= before.Size() {
				t.Errorf("the same file %v (%d bytes, %d before) with the last file locked %v", same, after.Size(), before.Size(), locked)
			}
			if names, _ := filepath.Glob(path + "-*"); len(names) > 0 {
				t.Errorf("left behind: %v", names)
			}
		})
	}
}

// needLock skips a test of appending where memo files cannot be locked:
// there every build writes a new file.
func needLock(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "probe"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !lockMemoFile(f) {
		t.Skip("no lock on this system: every build writes a new memo file")
	}
}

// TestMemoFileCutShort abandons a build's memo: the file appended to is
// cut back, and reads back as the last build left it.
func TestMemoFileCutShort(t *testing.T) {
	needLock(t)
	path := filepath.Join(t.TempDir(), "bodies")
	last, _ := writeMemoFile(t, path, nil, "a", "b")
	size := last.size
	w := newMemoWriter(path, "o", "", nil, [32]byte{}, last)
	if !w.appending {
		t.Fatal("not appending to the last file")
	}
	w.add("a/", last.entry("a/"))
	w.add("c/", memoTestEntry("c"))
	if err := w.w.Flush(); err != nil {
		t.Fatal(err)
	}
	last.close()
	w.place(false) // the render stopped before its end
	f := openMemoFile(path)
	if f == nil {
		t.Fatal("the memo file cut back does not read back")
	}
	defer f.close()
	if f.size != size {
		t.Errorf("cut back to %d bytes, from %d", f.size, size)
	}
	checkMemoEntries(t, f, "a", "b")
}

// TestMemoFileStartsAfresh rewrites an entry build after build: once the
// dead bytes outweigh the live ones, a build writes a new file, of the
// live entries alone.
func TestMemoFileStartsAfresh(t *testing.T) {
	needLock(t)
	path := filepath.Join(t.TempDir(), "bodies")
	f, _ := writeMemoFile(t, path, nil, "a", "b", "c")
	first := f.size
	for i := range 10 {
		var w *memoWriter
		// b and c reused, a rendered again: a's last entry is dead.
		f, w = writeMemoFile(t, path, f, "a", "b", "c")
		checkMemoEntries(t, f, "a", "b", "c")
		if !w.appending {
			if i < 2 {
				t.Errorf("a new file after %d builds, of %d bytes", i+1, f.size)
			}
			if f.size != first {
				t.Errorf("the new file is %d bytes; the first was %d", f.size, first)
			}
			f.close()
			return
		}
		if f.size-f.live > f.live+f.size/2 {
			t.Fatalf("%d dead bytes, %d live, and still appended to", f.size-f.live, f.live)
		}
	}
	f.close()
	t.Error("still appending after 10 builds")
}

// TestMemoFileHTMLChecked changes a byte of an entry's HTML in the file,
// its size kept: the body's digest catches it when the HTML is read back.
func TestMemoFileHTMLChecked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bodies")
	f, _ := writeMemoFile(t, path, nil, "a", "c")
	defer f.close()
	sp := f.at["c/"]
	w2, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w2.WriteAt([]byte("x"), sp.at+sp.head+5); err != nil {
		t.Fatal(err)
	}
	w2.Close()
	if html, err := (&Result{}).HTML(f.entry("c/").body); err == nil {
		t.Errorf("HTML changed in the file reads back as %q, without an error", html)
	}
}
