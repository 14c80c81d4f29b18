package render

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestSpill keeps pages' HTML past a budget in the scratch file and reads
// it back byte for byte; the file leaves nothing in its folder.
func TestSpill(t *testing.T) {
	dir := t.TempDir()
	sp := NewSpill(dir, int64(len("<p>first</p>")))
	if sp == nil {
		t.Fatal("no spill file")
	}
	defer sp.Close()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the spill file is still in its folder: %v", entries)
	}
	pages := []string{"<p>first</p>", "<p>second, past the budget</p>", "", "<p>third</p>"}
	bodies := make([]Body, len(pages))
	for i, html := range pages {
		bodies[i].html = []byte(html)
		sp.keep(&bodies[i])
		if want := i >= 1; sp.Spilled() != want {
			t.Errorf("after page %d, Spilled says %v", i, !want)
		}
	}
	if (*Spill)(nil).Spilled() {
		t.Error("no spill file, and Spilled says the build spilled")
	}
	for i, b := range bodies {
		if spilled := b.html == nil && pages[i] != ""; spilled != (i == 1 || i == 3) {
			t.Errorf("page %d: spilled %v; want only the pages past the budget", i, spilled)
		}
		got, err := (&Result{}).HTML(b)
		if err != nil || !bytes.Equal(got, []byte(pages[i])) {
			t.Errorf("page %d read back as %q, %v; want %q", i, got, err, pages[i])
		}
	}
}

// TestSpillCountsHeldHTML: a body reused with its HTML left in the memo
// file counts towards the budget, so that Spilled still says the site's
// HTML is large, and stays where it is.
func TestSpillCountsHeldHTML(t *testing.T) {
	sp := NewSpill(t.TempDir(), 10)
	if sp == nil {
		t.Fatal("no spill file")
	}
	defer sp.Close()
	held := heldHTML{in: strings.NewReader(strings.Repeat("x", 20)), size: 20}
	b := Body{held: held}
	sp.keep(&b)
	if !sp.Spilled() {
		t.Error("20 bytes of HTML held in another file, and Spilled says the build is under its budget of 10")
	}
	if b.held != held {
		t.Errorf("the held body moved: %+v", b.held)
	}
}
