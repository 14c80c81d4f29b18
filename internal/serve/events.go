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
func (b *broker) send(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.subs {
		select {
		case c <- e:
		default:
		}
	}
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
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	c := s.events.subscribe()
	defer s.events.unsubscribe(c)
	cur := s.current.Load()
	writeEvent(w, event{Name: "hello", Data: map[string]any{"id": cur.id, "errors": cur.problems}})
	flusher.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case e := <-c:
			writeEvent(w, e)
			flusher.Flush()
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.events.closed:
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
