package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/build"
)

// held is a builder whose rebuilds, once they have handed their first
// files over, wait for the test to release them: the test sees what is
// served in between.
type held struct {
	siteBuilder
	handed  chan struct{}
	release chan struct{}
}

func (h *held) LayOutFirst(min int, first func() []string, ready func(build.Early)) {
	h.siteBuilder.LayOutFirst(min, first, func(e build.Early) {
		ready(e)
		h.handed <- struct{}{}
		<-h.release
	})
}

// heldServer is a server of the site in dir (see site) whose rebuilds
// hand over whatever they can early and then wait for the test (see
// held), with page A open.
func heldServer(t *testing.T, dir string) (*Server, *held, http.Handler) {
	t.Helper()
	hb := &held{handed: make(chan struct{}, 2)}
	s := newServer(dir, Options{}, func() siteBuilder {
		hb.siteBuilder = build.NewBuilder(os.DirFS(dir), build.Options{})
		return hb
	})
	s.earlyMin = 0 // this site is small: hand over whatever is left
	s.setBuilder(s.builder)
	h := s.Handler()
	if w := get(t, h, "GET", "/repo/docs/a/"); w.Code != 200 { // the page open
		t.Fatalf("page A: %d", w.Code)
	}
	return s, hb, h
}

// rebuild starts s's rebuild after file changed and returns once it has
// handed files over; the rebuild then waits for h.release, and the
// WaitGroup for its end.
func (h *held) rebuild(t *testing.T, s *Server, file string) *sync.WaitGroup {
	t.Helper()
	h.release = make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { s.Rebuild([]string{file}) })
	select {
	case <-h.handed:
	case <-time.After(time.Minute):
		t.Fatalf("the rebuild after %s handed nothing over", file)
	}
	return &wg
}

// TestOpenPagesServedFirst: after a template edit, the page open in a
// browser is served from the files the rebuild hands over early, while
// a page left for later waits for the rebuild's result. When a page left
// for later then fails, the server goes back to the last good build and
// shows the errors.
func TestOpenPagesServedFirst(t *testing.T) {
	dir := site(t)
	for _, name := range []string{"c", "d"} {
		page := fmt.Sprintf("+++\ntitle = \"Page %s\"\ndescription = \"More.\"\n+++\nText of %[1]s.\n", strings.ToUpper(name))
		if err := os.WriteFile(filepath.Join(dir, "content", "docs", name+".md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, hb, h := heldServer(t, dir)
	events := s.events.subscribe()
	defer s.events.unsubscribe(events)

	rebuild := func(file, data string) *sync.WaitGroup {
		p := filepath.Join(dir, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return hb.rebuild(t, s, file)
	}
	// waiting starts a request that must wait for the rebuild.
	waiting := func(target string) chan string {
		got := make(chan string, 1)
		go func() { got <- get(t, h, "GET", target).Body.String() }()
		select {
		case body := <-got:
			t.Fatalf("%s served before the rebuild was done:\n%s", target, body)
		case <-time.After(50 * time.Millisecond):
		}
		return got
	}

	footer := "<footer>Own footer</footer>{{end}}"
	done := rebuild("layouts/partials/site-footer.html", `{{define "site-footer"}}`+footer)
	if body := get(t, h, "GET", "/repo/docs/a/").Body.String(); !strings.Contains(body, "Own footer") {
		t.Fatalf("the open page was not served from the files handed over:\n%s", body)
	}
	if e := sent(t, events); e.Name != "reload" || !strings.Contains(fmt.Sprint(e.Data), "/repo/docs/a/") {
		t.Fatalf("hand-over event %s, want a reload of page A", e)
	}
	pageB := waiting("/repo/docs/b/")
	close(hb.release)
	done.Wait()
	if body := <-pageB; !strings.Contains(body, "Own footer") {
		t.Fatalf("page B, once the rebuild was done, is not its result:\n%s", body)
	}
	if e := sent(t, events); e.Name != "reload" || strings.Contains(fmt.Sprint(e.Data), "/repo/docs/a/") {
		t.Fatalf("result event %s: page A, reloaded already, is reloaded again", e)
	}

	// A layout that fails on page C alone, a page left for later (A
	// and B were served last).
	done = rebuild("layouts/article.html", `{{define "main"}}<p>Own article</p>{{if eq .Page.Title "Page C"}}{{index .Page.Sources 1000}}{{end}}{{end}}`)
	if body := get(t, h, "GET", "/repo/docs/a/").Body.String(); !strings.Contains(body, "Own article") {
		t.Fatalf("the open page was not served from the files handed over:\n%s", body)
	}
	pageC := waiting("/repo/docs/c/")
	close(hb.release)
	done.Wait()
	if body := <-pageC; strings.Contains(body, "Own article") || !strings.Contains(body, "Own footer") {
		t.Fatalf("page C, after the rebuild failed, is not the last good build's:\n%s", body)
	}
	if body := get(t, h, "GET", "/repo/docs/a/").Body.String(); strings.Contains(body, "Own article") {
		t.Fatalf("page A, after the rebuild failed, is not the last good build's:\n%s", body)
	}
	if cur := s.current.Load(); len(cur.problems) == 0 || cur.pending != nil {
		t.Fatalf("after the failed rebuild: %d problems, pending %v; want errors shown over the last good build", len(cur.problems), cur.pending)
	}

	// A rebuild that takes too long: a page it has still to lay out is
	// served from the last good build meanwhile.
	s.timeouts.pending = time.Millisecond
	done = rebuild("layouts/article.html", `{{define "main"}}<p>Slow article</p>{{end}}`)
	if body := get(t, h, "GET", "/repo/docs/d/").Body.String(); strings.Contains(body, "Slow article") || !strings.Contains(body, "Own footer") {
		t.Fatalf("page D, while a rebuild takes long, is not the last good build's:\n%s", body)
	}
	close(hb.release)
	done.Wait()
	if body := get(t, h, "GET", "/repo/docs/d/").Body.String(); !strings.Contains(body, "Slow article") {
		t.Fatalf("page D, once the rebuild was done, is not its result:\n%s", body)
	}
}

// TestPagesMadeAndGoneAtHandOver: a page asked for before it exists,
// then written, is among the files a rebuild hands over early; and while
// that rebuild holds the rest of its files back, a page it no longer has
// is not found at once, with the site's 404 page, rather than after the
// rest.
func TestPagesMadeAndGoneAtHandOver(t *testing.T) {
	dir := site(t)
	s, hb, h := heldServer(t, dir)
	if w := get(t, h, "GET", "/repo/docs/new/"); w.Code != 404 { // a link followed too soon
		t.Fatalf("the page not yet written: %d", w.Code)
	}
	newPage := filepath.Join(dir, "content", "docs", "new.md")

	if err := os.WriteFile(newPage, []byte("+++\ntitle = \"New page\"\n+++\nNew text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := hb.rebuild(t, s, "content/docs/new.md")
	if w := get(t, h, "GET", "/repo/docs/new/"); w.Code != 200 || !strings.Contains(w.Body.String(), "New text.") {
		t.Errorf("the new page, asked for before, was not handed over: %d\n%s", w.Code, w.Body)
	}
	close(hb.release)
	done.Wait()

	if err := os.Remove(newPage); err != nil {
		t.Fatal(err)
	}
	done = hb.rebuild(t, s, "content/docs/new.md")
	got := make(chan *httptest.ResponseRecorder, 1)
	go func() { got <- get(t, h, "GET", "/repo/docs/new/") }()
	var w *httptest.ResponseRecorder
	select {
	case w = <-got:
	case <-time.After(5 * time.Second):
		t.Error("the deleted page waited for the rest of the rebuild")
	}
	close(hb.release)
	done.Wait()
	if w == nil {
		w = <-got
	}
	if w.Code != 404 || strings.Contains(w.Body.String(), "<p>Not found.</p>") {
		t.Errorf("the deleted page: %d, want the site's 404 page\n%s", w.Code, w.Body)
	}
}

// TestFirstBuildServesAsItBuilds: a server that builds as it serves
// (kb serve) answers the home page, and a page asked for before the
// build reached its layouts, from the files its first build hands over
// early, with the bytes of its result; a page left for later waits for
// the result. A first build that fails answers what waited with the
// page that shows its errors.
func TestFirstBuildServesAsItBuilds(t *testing.T) {
	dir := site(t)
	var log strings.Builder
	hb := &held{handed: make(chan struct{}, 2), release: make(chan struct{})}
	s := prepareServer(dir, Options{Log: &log}, func() siteBuilder {
		hb.siteBuilder = build.NewBuilder(os.DirFS(dir), build.Options{})
		return hb
	})
	s.earlyMin = 0 // this site is small: hand over whatever is left
	h := s.Handler()
	request := func(target string) chan *httptest.ResponseRecorder {
		got := make(chan *httptest.ResponseRecorder, 1)
		go func() { got <- get(t, h, "GET", target) }()
		return got
	}
	// Page A is asked for before the build starts; it waits, noted as
	// open.
	pageA := request("/repo/docs/a/")
	for !slices.Contains(s.recent.list(), "docs/a/index.html") {
		time.Sleep(time.Millisecond)
	}
	s.mu.Lock()
	var building sync.WaitGroup
	building.Go(func() {
		defer s.mu.Unlock()
		s.buildFirst(true)
	})
	select {
	case <-hb.handed:
	case <-time.After(time.Minute):
		t.Fatal("the first build handed nothing over")
	}
	// Both answered while the build holds the rest back.
	answered := func(got chan *httptest.ResponseRecorder, what string) *httptest.ResponseRecorder {
		select {
		case w := <-got:
			return w
		case <-time.After(time.Minute):
			t.Fatalf("%s was not served from the files handed over", what)
			return nil
		}
	}
	home, a := answered(request("/repo/"), "the home page"), answered(pageA, "page A")
	if home.Code != 200 || a.Code != 200 {
		t.Fatalf("at the hand-over: home %d, page A %d; want both served", home.Code, a.Code)
	}
	pageB := request("/repo/docs/b/")
	select {
	case w := <-pageB:
		t.Fatalf("page B served before the first build was done: %d", w.Code)
	case <-time.After(50 * time.Millisecond):
	}
	close(hb.release)
	building.Wait()
	if w := <-pageB; w.Code != 200 || !strings.Contains(w.Body.String(), "Text of B.") {
		t.Fatalf("page B, once the build was done: %d\n%s", w.Code, w.Body.String())
	}
	if !strings.Contains(log.String(), "(the first pages in ") {
		t.Errorf("the log does not say when the first pages were served:\n%s", log.String())
	}
	for target, early := range map[string]string{"/repo/": home.Body.String(), "/repo/docs/a/": a.Body.String()} {
		if now := get(t, h, "GET", target).Body.String(); now != early {
			t.Errorf("%s served at the hand-over differs from the build's result", target)
		}
	}

	// A first build that fails: what waited gets its errors.
	if err := os.WriteFile(filepath.Join(dir, "content", "docs", "a.md"), []byte("+++\ntitle = \"Page A\"\n+++\nSee [[nowhere]].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = prepareServer(dir, Options{}, func() siteBuilder { return build.NewBuilder(os.DirFS(dir), build.Options{}) })
	h = s.Handler()
	waited := request("/repo/docs/b/")
	s.mu.Lock()
	building.Go(func() {
		defer s.mu.Unlock()
		s.buildFirst(true)
	})
	building.Wait()
	if w := <-waited; w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "Nothing built yet") || len(s.current.Load().problems) == 0 {
		t.Fatalf("a request during a failing first build: %d, %d problems shown\n%s", w.Code, len(s.current.Load().problems), w.Body.String())
	}
}

// TestServeBuildsWhatPrepareLeft: a server from Prepare, as kb serve
// makes it, listens before the site is built; a request made at once
// waits for the first build and gets the page, and the server stops
// cleanly.
func TestServeBuildsWhatPrepareLeft(t *testing.T) {
	dir := site(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	s := Prepare(dir, Options{Log: &log}) // read once Serve, which waits for the first build, returns
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	client := http.Client{Timeout: time.Minute}
	resp, err := client.Get("http://" + ln.Addr().String() + "/repo/docs/a/")
	if err != nil {
		t.Fatalf("page A asked for at the start: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Text of A") {
		t.Fatalf("page A asked for at the start: %d\n%s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if !strings.Contains(log.String(), "built ") {
		t.Errorf("the log does not say the site was built:\n%s", log.String())
	}
}

// TestLaterSaveStopsRebuildAfterHandOver: a save that comes while a
// rebuild runs has the rebuild stop once it has handed the open page
// over, rather than finish the other pages first; the next rebuild, of
// both saves, then serves the later one. The log says so, and shows no
// error.
func TestLaterSaveStopsRebuildAfterHandOver(t *testing.T) {
	dir := site(t)
	var log bytes.Buffer
	hb := &held{handed: make(chan struct{}, 2), release: make(chan struct{})}
	s := newServer(dir, Options{Log: &log}, func() siteBuilder {
		hb.siteBuilder = build.NewBuilder(os.DirFS(dir), build.Options{})
		return hb
	})
	s.earlyMin = 0
	s.setBuilder(s.builder)
	h := s.Handler()
	if w := get(t, h, "GET", "/repo/docs/a/"); w.Code != 200 { // the page open
		t.Fatalf("page A: %d", w.Code)
	}
	q := newQueue(s.rebuildWatched, nil, 0)
	q.saveCame = s.saveCame
	save := func(title string) {
		page := "+++\ntitle = \"" + title + "\"\ndescription = \"A.\"\n+++\nText of A, see [B](b.md).\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "docs", "a.md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		q.add([]string{"content/docs/a.md"})
	}
	handed := func(what string) {
		select {
		case <-hb.handed:
		case <-time.After(time.Minute):
			t.Fatalf("the rebuild of the %s save handed nothing over", what)
		}
	}
	save("First title")
	handed("first")
	save("Second title")
	close(hb.release) // the rebuilds go on past their hand-overs
	handed("second")
	<-q.done()
	if body := get(t, h, "GET", "/repo/docs/a/").Body.String(); !strings.Contains(body, "Second title") {
		t.Fatalf("page A after both saves:\n%s", body)
	}
	if body := get(t, h, "GET", "/repo/docs/b/").Body.String(); !strings.Contains(body, "Second title") {
		t.Fatalf("page B, not open, after both saves does not show A's title:\n%s", body) // B's backlink
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	var stopped, finished int
	for _, l := range lines {
		if strings.Contains(l, "the rest left for a later save") {
			stopped++
		}
		if strings.Contains(l, "re-rendered") {
			finished++
		}
		if strings.Contains(l, "error") {
			t.Errorf("log: %s", l)
		}
	}
	if stopped != 1 || finished != 1 {
		t.Errorf("%d rebuilds stopped and %d finished, want 1 and 1; log:\n%s", stopped, finished, log.String())
	}
}

// TestFirstBuildFinishesWhateverSaves: a save told while the first build
// runs does not stop it after its hand-over (there is no last good build
// to serve the rest from); every page is served from its result.
func TestFirstBuildFinishesWhateverSaves(t *testing.T) {
	dir := site(t)
	s := prepareServer(dir, Options{}, func() siteBuilder { return build.NewBuilder(os.DirFS(dir), build.Options{}) })
	s.earlyMin = 0
	s.saveCame() // as the queue does for a save made meanwhile
	s.mu.Lock()
	s.buildFirst(true)
	s.mu.Unlock()
	cur := s.current.Load()
	if len(cur.problems) > 0 || cur.files["docs/b/index.html"] == nil {
		t.Fatalf("after the first build: %d problems, page B built %t; want 0, true", len(cur.problems), cur.files["docs/b/index.html"] != nil)
	}
}
