package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/sitefiles"
)

// openLastLLMsFull finds each article's copy in the llms-full.txt the last
// build wrote, by the sizes of the copies' own files, even where a copy
// holds the very break that comes between copies.
func TestLastLLMsFullFindsEachCopy(t *testing.T) {
	dir := reuseSite(t)
	writeFile(t, filepath.Join(dir, "content", "docs", "a5.md"),
		[]byte("+++\ntitle = \"Page 05\"\n+++\nBefore the break.\n\n---\n\nAfter it.\n"))
	dest := filepath.Join(t.TempDir(), "public")
	res, _, err := BuildDir(os.DirFS(dir), Options{}, dest)
	if err != nil {
		t.Fatal(err)
	}
	d, err := output.OpenDir(dest, "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	articles := sitefiles.LLMsFullArticles(res.Site)
	last := openLastLLMsFull(output.NewTree(d), articles)
	if last == nil {
		t.Fatal("llms-full.txt was not opened")
	}
	defer last.close()
	if len(last.at) != len(articles) {
		t.Fatalf("%d copies placed, of %d articles", len(last.at), len(articles))
	}
	for _, p := range articles {
		want, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p.MarkdownURL())))
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := last.copyOf(p); !ok || !bytes.Equal(got, want) {
			t.Errorf("%s's copy placed at %d read as %q, want %q", p.URL, last.at[p].off, got, want)
		}
	}
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
	file := filepath.Join(dir, "content", "docs", "a30.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Text of page 30."), []byte("Text of lamp 30."), 1))
	if _, _, err := BuildDir(os.DirFS(dir), opt, dest); err != nil {
		t.Fatal(err)
	}
	folderSameAsFresh(t, dest, dir)
}

// After an article is removed, the copies after it no longer lie where
// their sizes say in the last llms-full.txt: whatever the build keeps,
// llms-full.txt is a fresh build's. So it is when a copy's own file was
// edited by hand.
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
