package build

import (
	"html"
	"maps"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const testBase = "https://owner.github.io/kb-test/"

var (
	linkRE = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]*)"`)
	locRE  = regexp.MustCompile(`<(?:loc|id)>([^<]*)</|<link href="([^"]*)"`)
)

// buildRepoSite builds the repository's own site under a project subpath.
func buildRepoSite(t *testing.T) *Result {
	t.Helper()
	return buildRepoState(t).res
}

// buildRepoState builds the repository's own site as buildRepoSite does,
// and gives the stages' values too, which the corpus test reads.
func buildRepoState(t *testing.T) *state {
	t.Helper()
	b := NewBuilder(os.DirFS("../.."), Options{BaseURL: testBase})
	if _, err := b.Build(); err != nil {
		t.Fatalf("the repository's site does not build:\n%v", err)
	}
	return b.last
}

// TestRepoSiteLinksResolve checks every href and src of every generated
// HTML file of the repository's own site: internal ones keep the base
// path, lead to a generated file (canonical URLs, absolute, too), and their #fragment to an id there.
func TestRepoSiteLinksResolve(t *testing.T) {
	res := buildRepoSite(t)
	ids := map[string]map[string]bool{}
	for p, b := range res.Files {
		if strings.HasSuffix(p, ".html") {
			ids[p] = map[string]bool{}
			for _, m := range idRE.FindAllSubmatch(b, -1) {
				ids[p][html.UnescapeString(string(m[1]))] = true
			}
		}
	}
	checked := 0
	for _, p := range slices.Sorted(maps.Keys(ids)) {
		for _, m := range linkRE.FindAllSubmatch(res.Files[p], -1) {
			raw := html.UnescapeString(string(m[1]))
			u, err := url.Parse(raw)
			if err != nil {
				t.Errorf("%s: unparsable link %q", p, raw)
				continue
			}
			if (u.Scheme != "" || u.Host != "") && !strings.HasPrefix(raw, testBase) {
				continue // external
			}
			checked++
			target := p
			if u.Path != "" {
				rest, ok := strings.CutPrefix(u.Path, "/kb-test/")
				if !ok {
					t.Errorf("%s: link %q drops the base path /kb-test/", p, raw)
					continue
				}
				target = rest
				if target == "" || strings.HasSuffix(target, "/") {
					target += "index.html"
				}
				if _, ok := res.Files[target]; !ok {
					t.Errorf("%s: link %q leads to no generated file (%s)", p, raw, target)
					continue
				}
			}
			if u.Fragment != "" && ids[target] != nil && !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: %s has no id %q", p, raw, target, u.Fragment)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d internal links checked; the site should have far more", checked)
	}
	for _, f := range []string{"sitemap.xml", "feed.xml", "robots.txt"} {
		for _, m := range locRE.FindAllSubmatch(res.Files[f], -1) {
			u := string(m[1]) + string(m[2])
			if !strings.HasPrefix(u, testBase) {
				t.Errorf("%s: URL %q is not under %s", f, u, testBase)
			}
		}
	}
	if !strings.Contains(string(res.Files["robots.txt"]), "Sitemap: "+testBase+"sitemap.xml") {
		t.Errorf("robots.txt does not point at the sitemap:\n%s", res.Files["robots.txt"])
	}
}

// TestDeterministic builds the same site twice and expects identical bytes
// (parallel rendering must not leak into the output).
func TestDeterministic(t *testing.T) {
	a, b := buildRepoSite(t), buildRepoSite(t)
	if !maps.EqualFunc(a.Files, b.Files, func(x, y []byte) bool { return string(x) == string(y) }) {
		for p := range a.Files {
			if string(a.Files[p]) != string(b.Files[p]) {
				t.Errorf("%s differs between two builds", p)
			}
		}
		t.Fatal("two builds of the same site differ")
	}
}
