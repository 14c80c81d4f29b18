package build

import (
	"testing"
	"testing/fstest"

	"kb/internal/diag"
)

// FuzzBuildPage runs the whole page path (read, front matter, TOML, URL,
// assembly, Markdown, links, layouts) on one arbitrary file: it may fail
// with errors, never panic, and a failure must name a place.
func FuzzBuildPage(f *testing.F) {
	for _, seed := range []string{
		"+++\ntitle = \"A\"\n+++\n# Hi\n[x](b.md) [[y]] ```go\nx\n```",
		"+++\ntitle = \"A\"\nslug = \"../x\"\naliases = [\"//x\"]\n+++\n",
		"+++\ntitle = 'A'\n[[sources]]\ntitle = \"s\"\nurl = \"javascript:x\"\n+++\n<script>x</script>[a](javascript:x)",
		"+++\n+++\n",
		"+++\ntitle = \"A\"\ntags = [\"\", \" \"]\n+++\n| a |\n|---|\n| [x](../../../../x.md) |",
		"no front matter",
		"+++\ntitle = \"\xff\"\n+++",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, page string) {
		site := fstest.MapFS{
			"config.toml":               {Data: []byte("title = \"F\"\ntheme = \"mini\"\ntaxonomies = [\"tags\"]\n")},
			"content/_index.md":         {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
			"content/docs/b.md":         {Data: []byte("+++\ntitle = \"B\"\n+++\n")},
			"content/docs/fuzzed.md":    {Data: []byte(page)},
			"themes/mini/layouts/x.txt": {Data: nil},
		}
		addMiniTheme(t, site)
		res, err := Build(site, Options{})
		if err != nil {
			for _, d := range diag.From(err) {
				if d.File == "" {
					t.Errorf("error without a place: %v", d)
				}
			}
			return
		}
		if res.Files["docs/b/index.html"] == nil {
			t.Error("a successful build lost a page")
		}
	})
}
