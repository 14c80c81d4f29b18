package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The related lists are taken from the cache folder after a text edit,
// which changes none, and worked out again after a title edit, which
// can; either way the folder is a fresh build's.
func TestBuildDirKeepsRelated(t *testing.T) {
	dir, dest, opt, first := builtWithCache(t)
	if first.RelatedReused {
		t.Fatal("the first build took related lists from an empty cache folder")
	}
	if readRelated(opt.CacheDir) == nil {
		t.Fatal("the first build kept no related lists")
	}
	file := filepath.Join(dir, "content", "docs", "a5.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Text of page 5."), []byte("Other text of page 5."), 1))
	res, _, err := BuildDir(os.DirFS(dir), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	if !res.RelatedReused {
		t.Error("after a text edit, the related lists were worked out again")
	}
	folderSameAsFresh(t, dest, dir)
	file = filepath.Join(dir, "content", "docs", "a20.md")
	src, _ = os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Page 20"), []byte("Renamed"), 1))
	if res, _, err = BuildDir(os.DirFS(dir), opt, dest); err != nil {
		t.Fatal(err)
	}
	if res.RelatedReused {
		t.Error("after a title edit, the last build's related lists were taken")
	}
	folderSameAsFresh(t, dest, dir)
}

// Lists changed in the file without its checksum are refused: taken,
// they would give pages related articles a fresh build does not.
func TestBuildDirRelatedChecked(t *testing.T) {
	dir, dest, opt, _ := builtWithCache(t)
	p := filepath.Join(opt.CacheDir, relatedFile)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	head := len(relatedHead())
	body := data[head+sha256.Size : len(data)-4]
	lists, err := decodeLists(body)
	if err != nil {
		t.Fatal(err)
	}
	swapped := false
	for _, l := range lists {
		if len(l) >= 2 {
			l[0], l[1] = l[1], l[0]
			swapped = true
		}
	}
	if !swapped {
		t.Fatal("no list has two articles: the test shows nothing")
	}
	damaged := slices.Concat(data[:head+sha256.Size], encodeLists(nil, lists), data[len(data)-4:])
	writeFile(t, p, damaged)
	res, _, err := BuildDir(os.DirFS(dir), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	if res.RelatedReused {
		t.Error("lists that fail their checksum were taken")
	}
	folderSameAsFresh(t, dest, dir)
}

func TestListsEncoding(t *testing.T) {
	lists := [][]int32{{}, {1, 2, 3}, {1 << 30}, nil, {0}}
	got, err := decodeLists(encodeLists(nil, lists))
	if err != nil || len(got) != len(lists) {
		t.Fatalf("%v, %v", got, err)
	}
	for i := range lists {
		if !slices.Equal(got[i], lists[i]) {
			t.Errorf("list %d: %v, want %v", i, got[i], lists[i])
		}
	}
	enc := encodeLists(nil, lists)
	for n := range len(enc) {
		if _, err := decodeLists(enc[:n]); err == nil {
			t.Errorf("cut to %d bytes: no error", n)
		}
	}
	if _, err := decodeLists(binary.AppendUvarint(enc, 1)); err == nil {
		t.Error("a byte past the end: no error")
	}
}
