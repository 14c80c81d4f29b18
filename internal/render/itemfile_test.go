package render

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestItemsFile writes list entries and reads them back: the same
// entries (those made without errors), under the same options only; a
// byte changed anywhere in the file reads as none.
func TestItemsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bodies.items")
	m := itemMemo{
		base: "https://example.org/",
		urls: []string{"a/", "b/", "c/"},
		last: []itemEntry{
			{title: "A", description: "About a.", html: `<li><a href="/a/">A</a></li>`, ok: true},
			{title: "B", html: "failed", ok: false},
			{title: "C", description: "About c.", html: `<li><a href="/c/">C</a></li>`, ok: true},
		},
	}
	writeItems(path, "opts", &m)
	want := itemMemo{base: m.base, urls: []string{"a/", "c/"}, last: []itemEntry{m.last[0], m.last[2]}}
	if got := readItems(path, "opts"); !reflect.DeepEqual(got, want) {
		t.Errorf("read back as\n%+v\nwant\n%+v", got, want)
	}
	if got := readItems(path, "other"); got.last != nil {
		t.Errorf("read under other options: %+v", got)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(data, []byte("About c"))
	data[at] = 'a' // still a well-formed file: only the checksum finds it
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readItems(path, "opts"); got.last != nil {
		t.Errorf("a changed byte read as %+v", got)
	}
	if got := readItems(filepath.Join(t.TempDir(), "none"), "opts"); got.last != nil {
		t.Errorf("no file read as %+v", got)
	}
}
