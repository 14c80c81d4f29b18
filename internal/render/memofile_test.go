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

// TestMemoFileCopiesKeptEntries writes a memo file from the last one:
// entries reused from it are copied over as they are, the others are
// written, and every entry, head and HTML, reads back from the new file
// once it has replaced the last.
func TestMemoFileCopiesKeptEntries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bodies")
	entry := func(name string) *memoEntry {
		html := []byte("<p>" + strings.Repeat(name, 100) + "</p>")
		return &memoEntry{file: "content/" + name + ".md", title: name, body: Body{html: html, Words: len(name), Digest: sha256.Sum256(html)}}
	}
	w := newMemoWriter(path, "o", "", nil, [32]byte{}, nil)
	for _, name := range []string{"a", "b", "c", "d"} {
		w.add(name+"/", entry(name))
	}
	w.place(w.finish())
	last := openMemoFile(path)
	if last == nil {
		t.Fatal("the first file does not read back")
	}
	// a, c and d are reused (a and c not side by side in the last file,
	// c and d side by side), b is gone and e is new.
	w = newMemoWriter(path, "o", "", nil, [32]byte{}, last.f)
	for _, name := range []string{"d", "a", "c"} {
		w.add(name+"/", last.entry(name+"/"))
	}
	w.add("e/", entry("e"))
	finished := w.finish()
	last.close()
	w.place(finished)
	f := openMemoFile(path)
	if f == nil {
		t.Fatal("the second file does not read back")
	}
	defer f.close()
	if len(f.at) != 4 || f.entry("b/") != nil {
		t.Errorf("the second file holds %v; want a, c, d and e", slices.Sorted(maps.Keys(f.at)))
	}
	for _, name := range []string{"a", "c", "d", "e"} {
		got, want := f.entry(name+"/"), entry(name)
		if got == nil {
			t.Errorf("%s does not read back", name)
			continue
		}
		html, err := (&Result{}).HTML(got.body)
		if err != nil || string(html) != string(want.body.html) || got.title != name || got.body.Words != 1 {
			t.Errorf("%s reads back as %q (%v), title %q", name, html, err, got.title)
		}
	}
	if names, _ := filepath.Glob(path + "-*"); len(names) > 0 {
		t.Errorf("left behind: %v", names)
	}

	// A byte of HTML changed in the file, its size kept: the body's
	// digest catches it when the HTML is read back.
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
