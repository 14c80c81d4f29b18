package render

import (
	"runtime/debug"
	"time"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/site"
)

// Deadline bounds the rendering of one page's Markdown. A normal page
// takes milliseconds, the longest of a large site well under a second;
// the Markdown package's limits keep known pathological inputs far below
// it. An input that still takes longer fails the build at its file rather
// than stalling it, and in the preview server a later save no longer
// waits behind it.
const Deadline = 10 * time.Second

// Body renders p's Markdown body src on a goroutine of its own, so that a
// page that takes longer than the deadline can be reported and left
// behind: Go cannot stop a goroutine, so it finishes in the background,
// its result unused. A panic in it is a problem at the page's file, not
// the end of kb. prev is the result whose profiles the body's compare
// blocks show.
func (r *Renderer) Body(p *site.Page, src []byte, prev *Result) (Body, diag.List) {
	b, errs, _ := r.guardedBody(p, src, prev)
	return b, errs
}

// guardedBody is Body with the render's trace (see bodyTraced).
func (r *Renderer) guardedBody(p *site.Page, src []byte, prev *Result) (Body, diag.List, trace) {
	type result struct {
		b    Body
		errs diag.List
		tr   trace
	}
	if len(src) == 0 && p != r.site.Glossary { // which may define its terms in front matter alone
		return Body{}, nil, trace{}
	}
	done := make(chan result, 1) // a late goroutine must not block
	go func() {
		defer func() {
			if rec := recover(); rec != nil {
				done <- result{errs: diag.List{InternalError(p.File, rec)}}
			}
		}()
		b, errs, tr := r.bodyTraced(p, src, prev)
		done <- result{b, errs, tr}
	}()
	timer := time.NewTimer(r.deadline)
	defer timer.Stop()
	select {
	case res := <-done:
		return res.b, res.errs, res.tr
	case <-timer.C:
		return Body{}, diag.List{diag.Errorf(p.File, 0, 0, "rendering this page took longer than %s, so kb stopped waiting for it (a page normally takes milliseconds); look for a very long paragraph or very deep nesting, and please report the page if it looks ordinary", r.deadline)}, trace{}
	}
}

// InternalError is a panic caught while kb worked on file: a bug in kb,
// reported at the file that set it off, with what a bug report needs.
func InternalError(file string, rec any) diag.Diagnostic {
	d := diag.Errorf(file, 0, 0, "internal error in kb while processing this file: %v; please report this bug with the file and this trace:\n%s", rec, debug.Stack())
	d.Internal = true
	return d
}
