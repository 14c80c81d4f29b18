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
}
