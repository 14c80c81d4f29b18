package serve

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/build"
)

// heldRuns records a queue's runs (see heldQueue), each of which waits
// for release.
type heldRuns struct {
	mu      sync.Mutex
	runs    [][]string
	started chan []string
	release chan struct{}
}

// heldQueue is a queue whose runs are recorded and wait for the test to
// release them; again says whether the nth run (from 1) stopped for a
// later save.
func heldQueue(again func(n int) bool) (*queue, *heldRuns) {
	h := &heldRuns{started: make(chan []string, 10), release: make(chan struct{})}
	q := newQueue(func(paths []string) bool {
		h.mu.Lock()
		h.runs = append(h.runs, paths)
		n := len(h.runs)
		h.mu.Unlock()
		h.started <- paths
		<-h.release
		return again(n)
	}, nil, 0)
	return q, h
}

// TestQueueCoalesces: saves made while a rebuild runs do not wait for it;
// they are merged into one rebuild, which runs after it.
func TestQueueCoalesces(t *testing.T) {
	q, h := heldQueue(func(int) bool { return false })
	q.add([]string{"content/a.md"})
	<-h.started
	// These return at once although the first rebuild is still running.
	q.add([]string{"content/c.md", "content/b.md"})
	q.add([]string{"content/b.md"})
	q.add(nil)
	close(h.release)
	<-q.done()
	h.mu.Lock()
	defer h.mu.Unlock()
	want := [][]string{{"content/a.md"}, {"content/b.md", "content/c.md"}}
	if !slices.EqualFunc(h.runs, want, slices.Equal) {
		t.Errorf("runs %q, want %q", h.runs, want)
	}
	select {
	case <-q.done():
	default:
		t.Error("queue not idle")
	}
}

// TestQueueChecksForMissedChanges: once a burst of saves is rebuilt,
// the queue asks what the watcher missed and rebuilds that, once a
// burst; a watcher that lost events has it ask at once.
func TestQueueChecksForMissedChanges(t *testing.T) {
	var mu sync.Mutex
	var runs [][]string
	checks := 0
	missed := []string{"content/missed.md"}
	q := newQueue(func(paths []string) bool {
		mu.Lock()
		runs = append(runs, paths)
		mu.Unlock()
		return false
	}, func() []string {
		mu.Lock()
		defer mu.Unlock()
		checks++
		return missed // found every time: a rebuild of it asks no more
	}, 0)
	q.add([]string{"content/a.md"})
	<-q.done()
	mu.Lock()
	if want := [][]string{{"content/a.md"}, {"content/missed.md"}}; !slices.EqualFunc(runs, want, slices.Equal) || checks != 1 {
		t.Errorf("after a save: runs %q and %d checks, want %q and 1", runs, checks, want)
	}
	runs, checks, missed = nil, 0, nil
	mu.Unlock()

	q.recheck()
	<-q.done()
	mu.Lock()
	defer mu.Unlock()
	if len(runs) != 0 || checks != 1 {
		t.Errorf("after lost events, nothing missed: runs %q and %d checks, want none and 1", runs, checks)
	}
}

// TestQueueChecksOnceSavesSettle: a save the watcher reports shortly
// after a rebuild (it holds events back until a burst ends) is rebuilt,
// at once, before the queue looks for missed changes, which it then does
// once saves have settled; looking at once would find that save first
// and call it missed.
func TestQueueChecksOnceSavesSettle(t *testing.T) {
	var mu sync.Mutex
	var log []string
	ranA := make(chan struct{})
	q := newQueue(func(paths []string) bool {
		mu.Lock()
		defer mu.Unlock()
		log = append(log, "run "+strings.Join(paths, " "))
		if paths[0] == "content/a.md" {
			close(ranA)
		}
		return false
	}, func() []string {
		mu.Lock()
		defer mu.Unlock()
		log = append(log, "check")
		return nil
	}, 0)
	settle := make(chan time.Time)
	q.settled = func() <-chan time.Time { return settle } // never settles unless told
	q.add([]string{"content/a.md"})
	<-ranA
	q.add([]string{"content/b.md"}) // rebuilt without waiting to settle
	for {
		mu.Lock()
		n := len(log)
		mu.Unlock()
		if n == 2 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	close(settle)
	<-q.done()
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"run content/a.md", "run content/b.md", "check"}; !slices.Equal(log, want) {
		t.Errorf("got %q, want %q", log, want)
	}
}

// TestMissedChangeServed: a change the watcher did not report is
// served once the rebuild of what it did report is done, and the log
// says the watcher missed it.
func TestMissedChangeServed(t *testing.T) {
	dir := site(t)
	var log strings.Builder
	s := newServer(dir, Options{Log: &log}, func() siteBuilder { return build.NewBuilder(os.DirFS(dir), build.Options{}) })
	a, b := filepath.Join(dir, "content", "docs", "a.md"), filepath.Join(dir, "content", "docs", "b.md")
	later := time.Now().Add(time.Minute)
	if err := os.WriteFile(a, []byte("+++\ntitle = \"Page A\"\ndescription = \"A.\"\n+++\nNew text of A.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(a, later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("+++\ntitle = \"Page B2\"\ndescription = \"B.\"\n+++\nText of B.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	q := newQueue(s.rebuildWatched, s.missed, 0)
	q.add([]string{"content/docs/b.md"}) // a.md's save unreported
	<-q.done()
	if w := get(t, s.Handler(), "GET", "/repo/docs/a/"); !strings.Contains(w.Body.String(), "New text of A") {
		t.Errorf("a's page does not show the change the watcher missed")
	}
	if w := get(t, s.Handler(), "GET", "/repo/docs/b/"); !strings.Contains(w.Body.String(), "Page B2") {
		t.Errorf("b's page does not show the change the watcher reported")
	}
	if !strings.Contains(log.String(), "content/docs/a.md changed: the watcher missed it") {
		t.Errorf("log does not say the watcher missed a.md:\n%s", log.String())
	}
}

// stuck is a builder whose updates hang until released: a runaway
// render.
type stuck struct {
	siteBuilder
	entered chan []string
	release chan struct{}
}

func (s *stuck) Update(paths []string) (*build.Result, []string, error) {
	s.entered <- paths
	<-s.release
	return s.siteBuilder.Update(paths)
}

// TestRequestsDuringRebuild: while a rebuild hangs, requests and event
// streams are answered from the last good build, and saves queue.
func TestRequestsDuringRebuild(t *testing.T) {
	dir := site(t)
	st := &stuck{entered: make(chan []string, 1), release: make(chan struct{})}
	s := newServer(dir, Options{}, func() siteBuilder {
		st.siteBuilder = build.NewBuilder(os.DirFS(dir), build.Options{})
		return st
	})
	q := newQueue(func(paths []string) bool { s.Rebuild(paths); return false }, nil, 0)
	q.add([]string{"content/docs/a.md"})
	<-st.entered

	if w := get(t, s.Handler(), "GET", "/repo/docs/a/"); w.Code != 200 || !strings.Contains(w.Body.String(), "Text of A") {
		t.Errorf("page during a rebuild: %d", w.Code)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequestWithContext(ctx, "GET", "/repo/__kb/events", nil))
	if !strings.HasPrefix(w.Body.String(), "event: hello\n") {
		t.Errorf("event stream during a rebuild: %q", w.Body.String())
	}
	q.add([]string{"content/docs/b.md"}) // returns: the save queues
	q.add([]string{"content/docs/a.md"})

	st.release <- struct{}{}
	if paths := <-st.entered; !slices.Equal(paths, []string{"content/docs/a.md", "content/docs/b.md"}) {
		t.Errorf("queued saves rebuilt as %q", paths)
	}
	close(st.release)
	select {
	case <-q.done():
	case <-time.After(10 * time.Second):
		t.Fatal("queued rebuild did not end")
	}
}

// TestQueueRebuildsSupersededPathsAgain: a save that comes while a
// rebuild runs is told to the rebuild (saveCame); a rebuild that then
// stops has its paths rebuilt with the new save's. A save between
// rebuilds tells nothing.
func TestQueueRebuildsSupersededPathsAgain(t *testing.T) {
	var told atomic.Int32
	// The first run stops, as a rebuild told of a save does.
	q, h := heldQueue(func(n int) bool { return n == 1 && told.Load() == 1 })
	q.saveCame = func() { told.Add(1) }
	q.add([]string{"content/a.md"})
	<-h.started
	q.add([]string{"content/b.md"})
	h.release <- struct{}{}
	<-h.started
	h.release <- struct{}{}
	<-q.done()
	if told.Load() != 1 {
		t.Errorf("the rebuild under way was told of %d saves, want 1", told.Load())
	}
	want := [][]string{{"content/a.md"}, {"content/a.md", "content/b.md"}}
	h.mu.Lock()
	if !slices.EqualFunc(h.runs, want, slices.Equal) {
		t.Errorf("runs %q, want %q: the stopped rebuild's paths with the later save's", h.runs, want)
	}
	h.mu.Unlock()
	q.add([]string{"content/c.md"})
	<-h.started
	h.release <- struct{}{}
	<-q.done()
	if told.Load() != 1 {
		t.Errorf("a save between rebuilds was told to a rebuild")
	}
}
