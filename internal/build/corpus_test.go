package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/content"
)

// The works the knowledge base draws on; a source cited under any other
// title is a typo or an uncited work.
var knownSources = map[string]bool{
	"CTO vs VP Engineering: Key Differences Explained":                      true,
	"CTO vs VP of Engineering":                                              true,
	"CTO vs VP of Engineering: Roles, Skills, and Career Path [2026]":       true,
	"CTO vs Head of Engineering":                                            true,
	"What is the difference between a CTO and a VP or Head of Engineering?": true,
}

// TestRepoCorpus guards the knowledge base itself: enough articles, each
// with the front matter readers and search rely on, cited sources, a
// length worth reading, links onward, and comparison tables where the
// site promises them; and no warning of kb check -strict.
func TestRepoCorpus(t *testing.T) {
	st := buildRepoState(t)
	res := st.res
	if len(res.Warnings) > 0 {
		t.Errorf("kb check -strict would fail:\n%v", res.Warnings)
	}
	articles, compares := 0, 0
	for _, p := range res.Site.Pages {
		if p.Kind != content.Article {
			continue
		}
		articles++
		where := p.File
		src, err := os.ReadFile(filepath.Join("../..", p.File))
		if err != nil {
			t.Fatal(err)
		}
		_, body, _, err := content.Split(src)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(body), "```compare") {
			compares++
		}
		switch d := p.Description; {
		case d == "":
			t.Errorf("%s: no description", where)
		case strings.ContainsAny(d, "\n") || !strings.ContainsAny(d[len(d)-1:], ".?!"):
			t.Errorf("%s: description should be one sentence ending in a full stop: %q", where, d)
		}
		if p.Date.IsZero() {
			t.Errorf("%s: no date", where)
		}
		for _, tax := range []string{"tags", "roles", "stages"} {
			if len(p.Terms[tax]) == 0 {
				t.Errorf("%s: no %s", where, tax)
			}
		}
		if len(p.Sources) == 0 {
			t.Errorf("%s: cites no sources", where)
		}
		for _, s := range p.Sources {
			switch {
			case knownSources[s.Title] && (s.URL == "" || s.Publisher == ""):
				t.Errorf("%s: cites %q without its url or publisher", where, s.Title)
			case !knownSources[s.Title] && (s.URL == "" || s.Publisher == ""):
				t.Errorf("%s: cites %q, which is not one of the five source articles: a work beyond them needs its publisher and url", where, s.Title)
			}
		}
		if n := len(strings.Fields(string(body))); n < 400 || n > 1600 {
			t.Errorf("%s: %d words; articles are 400-1,500 words", where, n)
		}
		if n := len(st.graph.Links(p)); n < 3 {
			t.Errorf("%s: links to %d other pages; every article leads on to at least three", where, n)
		}
	}
	if articles < 30 {
		t.Errorf("%d articles; the knowledge base has at least 30", articles)
	}
	if compares < 8 {
		t.Errorf("%d articles with a compare block; at least 8 should have one", compares)
	}
}
