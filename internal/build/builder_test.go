package build

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestUpdateEqualsFullBuild edits a copy of the repository's site at
// random (text, text around links, new links, a title, a description, the
// tags, the weight or a profile value, new files and folders, renames,
// deletions), and after each change checks that the
// Builder's incremental result is byte for byte a fresh build's, errors
// and warnings included; and that an edit of text alone took the fast
// path, laying out only the page and those that quote it.
func TestUpdateEqualsFullBuild(t *testing.T) {
	dir := repoSite(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	// Every full rebuild lays out two pages first and hands its files
	// over early, as the preview server has it do.
	h := &handovers{}
	b.LayOutFirst(0, func() []string { return []string{"index.html", articleHTML(articleFiles(t, dir))} }, h.ready)
	rng := rand.New(rand.NewPCG(1, 2))
	fast, frontMatter, templates := 0, 0, 0
	for step := range 60 {
		textOnly := false
		articles := articleFiles(t, dir)
		file := articles[rng.IntN(len(articles))]
		abs := filepath.Join(dir, file)
		src, _ := os.ReadFile(abs)
		changed := []string{file}
		var what string
		// editFile makes the step's edit one to the site's file f: its
		// first from replaced by to.
		editFile := func(f, from, to string) {
			file, abs, changed = f, filepath.Join(dir, f), []string{f}
			data, _ := os.ReadFile(abs)
			writeFile(t, abs, bytes.Replace(data, []byte(from), []byte(to), 1))
		}
		switch op := rng.IntN(12); op {
		case 0, 1, 2: // text only, with a link to another site
			what, textOnly = "text", true
			writeFile(t, abs, editBody(src, "\n\n", fmt.Sprintf("\n\nAn added sentence %d, [citing](https://site%d.kbtest/).\n\n", step, step)))
		case 3: // text next to the first link: its sentence changes
			what = "text by a link"
			writeFile(t, abs, editBody(src, "](", fmt.Sprintf(" (edit %d)](", step)))
		case 4: // a new link
			what = "new link"
			writeFile(t, abs, append(src, []byte(fmt.Sprintf("\nSee also [[%s]].\n", strings.TrimSuffix(filepath.Base(articles[rng.IntN(len(articles))]), ".md")))...))
		case 5, 10: // front matter: the title, the description, the tags, the weight, a profile value, a section's or a role's title, or the date
			frontMatter++ // each kind in turn, whatever the steps drawn
			switch frontMatter % 8 {
			case 0:
				what = "title"
				writeFile(t, abs, bytes.Replace(src, []byte("title = \""), []byte(fmt.Sprintf("title = \"Edited %d ", step)), 1))
			case 1:
				what = "description"
				writeFile(t, abs, bytes.Replace(src, []byte("description = \""), []byte(fmt.Sprintf("description = \"Edited %d. ", step)), 1))
			case 2:
				what = "tags"
				writeFile(t, abs, bytes.Replace(src, []byte("tags = ["), []byte(fmt.Sprintf("tags = [\"edited-%d\", ", step%3)), 1))
			case 3:
				// A profile value shows on its page, in the comparison
				// tables of every page that compares it, and in their
				// Markdown copies.
				what = "profile value"
				editFile("content/roles/cto.md", "horizon = \"", fmt.Sprintf("horizon = \"Edited %d: ", step))
			case 5:
				// A section's title shows in the navigation of every page.
				what = "section title"
				sections, _ := filepath.Glob(filepath.Join(dir, "content", "*", "_index.md"))
				sec, _ := filepath.Rel(dir, sections[rng.IntN(len(sections))])
				editFile(filepath.ToSlash(sec), "title = \"", fmt.Sprintf("title = \"Edited %d ", step))
			case 6:
				// A role's title is the name of its term, which every
				// page that carries the term shows.
				what = "role title"
				editFile("content/roles/vp-engineering.md", "title = \"", fmt.Sprintf("title = \"Edited %d ", step))
			case 7:
				// The date orders the feed and the all-articles lists.
				what = "date"
				writeFile(t, abs, frontDateRE.ReplaceAll(src, []byte(fmt.Sprintf("${1}date = 20%02d-01-01", 10+step%15))))
			default:
				what = "weight"
				w := fmt.Sprintf("weight = %d", 100-step)
				if weightRE.Match(src) {
					writeFile(t, abs, weightRE.ReplaceAll(src, []byte(w)))
				} else {
					writeFile(t, abs, bytes.Replace(src, []byte("+++\ntitle"), []byte("+++\n"+w+"\ntitle"), 1))
				}
			}
		case 6: // a new page in a new folder
			what = "new page"
			file = fmt.Sprintf("content/new-%d/page-%d.md", step%3, step)
			abs = filepath.Join(dir, file)
			_ = os.MkdirAll(filepath.Dir(abs), 0o755)
			writeFile(t, abs, []byte(fmt.Sprintf("+++\ntitle = \"New %d\"\ndescription = \"New.\"\n+++\nLinks to [[%s]].\n", step, strings.TrimSuffix(filepath.Base(articles[0]), ".md"))))
			changed = []string{file}
		case 8: // config.toml: the site's title, on every page
			what = "config"
			editFile("config.toml", "title = \"", fmt.Sprintf("title = \"Edited %d ", step))
		case 11: // the site's own templates: a partial and a layout made, edited and removed in turn
			templates++
			footer, article := "layouts/partials/site-footer.html", "layouts/article.html"
			if err := os.MkdirAll(filepath.Join(dir, "layouts", "partials"), 0o755); err != nil {
				t.Fatal(err)
			}
			switch templates % 4 {
			case 1:
				what, file, changed = "partial made", footer, []string{footer}
				writeFile(t, filepath.Join(dir, file), bytes.Replace(builtinLayout(t, "partials/site-footer.html"), []byte("</footer>"), []byte(fmt.Sprintf("<p>Own footer %d</p></footer>", step)), 1))
			case 2:
				what = "partial edited"
				editFile(footer, "Own footer", fmt.Sprintf("Edited %d footer", step))
			case 3:
				what, file, changed = "layout made", article, []string{article}
				writeFile(t, filepath.Join(dir, file), bytes.Replace(builtinLayout(t, "article.html"), []byte("{{define \"main\"}}"), []byte(fmt.Sprintf("{{define \"main\"}}<p>Own layout %d</p>", step)), 1))
			default:
				what, changed = "templates removed", []string{footer, article}
				for _, f := range changed {
					if err := os.Remove(filepath.Join(dir, f)); err != nil {
						t.Fatal(err)
					}
				}
			}
		case 9: // a page deleted, then written back
			what = "deleted page"
			if err := os.Remove(abs); err != nil {
				t.Fatal(err)
			}
			compare(t, b, h, dir, changed, step, what)
			writeFile(t, abs, src)
		case 7: // a rename: links to the old name break, until renamed back
			what = "rename"
			to := strings.TrimSuffix(file, ".md") + "-renamed.md"
			if err := os.Rename(abs, filepath.Join(dir, to)); err != nil {
				t.Fatal(err)
			}
			changed = []string{file, to}
			compare(t, b, h, dir, changed, step, what)
			if err := os.Rename(filepath.Join(dir, to), abs); err != nil {
				t.Fatal(err)
			}
		}
		fastPath := compare(t, b, h, dir, changed, step, what)
		if marker, ok := map[string]string{"partial made": "Own footer", "partial edited": "<p>Edited ", "layout made": "Own layout"}[what]; ok {
			// The site's own template is the one used.
			if res, err := b.Build(); err != nil || !bytes.Contains(res.Files[articleHTML(articles)], []byte(marker)) {
				t.Fatalf("step %d (%s): an article's page does not show %q (%v)", step, what, marker, err)
			}
		}
		if textOnly && !fastPath {
			t.Errorf("step %d: an edit of %s's text alone took a full build", step, file)
		}
		if fastPath {
			fast++
		}
	}
	t.Logf("%d of 60 updates took the fast path, %d changed templates, %d handed files over early", fast, templates, h.n)
	if h.n == 0 {
		t.Error("no rebuild handed files over early")
	}
	if templates < 4 {
		t.Errorf("%d steps changed templates; the cycle has 4 kinds", templates)
	}
}

// articleHTML is the output path of the first article's page.
func articleHTML(articles []string) string {
	return strings.TrimSuffix(strings.TrimPrefix(articles[0], "content/"), ".md") + "/index.html"
}

// builtinLayout is a file of the built-in theme's layouts, the start of
// a site's own.
func builtinLayout(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../themes/default/layouts", name))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("</footer>")) && !bytes.Contains(data, []byte("{{define \"main\"}}")) {
		t.Fatalf("%s has neither </footer> nor a main block to edit", name)
	}
	return data
}

// frontDateRE is the date line of front matter (the first at the start of
// a line: a source's date is indented or inline).
var frontDateRE = regexp.MustCompile(`(?m)\A(\+\+\+\n(?:[^\n]*\n)*?)date = [0-9-]+$`)

// weightRE is a weight line of front matter.
var weightRE = regexp.MustCompile(`(?m)^weight = \d+$`)

// compare runs Update (or UpdateWatched) and a fresh Build on the same
// files and fails on any difference. It reports whether Update took the fast path: laid out
// fewer pages than a full build.
func compare(t *testing.T, b *Builder, h *handovers, dir string, changed []string, step int, what string) bool {
	t.Helper()
	if h != nil {
		h.files = nil
	}
	// Every other step trusts the named paths to be all that changed,
	// as the preview server's watcher has it; they are, so nothing is
	// missed.
	update := b.Update
	if step%2 == 0 {
		update = b.UpdateWatched
	}
	got, _, gotErr := update(changed)
	if missed := b.Missed(); missed != nil {
		t.Errorf("step %d (%s): Missed() = %q after an update that named every change", step, what, missed)
	}
	if h != nil && h.files != nil && gotErr == nil {
		// What a rebuild hands over early is its result's.
		for p, data := range h.files {
			if !bytes.Equal(got.Files[p], data) {
				t.Fatalf("step %d (%s): %s was handed over early with other bytes than the result's", step, what, p)
			}
		}
	}
	fastPath := gotErr == nil && got.LaidOut < got.Pages
	if refreshed, _ := refreshSearch(b); refreshed != nil {
		got = refreshed
	}
	want, wantErr := Build(os.DirFS(dir), cachedOptions(dir)) // cards from the cache: TestCardsCachedBetweenBuilds holds them equal to drawn ones
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("step %d (%s): Update error %v, Build error %v", step, what, gotErr, wantErr)
	}
	if gotErr != nil {
		return fastPath
	}
	for _, p := range slices.Sorted(maps.Keys(want.Files)) {
		if !bytes.Equal(got.Files[p], want.Files[p]) {
			t.Fatalf("step %d (%s): %s differs from a full build", step, what, p)
		}
	}
	if len(got.Files) != len(want.Files) {
		t.Fatalf("step %d (%s): %d files, a full build has %d", step, what, len(got.Files), len(want.Files))
	}
	if got.Warnings.Error() != want.Warnings.Error() {
		t.Fatalf("step %d (%s): warnings\n%v\nwant\n%v", step, what, got.Warnings, want.Warnings)
	}
	if !slices.Equal(got.External, want.External) {
		t.Fatalf("step %d (%s): %d external links, a full build has %d, or they differ", step, what, len(got.External), len(want.External))
	}
	return fastPath
}

// repoSite copies this repository's site, its content and config, into a
// temporary folder that a test may edit.
func repoSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "config.toml"), cfg)
	return dir
}

// handovers keeps what a builder's rebuilds hand over early (see
// LayOutFirst): the last files, and how many times.
type handovers struct {
	files map[string][]byte
	n     int
	// unclaimed are the pages whose paths Claimed denied at the
	// hand-over; ghost says it claimed a path no page has.
	unclaimed []string
	ghost     bool
}

func (h *handovers) ready(e Early) {
	h.files, h.n = e.Files, h.n+1
	h.unclaimed = nil
	for _, p := range layoutPages(e.Site) {
		if !e.Claimed(outPath(p)) {
			h.unclaimed = append(h.unclaimed, outPath(p))
		}
	}
	h.ghost = e.Claimed("no/such/page/index.html")
}

// editBody replaces the first old in the body of a page (after its front
// matter) with new.
func editBody(src []byte, old, new string) []byte {
	i := bytes.Index(src[3:], []byte("\n+++\n")) + 3 + 5
	return append(src[:i:i], bytes.Replace(src[i:], []byte(old), []byte(new), 1)...)
}

func articleFiles(t *testing.T, dir string) []string {
	var out []string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// docsSite writes a small site whose home page links page a, and
// returns its folder and a function that writes a page of docs/.
func docsSite(t *testing.T) (string, func(name, title, body string)) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.toml"), []byte("title = \"T\"\nbase_url = \"https://example.org/\"\ntaxonomies = []\n"))
	_ = os.MkdirAll(filepath.Join(dir, "content", "docs"), 0o755)
	writeFile(t, filepath.Join(dir, "content", "_index.md"), []byte("+++\ntitle = \"Home\"\n+++\nStart at [[a|the first page]].\n"))
	return dir, func(name, title, body string) {
		writeFile(t, filepath.Join(dir, "content", "docs", name+".md"), []byte("+++\ntitle = \""+title+"\"\n+++\n"+body+"\n"))
	}
}

// TestNewPageRendersOnlyItsBody: a page added before others in the
// site's order moves them, but every body but the new page's is the
// last build's all the same (none links a name the new page has).
func TestNewPageRendersOnlyItsBody(t *testing.T) {
	dir, page := docsSite(t)
	page("a", "A", "Text of A.")
	page("b", "B", "B links [[a]].")
	page("c", "C", "C links [the b page](b.md).")
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	page("aa", "AA", "Text of AA.")
	res, _, err := b.Update([]string{"content/docs/aa.md"})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(res.Site.Pages) - 1; res.BodiesReused != want {
		t.Errorf("%d of %d bodies reused, want %d", res.BodiesReused, len(res.Site.Pages), want)
	}
	sameAsFresh(t, res, dir)
}

// TestTitleEditRendersFewBodies: a title edit rebuilds the site, but
// renders again only the edited page's body and the bodies whose links
// show its title; every other body is the last build's (and the whole
// result a fresh build's, as TestUpdateEqualsFullBuild checks at random).
func TestTitleEditRendersFewBodies(t *testing.T) {
	dir, page := docsSite(t)
	page("a", "A", "Text of A.")
	page("b", "B", "B links [[a]], which shows A's title.")
	page("c", "C", "C links [[a|a page]] with a label of its own.")
	page("d", "D", "D links nothing.")
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	page("a", "A renamed", "Text of A.")
	res, _, err := b.Update([]string{"content/docs/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	// Every body but a's (its title changed) and those of the pages that
	// link it (home, b and c: a link's target title may show, in its
	// text or its preview) is the last build's.
	if want := len(res.Site.Pages) - 4; res.BodiesReused != want {
		t.Errorf("%d of %d bodies reused, want %d", res.BodiesReused, len(res.Site.Pages), want)
	}
	if !strings.Contains(string(res.Files["docs/b/index.html"]), ">A renamed</a>") {
		t.Error("b's link does not show a's new title")
	}
	sameAsFresh(t, res, dir)
}

// refreshSearch brings the search index up to date at once, as the
// preview server does once edits pause.
func refreshSearch(b *Builder) (*Result, []string) {
	j := b.SearchJob()
	if j == nil {
		return nil, nil
	}
	j.Run()
	return b.ApplySearch(j)
}

// openPageSite is a built site of three pages, b linking a, whose
// builder hands b's page over first (see LayOutFirst) to h.
func openPageSite(t *testing.T) (dir string, page func(name, title, body string), b *Builder, h *handovers) {
	t.Helper()
	dir, page = docsSite(t)
	page("a", "A", "Text of A.")
	page("b", "B", "B links [[a]], which shows A's title.")
	page("c", "C", "C links nothing.")
	b = NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	h = &handovers{}
	b.LayOutFirst(0, func() []string { return []string{"docs/b/index.html"} }, h.ready)
	return dir, page, b, h
}

// TestTitleEditHandsOpenPageFirst: after a title edit, a preview
// rebuild hands over the page open in the browser, which shows the new
// title, with the stylesheet it loads, before the other pages the edit
// changed and before any page the last build laid out the same way;
// every file handed over has the result's bytes, and the result is a
// fresh build's.
func TestTitleEditHandsOpenPageFirst(t *testing.T) {
	dir, page, b, h := openPageSite(t)
	page("a", "A renamed", "Text of A.")
	res, changed, err := b.Update([]string{"content/docs/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if h.n != 1 {
		t.Fatalf("%d hand-overs, want 1", h.n)
	}
	if len(h.unclaimed) > 0 || h.ghost {
		t.Errorf("at the hand-over, pages not claimed: %v; a path no page has claimed: %t", h.unclaimed, h.ghost)
	}
	if !strings.Contains(string(h.files["docs/b/index.html"]), ">A renamed</a>") {
		t.Error("the open page was not handed over with A's new title")
	}
	if !slices.Contains(changed, "docs/a/index.html") {
		t.Fatalf("A's page is not among the files changed: %v", changed)
	}
	for _, p := range []string{"docs/a/index.html", "docs/c/index.html"} {
		if _, ok := h.files[p]; ok {
			t.Errorf("%s, not open, was handed over before the layout keys", p)
		}
	}
	css := 0
	for p, data := range h.files {
		if !bytes.Equal(res.Files[p], data) {
			t.Errorf("%s was handed over with other bytes than the result's", p)
		}
		if strings.HasSuffix(p, ".css") {
			css++
		}
	}
	if css == 0 {
		t.Error("no stylesheet was handed over with the open page")
	}
	sameAsFresh(t, res, dir)
}

// TestHandOverThenFailure: a rebuild hands the page the author looks at
// over early, then a page left for later fails to lay out. The rebuild
// reports the errors a fresh build gives; fixed, the next one gives a
// fresh build's files. With fewer pages left than LayOutFirst's minimum,
// nothing is handed over.
func TestHandOverThenFailure(t *testing.T) {
	dir := repoSite(t)
	articles := articleFiles(t, dir)
	looked, failing := articleHTML(articles), articles[len(articles)-1]
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	h := &handovers{}
	b.LayOutFirst(0, func() []string { return []string{looked} }, h.ready)

	// A layout of the site's own that fails on one page alone: indexing
	// past the end of its title's words.
	layout := filepath.Join(dir, "layouts", "article.html")
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		t.Fatal(err)
	}
	failingTitle := "Fails here"
	src, _ := os.ReadFile(filepath.Join(dir, failing))
	writeFile(t, filepath.Join(dir, failing), regexp.MustCompile(`(?m)^title = ".*"$`).ReplaceAll(src, []byte(`title = "`+failingTitle+`"`)))
	writeFile(t, layout, bytes.Replace(builtinLayout(t, "article.html"), []byte("{{define \"main\"}}"),
		[]byte(`{{define "main"}}{{if eq .Page.Title "`+failingTitle+`"}}{{index .Page.Sources 1000}}{{end}}`), 1))
	_, _, gotErr := b.Update([]string{failing, "layouts/article.html"})
	_, wantErr := Build(os.DirFS(dir), Options{})
	if gotErr == nil || wantErr == nil || gotErr.Error() != wantErr.Error() {
		t.Fatalf("Update error\n%v\nfresh build's\n%v", gotErr, wantErr)
	}
	if h.n != 1 || h.files[looked] == nil {
		t.Fatalf("%d hand-overs, the page looked at handed over: %t; want 1, true", h.n, h.files[looked] != nil)
	}

	// Fixed: the result is a fresh build's.
	writeFile(t, layout, builtinLayout(t, "article.html"))
	got, _, err := b.Update([]string{"layouts/article.html"})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range h.files {
		if !bytes.Equal(got.Files[p], data) {
			t.Fatalf("%s was handed over early with other bytes than the result's", p)
		}
	}
	if refreshed, _ := refreshSearch(b); refreshed != nil {
		got = refreshed
	}
	want, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range want.Files {
		if !bytes.Equal(got.Files[p], data) {
			t.Fatalf("%s differs from a fresh build's after the fix", p)
		}
	}

	// Below the minimum, nothing is handed over.
	n := h.n
	b.LayOutFirst(len(want.Files), func() []string { return []string{looked} }, h.ready)
	writeFile(t, layout, bytes.Replace(builtinLayout(t, "article.html"), []byte("{{define \"main\"}}"), []byte("{{define \"main\"}}<p>Own</p>"), 1))
	if _, _, err := b.Update([]string{"layouts/article.html"}); err != nil {
		t.Fatal(err)
	}
	if h.n != n {
		t.Errorf("a rebuild with fewer pages left than the minimum handed files over")
	}
}

// TestThemeKeptWhileItsSourcesAre: a rebuild after a content edit reuses
// the theme the last build loaded; one after an edit of a partial, or of
// the base URL its functions make links with, loads it again, and shows
// the edit.
func TestThemeKeptWhileItsSourcesAre(t *testing.T) {
	dir, page := docsSite(t)
	page("a", "A", "Text of A.")
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	loaded := b.theme
	update := func(file string) map[string][]byte {
		t.Helper()
		res, _, err := b.Update([]string{file})
		if err != nil {
			t.Fatal(err)
		}
		return res.Files
	}
	page("a", "A renamed", "Text of A.")
	update("content/docs/a.md")
	if b.theme == nil || b.theme.theme != loaded.theme {
		t.Fatal("a title edit loaded the theme again")
	}
	writeFile(t, filepath.Join(dir, "config.toml"), []byte("title = \"T\"\nbase_url = \"https://example.org/moved/\"\ntaxonomies = []\n"))
	files := update("config.toml")
	if !bytes.Contains(files["docs/a/index.html"], []byte(`href="/moved/css/kb.css"`)) {
		t.Errorf("after the base URL moved, page A does not link its stylesheet under it:\n%s", files["docs/a/index.html"])
	}
	_ = os.MkdirAll(filepath.Join(dir, "layouts", "partials"), 0o755)
	writeFile(t, filepath.Join(dir, "layouts", "partials", "site-footer.html"), []byte(`{{define "site-footer"}}<footer>Own footer</footer>{{end}}`))
	files = update("layouts/partials/site-footer.html")
	if !bytes.Contains(files["docs/a/index.html"], []byte("Own footer")) {
		t.Errorf("after a partial edit, page A does not show it")
	}
}
