package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A preview rebuild keeps the built-in theme's list entries whose page
// kept its URL, title and description, and only under the same base:
// after base_url moves, every entry links under the new one.
func TestItemsFollowTheBaseURL(t *testing.T) {
	dir := reuseSite(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	src, _ := os.ReadFile(cfg)
	writeFile(t, cfg, bytes.Replace(src, []byte(`"https://example.org/"`), []byte(`"https://example.org/sub/"`), 1))
	res, _, err := b.Update([]string{"config.toml"})
	if err != nil {
		t.Fatal(err)
	}
	sameAsFresh(t, res, dir)
	if docs := string(res.Files["docs/index.html"]); !strings.Contains(docs, `href="/sub/docs/a1/"`) {
		t.Errorf("the docs section lists a1 under the old base:\n%s", docs)
	}
}

// A site's own page-item partial may show anything of a page: its
// entries are made again on every rebuild, not kept by the built-in
// partial's fields.
func TestOwnItemPartialIsNotKept(t *testing.T) {
	dir := reuseSite(t)
	if err := os.MkdirAll(filepath.Join(dir, "layouts", "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "layouts", "partials", "page-list.html"), []byte(`{{define "page-item"}}<li>{{.Title}} weighs {{.Weight}}</li>{{end}}
{{define "page-list"}}<ul>{{range .}}{{.HTML}}{{end}}</ul>{{end}}`))
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content", "docs", "a7.md")
	src, _ := os.ReadFile(file)
	writeFile(t, file, bytes.Replace(src, []byte("weight = 7\n"), []byte("weight = 77\n"), 1))
	res, _, err := b.Update([]string{"content/docs/a7.md"})
	if err != nil {
		t.Fatal(err)
	}
	sameAsFresh(t, res, dir)
	if docs := string(res.Files["docs/index.html"]); !strings.Contains(docs, "Page 07 weighs 77") {
		t.Errorf("the docs section shows a7's old weight:\n%s", docs)
	}
}

// A preview rebuild makes again the list entry of a page whose title or
// description changed, and the lists that show it follow.
func TestItemsFollowTitlesAndDescriptions(t *testing.T) {
	dir := reuseSite(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "content", "docs", "a7.md")
	for _, edit := range []struct{ old, new string }{{"Page 07", "Seventh page"}, {"About 7.", "All about seven."}} {
		src, _ := os.ReadFile(file)
		writeFile(t, file, bytes.Replace(src, []byte(edit.old), []byte(edit.new), 1))
		res, _, err := b.Update([]string{"content/docs/a7.md"})
		if err != nil {
			t.Fatal(err)
		}
		sameAsFresh(t, res, dir)
		for _, list := range []string{"docs/index.html", "tags/t3/index.html"} {
			if page := string(res.Files[list]); !strings.Contains(page, edit.new) || strings.Contains(page, edit.old) {
				t.Errorf("%s does not follow the edit %q to %q", list, edit.old, edit.new)
			}
		}
	}
}
