package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// reuseSite writes a site of one section of 40 articles, more than the
// sidebar lists, where a2 and a3 link to a20, and returns its folder.
func reuseSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.toml"), []byte("title = \"T\"\nbase_url = \"https://example.org/\"\ntaxonomies = [\"tags\"]\n"))
	_ = os.MkdirAll(filepath.Join(dir, "content", "docs"), 0o755)
	writeFile(t, filepath.Join(dir, "content", "_index.md"), []byte("+++\ntitle = \"Home\"\n+++\nStart at [[a1]].\n"))
	writeFile(t, filepath.Join(dir, "content", "docs", "_index.md"), []byte("+++\ntitle = \"Docs\"\n+++\n"))
	for i := 1; i <= 40; i++ {
		body := fmt.Sprintf("Text of page %d.", i)
		if i == 2 || i == 3 {
			body += " It leads to [[a20]]."
		}
		writeFile(t, filepath.Join(dir, "content", "docs", fmt.Sprintf("a%d.md", i)),
			[]byte(fmt.Sprintf("+++\ntitle = \"Page %02d\"\ndescription = \"About %d.\"\nweight = %d\ntags = [\"t%d\"]\n+++\n%s\n", i, i, i, i%4, body)))
	}
	return dir
}

// builtWithCache is reuseSite built once into an output folder of its
// own with a cache folder: the site's folder, the output folder, the
// build's options and the first build's result.
func builtWithCache(t *testing.T) (dir, dest string, opt Options, first *Result) {
	t.Helper()
	dir = reuseSite(t)
	dest = filepath.Join(t.TempDir(), "public")
	opt = Options{CacheDir: filepath.Join(dir, CacheDir)}
	first, _, err := BuildDir(os.DirFS(dir), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	return dir, dest, opt, first
}

// retitle gives a20 a new title and updates b, returning the result.
func retitle(t *testing.T, b *Builder, dir string) *Result {
	t.Helper()
	file := filepath.Join(dir, "content", "docs", "a20.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Page 20"), []byte("Renamed"), 1))
	res, _, err := b.Update([]string{"content/docs/a20.md"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sameAsFresh fails on any file of res, the search index and
// llms-full.txt aside (they follow once edits pause), that a fresh build
// of dir writes differently.
func sameAsFresh(t *testing.T, res *Result, dir string) {
	t.Helper()
	fresh, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range fresh.Files {
		if !bytes.Equal(res.Files[p], data) && !strings.HasPrefix(p, "search/") && p != "llms-full.txt" {
			t.Errorf("%s differs from a fresh build's", p)
		}
	}
}

// folderSameAsFresh fails on any difference between the output folder
// dest and a fresh kb build of dir into an empty folder, kb's
// bookkeeping aside.
func folderSameAsFresh(t *testing.T, dest, dir string) {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "public")
	if _, _, err := BuildDir(os.DirFS(dir), Options{}, fresh); err != nil {
		t.Fatal(err)
	}
	got, want := siteFiles(t, dest), siteFiles(t, fresh)
	for p := range want {
		if got[p] != want[p] {
			t.Errorf("%s differs from a fresh build's", p)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, a fresh build has %d", len(got), len(want))
	}
}

// A title edit lays out again the pages that show the title, and keeps
// the others as the last build laid them out.
func TestTitleEditLaysOutFew(t *testing.T) {
	dir := reuseSite(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	first, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if first.LaidOut != first.Pages {
		t.Fatalf("a first build laid out %d pages of %d", first.LaidOut, first.Pages)
	}
	res := retitle(t, b, dir)
	// Pages that cannot show a20's title are the last build's, the very
	// bytes.
	for _, p := range []string{"search/index.html", "404.html", "tags/t1/index.html", "docs/a1/index.html"} {
		if len(res.Files[p]) == 0 || &res.Files[p][0] != &first.Files[p][0] {
			t.Errorf("%s was laid out again", p)
		}
	}
	if res.LaidOut > res.Pages-10 {
		t.Errorf("a title edit laid out %d pages of %d", res.LaidOut, res.Pages)
	}
	for _, p := range []string{"docs/a20/index.html", "docs/a2/index.html", "docs/a13/index.html", "docs/a27/index.html", "docs/index.html", "tags/t0/index.html", "all-articles/index.html"} {
		if !strings.Contains(string(res.Files[p]), "Renamed") {
			t.Errorf("%s does not show a20's new title", p)
		}
	}
	sameAsFresh(t, res, dir)
}

// A site with a layout of its own lays out every page again: the keys
// cover only what the built-in layouts read.
func TestOwnLayoutsLayOutAll(t *testing.T) {
	dir := reuseSite(t)
	_ = os.MkdirAll(filepath.Join(dir, "layouts", "partials"), 0o755)
	writeFile(t, filepath.Join(dir, "layouts", "partials", "site-footer.html"), []byte(`{{define "site-footer"}}<footer>{{range .Site.Articles}}{{.Title}} {{end}}</footer>{{end}}`))
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	res := retitle(t, b, dir)
	if res.LaidOut != res.Pages {
		t.Errorf("with a layout of the site's own, a title edit laid out %d pages of %d", res.LaidOut, res.Pages)
	}
	if !strings.Contains(string(res.Files["docs/a1/index.html"]), "Renamed") {
		t.Error("a1's footer does not list a20's new title")
	}
	sameAsFresh(t, res, dir)
}

// kb build keeps, as they are on disk, the pages whose layout keys did
// not change since the last build into the same folder, and its output
// is byte for byte a fresh build's.
func TestBuildDirKeepsPages(t *testing.T) {
	dir := reuseSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{CacheDir: filepath.Join(dir, CacheDir)}
	var opened *openCounts
	build := func() *Result {
		t.Helper()
		opened = &openCounts{FS: os.DirFS(dir), n: map[string]int{}}
		res, _, err := BuildDir(opened, opt, dest)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := build(); res.LaidOut != res.Pages {
		t.Fatalf("a first build laid out %d pages of %d", res.LaidOut, res.Pages)
	}
	file := filepath.Join(dir, "content", "docs", "a20.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Page 20"), []byte("Renamed"), 1))
	// Someone edits an output page by hand: it is laid out again.
	writeFile(t, filepath.Join(dest, "docs", "a1", "index.html"), []byte("edited by hand"))
	// And a Markdown copy of a page far from a20, whose key is the same:
	// it is made again, and llms-full.txt holds the right text.
	writeFile(t, filepath.Join(dest, "docs", "a39", "index.md"), []byte("edited by hand"))
	res := build()
	if res.LaidOut > res.Pages-10 {
		t.Errorf("after a title edit, kb build laid out %d pages of %d", res.LaidOut, res.Pages)
	}
	if res.BodiesReused < res.Pages/2 {
		t.Errorf("after a title edit, kb build reused %d rendered bodies of %d", res.BodiesReused, res.Pages)
	}
	folderSameAsFresh(t, dest, dir)
	// A page whose copy is kept is read once, to load it: its copy needs
	// no second read of its source.
	if n := opened.n["content/docs/a30.md"]; n != 1 {
		t.Errorf("content/docs/a30.md was opened %d times; want once", n)
	}
	// Keys name the output folder's commit: another folder, written
	// since, does not take them.
	other := filepath.Join(t.TempDir(), "public")
	if _, _, err := BuildDir(os.DirFS(dir), Options{}, other); err != nil {
		t.Fatal(err)
	}
	if res, _, err := BuildDir(os.DirFS(dir), opt, other); err != nil || res.LaidOut != res.Pages {
		t.Fatalf("a build into another folder laid out %d pages of %d (%v)", res.LaidOut, res.Pages, err)
	}
}

// TestBuildDirSearchRemembers: after one article's text changed, kb
// build makes again only the search files the edit reached, from the
// index's memory in the cache folder, and its output is a fresh build's.
func TestBuildDirSearchRemembers(t *testing.T) {
	dir, dest, opt, first := builtWithCache(t)
	file := filepath.Join(dir, "content", "docs", "a30.md")
	src, _ := os.ReadFile(file)
	// The same length: on a site this small, a longer text would move
	// the average section length, and every score with it.
	writeFile(t, file, bytes.Replace(src, []byte("Text of page 30."), []byte("Text of lamp 30."), 1))
	// Someone edits a shard the edit did not reach: it is made again.
	writeFile(t, filepath.Join(dest, "search", "k", "hom.json"), []byte("edited by hand"))
	res, _, err := BuildDir(os.DirFS(dir), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	if res.SearchShardsMade > first.SearchShardsMade/4 {
		t.Errorf("after a text edit, the search index made %d key shards; the first build made %d", res.SearchShardsMade, first.SearchShardsMade)
	}
	folderSameAsFresh(t, dest, dir)
}

// TestBuildDirKeepsItems: kb build takes the list entries of pages
// whose address, title and description did not change from the last
// build's, kept in the cache folder, and its output is a fresh build's.
func TestBuildDirKeepsItems(t *testing.T) {
	dir, dest, opt, first := builtWithCache(t)
	if first.ItemsReused != 0 {
		t.Errorf("a first build reused %d list entries", first.ItemsReused)
	}
	for file, edit := range map[string][2]string{
		"a20.md": {"Page 20", "Renamed"},
		"a21.md": {"About 21.", "Now described."},
	} {
		p := filepath.Join(dir, "content", "docs", file)
		src, _ := os.ReadFile(p)
		writeFile(t, p, bytes.Replace(src, []byte(edit[0]), []byte(edit[1]), 1))
	}
	res, _, err := BuildDir(os.DirFS(dir), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	if pages := res.Pages - 1; res.ItemsReused != pages-2 { // the 404 page has none
		t.Errorf("after a title and a description edit, %d list entries reused of %d", res.ItemsReused, pages)
	}
	folderSameAsFresh(t, dest, dir)
}

// A damaged cache folder costs speed, not correctness: every body is
// rendered again, and the output is a fresh build's.
func TestBuildDirDamagedCache(t *testing.T) {
	dir := reuseSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{CacheDir: filepath.Join(dir, CacheDir)}
	for range 2 {
		if _, _, err := BuildDir(os.DirFS(dir), opt, dest); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{bodiesFile, bodiesFile + ".items", keysFile, searchMemoryFile, relatedFile} {
		p := filepath.Join(opt.CacheDir, f)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		data[len(data)/2] ^= 0xff
		writeFile(t, p, data[:len(data)-5])
	}
	file := filepath.Join(dir, "content", "docs", "a20.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Page 20"), []byte("Renamed"), 1))
	res, _, err := BuildDir(os.DirFS(dir), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	if res.BodiesReused != 0 || res.ItemsReused != 0 {
		t.Errorf("with a damaged cache, %d bodies and %d list entries reused", res.BodiesReused, res.ItemsReused)
	}
	folderSameAsFresh(t, dest, dir)
}

// A text edit undone by a rebuild (two files saved at once): the files
// the text edit made are not kept, though the keys of their first
// version match again.
func TestTextEditUndoneByRebuild(t *testing.T) {
	dir := reuseSite(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	retitle(t, b, dir) // a rebuild: it keeps the copies' keys
	file := filepath.Join(dir, "content", "docs", "a2.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Text of page 2."), []byte("Other text of page 2."), 1))
	if res, _, err := b.Update([]string{"content/docs/a2.md"}); err != nil || res.LaidOut >= res.Pages {
		t.Fatalf("the text edit took a full build (%v)", err)
	}
	writeFile(t, file, src)
	other := filepath.Join(dir, "content", "docs", "a40.md")
	otherSrc, _ := os.ReadFile(other)
	writeFile(t, other, append(otherSrc, "More text.\n"...))
	res, _, err := b.Update([]string{"content/docs/a2.md", "content/docs/a40.md"})
	if err != nil {
		t.Fatal(err)
	}
	refreshed, _ := refreshSearch(b)
	if refreshed != nil {
		res = refreshed
	}
	sameAsFresh(t, res, dir)
	if strings.Contains(string(res.Files["docs/a2/index.md"]), "Other text") {
		t.Error("a2's Markdown copy shows the undone edit")
	}
}

// openCounts is a file system that counts the opens of each file.
type openCounts struct {
	fs.FS
	mu sync.Mutex
	n  map[string]int
}

func (o *openCounts) Open(name string) (fs.File, error) {
	o.mu.Lock()
	o.n[name]++
	o.mu.Unlock()
	return o.FS.Open(name)
}

// TestSearchJobKeepsRecords: the preview's search index, catching up
// after an edit, takes the records files whose text did not change from
// the current index rather than gzipping them again, after a text edit
// (the fast path) and after a title edit (a rebuild, which carries the
// index as it was); and its files are a fresh build's.
func TestSearchJobKeepsRecords(t *testing.T) {
	dir := reuseSite(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	res, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	records := 0
	for p := range res.Files {
		if strings.HasPrefix(p, "search/r/") {
			records++
		}
	}
	file := filepath.Join(dir, "content", "docs", "a30.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("Text of page 30."), []byte("Other text of page 30."), 1))
	if _, _, err := b.Update([]string{"content/docs/a30.md"}); err != nil {
		t.Fatal(err)
	}
	for _, edit := range []string{"text", "title"} {
		if edit == "title" {
			retitle(t, b, dir)
		}
		j := b.SearchJob()
		if j == nil {
			t.Fatalf("after a %s edit, no search job", edit)
		}
		j.Run()
		if j.reused == 0 || j.reused < records-2 {
			t.Errorf("after a %s edit, %d records files of %d taken from the current index", edit, j.reused, records)
		}
		res, _ := b.ApplySearch(j)
		fresh, err := Build(os.DirFS(dir), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for p, data := range fresh.Files {
			if strings.HasPrefix(p, "search/") && !bytes.Equal(res.Files[p], data) {
				t.Errorf("after a %s edit, %s differs from a fresh build's", edit, p)
			}
		}
	}
}

// TestComparisonLinkSurvivesWeights: a link to a comparison page in
// either order leads to its address, which the roles' weights decide;
// swapping the weights breaks no link, and the link follows the page.
func TestComparisonLinkSurvivesWeights(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.toml"), []byte("title = \"T\"\nbase_url = \"https://example.org/\"\ntaxonomies = []\n"))
	for _, d := range []string{"roles", "guides"} {
		if err := os.MkdirAll(filepath.Join(dir, "content", d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "content", "_index.md"), []byte("+++\ntitle = \"Home\"\n+++\nSee [the guide](guides/x.md).\n"))
	writeFile(t, filepath.Join(dir, "content", "roles", "_index.md"), []byte("+++\ntitle = \"Roles\"\n[[dimensions]]\nid = \"focus\"\nlabel = \"Focus\"\n+++\n"))
	role := func(name, title string, weight int) {
		writeFile(t, filepath.Join(dir, "content", "roles", name+".md"), []byte(fmt.Sprintf("+++\ntitle = %q\nweight = %d\n[profile]\nfocus = \"Some\"\n+++\nText of %s.\n", title, weight, title)))
	}
	writeFile(t, filepath.Join(dir, "content", "guides", "x.md"), []byte("+++\ntitle = \"X\"\n+++\nCompare [one way](/roles/cto-vs-vp-engineering/) and [the other](/roles/vp-engineering-vs-cto/).\n"))
	for _, order := range []struct {
		cto, vp int
		want    string
	}{{1, 2, "/roles/cto-vs-vp-engineering/"}, {2, 1, "/roles/vp-engineering-vs-cto/"}} {
		role("cto", "CTO", order.cto)
		role("vp-engineering", "VP of Engineering", order.vp)
		res, err := Build(os.DirFS(dir), Options{})
		if err != nil {
			t.Fatalf("weights %d and %d: %v", order.cto, order.vp, err)
		}
		page := string(res.Files["guides/x/index.html"])
		if n := strings.Count(page, `href="`+order.want+`"`); n != 2 {
			t.Errorf("weights %d and %d: %d links to %s, want both", order.cto, order.vp, n, order.want)
		}
	}
}

// A preview rebuild that reuses a body relinks it without resolving its
// links again only while every page keeps its URL and file (see
// render.Memo's fastTarget).
func TestReusedLinkFollowsItsFile(t *testing.T) {
	dir := t.TempDir()
	b := NewBuilder(os.DirFS(dir), Options{})
	reusedLinkFollowsItsFile(t, dir, func() *Result {
		t.Helper()
		if b.last == nil {
			if _, err := b.Build(); err != nil {
				t.Fatal(err)
			}
			return nil
		}
		res, _, err := b.Update([]string{"content/docs/b.md", "content/docs/c.md"})
		if err != nil {
			t.Fatal(err)
		}
		sameAsFresh(t, res, dir)
		return res
	})
}

// kb build's bodies, kept in the cache folder, are relinked the same
// way: by their last targets while the link space is the last build's,
// by resolving every link again once it is not.
func TestBuildDirReusedLinkFollowsItsFile(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{CacheDir: filepath.Join(t.TempDir(), CacheDir)}
	reusedLinkFollowsItsFile(t, dir, func() *Result {
		t.Helper()
		res, _, err := BuildDir(os.DirFS(dir), opt, dest)
		if err != nil {
			t.Fatal(err)
		}
		folderSameAsFresh(t, dest, dir)
		files := map[string][]byte{}
		for p, data := range siteFiles(t, dest) {
			files[p] = []byte(data)
		}
		res.Files = files
		return res
	})
}

// reusedLinkFollowsItsFile builds (with build, which checks the result
// against a fresh build's) a site where a page's URL changes and another
// page takes the URL and the title it left, in one edit: a reused body's
// link to the first page's file must follow it to its new URL, not stay
// with the old URL's new page.
func reusedLinkFollowsItsFile(t *testing.T, dir string, build func() *Result) {
	writeFile(t, filepath.Join(dir, "config.toml"), []byte("title = \"T\"\nbase_url = \"https://example.org/\"\ntaxonomies = []\n"))
	if err := os.MkdirAll(filepath.Join(dir, "content", "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	page := func(name, front, text string) {
		writeFile(t, filepath.Join(dir, "content", "docs", name+".md"), []byte("+++\n"+front+"\n+++\n"+text+"\n"))
	}
	page("x", `title = "X"`, "See [the page](b.md).")
	page("b", `title = "B"`, "B's text.")
	page("c", `title = "C"`, "C's text.")
	build()
	// A title edit first: the same pages at the same URLs, so x's body is
	// reused with its link relinked by its last target.
	page("c", `title = "C edited"`, "C's text.")
	if res := build(); res.BodiesReused == 0 {
		t.Fatal("no body was reused after a title edit")
	}
	// c takes b's title too, so that only the URL tells them apart.
	page("b", "title = \"B\"\nslug = \"b-moved\"", "B's text.")
	page("c", "title = \"B\"\nslug = \"b\"", "C's text.")
	res := build()
	if x := string(res.Files["docs/x/index.html"]); !strings.Contains(x, `href="/docs/b-moved/"`) {
		t.Errorf("x's link does not lead to b's new URL:\n%s", x)
	}
}
