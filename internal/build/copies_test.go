package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/sitefiles"
)

// openLastLLMsFull finds each article's copy in the llms-full.txt the last
// build wrote, even where a copy holds the very break that comes between
// copies, and after pages were removed, added and reordered since.
func TestLastLLMsFullFindsEachCopy(t *testing.T) {
	dir := reuseSite(t)
	writeFile(t, filepath.Join(dir, "content", "docs", "a5.md"),
		[]byte("+++\ntitle = \"Page 05\"\nweight = 5\n+++\nBefore the break.\n\n---\n\nAfter it.\n"))
	dest := filepath.Join(t.TempDir(), "public")
	res, _, err := BuildDir(os.DirFS(dir), Options{}, dest)
	if err != nil {
		t.Fatal(err)
	}
	lastCopies := map[string][]byte{} // the last build's copies, by page URL
	for _, p := range sitefiles.LLMsFullArticles(res.Site) {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p.MarkdownURL())))
		if err != nil {
			t.Fatal(err)
		}
		lastCopies[p.URL] = data
	}
	found := func(s *site.Site, want int) {
		t.Helper()
		d, err := output.OpenDir(dest, "")
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		articles := sitefiles.LLMsFullArticles(s)
		last := openLastLLMsFull(output.NewTree(d), s, articles)
		if last == nil {
			t.Fatal("llms-full.txt was not opened")
		}
		defer last.close()
		if len(last.at) != want {
			t.Errorf("%d copies found, want %d", len(last.at), want)
		}
		for _, p := range articles {
			at, ok := last.at[p]
			var got []byte
			if ok {
				// The run: the break, then the copy.
				got = make([]byte, at.off+at.size-at.brk)
				if _, err := last.f.ReadAt(got, at.brk); err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(got, []byte(sitefiles.LLMsFullBreak)) || output.Checksum(got) != output.Cut(last.sums[at.off+at.size], last.sums[at.brk], int64(len(got))) {
					t.Errorf("%s's run does not start with a break, or its checksum is not its bytes'", p.URL)
				}
				got = got[at.off-at.brk:]
			}
			if want, had := lastCopies[p.URL]; ok != had || !bytes.Equal(got, want) {
				t.Errorf("%s's last copy read as %q (%t), want %q (%t)", p.URL, got, ok, want, had)
			}
		}
	}
	found(res.Site, len(lastCopies))
	// One article removed, one added, and the first moved last: the
	// copies are where the last build put them.
	if err := os.Remove(filepath.Join(dir, "content", "docs", "a10.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "content", "docs", "new.md"), []byte("+++\ntitle = \"New\"\nweight = 15\n+++\nNew text.\n"))
	src, _ := os.ReadFile(filepath.Join(dir, "content", "docs", "a1.md"))
	writeFile(t, filepath.Join(dir, "content", "docs", "a1.md"), bytes.Replace(src, []byte("weight = 1\n"), []byte("weight = 99\n"), 1))
	next, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if first := sitefiles.LLMsFullArticles(next.Site)[0]; first.URL == "docs/a1/" {
		t.Fatal("a1 did not move")
	}
	found(next.Site, len(lastCopies)-1)
}

// A copy is taken from the last llms-full.txt only when its bytes there
// are those of its own file: here they were changed behind the build's
// back, with the file's size and time kept.
func TestBuildDirCopiesCheckedAgainstTheirFiles(t *testing.T) {
	dir := reuseSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{CacheDir: filepath.Join(dir, CacheDir)}
	if _, _, err := BuildDir(os.DirFS(dir), opt, dest); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(dest, sitefiles.LLMsFullFile)
	data, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(full)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("Text of page 21.")) {
		t.Fatal("llms-full.txt lacks page 21's text")
	}
	writeFile(t, full, bytes.Replace(data, []byte("Text of page 21."), []byte("Text of page 99."), 1))
	if err := os.Chtimes(full, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	buildAfterEditingPage30(t, dir, dest, opt)
}

// After an article is removed, and a copy's own file was edited by hand,
// whatever the build keeps, llms-full.txt is a fresh build's.
func TestBuildDirCopiesAfterARemovedPage(t *testing.T) {
	dir := reuseSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{CacheDir: filepath.Join(dir, CacheDir)}
	if _, _, err := BuildDir(os.DirFS(dir), opt, dest); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content", "docs", "a10.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dest, "docs", "a7", "index.md"), []byte("edited by hand"))
	if _, _, err := BuildDir(os.DirFS(dir), opt, dest); err != nil {
		t.Fatal(err)
	}
	folderSameAsFresh(t, dest, dir)
}

// After an edit, llms-full.txt is made from runs of the last one and the
// edited page's new copy, and the marker records its true checksum,
// combined from the runs' and never read: a build after a file was saved
// again unchanged then writes nothing.
func TestBuildDirAssemblesLLMsFullFromTheLast(t *testing.T) {
	dir := reuseSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{CacheDir: filepath.Join(dir, CacheDir)}
	if _, _, err := BuildDir(os.DirFS(dir), opt, dest); err != nil {
		t.Fatal(err)
	}
	buildAfterEditingPage30(t, dir, dest, opt)
	other := filepath.Join(dir, "content", "docs", "a5.md")
	src, _ := os.ReadFile(other)
	later := time.Now().Add(time.Minute)
	writeFile(t, other, src)
	if err := os.Chtimes(other, later, later); err != nil {
		t.Fatal(err)
	}
	_, st, err := BuildDir(os.DirFS(dir), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 0 {
		t.Errorf("a page saved again unchanged: %d files written, want 0 (llms-full.txt's recorded checksum is not its bytes')", st.Written)
	}
}

// buildAfterEditingPage30 edits the text of reuseSite's page a30 and
// builds dir into dest again, which must then be a fresh build's.
func buildAfterEditingPage30(t *testing.T, dir, dest string, opt Options) {
	t.Helper()
	file := filepath.Join(dir, "content", "docs", "a30.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Text of page 30."), []byte("Text of lamp 30."), 1))
	if _, _, err := BuildDir(os.DirFS(dir), opt, dest); err != nil {
		t.Fatal(err)
	}
	folderSameAsFresh(t, dest, dir)
}
