package serve

import (
	"fmt"
	"net/http"
	"runtime/debug"
)

// internalError is a panic caught in the server: a bug in kb, not in the
// site. The author sees it in the overlay like any build error, so that
// one save never stops the preview, and is asked to report it.
type internalError struct {
	doing string // what the server was doing: "rebuilding after x changed"
	value any    // what was passed to panic
}

func (e internalError) Error() string {
	return fmt.Sprintf("internal error while %s: %v (this is a bug in kb, not in the site: please report it, with the stack trace printed in the terminal)", e.doing, e.value)
}

// guard runs f and turns a panic in it into an internalError, logging the
// stack, which the overlay does not show; the caller reports the error.
func (s *Server) guard(doing string, f func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = internalError{doing: doing, value: v}
			fmt.Fprintf(s.opt.Log, "panic while %s: %v\n%s", doing, v, debug.Stack())
		}
	}()
	f()
	return nil
}

// recovering answers 500 for a request whose handler panicked, with one
// line and a stack in the log, instead of net/http's recovery, which
// drops the connection and logs to the process's standard error.
func (s *Server) recovering(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the handler asked for the connection to be dropped
			}
			err := internalError{doing: "answering " + r.Method + " " + r.URL.Path, value: v}
			fmt.Fprintf(s.opt.Log, "%v\n%s", err, debug.Stack())
			if tw.wrote {
				// Part of the answer is out: cutting the connection is
				// the only way left to say it is incomplete.
				panic(http.ErrAbortHandler)
			}
			h := w.Header()
			clear(h)
			h.Set("Content-Type", "text/plain; charset=utf-8")
			h.Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintln(w, "Internal error in kb serve: this is a bug in kb, not in the site. Please report it, with the stack trace printed in the terminal.")
		}()
		next.ServeHTTP(tw, r)
	})
}

// trackingWriter remembers whether the response has begun. Unwrap lets
// http.ResponseController reach the connection beneath (to flush, and
// to set deadlines on the event stream).
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) WriteHeader(code int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(code)
}

func (t *trackingWriter) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}

func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
