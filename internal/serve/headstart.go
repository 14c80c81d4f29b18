package serve

import (
	"sync"
	"time"
)

// headStart is the pause a rebuild makes once it has handed the open
// pages over (see Server.handEarly), so that the browsers it told to
// reload fetch them, and lay them out, before the rest of the rebuild
// takes both cores back. Without it, a page's request waited for a
// processor the rebuild's goroutines held (Go's scheduler looks at the
// network when one comes free, or every 10 ms): after title edits at
// 10,000 pages, a client polling the page every millisecond got it a
// median 10.4 ms after the hand-over, against 1.8 ms with the pause (24
// edits in one server, the pause on and off in turn); for Chromium,
// see the bounds in defaultTimeouts.
//
// The pause ends at the first of: quiet (no request under way, and none
// for the quiet period after the last one ended: a reload's page, then
// the files it loads); a request for a file that only the rest of the
// rebuild makes; a save, which stops the rebuild; and the longest pause,
// for a browser whose page did not change and so asks for nothing.
type headStart struct {
	quiet, longest time.Duration
	wake           chan struct{} // something to look at; holds one
	mu             sync.Mutex
	busy           int       // requests under way
	last           time.Time // when the last request ended; zero for none yet
	over           bool      // a request needs the rest, or a save came
}

func newHeadStart(quiet, longest time.Duration) *headStart {
	return &headStart{quiet: quiet, longest: longest, wake: make(chan struct{}, 1)}
}

// begin notes a request answered from the handed-over files; its end
// is to be noted with end.
func (h *headStart) begin() {
	h.mu.Lock()
	h.busy++
	h.mu.Unlock()
	h.poke()
}

func (h *headStart) end() {
	h.mu.Lock()
	h.busy--
	h.last = time.Now()
	h.mu.Unlock()
	h.poke()
}

// cut ends the pause: a request waits for the rest of the rebuild, or a
// save came and the rebuild is to stop.
func (h *headStart) cut() {
	h.mu.Lock()
	h.over = true
	h.mu.Unlock()
	h.poke()
}

func (h *headStart) poke() {
	select {
	case h.wake <- struct{}{}:
	default: // already poked
	}
}

// wait returns when the pause ends (see headStart).
func (h *headStart) wait() {
	deadline := time.Now().Add(h.longest)
	for {
		h.mu.Lock()
		over, busy, last := h.over, h.busy, h.last
		h.mu.Unlock()
		now := time.Now()
		if over || !now.Before(deadline) {
			return
		}
		next := deadline
		if busy == 0 && !last.IsZero() {
			quietAt := last.Add(h.quiet)
			if !now.Before(quietAt) {
				return
			}
			if quietAt.Before(next) {
				next = quietAt
			}
		}
		t := time.NewTimer(next.Sub(now))
		select {
		case <-h.wake:
		case <-t.C:
		}
		t.Stop()
	}
}
