package quality

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	attrRE = regexp.MustCompile(`<(a|link|script|img|source|iframe|form)\b([^>]*)>`)
	urlRE  = regexp.MustCompile(`\s(href|src|action)="([^"]*)"`)
	relRE  = regexp.MustCompile(`\srel="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// TestCrawl follows every link from the home page, as a reader and a link
// checker would: every internal link, script, stylesheet, image and form
// target answers 200 without a redirect, every #fragment names an element
// of its page, every page the site has is reachable from home, and nothing
// the page loads comes from another origin.
func TestCrawl(t *testing.T) {
	p := publish(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	start, _ := url.Parse(p.base)
	type page struct {
		ids  map[string]bool
		body string
	}
	pages := map[string]*page{}
	status := map[string]int{}
	fetch := func(u string) *page {
		if pg, ok := pages[u]; ok {
			return pg
		}
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		status[u] = resp.StatusCode
		pg := &page{ids: map[string]bool{}}
		if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			pg.body = string(b)
			for _, m := range idRE.FindAllStringSubmatch(pg.body, -1) {
				pg.ids[html.UnescapeString(m[1])] = true
			}
		}
		pages[u] = pg
		return pg
	}
	queue := []string{start.String()}
	seen := map[string]bool{start.String(): true}
	links, fragments := 0, 0
	type pending struct{ from, target, frag string }
	var anchors []pending
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		pg := fetch(cur)
		if status[cur] != 200 {
			continue
		}
		base, _ := url.Parse(cur)
		for _, tag := range attrRE.FindAllStringSubmatch(pg.body, -1) {
			name, attrs := tag[1], tag[2]
			rel := ""
			if m := relRE.FindStringSubmatch(attrs); m != nil {
				rel = m[1]
			}
			for _, m := range urlRE.FindAllStringSubmatch(attrs, -1) {
				raw := html.UnescapeString(m[2])
				u, err := base.Parse(raw)
				if err != nil {
					t.Errorf("%s: unparsable URL %q", cur, raw)
					continue
				}
				if u.Scheme != "http" && u.Scheme != "https" {
					continue // mailto: and the like
				}
				loads := name != "a" && !(name == "link" && (rel == "canonical" || rel == "alternate")) && name != "form"
				if u.Host != start.Host {
					if loads {
						t.Errorf("%s: <%s> loads %s from another origin", cur, name, u)
					}
					continue
				}
				if !strings.HasPrefix(u.Path, subpath) {
					t.Errorf("%s: link %q leaves the site's path %s", cur, raw, subpath)
					continue
				}
				links++
				frag := u.Fragment
				u.Fragment = ""
				target := u.String()
				if !seen[target] {
					seen[target] = true
					fetch(target)
					if status[target] != 200 {
						t.Errorf("%s: %s answers %d", cur, target, status[target])
					} else if pages[target].body != "" {
						queue = append(queue, target)
					}
				}
				if frag != "" {
					anchors = append(anchors, pending{cur, target, frag})
				}
			}
		}
	}
	for _, a := range anchors {
		fragments++
		if pg := pages[a.target]; pg != nil && pg.body != "" && !pg.ids[a.frag] {
			t.Errorf("%s: link to %s#%s: no element has that id", a.from, a.target, a.frag)
		}
	}
	// Every page is reachable, but for the redirects of old URLs and the
	// 404 page, which nothing should link to.
	var unreached []string
	for name, data := range p.files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" || strings.Contains(string(data), `http-equiv="refresh"`) {
			continue
		}
		u := p.base + strings.TrimSuffix(name, "index.html")
		if !seen[u] {
			unreached = append(unreached, u)
		}
	}
	slices.Sort(unreached)
	for _, u := range unreached {
		t.Errorf("unreachable from the home page: %s", u)
	}
	t.Logf("crawled %d pages, followed %d internal links, checked %d fragments", len(pages), links, fragments)

	// An unknown URL gets the site's 404 page, with status 404.
	resp, err := http.Get(p.base + "no/such/page/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 404 || !strings.Contains(string(b), "Page not found") {
		t.Errorf("unknown URL: %d", resp.StatusCode)
	}
}
