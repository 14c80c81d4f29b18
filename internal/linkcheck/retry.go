package linkcheck

import (
	"context"
	"errors"
	"net/url"
	"time"
)

// checkURL asks for u until it gets an answer that will stay, at most
// 1+retries times. Between tries it waits Options.Backoff,
// doubled each time, or as long as a server answering 429 or 503 asks
// in Retry-After; a server asking for longer than Options.MaxRetryAfter
// is not waited for. The caller holds u's host's slot throughout, so
// that a host asking to slow down is not asked anything else meanwhile.
func (c *Checker) checkURL(ctx context.Context, u *url.URL, retries int) Result {
	var a answer
	for try := 0; ; try++ {
		a = c.probe(ctx, u)
		if ctx.Err() != nil {
			break
		}
		if !mayPass(a) || try == retries {
			break
		}
		wait := c.opt.Backoff << try
		if a.retryAfter > 0 {
			wait = a.retryAfter
		}
		if wait > c.opt.MaxRetryAfter {
			break // the answer is final for this run; the result says how long was asked
		}
		if !sleep(ctx, wait) {
			break
		}
	}
	return result(u, a, c.opt.MaxRetryAfter)
}

// mayPass says whether asking again could change a failed answer.
func mayPass(a answer) bool {
	if a.err != nil {
		_, transient := classify(a.err)
		return transient
	}
	return transientStatus(a.status)
}

// result turns the last answer into a Result.
func result(u *url.URL, a answer, maxWait time.Duration) Result {
	r := Result{URL: u.String(), Status: a.status}
	switch {
	case a.err != nil:
		r.Outcome = Broken
		r.Failure, _ = classify(a.err)
		r.Detail = a.err.Error()
		// The URL and method are the caller's already: "Head "https://…": x" says x.
		var ue *url.Error
		if errors.As(a.err, &ue) {
			r.Detail = ue.Err.Error()
		}
	case a.status >= 400:
		r.Outcome, r.Failure = Broken, Status
		if a.final != r.URL {
			r.Target = a.final
		}
		if a.retryAfter > maxWait {
			r.RetryAfter = a.retryAfter
		}
	case a.permanent != "" && a.permanent != r.URL:
		r.Outcome, r.Target = Redirected, a.permanent
	default:
		r.Outcome = OK
	}
	return r
}

// sleep waits d, or until ctx is done; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
