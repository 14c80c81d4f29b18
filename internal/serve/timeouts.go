package serve

import (
	"log"
	"net/http"
	"time"
)

// timeouts bound how long one connection can hold on to the server, so
// that clients which open connections and then say nothing, or stop
// reading, cannot use up its memory and file descriptors; and how long
// a request waits for a rebuild, and a rebuild for the pages it
// reloads. Tests shorten or lengthen them.
type timeouts struct {
	readHeader time.Duration // to send a request's headers
	read       time.Duration // to send a whole request
	write      time.Duration // to take a whole answer; the event stream sets its own, per event
	idle       time.Duration // between two requests on a kept-alive connection
	event      time.Duration // to take one event of the stream
	// pending is how long a request waits for a page that a rebuild has
	// still to lay out (see Server.handEarly) before it gets the last good
	// build's: a rebuild that never ends must not hold requests for ever.
	pending time.Duration
	// headStartQuiet and headStartLongest bound the pause a rebuild
	// makes after its hand-over for the pages it told to reload (see
	// headStart).
	headStartQuiet, headStartLongest time.Duration
}

// defaultTimeouts are generous for a preview: a page is a few hundred
// kilobytes from this machine or the next.
func defaultTimeouts() timeouts {
	return timeouts{
		readHeader: 10 * time.Second,
		read:       30 * time.Second,
		write:      time.Minute,
		idle:       2 * time.Minute,
		event:      10 * time.Second,
		pending:    slowRebuild,
		// A reload's requests come a few milliseconds apart (the page,
		// then the files it loads), and the browser then lays the page
		// out on the same processors. In headless Chromium, after title
		// edits at 10,000 pages (16 in one server, the pause on and off
		// in turn, two runs), the page's load event came a median 205
		// and 228 ms after the save with these bounds, against 277 and
		// 261 ms without a pause; with 10 and 50 ms, 223 ms against 219.
		headStartQuiet:   40 * time.Millisecond,
		headStartLongest: 200 * time.Millisecond,
	}
}

// httpServer is the HTTP server Serve runs h with.
func (s *Server) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: s.timeouts.readHeader,
		ReadTimeout:       s.timeouts.read,
		WriteTimeout:      s.timeouts.write,
		IdleTimeout:       s.timeouts.idle,
		MaxHeaderBytes:    64 << 10,
		// net/http's own complaints (a client that timed out, a bad
		// request) go where the rebuild lines go, not to a global logger.
		ErrorLog: log.New(s.opt.Log, "", 0),
	}
}
