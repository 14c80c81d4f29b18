package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// event is one Server-Sent Event: a name and JSON data.
type event struct {
	Name string
	Data any
}

// broker fans events out to every open event stream.
type broker struct {
	mu     sync.Mutex
	subs   map[chan event]bool
	closed chan struct{}
	once   sync.Once
}

func newBroker() *broker {
	return &broker{subs: map[chan event]bool{}, closed: make(chan struct{})}
}

// send delivers e to every subscriber; one that is not keeping up misses
// it rather than holding up the others (it reconnects and catches up).
// It returns how many it reached.
func (b *broker) send(e event) (told int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.subs {
		select {
		case c <- e:
			told++
		default:
		}
	}
	return told
}

func (b *broker) subscribe() chan event {
	c := make(chan event, 16)
	b.mu.Lock()
	b.subs[c] = true
	b.mu.Unlock()
	return c
}

func (b *broker) unsubscribe(c chan event) {
	b.mu.Lock()
	delete(b.subs, c)
	b.mu.Unlock()
}

func (b *broker) close() { b.once.Do(func() { close(b.closed) }) }

// keepAlive is how often an idle stream gets a comment line, so proxies
// and browsers keep it open.
const keepAlive = 20 * time.Second

// serveEvents streams events to one page. The first event, "hello", says
// which build the server has and its current problems; a page built
// earlier (the server restarted) reloads on it.
//
// The stream outlives the server's write timeout: each event gets its
// own deadline instead, so a page that stops reading is dropped, and an
// idle one is not.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	c := s.events.subscribe()
	defer s.events.unsubscribe(c)
	// send writes one event or comment; false ends the stream.
	send := func(write func()) bool {
		// Not every ResponseWriter has deadlines (a test's recorder has
		// none); the stream works without them all the same.
		_ = rc.SetWriteDeadline(time.Now().Add(s.timeouts.event))
		write()
		return rc.Flush() == nil
	}
	cur := s.current.Load()
	if !send(func() {
		writeEvent(w, event{Name: "hello", Data: map[string]any{"id": cur.id, "errors": cur.problems, "built": cur.built()}})
	}) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var ok bool
		select {
		case e := <-c:
			ok = send(func() { writeEvent(w, e) })
		case <-tick.C:
			ok = send(func() { fmt.Fprint(w, ": keep-alive\n\n") })
		case <-r.Context().Done():
			return
		case <-s.events.closed:
			return
		}
		if !ok {
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, e event) {
	data, err := json.Marshal(e.Data)
	if err != nil {
		data = []byte(`{}`)
	}
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Name, data)
}
