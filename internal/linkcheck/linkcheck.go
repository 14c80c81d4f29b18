// Package linkcheck asks other web sites whether links to them still lead
// somewhere. It knows nothing of sites or pages: URLs go in, each with the
// place it is written, and one result per URL comes out, with every place
// it is written.
//
// The rules, after mature checkers (lychee, htmltest, Zola's):
//
//   - Each URL is asked once, however many places write it and whatever
//     their fragments.
//   - At most Options.PerHost requests go to one host at a time, and at
//     most Options.Concurrency in all, so that a page citing one site fifty
//     times does not look like an attack on it.
//   - HEAD first, GET when HEAD fails or is refused; redirects are
//     followed, and a chain that starts with permanent redirects (301,
//     308) is reported with the URL it leads to, so the link can be
//     updated. A temporary redirect is how the site wants to be linked.
//   - A failure that may pass (a timeout, a reset, a 5xx, a 429) is asked
//     again with growing waits, or as long as Retry-After says; once a
//     host has timed out or dropped the connection after every retry, its
//     other URLs are asked once each.
//   - URLs of this machine, private networks and names reserved for
//     examples (RFC 2606) are not asked: no reader could follow them, or
//     they are examples.
//   - A Cache, when given, answers the URLs asked lately.
//
// Nothing here runs unless a caller asks: a build never touches the
// network.
package linkcheck

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options tune a Checker. The zero value of each field means its default.
type Options struct {
	// Timeout bounds each request, redirects included (default 10s).
	Timeout time.Duration
	// Retries is how many times a failure that may pass is asked again
	// (default 2; negative for none).
	Retries int
	// Backoff is the wait before the first retry, doubled for each one
	// after (default 1s).
	Backoff time.Duration
	// MaxRetryAfter is the longest a Retry-After is waited for (default
	// 30s); a server asking for longer gets its answer reported.
	MaxRetryAfter time.Duration
	// PerHost bounds the requests in flight to one host (default 2), and
	// Concurrency those in all (default 32).
	PerHost, Concurrency int
	// UserAgent names the checker to servers (default "kb-linkcheck").
	UserAgent string
	// Cache, when not nil, answers URLs asked lately and keeps what this
	// check learns; the caller saves it.
	Cache *Cache
	// Now is the clock, for the cache's ages and Retry-After dates
	// (default time.Now).
	Now func() time.Time
	// DialContext, when not nil, makes every connection, in place of
	// the network's (and of any proxy): tests point host names at local
	// servers with it.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	switch {
	case o.Retries < 0:
		o.Retries = 0
	case o.Retries == 0:
		o.Retries = 2
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 30 * time.Second
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 32
	}
	if o.UserAgent == "" {
		o.UserAgent = "kb-linkcheck"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Checker checks links, one check after another or several at once.
type Checker struct {
	opt       Options
	transport *http.Transport
}

// New makes a Checker.
func New(opt Options) *Checker {
	opt = opt.withDefaults()
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = opt.PerHost
	if opt.DialContext != nil {
		t.DialContext = opt.DialContext
		t.Proxy = nil
	}
	return &Checker{opt: opt, transport: t}
}

// Check checks links and reports on every distinct URL among them. It
// returns when all are answered, or when ctx is done: then the URLs not
// yet answered are left out and the error is ctx's.
func (c *Checker) Check(ctx context.Context, links []Link) (Report, error) {
	defer c.transport.CloseIdleConnections()
	now := c.opt.Now()
	byURL := map[string]*Result{}
	var order []string
	var todo []*url.URL
	var rep Report
	for _, l := range links {
		key, u, err := requestURL(l.URL)
		r := byURL[key]
		if r == nil {
			r = &Result{URL: key}
			byURL[key] = r
			order = append(order, key)
			if err != nil {
				r.Outcome, r.Failure, r.Detail = Broken, Invalid, err.Error()
			} else if reason := skipReason(u); reason != "" {
				r.Outcome, r.Detail = Skipped, reason
				rep.Skipped++
			} else if cached, ok := c.opt.Cache.lookup(key, now); ok {
				*r = cached
				rep.Cached++
			} else {
				todo = append(todo, u)
			}
		}
		r.Uses = append(r.Uses, l)
	}

	answered := c.ask(ctx, todo)
	hosts := map[string]bool{}
	for i, u := range todo {
		hosts[hostKey(u)] = true
		a, ok := answered[i]
		if !ok {
			delete(byURL, u.String())
			continue
		}
		r := byURL[u.String()]
		a.Uses = r.Uses
		*r = a
		rep.Requested++
		c.opt.Cache.store(a, now)
	}
	rep.Hosts = len(hosts)
	slices.Sort(order)
	for _, key := range order {
		if r, ok := byURL[key]; ok {
			rep.Results = append(rep.Results, *r)
		}
	}
	return rep, ctx.Err()
}

// ask requests urls, at most PerHost at a time per host and Concurrency
// in all, and returns their results by index; those ctx stopped are
// missing.
func (c *Checker) ask(ctx context.Context, urls []*url.URL) map[int]Result {
	hosts := map[string]*host{}
	for _, u := range urls {
		if hosts[hostKey(u)] == nil {
			hosts[hostKey(u)] = &host{slots: make(chan struct{}, c.opt.PerHost)}
		}
	}
	all := make(chan struct{}, c.opt.Concurrency)
	var mu sync.Mutex
	out := map[int]Result{}
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The host's slot first, so that a request waiting for its
			// host does not hold one of all's.
			h := hosts[hostKey(u)]
			if !acquire(ctx, h.slots) {
				return
			}
			defer func() { <-h.slots }()
			if !acquire(ctx, all) {
				return
			}
			retries := c.opt.Retries
			if h.down.Load() {
				retries = 0
			}
			r := c.checkURL(ctx, u, retries)
			<-all
			if ctx.Err() != nil {
				return // stopped: its answer is not one
			}
			if r.Failure == Timeout || r.Failure == Refused || r.Failure == Reset {
				h.down.Store(true)
			}
			mu.Lock()
			out[i] = r
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// host is what the checks of one host share: its slots, and whether it
// seems down. A host whose URL still timed out, refused or reset the
// connection after every retry is likely down as a whole: its other URLs
// are asked once each, not 1+Retries times, so that a dead host with
// many links costs seconds, not minutes.
type host struct {
	slots chan struct{}
	down  atomic.Bool
}

// acquire takes a slot of sem, unless ctx is done first.
func acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	if ctx.Err() != nil {
		<-sem
		return false
	}
	return true
}

// requestURL parses a link's URL and returns it without its fragment,
// which the server never sees, as the key its places share.
func requestURL(s string) (string, *url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return strings.SplitN(s, "#", 2)[0], nil, err
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Host == "" && (u.Scheme == "http" || u.Scheme == "https") {
		return u.String(), nil, &url.Error{Op: "parse", URL: s, Err: errNoHost}
	}
	return u.String(), u, nil
}

// hostKey is the host a URL's requests go to, port included.
func hostKey(u *url.URL) string { return strings.ToLower(u.Host) }
