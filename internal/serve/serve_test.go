package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// site writes a small site under a project subpath into a temp folder.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":              "title = \"T\"\nbase_url = \"https://owner.github.io/repo/\"\ntaxonomies = []\n",
		"content/_index.md":        "+++\ntitle = \"Home\"\n+++\nSee [[a]] and [[b]].\n",
		"content/docs/_index.md":   "+++\ntitle = \"Docs\"\n+++\n",
		"content/docs/a.md":        "+++\ntitle = \"Page A\"\ndescription = \"A.\"\n+++\nText of A, see [B](b.md).\n",
		"content/docs/b.md":        "+++\ntitle = \"Page B\"\ndescription = \"B.\"\n+++\nText of B.\n",
		"content/docs/about.html":  "<p>asset</p>",
		"static/css/site.css":      "body{}",
		"static/secret/index.html": "<p>static index</p>",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

func TestHandlerPaths(t *testing.T) {
	s := New(site(t), Options{})
	h := s.Handler()
	for _, tc := range []struct {
		method, target string
		status         int
		location, body string
		ctype          string
	}{
		{"GET", "/", 302, "/repo/", "", ""},
		{"GET", "/repo", 302, "/repo/", "", ""},
		{"GET", "/repo/", 200, "", "See <a href=\"/repo/docs/a/\">Page A</a>", "text/html; charset=utf-8"},
		{"GET", "/repo/docs/a/", 200, "", "Text of A", "text/html; charset=utf-8"},
		{"GET", "/repo/docs/a/index.html", 200, "", "Text of A", "text/html; charset=utf-8"},
		{"GET", "/repo/docs/a", 301, "/repo/docs/a/", "", ""},
		{"GET", "/repo/docs/about", 200, "", "asset", "text/html; charset=utf-8"},
		{"GET", "/repo/css/site.css", 200, "", "body{}", "text/css; charset=utf-8"},
		{"GET", "/repo/sitemap.xml", 200, "", "<urlset", "text/xml; charset=utf-8"},
		// Markdown copies and the llms.txt files, with the types GitHub
		// Pages gives them.
		{"GET", "/repo/docs/a/index.md", 200, "", "Text of A, see [B](https://owner.github.io/repo/docs/b/).", "text/markdown; charset=utf-8"},
		{"GET", "/repo/llms.txt", 200, "", "- [Page A](https://owner.github.io/repo/docs/a/index.md): A.", "text/plain; charset=utf-8"},
		{"GET", "/repo/llms-full.txt", 200, "", "# Page B", "text/plain; charset=utf-8"},
		{"GET", "/repo/secret/", 200, "", "static index", ""},
		{"GET", "/repo/nowhere/", 404, "", "Page not found", "text/html; charset=utf-8"},
		{"GET", "/elsewhere/", 404, "", "Page not found", ""},
		{"HEAD", "/repo/docs/a/", 200, "", "", ""},
		{"POST", "/repo/docs/a/", 405, "", "", ""},
		{"DELETE", "/repo/", 405, "", "", ""},
		// Traversal, plain and encoded: cleaned, then only built files;
		// a clean path outside the base path is not found, never a
		// redirect there.
		{"GET", "/repo/../config.toml", 404, "", "", ""},
		{"GET", "/repo/%2e%2e/config.toml", 404, "", "", ""},
		{"GET", "/config.toml", 404, "", "", ""},
		{"GET", "/repo/..%2fconfig.toml", 404, "", "", ""},
		{"GET", "/repo/docs/../docs/a/", 301, "/repo/docs/a/", "", ""},
		{"GET", "/repo/content/docs/a.md", 404, "", "", ""},
		{"GET", "/repo//docs/a/", 301, "/repo/docs/a/", "", ""},
		{"GET", "/repo/docs/a/%00", 404, "", "", ""},
	} {
		w := get(t, h, tc.method, tc.target)
		if w.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.target, w.Code, tc.status)
			continue
		}
		if tc.location != "" && w.Header().Get("Location") != tc.location {
			t.Errorf("%s %s: Location %q, want %q", tc.method, tc.target, w.Header().Get("Location"), tc.location)
		}
		if tc.body != "" && !strings.Contains(w.Body.String(), tc.body) {
			t.Errorf("%s %s: body lacks %q:\n%.300s", tc.method, tc.target, tc.body, w.Body.String())
		}
		if tc.ctype != "" && w.Header().Get("Content-Type") != tc.ctype {
			t.Errorf("%s %s: Content-Type %q, want %q", tc.method, tc.target, w.Header().Get("Content-Type"), tc.ctype)
		}
		if tc.method == "HEAD" && w.Body.Len() != 0 {
			t.Errorf("HEAD %s has a body", tc.target)
		}
	}
	// The live reload script is in served pages, relative to the base
	// path, and the site's files themselves never carry it.
	if body := get(t, h, "GET", "/repo/docs/b/").Body.String(); !strings.Contains(body, `<script src="/repo/__kb/live.js" data-base="/repo/"`) {
		t.Errorf("served page has no live reload script:\n%s", body)
	}
	for name, data := range s.current.Load().files {
		if strings.Contains(string(data), "__kb") {
			t.Errorf("built file %s mentions the server's endpoints", name)
		}
	}
	if w := get(t, h, "GET", "/repo/__kb/live.js"); w.Code != 200 || !strings.Contains(w.Body.String(), "EventSource") {
		t.Errorf("live.js: %d", w.Code)
	}
}

// stream reads Server-Sent Events.
type stream struct {
	r    *bufio.Reader
	body io.Closer
}

func subscribe(t *testing.T, base string) *stream {
	t.Helper()
	resp, err := http.Get(base + "__kb/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	return &stream{r: bufio.NewReader(resp.Body), body: resp.Body}
}

// next returns the next event's name and data, failing after a timeout.
func (s *stream) next(t *testing.T) (string, map[string]any) {
	t.Helper()
	type ev struct {
		name string
		data map[string]any
		err  error
	}
	c := make(chan ev, 1)
	go func() {
		var e ev
		for {
			line, err := s.r.ReadString('\n')
			if err != nil {
				e.err = err
				c <- e
				return
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.err = json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e.data)
			case line == "" && e.name != "":
				c <- e
				return
			}
		}
	}()
	select {
	case e := <-c:
		if e.err != nil {
			t.Fatalf("reading events: %v", e.err)
		}
		return e.name, e.data
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
	}
	return "", nil
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestLiveEdits runs the real server (watcher included) on a free port
// and makes the changes authors make: edit, break and fix a link, create
// a page in a new folder, rename it, delete it, change a stylesheet. Each
// must end in the right event and the right served bytes.
func TestLiveEdits(t *testing.T) {
	dir := site(t)
	goroutines := runtime.NumGoroutine()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(dir, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	base := "http://" + ln.Addr().String() + "/repo/"
	ev := subscribe(t, base)
	if name, data := ev.next(t); name != "hello" || data["id"] == "" {
		t.Fatalf("first event %s %v", name, data)
	}
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	expect := func(want string, check func(map[string]any) bool) map[string]any {
		t.Helper()
		for range 5 {
			name, data := ev.next(t)
			if name == want && (check == nil || check(data)) {
				return data
			}
		}
		t.Fatalf("no %s event", want)
		return nil
	}
	hasPage := func(p string) func(map[string]any) bool {
		return func(d map[string]any) bool {
			pages, _ := d["pages"].([]any)
			for _, x := range pages {
				if x == p {
					return true
				}
			}
			return d["all"] == true
		}
	}

	// An edit to the text: page A reloads, with the new text served.
	write("content/docs/a.md", "+++\ntitle = \"Page A\"\ndescription = \"A.\"\n+++\nText of A, marker one, see [B](b.md).\n")
	expect("reload", hasPage("/repo/docs/a/"))
	if _, body := fetch(t, base+"docs/a/"); !strings.Contains(body, "marker one") {
		t.Errorf("edit not served:\n%s", body)
	}
	// B quotes A's sentence in its backlinks, so it reloads too.
	if _, body := fetch(t, base+"docs/b/"); !strings.Contains(body, "marker one") {
		t.Errorf("backlink context not updated on B")
	}

	// A broken link: errors with file, line and source; the last good
	// build is still served. Fixing it clears them.
	write("content/docs/a.md", "+++\ntitle = \"Page A\"\ndescription = \"A.\"\n+++\nText of A, see [B](bb.md).\n")
	// The watcher may see the file emptied before it is written, and a
	// rebuild then reports that first.
	data := expect("errors", func(d map[string]any) bool { return !strings.Contains(fmt.Sprint(d), "no front matter") })
	errs, _ := data["errors"].([]any)
	if len(errs) != 1 || !strings.Contains(errs[0].(map[string]any)["message"].(string), `broken link "bb.md"`) || errs[0].(map[string]any)["line"] != float64(5) {
		t.Fatalf("errors event: %v", data)
	}
	if _, body := fetch(t, base+"docs/a/"); !strings.Contains(body, "marker one") {
		t.Errorf("last good build not served during errors")
	}
	write("content/docs/a.md", "+++\ntitle = \"Page A\"\ndescription = \"A.\"\n+++\nText of A, marker two, see [B](b.md).\n")
	expect("reload", hasPage("/repo/docs/a/"))

	// A new page in a new folder.
	write("content/guides/deep/new.md", "+++\ntitle = \"Brand new\"\ndescription = \"N.\"\n+++\nSee [[a]].\n")
	expect("reload", hasPage("/repo/guides/deep/new/"))
	if code, body := fetch(t, base+"guides/deep/new/"); code != 200 || !strings.Contains(body, "Brand new") {
		t.Errorf("new page: %d", code)
	}

	// Renamed: the old URL is gone, the new one served.
	if err := os.Rename(filepath.Join(dir, "content/guides/deep/new.md"), filepath.Join(dir, "content/guides/deep/renamed.md")); err != nil {
		t.Fatal(err)
	}
	expect("reload", hasPage("/repo/guides/deep/renamed/"))
	if code, _ := fetch(t, base+"guides/deep/new/"); code != 404 {
		t.Errorf("old URL after rename: %d", code)
	}

	// Deleted, folder and all.
	if err := os.RemoveAll(filepath.Join(dir, "content/guides")); err != nil {
		t.Fatal(err)
	}
	// Waited for by its URL: the rename may have been two rebuilds (the
	// new name, then the old one gone), and an event left from it would
	// be taken for this one's.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		code, _ := fetch(t, base+"guides/deep/renamed/")
		if code == 404 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("deleted page: %d after 10s", code)
		}
	}

	// A stylesheet alone: swapped, not reloaded.
	write("static/css/site.css", "body{color:red}")
	data = expect("css", nil)
	if css, _ := data["css"].([]any); len(css) != 1 || css[0] != "/repo/css/site.css" {
		t.Errorf("css event: %v", data)
	}

	// Editor scratch files change nothing.
	write("content/docs/.a.md.swp", "x")
	write("content/docs/a.md~", "x")

	ev.body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	// Nothing left running: goroutines settle back to where they were.
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left behind:\n%s", n-goroutines, buf[:runtime.Stack(buf, true)])
	}
}

// TestStartsBroken: a site that fails its first build is still served
// under its base path, with the errors for the overlay, and recovers.
func TestStartsBroken(t *testing.T) {
	dir := site(t)
	a := filepath.Join(dir, "content/docs/a.md")
	if err := os.WriteFile(a, []byte("+++\ntitle = \"Page A\"\n+++\nSee [x](nope.md).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(dir, Options{})
	if s.BasePath() != "/repo/" || len(s.current.Load().problems) != 1 {
		t.Fatalf("base %q, problems %v", s.BasePath(), s.current.Load().problems)
	}
	if w := get(t, s.Handler(), "GET", "/repo/__kb/live.js"); w.Code != 200 {
		t.Errorf("live.js under the base path: %d", w.Code)
	}
	if err := os.WriteFile(a, []byte("+++\ntitle = \"Page A\"\n+++\nSee [x](b.md).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Rebuild([]string{"content/docs/a.md"})
	if w := get(t, s.Handler(), "GET", "/repo/docs/a/"); w.Code != 200 || len(s.current.Load().problems) != 0 {
		t.Errorf("after the fix: %d, problems %v", w.Code, s.current.Load().problems)
	}
}

// TestServeEndsWhenListenerFails: a listener that fails ends Serve, with
// its error, and the watcher with it.
func TestServeEndsWhenListenerFails(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(site(t), Options{})
	done := make(chan error, 1)
	go func() { done <- s.Serve(context.Background(), ln) }()
	time.Sleep(50 * time.Millisecond)
	ln.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Error("Serve returned no error for a failed listener")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its listener failed")
	}
}
