package serve

import (
	"context"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/build"
)

// TestQueueCoalesces: saves made while a rebuild runs do not wait for it;
// they are merged into one rebuild, which runs after it.
func TestQueueCoalesces(t *testing.T) {
	release := make(chan struct{})
	started := make(chan []string, 10)
	var mu sync.Mutex
	var runs [][]string
	q := newQueue(func(paths []string) {
		mu.Lock()
		runs = append(runs, paths)
		mu.Unlock()
		started <- paths
		<-release
	})
	q.add([]string{"content/a.md"})
	<-started
	// These return at once although the first rebuild is still running.
	q.add([]string{"content/c.md", "content/b.md"})
	q.add([]string{"content/b.md"})
	q.add(nil)
	close(release)
	<-q.done()
	mu.Lock()
	defer mu.Unlock()
	want := [][]string{{"content/a.md"}, {"content/b.md", "content/c.md"}}
	if !slices.EqualFunc(runs, want, slices.Equal) {
		t.Errorf("runs %q, want %q", runs, want)
	}
	select {
	case <-q.done():
	default:
		t.Error("queue not idle")
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
	q := newQueue(s.Rebuild)
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
