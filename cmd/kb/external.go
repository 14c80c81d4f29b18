package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/kbsite/kb/internal/build"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/linkcheck"
)

// externalCache is where kb check -external keeps what it learned, in the
// site's cache folder: no build reads it, and git ignores it.
const externalCache = ".kb-cache/external-links.json"

// externalCheck is how kb check -external asks other sites.
type externalCheck struct {
	source   string
	timeout  time.Duration
	cacheAge time.Duration
	// now and dial, when not nil, replace the clock and the network
	// (tests).
	now  func() time.Time
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// run checks the site's links to other sites and returns a warning at
// every place of every link that is broken or permanently redirected. It
// prints a summary line to stdout, and notes about the cache to stderr.
func (x externalCheck) run(ctx context.Context, links []build.ExternalLink, stdout, stderr io.Writer) (diag.List, error) {
	now := time.Now
	if x.now != nil {
		now = x.now
	}
	start := time.Now()
	cachePath := filepath.Join(x.source, filepath.FromSlash(externalCache))
	cache, err := linkcheck.OpenCache(cachePath, x.cacheAge, now())
	if err != nil {
		fmt.Fprintf(stderr, "note: %v\n", err)
	}
	in := make([]linkcheck.Link, len(links))
	for i, l := range links {
		in[i] = linkcheck.Link{URL: l.URL, File: l.File, Line: l.Line, Col: l.Col}
	}
	checker := linkcheck.New(linkcheck.Options{
		Timeout:     x.timeout,
		UserAgent:   userAgent(),
		Cache:       cache,
		Now:         now,
		DialContext: x.dial,
	})
	rep, checkErr := checker.Check(ctx, in)
	// Even a check stopped halfway keeps what it learned for the next.
	if err := cache.Save(); err != nil {
		fmt.Fprintf(stderr, "note: the link cache was not saved: %v\n", err)
	}
	if checkErr != nil {
		return nil, fmt.Errorf("external links: stopped before every link was checked (%v); what was checked is cached for the next run", checkErr)
	}
	var problems diag.List
	broken, redirected := 0, 0
	for _, r := range rep.Results {
		switch r.Outcome {
		case linkcheck.Broken:
			broken++
		case linkcheck.Redirected:
			redirected++
		}
		for _, use := range r.Uses {
			if d, ok := externalProblem(r, use, x.timeout); ok {
				problems.Add(d)
			}
		}
	}
	fmt.Fprintf(stdout, "checked %d external %s at %d %s: %d asked on %d %s in %s, %d from the cache (%s), %d skipped; %d broken, %d redirected\n",
		len(rep.Results), plural(len(rep.Results), "link", "links"), len(links), plural(len(links), "place", "places"),
		rep.Requested, rep.Hosts, plural(rep.Hosts, "host", "hosts"), time.Since(start).Round(time.Millisecond),
		rep.Cached, externalCache, rep.Skipped, broken, redirected)
	if offline(rep) {
		fmt.Fprintln(stderr, "note: no external link's host name resolved: is this machine offline? Those results are not cached; run kb check -external again once online")
	}
	return problems, nil
}

// externalProblem is the warning for one place of a link that is broken
// or redirected; ok is false for a link that is fine or was skipped.
func externalProblem(r linkcheck.Result, use linkcheck.Link, timeout time.Duration) (d diag.Diagnostic, ok bool) {
	f, line, col, u := use.File, use.Line, use.Col, use.URL
	switch r.Outcome {
	case linkcheck.Redirected:
		return diag.Warnf(f, line, col, "external link %q redirects to %q: update the link", u, withFragment(r.Target, u)), true
	case linkcheck.Broken:
	default:
		return diag.Diagnostic{}, false
	}
	switch r.Failure {
	case linkcheck.Status:
		status := strings.TrimSpace(fmt.Sprintf("%d %s", r.Status, http.StatusText(r.Status)))
		if r.Target != "" {
			status += fmt.Sprintf(" (redirected to %q)", r.Target)
		}
		switch code := r.Status; {
		case code == http.StatusNotFound || code == http.StatusGone:
			return diag.Warnf(f, line, col, "external link %q answers %s: the page is gone; link to where it moved, or to an archived copy", u, status), true
		case code == http.StatusUnauthorized || code == http.StatusForbidden || code == 999: // 999: LinkedIn's refusal
			return diag.Warnf(f, line, col, "external link %q answers %s: the site refuses automated requests or asks for a login; check it in a browser", u, status), true
		case code == http.StatusTooManyRequests && r.RetryAfter > 0:
			return diag.Warnf(f, line, col, "external link %q answers %s and asks to wait %s: check again later", u, status, r.RetryAfter), true
		case code == http.StatusTooManyRequests:
			return diag.Warnf(f, line, col, "external link %q answers %s: the site limits how often it is asked; check again later", u, status), true
		case code >= 500:
			return diag.Warnf(f, line, col, "external link %q answers %s: the site is failing; check again later, and link elsewhere if it lasts", u, status), true
		}
		return diag.Warnf(f, line, col, "external link %q answers %s", u, status), true
	case linkcheck.Timeout:
		return diag.Warnf(f, line, col, "external link %q: no answer within %s; a slow site may need a longer -timeout", u, timeout), true
	case linkcheck.DNS:
		host := u
		if pu, err := url.Parse(u); err == nil {
			host = pu.Hostname()
		}
		return diag.Warnf(f, line, col, "external link %q: its host %q does not resolve: the domain has lapsed or is misspelled", u, host), true
	case linkcheck.TLS:
		return diag.Warnf(f, line, col, "external link %q: its secure connection failed (%s): the site's certificate is expired, self-signed or for another name", u, r.Detail), true
	case linkcheck.Reset:
		return diag.Warnf(f, line, col, "external link %q: the server closed the connection without answering", u), true
	case linkcheck.Refused:
		return diag.Warnf(f, line, col, "external link %q: the server refused the connection", u), true
	case linkcheck.TooManyRedirects:
		return diag.Warnf(f, line, col, "external link %q: more than 10 redirects, or a redirect loop", u), true
	case linkcheck.Invalid:
		return diag.Warnf(f, line, col, "external link %q is not a valid URL (%s)", u, r.Detail), true
	}
	return diag.Warnf(f, line, col, "external link %q: %s", u, r.Detail), true
}

// withFragment carries a link's fragment over to where it redirects, as
// a browser does, unless the target has one of its own.
func withFragment(target, used string) string {
	_, frag, ok := strings.Cut(used, "#")
	if !ok || strings.Contains(target, "#") {
		return target
	}
	return target + "#" + frag
}

// offline says every URL asked failed to resolve its host: the machine,
// not the sites, is the likely cause.
func offline(rep linkcheck.Report) bool {
	if rep.Requested == 0 {
		return false
	}
	for _, r := range rep.Results {
		if !r.Cached && r.Outcome != linkcheck.Skipped && r.Failure != linkcheck.DNS {
			return false
		}
	}
	return true
}

// userAgent names kb to the sites it asks, with where to read about it.
func userAgent() string {
	v := strings.Trim(strings.Fields(version() + " x")[0], "()")
	return "kb/" + url.PathEscape(v) + " (link checker; +https://github.com/kbsite/kb)"
}
