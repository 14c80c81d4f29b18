package build

import (
	"bytes"
	"runtime/debug"
	"time"

	"kb/internal/diag"
	"kb/internal/site"
)

// renderDeadline bounds the rendering of one page's Markdown. A normal
// page takes milliseconds, the longest of a large site well under a
// second; the Markdown package's limits keep known pathological inputs
// far below it. An input that still takes longer fails the build at its
// file rather than stalling it, and in the preview server a later save
// no longer waits behind it.
const renderDeadline = 10 * time.Second

// renderBodyGuarded renders p's Markdown (see renderBody) on a goroutine
// of its own, so that a page that takes longer than the pass's deadline
// can be reported and left behind: Go cannot stop a goroutine, so it
// finishes in the background, its result unused. A panic in it is a
// problem at the page's file, not the end of kb.
func (ps *pass) renderBodyGuarded(p *site.Page) (body, diag.List) {
	type result struct {
		b    body
		errs diag.List
	}
	src := p.Body
	if len(src) == 0 {
		return body{}, nil
	}
	done := make(chan result, 1) // a late goroutine must not block
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{errs: diag.List{internalError(p.File, r)}}
			}
		}()
		b, errs := ps.renderBody(p, src)
		done <- result{b, errs}
	}()
	timer := time.NewTimer(ps.deadline)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.b, r.errs
	case <-timer.C:
		return body{}, diag.List{diag.Errorf(p.File, 0, 0, "rendering this page took longer than %s, so kb stopped waiting for it (a page normally takes milliseconds); look for a very long paragraph or very deep nesting, and please report the page if it looks ordinary", ps.deadline)}
	}
}

// layoutGuarded is layout, with a panic turned into a problem at the
// page's file.
func (ps *pass) layoutGuarded(i int, buf *bytes.Buffer) (errs diag.List) {
	defer func() {
		if r := recover(); r != nil {
			file := "404.html"
			if i < len(ps.s.Pages) {
				file = ps.s.Pages[i].File
			}
			errs = diag.List{internalError(file, r)}
		}
	}()
	return ps.layout(i, buf)
}

// internalError is a panic caught while kb worked on file: a bug in kb,
// reported at the file that set it off, with what a bug report needs.
func internalError(file string, r any) diag.Diagnostic {
	d := diag.Errorf(file, 0, 0, "internal error in kb while processing this file: %v; please report this bug with the file and this trace:\n%s", r, debug.Stack())
	d.Internal = true
	return d
}
