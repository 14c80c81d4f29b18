package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/markdown"
)

// TestFragmentsChecked checks links into pages by #id, on a page with
// few ids and on one with many (the two are looked up differently):
// an id the page has passes, one it lacks is reported where the link
// is, with the nearest id the page has.
func TestFragmentsChecked(t *testing.T) {
	s, errs := assemble(t, nil,
		file{"content/g/few.md", "title = \"Few\"\n"},
		file{"content/g/many.md", "title = \"Many\"\n"},
		file{"content/g/from.md", "title = \"From\"\n"},
	)
	if errs != "" {
		t.Fatal(errs)
	}
	ids := map[string][]string{"g/few/": {"intro", "budget"}}
	for i := range 40 {
		ids["g/many/"] = append(ids["g/many/"], fmt.Sprintf("step-%d", i))
	}
	link := func(to, frag string, line int) markdown.Link {
		return markdown.Link{Dest: "../" + strings.TrimPrefix(to, "g/") + "#" + frag, Line: line, Col: 1,
			Target: markdown.Target{Ref: PageRef(s.Lookup(to), frag)}}
	}
	rendered := make([]Rendered, len(s.Pages))
	for i, p := range s.Pages {
		rendered[i].IDs = ids[p.URL]
		if p.URL == "g/from/" {
			rendered[i].Links = []markdown.Link{
				link("g/few/", "budget", 1), link("g/few/", "budgt", 2),
				link("g/many/", "step-39", 3), link("g/many/", "step-40", 4), link("g/many/", "step-7", 5),
			}
		}
	}
	var got []string
	for _, e := range s.checkFragments(rendered) {
		got = append(got, e.Error())
	}
	want := []string{
		`content/g/from.md:2:1: broken link "../few/#budgt": content/g/few.md has no heading with the id "budgt" (did you mean "#budget"?)`,
		`content/g/from.md:4:1: broken link "../many/#step-40": content/g/many.md has no heading with the id "step-40" (did you mean "#step-0"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
