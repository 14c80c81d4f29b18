package output

import "testing"

// TestMemoryPut: bytes handed to Put are copied (a caller may reuse its
// buffer), but the last build's own bytes of a path, carried over by a
// rebuild, are kept shared, as Keep keeps them.
func TestMemoryPut(t *testing.T) {
	last := map[string][]byte{"a.html": []byte("old a"), "b.json": []byte("old b")}
	m := NewMemory(last)
	buf := []byte("new a")
	if err := m.Put("a.html", buf); err != nil {
		t.Fatal(err)
	}
	buf[0] = 'X'
	if got := string(m.Files()["a.html"]); got != "new a" {
		t.Errorf("a.html = %q after the caller reused its buffer; want a copy, %q", got, "new a")
	}
	if err := m.Put("b.json", last["b.json"]); err != nil {
		t.Fatal(err)
	}
	if got := m.Files()["b.json"]; &got[0] != &last["b.json"][0] {
		t.Error("b.json, put with the last build's own bytes, was copied; want them shared")
	}
	same := []byte("old b") // equal bytes, but not the last build's
	if err := m.Put("b.json", same); err != nil {
		t.Fatal(err)
	}
	if got := m.Files()["b.json"]; &got[0] == &same[0] {
		t.Error("b.json, put with a caller's buffer, was not copied")
	}
}
