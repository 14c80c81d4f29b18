package linkcheck

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// maxRedirects is how many redirects a URL may take, as browsers allow
// about twenty and most checkers ten.
const maxRedirects = 10

// answer is one request's outcome: a status, or an error.
type answer struct {
	status int
	err    error
	// final is the URL that answered, after redirects; permanent is
	// where the leading run of permanent redirects (301, 308) led, ""
	// when the first redirect, if any, was temporary.
	final, permanent string
	// retryAfter is a 429 or 503 answer's Retry-After, 0 when none.
	retryAfter time.Duration
}

// failed says whether the answer is a failure: no answer, or an error
// status.
func (a answer) failed() bool { return a.err != nil || a.status >= 400 }

// probe asks for u once: HEAD, which costs the server nothing, then GET
// when HEAD failed or was refused, since many servers answer HEAD with
// 405, 404 or 403, or not at all, while serving GET. GET is not tried
// when a second request could only fail the same way: a host that does
// not resolve, a bad certificate, a timeout, or a server asking to slow
// down.
func (c *Checker) probe(ctx context.Context, u *url.URL) answer {
	a := c.request(ctx, http.MethodHead, u)
	if !a.failed() || a.status == http.StatusTooManyRequests {
		return a
	}
	if a.err != nil {
		if f, _ := classify(a.err); f == DNS || f == TLS || f == Timeout || f == TooManyRedirects {
			return a
		}
	}
	return c.request(ctx, http.MethodGet, u)
}

// request makes one request, following redirects, and reads nothing of
// the body: the status is the answer.
func (c *Checker) request(ctx context.Context, method string, u *url.URL) answer {
	ctx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		return answer{err: err}
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	// Some servers refuse a request that accepts nothing in particular.
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")

	var a answer
	stillPermanent := true
	client := &http.Client{
		Transport: c.transport,
		CheckRedirect: func(next *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return errTooManyRedirects
			}
			code := next.Response.StatusCode
			if stillPermanent && (code == http.StatusMovedPermanently || code == http.StatusPermanentRedirect) {
				a.permanent = next.URL.String()
			} else {
				stillPermanent = false
			}
			return nil
		},
	}
	resp, err := client.Do(req)
	if err != nil {
		a.err = err
		return a
	}
	resp.Body.Close()
	a.status = resp.StatusCode
	a.final = resp.Request.URL.String()
	if a.status == http.StatusTooManyRequests || a.status == http.StatusServiceUnavailable {
		a.retryAfter = retryAfter(resp.Header.Get("Retry-After"), c.opt.Now())
	}
	return a
}

// retryAfter reads a Retry-After header: a number of seconds, or an HTTP
// date. 0 when there is none or it cannot be read.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		return time.Duration(max(s, 0)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}
