package serve

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
