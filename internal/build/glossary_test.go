package build

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestUpdateGlossary: in the preview server, an edit of a glossary
// definition changes every page that links the term, as a fresh build
// would; an edit of the glossary that leaves its terms as they were, or
// of an article that uses a term, stays a text edit of that page.
func TestUpdateGlossary(t *testing.T) {
	dir := repoSite(t)
	b := NewBuilder(os.DirFS(dir), Options{})
	first, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	glossary := "content/reference/glossary.md"
	users := pagesLinking(first.Files, "/reference/glossary/#span-of-control")
	if len(users) == 0 {
		t.Fatal("no page links the term span of control")
	}

	// edit replaces old in the body of file.
	edit := func(file, old, new string) {
		t.Helper()
		abs := filepath.Join(dir, file)
		src, _ := os.ReadFile(abs)
		if !bytes.Contains(src, []byte(old)) {
			t.Fatalf("%s has no %q", file, old)
		}
		writeFile(t, abs, editBody(src, old, new))
	}

	edit(glossary, "The number of people who report directly", "How many people report directly")
	got, changed, err := b.Update([]string{glossary})
	if err != nil {
		t.Fatal(err)
	}
	if got.LaidOut < len(users) {
		t.Errorf("an edit of a definition laid out %d pages: the %d pages that use the term need it", got.LaidOut, len(users))
	}
	for _, p := range users {
		if !slices.Contains(changed, p) {
			t.Errorf("%s links span of control, but did not change with its definition", p)
		}
	}
	want, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range users {
		if !bytes.Equal(got.Files[p], want.Files[p]) {
			t.Errorf("%s differs from a full build", p)
		}
		if !bytes.Contains(got.Files[p], []byte("How many people report directly")) {
			t.Errorf("%s does not carry the new definition", p)
		}
	}

	edit(glossary, "Short definitions of the titles", "Plain definitions of the titles")
	if fast := compare(t, b, nil, dir, []string{glossary}, 2, "glossary text"); !fast {
		t.Error("an edit of the glossary's text outside its terms took a full build")
	}

	article := "content/career-paths/first-90-days.md"
	if slices.Contains(users, "career-paths/first-90-days/index.html") {
		t.Fatal("the article must not use span of control yet")
	}
	edit(article, "\n\n", "\n\nA new sentence on span of control and title inflation.\n\n")
	if fast := compare(t, b, nil, dir, []string{article}, 3, "a term used"); !fast {
		t.Error("an article's new use of a term took a full build")
	}
	if got := pagesLinking(b.last.res.Files, "/reference/glossary/#span-of-control"); !slices.Contains(got, "career-paths/first-90-days/index.html") {
		t.Errorf("the new use of span of control is not linked; pages linking it: %v", got)
	}
}

// pagesLinking are the output pages whose HTML links the term at href.
func pagesLinking(files map[string][]byte, href string) []string {
	var out []string
	for p, data := range files {
		if strings.HasSuffix(p, ".html") && bytes.Contains(data, []byte(`href="`+href+`" class="term"`)) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
