package content

import (
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// TestWithChangesIsAWalk makes random changes to a content folder
// (pages and assets added and removed, folders made and removed, names
// that clash or are hidden, files that come and go at once), names the
// paths each touched as a watcher would, and checks that whenever
// withChanges takes the changes, its listing is the one a new walk
// finds, name checks included.
func TestWithChangesIsAWalk(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(3, 4))
	site := os.DirFS(dir)
	abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	writeFile := func(p string) {
		if err := os.MkdirAll(filepath.Dir(abs(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs(p), []byte("+++\ntitle = \"x\"\n+++\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFile("content/_index.md")
	writeFile("content/a/one.md")
	writeFile("content/b-c/two.md")
	names := []string{"x.md", "y.md", "X.md", "z z.md", ".h.md", "t.md~", "pic.png", "a.md", "a-b.md", "a", "b", "_index.md"}
	folders := func() []string {
		var out []string
		filepath.WalkDir(abs("content"), func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		return out
	}
	files := func() []string {
		var out []string
		filepath.WalkDir(abs("content"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		return out
	}
	last := list(site)
	taken := 0
	for step := range 600 {
		named := map[string]bool{}
		for range 1 + rng.IntN(2) {
			fs := folders()
			switch rng.IntN(7) {
			case 0, 1: // a file in a folder that is there
				p := path.Join(fs[rng.IntN(len(fs))], names[rng.IntN(len(names))])
				if info, err := os.Stat(abs(p)); err == nil && info.IsDir() {
					continue
				}
				writeFile(p)
				named[p] = true
			case 2, 3: // a file removed
				if all := files(); len(all) > 0 {
					p := all[rng.IntN(len(all))]
					os.Remove(abs(p))
					named[p] = true
				}
			case 4: // a file in a new folder
				f := path.Join(fs[rng.IntN(len(fs))], names[rng.IntN(len(names))])
				if _, err := os.Stat(abs(f)); err == nil {
					continue
				}
				p := path.Join(f, "n.md")
				writeFile(p)
				named[f], named[p] = true, true
			case 5: // a folder removed
				if f := fs[rng.IntN(len(fs))]; f != "content" {
					os.RemoveAll(abs(f))
					named[f] = true
				}
			case 6: // a file come and gone, or one edited
				p := path.Join(fs[rng.IntN(len(fs))], names[rng.IntN(len(names))])
				if _, err := os.Stat(abs(p)); err != nil {
					writeFile(p)
					os.Remove(abs(p))
				} else if info, _ := os.Stat(abs(p)); !info.IsDir() {
					writeFile(p)
				}
				named[p] = true
			}
		}
		want := list(site)
		got, ok := last.withChanges(site, named)
		if ok {
			taken++
			if !slices.Equal(got.files, want.files) || !slices.Equal(got.assets, want.assets) || !slices.Equal(got.errs, want.errs) ||
				!reflect.DeepEqual(got.names.folded, want.names.folded) || !reflect.DeepEqual(got.names.urlOnly, want.names.urlOnly) ||
				len(got.names.clashes) != len(want.names.clashes) {
				t.Fatalf("step %d, named %v:\nwithChanges %q %q %v\na walk      %q %q %v", step, named, got.files, got.assets, got.errs, want.files, want.assets, want.errs)
			}
			last = got
		} else {
			last = want
		}
	}
	if taken < 100 {
		t.Errorf("withChanges took %d of 600 steps: the test no longer reaches it", taken)
	}
}

func TestWalkOrder(t *testing.T) {
	want := []string{"content/a", "content/a/x.md", "content/a-b.md", "content/a.md", "content/a.md/y.md", "content/b"}
	got := slices.Clone(want)
	rand.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
	slices.SortFunc(got, walkOrder)
	if !slices.Equal(got, want) {
		t.Errorf("sorted by walkOrder: %q, want %q", got, want)
	}
}
