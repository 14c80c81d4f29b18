package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/build"
)

// TestExternalCheck runs kb check -external's part on a small site whose
// links lead to made-up hosts served by a local server: never the
// network. Each broken or redirected link is a warning at every place
// it is written, body, profile value or source alike; a second run
// answers from the cache.
func TestExternalCheck(t *testing.T) {
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		switch r.URL.Path {
		case "/ok":
		case "/moved":
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
		case "/new":
		case "/no-head":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		if strings.HasPrefix(addr, "gone.kbtest:") {
			return nil, &net.DNSError{Err: "no such host", Name: "gone.kbtest", IsNotFound: true}
		}
		var d net.Dialer
		return d.DialContext(ctx, network, srv.Listener.Addr().String())
	}

	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"Ext\"\nbase_url = \"https://owner.github.io/repo/\"\n")
	write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nSee [the roles](roles/_index.md).\n")
	write("content/roles/_index.md", "+++\ntitle = \"Roles\"\n[[dimensions]]\nid = \"focus\"\nlabel = \"Focus\"\n+++\n")
	write("content/roles/cto.md", `+++
title = "CTO"
[profile]
focus = "Outward ([a talk](http://a.kbtest/gone))"

[[sources]]
title = "A post"
url = "http://a.kbtest/moved"
+++
Read [the post](http://a.kbtest/moved#intro), [this](http://a.kbtest/ok),
[that](http://a.kbtest/no-head) and [an example](https://example.com/).
A [lapsed domain](http://gone.kbtest/x)
and [the talk again](http://a.kbtest/gone#t=1).
`)
	res, err := build.Build(os.DirFS(dir), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	x := externalCheck{source: dir, timeout: 10 * time.Second, cacheAge: 24 * time.Hour, dial: dial, now: func() time.Time { return now }}
	run := func() (problems, stdout, stderr string) {
		t.Helper()
		var out, errOut bytes.Buffer
		l, err := x.run(context.Background(), res.External, &out, &errOut)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, d := range l {
			b.WriteString(d.Error() + "\n")
		}
		return b.String(), out.String(), errOut.String()
	}

	problems, stdout, stderr := run()
	want := `content/roles/cto.md:4:19: warning: external link "http://a.kbtest/gone" answers 404 Not Found: the page is gone; link to where it moved, or to an archived copy
content/roles/cto.md:13:5: warning: external link "http://a.kbtest/gone#t=1" answers 404 Not Found: the page is gone; link to where it moved, or to an archived copy
content/roles/cto.md:8:8: warning: external link "http://a.kbtest/moved" redirects to "http://a.kbtest/new": update the link
content/roles/cto.md:10:6: warning: external link "http://a.kbtest/moved#intro" redirects to "http://a.kbtest/new#intro": update the link
content/roles/cto.md:12:3: warning: external link "http://gone.kbtest/x": its host "gone.kbtest" does not resolve: the domain has lapsed or is misspelled
`
	if problems != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", problems, want)
	}
	summary := regexp.MustCompile(`^checked 6 external links at 8 places: 5 asked on 2 hosts in \S+, 0 from the cache \(.kb-cache/external-links.json\), 1 skipped; 2 broken, 1 redirected\n$`)
	if !summary.MatchString(stdout) || stderr != "" {
		t.Errorf("first run: stdout %q, stderr %q", stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".kb-cache", "external-links.json")); err != nil {
		t.Errorf("no cache file: %v", err)
	}

	// The second run asks again only for what may have passed: the host
	// that did not resolve, which the server never sees.
	before := asked.Load()
	problems2, stdout, _ := run()
	if problems2 != problems {
		t.Errorf("second run's warnings differ:\n%s\nfirst:\n%s", problems2, problems)
	}
	if !strings.Contains(stdout, ": 1 asked on 1 host in ") || !strings.Contains(stdout, ", 4 from the cache (") {
		t.Errorf("second run: %q, want 1 asked and 4 from the cache", stdout)
	}
	if n := asked.Load() - before; n != 0 {
		t.Errorf("second run made %d requests of the server, want none", n)
	}
}

// TestExternalOffline: when no host resolves, a note says the machine is
// likely offline.
func TestExternalOffline(t *testing.T) {
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	x := externalCheck{source: t.TempDir(), timeout: time.Second, cacheAge: time.Hour, dial: dial}
	var out, errOut bytes.Buffer
	links := []build.ExternalLink{{URL: "https://a.kbtest/", File: "a.md", Line: 1, Col: 1}, {URL: "https://b.kbtest/", File: "a.md", Line: 2, Col: 1}}
	l, err := x.run(context.Background(), links, &out, &errOut)
	if err != nil {
		t.Fatal(err)
	}
	if len(l) != 2 || !strings.Contains(errOut.String(), "is this machine offline?") {
		t.Errorf("%d warnings, stderr %q; want 2 and a note about being offline", len(l), errOut.String())
	}
}
