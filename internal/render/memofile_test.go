package render

import (
	"path/filepath"
	"reflect"
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
	var l markdown.Link
	fill(reflect.ValueOf(&l).Elem(), &n)
	e.trace.calls = []resolved{{link: l, href: "/a/", title: "A", err: "no", page: "a/", file: "a.png"}}

	path := filepath.Join(t.TempDir(), "bodies")
	terms := []markdown.Term{{Term: "t", Aliases: []string{"u"}, ID: "t", Definition: "d", Line: 1, Col: 2}}
	space := [32]byte{5: 7}
	w := newMemoWriter(path, "opts", "glossary/", terms, space)
	w.add("a/", e)
	w.finish()
	f := openMemoFile(path)
	if f == nil {
		t.Fatal("the memo file does not read back")
	}
	defer f.close()
	if f.options != "opts" || f.glossURL != "glossary/" || !reflect.DeepEqual(f.terms, terms) || f.space != space {
		t.Errorf("header read back as %q %q %v %x", f.options, f.glossURL, f.terms, f.space)
	}
	got := f.entry("a/")
	if got == nil || got.raw == nil {
		t.Fatal("the entry does not read back whole")
	}
	got.raw = nil
	if !reflect.DeepEqual(got, e) {
		t.Errorf("entry read back as\n%+v\nwant\n%+v", got, e)
	}
	if f.entry("b/") != nil {
		t.Error("an entry for a page the file does not hold")
	}
}
