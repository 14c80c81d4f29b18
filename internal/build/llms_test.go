package build

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/sitefiles"
)

// markdownOutputs are the Markdown files a build wrote: every page's copy,
// llms.txt and llms-full.txt.
func markdownOutputs(res *Result) []string {
	var out []string
	for p := range res.Files {
		if strings.HasSuffix(p, ".md") || p == sitefiles.LLMsFile || p == sitefiles.LLMsFullFile {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// markdownLinks are the destinations of every link, image, autolink
// (GFM's bare URLs too) and reference definition of a Markdown document,
// as a reader of it other than kb finds them: goldmark with GitHub's
// extensions and footnotes, none of kb's own.
func markdownLinks(src []byte) []string {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	root := md.Parser().Parse(text.NewReader(src))
	var out []string
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			out = append(out, string(l.Destination))
		case *ast.Image:
			out = append(out, string(l.Destination))
		case *ast.AutoLink:
			out = append(out, string(l.URL(src)))
		case *ast.LinkReferenceDefinition:
			out = append(out, string(l.Destination))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// TestRepoSiteMarkdownLinksResolve parses every Markdown copy of the
// repository's site, llms.txt and llms-full.txt, and checks every link:
// none relative (a copy is read away from the page), each one inside the
// site leads to a file the build wrote, its fragment to an id there.
func TestRepoSiteMarkdownLinksResolve(t *testing.T) {
	res := buildRepoSite(t)
	ids := map[string]map[string]bool{}
	checked := 0
	for _, p := range markdownOutputs(res) {
		for _, raw := range markdownLinks(res.Files[p]) {
			u, err := url.Parse(raw)
			switch {
			case err != nil:
				t.Errorf("%s: unparsable link %q", p, raw)
				continue
			case u.Scheme == "":
				t.Errorf("%s: link %q is relative: a copy read away from the site cannot follow it", p, raw)
				continue
			case !strings.HasPrefix(raw, testBase):
				continue // external
			}
			checked++
			target := strings.TrimPrefix(u.Path, "/kb-test/")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := res.Files[target]; !ok {
				t.Errorf("%s: link %q leads to no generated file (%s)", p, raw, target)
				continue
			}
			if u.Fragment == "" {
				continue
			}
			if ids[target] == nil {
				ids[target] = map[string]bool{}
				for _, m := range idRE.FindAllSubmatch(res.Files[target], -1) {
					ids[target][html.UnescapeString(string(m[1]))] = true
				}
			}
			if !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: %s has no id %q", p, raw, target, u.Fragment)
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d links checked in the Markdown copies; the site has far more", checked)
	}
}

// TestRepoSiteMarkdownCopies checks which pages have a Markdown copy
// (every page written in Markdown, none that kb generates), that each
// page with one links it from its head, and that no wikilink, relative
// link or front matter is left in a copy.
func TestRepoSiteMarkdownCopies(t *testing.T) {
	res := buildRepoSite(t)
	for _, p := range res.Site.Pages {
		copyPath := p.URL + "index.md"
		_, has := res.Files[copyPath]
		if want := p.File != "" && (p.Kind == content.Article || p.Kind == content.Section || p.Kind == content.Home); has != want {
			t.Errorf("%s (%s): copy %s written %v, want %v", p.URL, p.Kind, copyPath, has, want)
		}
		if !has {
			continue
		}
		alt := `<link rel="alternate" type="text/markdown" href="/kb-test/` + copyPath + `">`
		if !bytes.Contains(res.Files[p.URL+"index.html"], []byte(alt)) {
			t.Errorf("%sindex.html has no %s", p.URL, alt)
		}
		cp := res.Files[copyPath]
		if !bytes.HasPrefix(cp, []byte("# "+markdown.EscapeText(p.Title)+"\n")) {
			t.Errorf("%s does not start with its title as a heading:\n%.200s", copyPath, cp)
		}
		if !bytes.Contains(cp, []byte("\nURL: <"+testBase+p.URL+">\n")) {
			t.Errorf("%s does not give its page's URL", copyPath)
		}
		for _, bad := range []string{"+++", "[[", ".md)", "](../", "```compare", "```citations"} {
			if bytes.Contains(cp, []byte(bad)) {
				t.Errorf("%s holds %q", copyPath, bad)
			}
		}
	}
}

var (
	llmsEntryRE = regexp.MustCompile(`^- \[([^\]]+)\]\((\S+)\)(: .+)?$`)
	llmsH2RE    = regexp.MustCompile(`^## (.+)$`)
)

// TestRepoSiteLLMsTxt reads llms.txt as the llms.txt convention lays it
// out and checks that it lists every article of the site once, by
// section in the order of navigation, with the overview pages under
// "Optional" at the end.
func TestRepoSiteLLMsTxt(t *testing.T) {
	res := buildRepoSite(t)
	s := res.Site
	lines := strings.Split(strings.TrimSuffix(string(res.Files[sitefiles.LLMsFile]), "\n"), "\n")
	if lines[0] != "# "+s.Config.Title || lines[1] != "" || lines[2] != "> "+markdown.EscapeText(s.Config.Description) {
		t.Fatalf("llms.txt does not start with the site's title and description:\n%s", strings.Join(lines[:3], "\n"))
	}
	var h2s []string
	listed := map[string][]string{} // heading -> URLs
	for i, l := range lines[3:] {
		if m := llmsH2RE.FindStringSubmatch(l); m != nil {
			h2s = append(h2s, m[1])
			continue
		}
		if strings.HasPrefix(l, "#") {
			t.Errorf("line %d: a heading other than H1 and H2: %q", i+4, l)
		}
		if !strings.HasPrefix(l, "- ") {
			continue
		}
		m := llmsEntryRE.FindStringSubmatch(l)
		if m == nil || len(h2s) == 0 {
			t.Errorf("line %d is not an entry of a file list: %q", i+4, l)
			continue
		}
		listed[h2s[len(h2s)-1]] = append(listed[h2s[len(h2s)-1]], m[2])
	}
	var want []string
	for _, p := range s.Articles {
		want = append(want, testBase+p.URL+"index.md")
	}
	var got []string
	for _, h := range h2s[:len(h2s)-1] {
		got = append(got, listed[h]...)
	}
	if len(got) != len(s.Articles) {
		t.Errorf("llms.txt lists %d articles, the site has %d", len(got), len(s.Articles))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("llms.txt lists\n%s\nwant every article once:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var sections []string
	for _, sec := range s.Sections {
		sections = append(sections, sec.Title)
	}
	if !slices.Equal(h2s[:len(h2s)-1], sections) {
		t.Errorf("llms.txt sections %q, want the navigation's %q", h2s[:len(h2s)-1], sections)
	}
	if h2s[len(h2s)-1] != "Optional" {
		t.Fatalf("llms.txt ends with %q, want Optional", h2s[len(h2s)-1])
	}
	wantOptional := []string{testBase + "index.md"}
	for _, sec := range s.AllSections {
		wantOptional = append(wantOptional, testBase+sec.URL+"index.md")
	}
	if !slices.Equal(listed["Optional"], wantOptional) {
		t.Errorf("Optional lists %q, want home and every section %q", listed["Optional"], wantOptional)
	}
	full := string(res.Files[sitefiles.LLMsFullFile])
	for _, p := range s.Articles {
		if n := strings.Count(full, "\n# "+markdown.EscapeText(p.Title)+"\n\n"); n != 1 {
			t.Errorf("llms-full.txt has %s's heading %d times, want once", p.URL, n)
		}
		if !strings.Contains(full, "\n"+string(res.Files[p.URL+"index.md"])) {
			t.Errorf("llms-full.txt does not hold %sindex.md whole", p.URL)
		}
	}
	t.Logf("llms.txt: %d bytes; llms-full.txt: %d bytes", len(res.Files[sitefiles.LLMsFile]), len(full))
}

var (
	tableRE     = regexp.MustCompile(`(?s)(?:<caption[^>]*>(.*?)</caption>.*?)?<table>(.*?)</table>`)
	captionMDRE = regexp.MustCompile(`(?s)<p><strong>([^<]*)</strong></p>\s*(?:<div[^>]*>\s*)?<table>`)
	rowRE       = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE      = regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`)
	hrefRE      = regexp.MustCompile(`href="([^"]*)"`)
	// termLinkRE is a link to a glossary term, which the HTML adds to the
	// first use of a term and a Markdown copy leaves as plain words.
	termLinkRE   = regexp.MustCompile(`<a href="[^"]*"[^>]* class="term"[^>]*>`)
	hiddenRE     = regexp.MustCompile(`(?s)<span class="visually-hidden">.*?</span>`)
	itemBreakRE  = regexp.MustCompile(`(?s)<br>|</li>\s*<li>`)
	tagRE        = regexp.MustCompile(`(?s)<[^>]*>`)
	htmlCaptions = regexp.MustCompile(`(?s)<caption[^>]*>(.*?)</caption>`)
)

// tableCells are the cells of every table of a page's HTML, row by row,
// as text (items of a list cell separated by " / ") with the paths of
// their links; a row's empty cells at its end are dropped, so that a
// group's heading row reads the same in HTML, where it spans the table,
// and in Markdown, where it cannot.
func tableCells(h string) [][][]string {
	var tables [][][]string
	for _, t := range tableRE.FindAllStringSubmatch(h, -1) {
		var rows [][]string
		for _, r := range rowRE.FindAllStringSubmatch(t[2], -1) {
			var cells []string
			for _, c := range cellRE.FindAllStringSubmatch(r[1], -1) {
				cell := termLinkRE.ReplaceAllString(hiddenRE.ReplaceAllString(c[1], ""), "")
				var hrefs []string
				for _, m := range hrefRE.FindAllStringSubmatch(cell, -1) {
					hrefs = append(hrefs, strings.TrimPrefix(html.UnescapeString(m[1]), "https://owner.github.io"))
				}
				txt := tagRE.ReplaceAllString(itemBreakRE.ReplaceAllString(cell, " / "), "")
				txt = strings.Join(strings.Fields(html.UnescapeString(txt)), " ")
				cells = append(cells, strings.Join(append([]string{txt}, hrefs...), " -> "))
			}
			for len(cells) > 0 && cells[len(cells)-1] == "" {
				cells = cells[:len(cells)-1]
			}
			rows = append(rows, cells)
		}
		tables = append(tables, rows)
	}
	return tables
}

// TestRepoSiteMarkdownTablesMatch renders each Markdown copy of the
// repository's site and compares its tables with the page's: compare
// blocks, section matrices and the authors' own tables must hold the
// same cells, links and captions.
func TestRepoSiteMarkdownTablesMatch(t *testing.T) {
	res := buildRepoSite(t)
	md := markdown.New(markdown.Options{UnsafeHTML: true}) // the copies' "<br>" between a cell's items
	compared := 0
	for _, p := range res.Site.Pages {
		cp, ok := res.Files[p.URL+"index.md"]
		if !ok {
			continue
		}
		page := string(res.Files[p.URL+"index.html"])
		page = page[strings.Index(page, "<main"):strings.Index(page, "</main>")]
		r, _ := md.Render(cp, markdown.Document{})
		got, want := tableCells(string(r.HTML)), tableCells(page)
		if len(got) != len(want) {
			t.Errorf("%s: %d tables in the copy, %d on the page", p.URL, len(got), len(want))
			continue
		}
		for i := range want {
			compared++
			if !slices.EqualFunc(got[i], want[i], slices.Equal) {
				t.Errorf("%s: table %d differs:\ncopy: %q\npage: %q", p.URL, i+1, got[i], want[i])
			}
		}
		// The copy's caption is rendered here with typographic quotes,
		// which the page's caption, plain text, does not get.
		plain := strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`)
		var gotCaps, wantCaps []string
		for _, m := range captionMDRE.FindAllStringSubmatch(string(r.HTML), -1) {
			gotCaps = append(gotCaps, plain.Replace(html.UnescapeString(m[1])))
		}
		for _, m := range htmlCaptions.FindAllStringSubmatch(page, -1) {
			wantCaps = append(wantCaps, html.UnescapeString(m[1]))
		}
		if !slices.Equal(gotCaps, wantCaps) {
			t.Errorf("%s: captions %q in the copy, %q on the page", p.URL, gotCaps, wantCaps)
		}
	}
	if compared < 15 {
		t.Errorf("only %d tables compared; the site has more", compared)
	}
}

// TestStaticLLMsTxtWins: a site's own static llms.txt or llms-full.txt
// is published instead of kb's, and the other file is still made.
func TestStaticLLMsTxtWins(t *testing.T) {
	site := fstest.MapFS{
		"config.toml":       {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\ntaxonomies = []\n")},
		"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\nSee [[a]].\n")},
		"content/a.md":      {Data: []byte("+++\ntitle = \"A\"\ndescription = \"A.\"\n+++\nText of A.\n")},
		"static/llms.txt":   {Data: []byte("# My own index\n")},
	}
	res, err := Build(site, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Files["llms.txt"]); got != "# My own index\n" {
		t.Errorf("llms.txt is kb's, not the site's own:\n%s", got)
	}
	if !strings.Contains(string(res.Files["llms-full.txt"]), "Text of A.") {
		t.Errorf("llms-full.txt is missing:\n%s", res.Files["llms-full.txt"])
	}
}

// TestTextEditUpdatesCopies: an edit of an article's text alone, the
// preview server's fast path, brings its Markdown copy up to date at once
// and names it among the changed files; llms-full.txt follows with the
// search index, once edits pause.
func TestTextEditUpdatesCopies(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.toml"), []byte("title = \"T\"\nbase_url = \"https://example.org/\"\ntaxonomies = []\n"))
	_ = os.MkdirAll(filepath.Join(dir, "content", "docs"), 0o755)
	writeFile(t, filepath.Join(dir, "content", "_index.md"), []byte("+++\ntitle = \"Home\"\n+++\nSee [[a]] and [[b]].\n"))
	writeFile(t, filepath.Join(dir, "content", "docs", "a.md"), []byte("+++\ntitle = \"A\"\ndescription = \"A.\"\n+++\nText of A, see [[b]].\n"))
	writeFile(t, filepath.Join(dir, "content", "docs", "b.md"), []byte("+++\ntitle = \"B\"\ndescription = \"B.\"\n+++\nText of B.\n"))
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "content", "docs", "a.md"), []byte("+++\ntitle = \"A\"\ndescription = \"A.\"\n+++\nNew text of A, see [[b]].\n"))
	res, changed, err := b.Update([]string{"content/docs/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if res.LaidOut >= res.Pages {
		t.Fatalf("the edit took a full build (%d of %d pages laid out)", res.LaidOut, res.Pages)
	}
	const want = "New text of A, see [B](https://example.org/docs/b/)."
	if !slices.Contains(changed, "docs/a/index.md") || !strings.Contains(string(res.Files["docs/a/index.md"]), want) {
		t.Errorf("changed %q, docs/a/index.md:\n%s", changed, res.Files["docs/a/index.md"])
	}
	if slices.Contains(changed, "docs/b/index.md") || slices.Contains(changed, sitefiles.LLMsFile) {
		t.Errorf("changed %q names files the edit cannot change", changed)
	}
	refreshed, later := refreshSearch(b) // the search index and llms-full.txt, which the fast path leaves behind
	if refreshed == nil || !slices.Contains(later, sitefiles.LLMsFullFile) || !strings.Contains(string(refreshed.Files[sitefiles.LLMsFullFile]), want) {
		t.Fatalf("after the pause, changed %q; llms-full.txt:\n%s", later, refreshed.Files[sitefiles.LLMsFullFile])
	}
	res = refreshed
	fresh, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(res.Files, fresh.Files, bytes.Equal) {
		t.Error("the updated files differ from a fresh build's")
	}
}

// TestCopiesInChunks builds a site of more pages than a chunk of copies,
// with kb's llms-full.txt and with the site's own: every page has its
// copy, written once, and llms-full.txt holds every article's in order.
func TestCopiesInChunks(t *testing.T) {
	for _, own := range []bool{false, true} {
		site := fstest.MapFS{
			"config.toml":       {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\ntaxonomies = []\n")},
			"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\nHome.\n")},
		}
		if own {
			site["static/llms-full.txt"] = &fstest.MapFile{Data: []byte("# Mine\n")}
		}
		for _, sec := range []string{"a", "b", "c"} {
			site["content/"+sec+"/_index.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Section " + sec + "\"\nweight = 1\n+++\n")}
			for i := range 2 * copyChunk / 3 {
				name := fmt.Sprintf("content/%s/p%03d.md", sec, i)
				site[name] = &fstest.MapFile{Data: fmt.Appendf(nil, "+++\ntitle = \"%s %03d\"\nweight = %d\n+++\nPage %s %d, see [the section](_index.md) and [[a/p001]].\n", sec, i, i+1, sec, i)}
			}
		}
		res, err := Build(site, Options{})
		if err != nil {
			t.Fatal(err)
		}
		full := string(res.Files[sitefiles.LLMsFullFile])
		for _, p := range res.Site.Pages {
			cp, ok := res.Files[p.URL+"index.md"]
			if ok != (p.MarkdownURL() != "") {
				t.Errorf("own %v: %s: copy written %v", own, p.URL, ok)
			}
			if !ok || p.Kind != content.Article || own {
				continue
			}
			if !strings.Contains(full, "\n"+string(cp)) {
				t.Errorf("llms-full.txt lacks %s", p.URL)
			}
		}
		if own && full != "# Mine\n" {
			t.Errorf("llms-full.txt is not the site's own")
		}
		if !own {
			var prev int
			for _, p := range sitefiles.LLMsFullArticles(res.Site) {
				i := strings.Index(full, "\n# "+p.Title+"\n")
				if i < prev {
					t.Fatalf("llms-full.txt has %s out of order", p.URL)
				}
				prev = i
			}
		}
	}
}

// changingFS serves file's bytes as changed from its second read on, as
// an editor saving during a build would.
type changingFS struct {
	fstest.MapFS
	file  string
	reads *int
}

func (c changingFS) Open(name string) (fs.File, error) {
	if name == c.file {
		if *c.reads++; *c.reads > 1 {
			return fstest.MapFS{name: {Data: []byte("+++\ntitle = \"A\"\n+++\nChanged, see [[b]].\n")}}.Open(name)
		}
	}
	return c.MapFS.Open(name)
}

// ReadFile reads by Open, as a site folder's ReadFile reads what Open
// would give (MapFS's own would not see the change).
func (c changingFS) ReadFile(name string) ([]byte, error) {
	return fs.ReadFile(struct{ fs.FS }{c}, name)
}

// TestCopyOfChangedFile: a one-shot build reads a page's body again for
// its copy; a file changed since it was rendered fails the build at the
// file, rather than give a copy cut at the wrong places.
func TestCopyOfChangedFile(t *testing.T) {
	reads := 0
	site := changingFS{MapFS: fstest.MapFS{
		"config.toml":       {Data: []byte("title = \"T\"\ntaxonomies = []\n")},
		"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\n[[a]]\n")},
		"content/a.md":      {Data: []byte("+++\ntitle = \"A\"\n+++\nText of A, see [[b]].\n")},
		"content/b.md":      {Data: []byte("+++\ntitle = \"B\"\n+++\n[[a]]\n")},
	}, file: "content/a.md", reads: &reads}
	_, err := Build(site, Options{})
	if want := "content/a.md: the file changed while kb was building the site: build again"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}
