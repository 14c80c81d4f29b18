package serve

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/build"
)

// paused is a builder that says when its rebuild's hand-over returned:
// when the server's pause after it ended (see headStart).
type paused struct {
	siteBuilder
	resumed chan struct{}
}

func (p *paused) LayOutFirst(min int, first func() []string, ready func(build.Early)) {
	p.siteBuilder.LayOutFirst(min, first, func(e build.Early) {
		ready(e)
		p.resumed <- struct{}{}
	})
}

// TestHeadStartWaitsForTheReload: a rebuild that told an open page to
// reload goes on only once the page has fetched what was handed over
// and gone quiet, a request has to wait for the rest, or a save came;
// with no page open it does not wait at all.
func TestHeadStartWaitsForTheReload(t *testing.T) {
	dir := site(t)
	pb := &paused{resumed: make(chan struct{}, 1)}
	s := newServer(dir, Options{}, func() siteBuilder {
		pb.siteBuilder = build.NewBuilder(os.DirFS(dir), build.Options{})
		return pb
	})
	s.earlyMin = 0 // this site is small: hand over whatever is left
	// Only the page, the request for the rest or a save may end these
	// pauses, not time.
	s.timeouts.headStartQuiet, s.timeouts.headStartLongest = time.Millisecond, time.Hour
	s.setBuilder(s.builder)
	h := s.Handler()
	if w := get(t, h, "GET", "/repo/docs/a/"); w.Code != 200 { // the page open
		t.Fatalf("page A: %d", w.Code)
	}

	n := 0
	// rebuild edits page A's title and rebuilds; the WaitGroup waits for
	// the rebuild's end.
	rebuild := func() *sync.WaitGroup {
		n++
		page := "+++\ntitle = \"Page A" + strings.Repeat("!", n) + "\"\ndescription = \"A.\"\n+++\nText of A, see [B](b.md).\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "docs", "a.md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		wg.Go(func() { s.Rebuild([]string{"content/docs/a.md"}) })
		return &wg
	}
	// handedOver waits for the hand-over's reload event.
	handedOver := func(events chan event) {
		t.Helper()
		select {
		case e := <-events:
			if e.Name != "reload" {
				t.Fatalf("event %s, want the hand-over's reload", e.Name)
			}
		case <-time.After(time.Minute):
			t.Fatal("the rebuild handed nothing over")
		}
	}
	resumes := func(what string, want bool) {
		t.Helper()
		wait := 100 * time.Millisecond // a pause that should end, ends at once
		if want {
			wait = time.Minute
		}
		select {
		case <-pb.resumed:
			if !want {
				t.Fatalf("the rebuild went on %s", what)
			}
		case <-time.After(wait):
			if want {
				t.Fatalf("the rebuild did not go on %s", what)
			}
		}
	}

	// A page open, told to reload: the rebuild waits for it.
	events := s.events.subscribe()
	done := rebuild()
	handedOver(events)
	resumes("before the open page fetched it", false)
	if body := get(t, h, "GET", "/repo/docs/a/").Body.String(); !strings.Contains(body, "Page A!<") {
		t.Fatalf("the open page is not the hand-over's:\n%s", body)
	}
	resumes("once the open page fetched it", true)
	done.Wait()

	// A request for a page the rest of the rebuild makes ends the pause.
	done = rebuild()
	handedOver(events)
	resumes("before any request", false)
	got := make(chan string, 1)
	go func() { got <- get(t, h, "GET", "/repo/docs/b/").Body.String() }()
	resumes("once a request waited for the rest", true)
	done.Wait()
	if body := <-got; !strings.Contains(body, "Page A!!<") {
		t.Fatalf("page B is not the rebuild's result:\n%s", body)
	}

	// A save ends the pause.
	done = rebuild()
	handedOver(events)
	resumes("before the save", false)
	s.saveCame()
	resumes("once a save came", true)
	done.Wait()

	// No page open: nothing to wait for.
	s.events.unsubscribe(events)
	done = rebuild()
	resumes("with no page open", true)
	done.Wait()
}
