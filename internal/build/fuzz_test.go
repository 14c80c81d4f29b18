package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/diag"
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
		// Heading attributes of every value type, and author-set ids
		// that clash with each other, the theme's, or are not ids.
		"+++\ntitle = \"A\"\n+++\n## One {id=1}\n## Two {id=true}\n## Three {id=1.5}\n## Four {id=[\"a\"]}\n## Five {#x .c k=v}\n## Six {#x}\n## Seven {#main}\n## Eight {#}\n## Nine {# a b}\n",
		// Front matter values of every TOML type in every known key.
		"+++\ntitle = 1\ndescription = 2024-01-01\ndate = 00:00:00\nupdated = 1979-05-27T07:32:00Z\ndraft = \"yes\"\nweight = 1.5\nslug = [\"x\"]\naliases = \"x\"\ntags = { a = 1 }\nsources = [1, 2]\nprofile = 3\n[params]\nx = 10000-01-01\n+++\n",
		"+++\ntitle = \"A\"\ndate = 10000-01-01T00:00:00Z\n+++\n",
		"+++\ntitle = \"A\"\nslug = \"c#1\"\naliases = [\"feed.xml\", \".kb-output.html\", \"sitemap.xml\", \"B/INDEX.HTML\"]\n+++\n",
		"+++\ntitle = \"A\"\nslug = \"b\"\n+++\n",
		// Links that look like schemes, and ones that are.
		"+++\ntitle = \"A\"\n+++\n[a](%6A%61vascript:alert(1)) [b](nope%2Fx:y) [c](file:///etc/passwd) [d](javascript:x) [e](data:text/html,x) [f](<b.md#x y>) [g](b.md?x#y)",
		// Shapes that were slow for the Markdown parser.
		"+++\ntitle = \"A\"\n+++\n" + strings.Repeat("*a _a ", 2000),
		"+++\ntitle = \"A\"\n+++\n" + strings.Repeat("- ", 500) + "x",
		"+++\ntitle = \"A\"\n+++\n" + strings.Repeat("> ", 500) + "x",
		"+++\ntitle = \"A\"\n+++\n" + strings.Repeat("[", 3000) + strings.Repeat("]", 3000),
		"+++\ntitle = \"A\"\n+++\n```compare\npages = [1]\n```\n```compare\n[[x\n```\n",
		"---\ntitle: yaml\n---\n",
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
