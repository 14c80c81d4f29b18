package output

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestManifestLines writes a manifest and reads it back: the same
// records, each on a line "size mtime sum name" with the sum in sixteen
// hexadecimal digits, as fmt's "%d %d %016x %s" makes it.
func TestManifestLines(t *testing.T) {
	dest := t.TempDir()
	m := manifest{fingerprint: "fp", commit: "c1", files: map[string]record{
		"index.html":        {size: 0, mtime: -5, sum: 0xab},
		"a/b/index.html":    {size: 1 << 40, mtime: 1_700_000_000_123_456_789, sum: math.MaxUint64},
		"tags/x y/index.md": {size: 12, mtime: 0, sum: 1 << 60},
		"search/k/abc.json": {size: 7, mtime: 42, sum: 0},
	}}
	if err := m.write(dest); err != nil {
		t.Fatal(err)
	}
	if got := readManifest(dest); !reflect.DeepEqual(got, m) {
		t.Errorf("read back as %+v\nwant %+v", got, m)
	}
	data, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range m.files {
		if line := fmt.Sprintf("%d %d %016x %s\n", r.size, r.mtime, r.sum, name); !strings.Contains(string(data), line) {
			t.Errorf("no line %q in\n%s", line, data)
		}
	}

	// A marker written with CRLF line ends reads the same; one without
	// its fingerprint line, or naming a file outside the folder, reads
	// as no manifest.
	crlf := strings.ReplaceAll(string(data), "\n", "\r\n")
	for text, want := range map[string]int{
		crlf: len(m.files),
		markerHead + "1 2 00000000000000ab index.html\n":                     0,
		markerHead + "fingerprint x\n1 2 00000000000000ab ../outside.html\n": 0,
		markerHead + "fingerprint x\n1 2 00000000000000ab a.html\n1 2 x b\n": 0,
		markerHead + "fingerprint x\n1 2 00000000000000ab a.html":            1,
	} {
		if err := os.WriteFile(filepath.Join(dest, Marker), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		got := readManifest(dest)
		if len(got.files) != want || text == crlf && !reflect.DeepEqual(got, m) {
			t.Errorf("%q read as %+v; want %d files", text, got, want)
		}
	}
}
