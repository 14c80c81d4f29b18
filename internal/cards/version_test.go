package cards

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "record the fingerprints of the cards' pixels and bytes in testdata/drawing.txt")

// TestVersionPinsTheDrawing: the pixels of the sample cards, and the
// bytes of their PNGs, are recorded with the Version that made them. A
// change of the drawing or of the encoding changes them; unless Version
// changes too, a cache would go on handing out cards made the old way,
// so the test fails until it is bumped (and the new fingerprints
// recorded with -update).
func TestVersionPinsTheDrawing(t *testing.T) {
	const file = "testdata/drawing.txt"
	p := newPainter(t)
	pixels, encoded := sha256.New(), sha256.New()
	cards := sampleCards()
	for _, name := range slices.Sorted(maps.Keys(cards)) {
		img := p.Image(cards[name])
		for _, c := range img.Palette {
			r, g, b, a := c.RGBA()
			fmt.Fprintf(pixels, "%d %d %d %d\n", r, g, b, a)
		}
		pixels.Write(img.Pix)
		data, err := p.PNG(cards[name])
		if err != nil {
			t.Fatal(err)
		}
		encoded.Write(data)
	}
	got := fmt.Sprintf("version %d %s %s %s\n", Version, runtime.GOARCH, hex.EncodeToString(pixels.Sum(nil)), hex.EncodeToString(encoded.Sum(nil)))
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := string(data)
	var version int
	var arch, pixelSum, byteSum string
	if _, err := fmt.Sscanf(want, "version %d %s %s %s", &version, &arch, &pixelSum, &byteSum); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if arch != runtime.GOARCH {
		t.Skipf("the fingerprint was taken on %s; pixels may differ on %s", arch, runtime.GOARCH)
	}
	switch {
	case got == want:
	case version == Version:
		t.Errorf("the cards' pixels or bytes changed, and Version is still %d: bump cards.Version, then run go test ./internal/cards -run VersionPins -update", Version)
	default:
		t.Errorf("Version is %d, %s records %d: run go test ./internal/cards -run VersionPins -update", Version, file, version)
	}
}
