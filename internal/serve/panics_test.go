package serve

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kbsite/kb/internal/build"
)

// panicky is a builder with a bug: it panics where told to.
type panicky struct {
	siteBuilder
	build, update, search bool
}

func (p *panicky) Build() (*build.Result, error) {
	if p.build {
		panic("injected panic in Build")
	}
	return p.siteBuilder.Build()
}

func (p *panicky) Update(paths []string) (*build.Result, []string, error) {
	if p.update {
		var m map[string]int
		m["x"]++ // a real runtime error, not only a string
	}
	return p.siteBuilder.Update(paths)
}

func (p *panicky) UpdateWatched(paths []string) (*build.Result, []string, error) {
	if p.update {
		panic("injected panic in UpdateWatched")
	}
	return p.siteBuilder.UpdateWatched(paths)
}

func (p *panicky) SearchJob() *build.SearchJob {
	if p.search {
		panic("injected panic in SearchJob")
	}
	return p.siteBuilder.SearchJob()
}

// buggyFirst makes builders for dir: the first is bug, wrapped around a
// real one; those made after a panic are real.
func buggyFirst(dir string, bug panicky) func() siteBuilder {
	made := 0
	return func() siteBuilder {
		made++
		b := build.NewBuilder(os.DirFS(dir), build.Options{})
		if made == 1 {
			bug.siteBuilder = b
			return &bug
		}
		return b
	}
}

// logBuffer is a log that tests read while the server writes it.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// sent returns the event sent to c, failing if there is none.
func sent(t *testing.T, c chan event) event {
	t.Helper()
	select {
	case e := <-c:
		return e
	default:
		t.Fatal("no event sent")
		return event{}
	}
}

func checkInternal(t *testing.T, e event, doing string) {
	t.Helper()
	errs, _ := e.Data.(map[string]any)["errors"].([]Problem)
	if e.Name != "errors" || len(errs) != 1 {
		t.Fatalf("event %s %v, want one internal error", e.Name, e.Data)
	}
	msg := errs[0].Message
	for _, want := range []string{"internal error while " + doing, "please report it"} {
		if !strings.Contains(msg, want) {
			t.Errorf("overlay message lacks %q:\n%s", want, msg)
		}
	}
}

// TestRebuildPanic: a panic in a rebuild shows in the overlay as an
// internal error naming the files being rebuilt; the last good build is
// still served, and the next save builds afresh.
func TestRebuildPanic(t *testing.T) {
	dir := site(t)
	var log logBuffer
	s := newServer(dir, Options{Log: &log}, buggyFirst(dir, panicky{update: true}))
	c := s.events.subscribe()
	s.Rebuild([]string{"content/docs/a.md"})
	checkInternal(t, sent(t, c), "rebuilding after content/docs/a.md changed")
	if w := get(t, s.Handler(), "GET", "/repo/docs/a/"); w.Code != 200 || !strings.Contains(w.Body.String(), "Text of A") {
		t.Errorf("last good build not served: %d", w.Code)
	}
	if l := log.String(); !strings.Contains(l, "panic while rebuilding after content/docs/a.md changed") || !strings.Contains(l, "goroutine ") || !strings.Contains(l, "1 error, still serving the last good build") {
		t.Errorf("log:\n%s", l)
	}

	a := filepath.Join(dir, "content/docs/a.md")
	if err := os.WriteFile(a, []byte("+++\ntitle = \"Page A\"\n+++\nText of A, after the bug.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Rebuild([]string{"content/docs/a.md"})
	if e := sent(t, c); e.Name != "reload" {
		t.Errorf("after the panic: event %s %v", e.Name, e.Data)
	}
	if w := get(t, s.Handler(), "GET", "/repo/docs/a/"); !strings.Contains(w.Body.String(), "after the bug") || len(s.current.Load().problems) != 0 {
		t.Errorf("next save not served: problems %v", s.current.Load().problems)
	}
}

// TestStartPanic: a panic in the first build gives a server showing the
// internal error under the site's base path, which the next save fixes.
func TestStartPanic(t *testing.T) {
	dir := site(t)
	s := newServer(dir, Options{}, buggyFirst(dir, panicky{build: true}))
	cur := s.current.Load()
	if s.BasePath() != "/repo/" || len(cur.problems) != 1 || !strings.Contains(cur.problems[0].Message, "internal error while building the site") {
		t.Fatalf("base %q, problems %v", s.BasePath(), cur.problems)
	}
	s.Rebuild([]string{"content/docs/a.md"})
	if w := get(t, s.Handler(), "GET", "/repo/docs/a/"); w.Code != 200 {
		t.Errorf("after the next save: %d", w.Code)
	}
}

// TestSearchRefreshPanic: the search index catches up in a goroutine of
// its own; a panic there is shown too, and leaves no lock held.
func TestSearchRefreshPanic(t *testing.T) {
	dir := site(t)
	s := newServer(dir, Options{}, buggyFirst(dir, panicky{search: true}))
	c := s.events.subscribe()
	s.refreshSearch()
	checkInternal(t, sent(t, c), "preparing the search index")
	s.Rebuild([]string{"content/docs/a.md"}) // would wait for ever on a lock left held
	if e := sent(t, c); e.Name != "reload" {
		t.Errorf("after the panic: event %s", e.Name)
	}
}

// TestHandlerPanic: a panic while answering is a 500 with a plain-text
// apology, logged once; after the answer has begun, the connection is
// cut, the only way left to say it is incomplete.
func TestHandlerPanic(t *testing.T) {
	var log logBuffer
	s := memServer("/", memFiles)
	s.opt.Log = &log
	h := s.recovering(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("injected") }))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/x", nil))
	if w.Code != 500 || !strings.Contains(w.Body.String(), "Please report it") || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("%d %q %q", w.Code, w.Header().Get("Content-Type"), w.Body.String())
	}
	if l := log.String(); !strings.Contains(l, "internal error while answering GET /x: injected") {
		t.Errorf("log:\n%s", l)
	}

	for name, handler := range map[string]http.HandlerFunc{
		"after writing": func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("half")); panic("injected") },
		"abort":         func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) },
	} {
		func() {
			defer func() {
				if v := recover(); v != http.ErrAbortHandler {
					t.Errorf("%s: recovered %v, want http.ErrAbortHandler", name, v)
				}
			}()
			s.recovering(handler).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/x", nil))
		}()
	}
}
