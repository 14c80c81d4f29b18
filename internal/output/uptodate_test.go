package output

import (
	"path/filepath"
	"testing"
)

// TestHoldsBuild tells a folder a build wrote from an empty one and a
// missing one.
func TestHoldsBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if HoldsBuild(dest) {
		t.Error("a missing folder holds a build")
	}
	if _, err := WriteDir(dest, map[string][]byte{"index.html": []byte("<p>hi</p>")}); err != nil {
		t.Fatal(err)
	}
	if !HoldsBuild(dest) {
		t.Error("a folder a build wrote does not hold one")
	}
	if HoldsBuild(t.TempDir()) {
		t.Error("an empty folder holds a build")
	}
}
