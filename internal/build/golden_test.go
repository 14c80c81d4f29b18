package build

import (
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected files of golden tests")

// TestGolden builds each site in testdata/golden/*.txtar. An archive holds a
// whole small site (config.toml, content/, themes/...) and, under want/, the
// output files expected byte for byte; the file want/FILES lists every
// output path, so a file produced by mistake fails the test too.
// go test -run Golden -update rewrites the want/ files from the output.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden archives")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site, want := splitArchive(ar)
			addMiniTheme(t, site)
			res, err := Build(site, Options{})
			if err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			got := map[string]string{"FILES": strings.Join(slices.Sorted(maps.Keys(res.Files)), "\n") + "\n"}
			for p, b := range res.Files {
				if _, listed := want[p]; listed || *update && wantedOnUpdate(p) {
					got[p] = string(b)
				}
			}
			if *update {
				rewriteArchive(t, file, ar, got)
				return
			}
			for p, w := range want {
				g, ok := got[p]
				switch {
				case !ok:
					t.Errorf("%s: not produced", p)
				case g != w:
					t.Errorf("%s differs:\n--- got ---\n%s\n--- want ---\n%s", p, g, w)
				}
			}
		})
	}
}

// wantedOnUpdate chooses which outputs -update records: pages, feeds and
// generated text, not copied static files.
func wantedOnUpdate(p string) bool {
	return strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md") || p == "CNAME"
}

func splitArchive(ar *txtar.Archive) (fstest.MapFS, map[string]string) {
	site := fstest.MapFS{}
	want := map[string]string{}
	for _, f := range ar.Files {
		if p, ok := strings.CutPrefix(f.Name, "want/"); ok {
			want[p] = string(f.Data)
			continue
		}
		site[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return site, want
}

// addMiniTheme puts testdata/mini in the site as themes/mini, the small
// theme goldens use so that they pin the pipeline rather than the default
// theme's markup.
func addMiniTheme(t *testing.T, site fstest.MapFS) {
	err := filepath.WalkDir("testdata/mini", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel("testdata/mini", p)
		site["themes/mini/"+filepath.ToSlash(rel)] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func rewriteArchive(t *testing.T, file string, ar *txtar.Archive, got map[string]string) {
	var kept []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			kept = append(kept, f)
		}
	}
	for _, p := range slices.Sorted(maps.Keys(got)) {
		kept = append(kept, txtar.File{Name: "want/" + p, Data: []byte(got[p])})
	}
	ar.Files = kept
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}
