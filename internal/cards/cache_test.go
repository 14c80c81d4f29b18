package cards

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCacheDrawsOnce: a card is drawn once, then read from the folder,
// by the same cache or a new one (another run of kb), byte for byte.
func TestCacheDrawsOnce(t *testing.T) {
	p := newPainter(t)
	dir := filepath.Join(t.TempDir(), "cards") // made on the first write
	c := benchCard()
	key := Key(c)
	first, drawn, err := NewCache(dir, false).Get(p, key, c, nil)
	if err != nil || !drawn {
		t.Fatalf("first Get: drawn %t, %v; want drawn", drawn, err)
	}
	for _, cache := range []*Cache{NewCache(dir, false), NewCache(dir, true)} {
		again, drawn, err := cache.Get(p, key, c, nil)
		if err != nil || drawn || !bytes.Equal(again, first) {
			t.Fatalf("Get from the folder: drawn %t, %v, same bytes %t", drawn, err, bytes.Equal(again, first))
		}
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{key + ".png"}) {
		t.Errorf("the folder holds %q, want only the card", names)
	}
}

// TestMemoryCache: without a folder, a cache that keeps cards in memory
// draws each once; one that does not keeps nothing.
func TestMemoryCache(t *testing.T) {
	p := newPainter(t)
	c := benchCard()
	key := Key(c)
	mem := NewCache("", true)
	mem.Get(p, key, c, nil)
	if _, drawn, _ := mem.Get(p, key, c, nil); drawn {
		t.Error("a memory cache drew a card twice")
	}
	none := NewCache("", false)
	none.Get(p, key, c, nil)
	if _, drawn, _ := none.Get(p, key, c, nil); !drawn {
		t.Error("a cache with neither folder nor memory reused a card")
	}
	mem.Retain(map[string]bool{})
	if _, drawn, _ := mem.Get(p, key, c, nil); !drawn {
		t.Error("a card Retain let go was not drawn again")
	}
}

// TestCutShortFileIsDrawnAgain: a card file that is not a whole PNG (a
// crash, a full disk) is not published: the card is drawn again and
// the file replaced.
func TestCutShortFileIsDrawnAgain(t *testing.T) {
	p := newPainter(t)
	dir := t.TempDir()
	c := benchCard()
	key := Key(c)
	want, _, _ := NewCache(dir, false).Get(p, key, c, nil)
	file := filepath.Join(dir, key+".png")
	if err := os.WriteFile(file, want[:len(want)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	got, drawn, err := NewCache(dir, false).Get(p, key, c, nil)
	if err != nil || !drawn || !bytes.Equal(got, want) {
		t.Fatalf("drawn %t, %v, whole %t; want a fresh draw", drawn, err, bytes.Equal(got, want))
	}
	if onDisk, _ := os.ReadFile(file); !bytes.Equal(onDisk, want) {
		t.Error("the cut-short file was not replaced")
	}
}

// TestPruneRemovesOnlyStaleCards: Prune removes the cards not kept and
// files left by a stopped write, and nothing else.
func TestPruneRemovesOnlyStaleCards(t *testing.T) {
	p := newPainter(t)
	dir := t.TempDir()
	cache := NewCache(dir, false)
	a, b := benchCard(), benchCard()
	b.Title = "Another title"
	cache.Get(p, Key(a), a, nil)
	cache.Get(p, Key(b), b, nil)
	for _, name := range []string{tempPrefix + "123", "notes.txt", "short.png"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := cache.Prune(map[string]bool{Key(a): true}); err != nil {
		t.Fatal(err)
	}
	want := []string{Key(a) + ".png", "notes.txt", "short.png"}
	slices.Sort(want)
	if got := dirNames(t, dir); !slices.Equal(got, want) {
		t.Errorf("after Prune: %q, want %q", got, want)
	}
	if err := NewCache(filepath.Join(dir, "missing"), false).Prune(nil); err != nil {
		t.Errorf("Prune of a folder never made: %v", err)
	}
}

// TestUnwritableFolder: a folder that cannot be written costs the cache,
// not the card; WriteError says why.
func TestUnwritableFolder(t *testing.T) {
	p := newPainter(t)
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cache := NewCache(filepath.Join(file, "cards"), false)
	c := benchCard()
	data, _, err := cache.Get(p, Key(c), c, nil)
	if err != nil || len(data) == 0 {
		t.Fatalf("Get: %d bytes, %v", len(data), err)
	}
	if cache.WriteError() == nil {
		t.Error("no WriteError for a folder under a file")
	}
}

// TestKeyCoversEveryInput: changing any field of a card changes its key.
func TestKeyCoversEveryInput(t *testing.T) {
	base := benchCard()
	if Key(base) != Key(benchCard()) {
		t.Fatal("equal cards, different keys")
	}
	changes := []func(*Card){
		func(c *Card) { c.Site += "x" },
		func(c *Card) { c.Section += "x" },
		func(c *Card) { c.Title += "x" },
		func(c *Card) { c.Description += "x" },
		func(c *Card) { c.Footer += "x" },
		func(c *Card) { c.Colors.Background.R ^= 1 },
		func(c *Card) { c.Colors.Band.G ^= 1 },
		func(c *Card) { c.Colors.Rule.B ^= 1 },
		func(c *Card) { c.Colors.Text.R ^= 1 },
		func(c *Card) { c.Colors.Muted.G ^= 1 },
		func(c *Card) { c.Colors.Accent.B ^= 1 },
		// The same letters, in other fields.
		func(c *Card) { c.Site, c.Section = c.Site+c.Section, "" },
	}
	seen := map[string]int{Key(base): -1}
	for i, change := range changes {
		c := benchCard()
		change(&c)
		k := Key(c)
		if j, dup := seen[k]; dup {
			t.Errorf("change %d gives the key of %d", i, j)
		}
		seen[k] = i
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestCacheLinksTheOutput: a drawn card that put wrote to a file is kept
// as a hard link to it, and stays whole when the output's file is later
// replaced (as a build replaces it), and a card read from the folder is
// put with its file; where no link can be made (no such file, or a file
// cut short already in its place), the card's bytes are written
// instead.
func TestCacheLinksTheOutput(t *testing.T) {
	p := newPainter(t)
	dir, out := t.TempDir(), t.TempDir()
	if err := os.Link(writeTemp(t, out, "probe", nil), filepath.Join(out, "probe-link")); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	c := benchCard()
	key := Key(c)
	output := filepath.Join(out, "card.png")
	cache := NewCache(dir, false)
	data, drawn, err := cache.Get(p, key, c, func(data []byte, _ string) string { return writeTemp(t, out, "card.png", data) })
	if err != nil || !drawn {
		t.Fatalf("Get: drawn %t, %v", drawn, err)
	}
	if !sameFile(t, output, cache.file(key)) {
		t.Error("the drawn card was not kept as a link to the output's file")
	}
	// A rebuild puts a new file in the output's place by renaming.
	if err := os.Rename(writeTemp(t, out, "staged", []byte("another card")), output); err != nil {
		t.Fatal(err)
	}
	var from string
	got, drawn, _ := NewCache(dir, false).Get(p, key, c, func(_ []byte, f string) string { from = f; return "" })
	if drawn || !bytes.Equal(got, data) {
		t.Errorf("after the output's file was replaced: drawn %t, same bytes %t", drawn, bytes.Equal(got, data))
	}
	if from != cache.file(key) {
		t.Errorf("a card from the folder was put from %q, want its file %q", from, cache.file(key))
	}

	for name, file := range map[string]func(key string) string{
		"no such file": func(string) string { return filepath.Join(out, "missing.png") },
		"a file cut short in the cache": func(key string) string {
			writeTemp(t, dir, key+".png", data[:100])
			return writeTemp(t, out, "whole.png", data)
		},
	} {
		cache := NewCache(dir, false)
		b := c
		b.Title = name
		key := Key(b)
		want, _, _ := cache.Get(p, key, b, func([]byte, string) string { return file(key) })
		if got, err := os.ReadFile(cache.file(key)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: the cache's file does not hold the card (%v)", name, err)
		}
	}
}

func writeTemp(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	ai, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	bi, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	return os.SameFile(ai, bi)
}
