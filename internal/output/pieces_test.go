package output

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPutPiecesTakesRunsOfTheLastFile builds a file, then builds it
// again from new bytes and runs of the first: the file holds the pieces
// in order, the marker records its true checksum (combined, never read),
// the same pieces again leave it unchanged, and a last file touched
// since it was written is refused.
func TestPutPiecesTakesRunsOfTheLastFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := make([]byte, 300_000)
	for i := range first {
		first[i] = byte(i*7 + i/1000)
	}
	build := func(put func(d *Dir) error) (WriteStats, error) {
		d, err := OpenDir(dest, "")
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		if err := put(d); err != nil {
			return WriteStats{}, errors.Join(err, d.Abort())
		}
		return d.Commit()
	}
	if _, err := build(func(d *Dir) error { return d.Put("llms-full.txt", first) }); err != nil {
		t.Fatal(err)
	}
	run := func(off, size int64) Piece {
		return Piece{Off: off, Size: size, Sum: Checksum(first[off : off+size])}
	}
	pieces := []Piece{{Data: []byte("head\n")}, run(10, 100_000), {Data: []byte("new\n")}, run(200_000, 50_000), run(250_000, 0), {Data: []byte{}}}
	want := bytes.Join([][]byte{[]byte("head\n"), first[10:100_010], []byte("new\n"), first[200_000:250_000]}, nil)
	st, err := build(func(d *Dir) error { return d.PutPieces("llms-full.txt", pieces) })
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dest, "llms-full.txt")
	got, err := os.ReadFile(target)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("the assembled file has %d bytes (%v), want %d: the pieces in order", len(got), err, len(want))
	}
	if st.Written != 1 {
		t.Errorf("assembled: %d written, want 1", st.Written)
	}
	r := readManifest(dest).files["llms-full.txt"]
	if r.sum != Checksum(want) || r.size != int64(len(want)) {
		t.Errorf("the marker records %d bytes, checksum %016x; want %d, %016x", r.size, r.sum, len(want), Checksum(want))
	}

	// The same pieces, of the file just made: unchanged.
	first = want
	again := []Piece{{Data: want[:5]}, run(5, 100_000), {Data: want[100_005:100_009]}, run(100_009, int64(len(want))-100_009)}
	st, err = build(func(d *Dir) error { return d.PutPieces("llms-full.txt", again) })
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 0 || st.Unchanged != 1 {
		t.Errorf("the same bytes again: %d written, %d unchanged; want 0, 1", st.Written, st.Unchanged)
	}

	// Touched since: its runs may not hold what their checksums say.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(target, later, later); err != nil {
		t.Fatal(err)
	}
	if _, err := build(func(d *Dir) error { return d.PutPieces("llms-full.txt", again) }); err == nil {
		t.Error("runs of a file touched since the last build were taken")
	}
	if got, _ := os.ReadFile(target); !bytes.Equal(got, want) {
		t.Error("a refused build changed the file")
	}
}
