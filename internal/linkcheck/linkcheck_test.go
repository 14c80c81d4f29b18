package linkcheck

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// web is a few made-up hosts served by local test servers: every test
// reaches them through Options.DialContext, never the network. Host
// names end in .kbtest, which no rule skips.
type web struct {
	plain, secure *httptest.Server
	mu            sync.Mutex
	requests      []string // "METHOD host/path", in order of arrival
	dials         map[string]int
}

func newWeb(t *testing.T, handler http.Handler) *web {
	w := &web{dials: map[string]int{}}
	record := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.requests = append(w.requests, r.Method+" "+r.Host+r.URL.Path)
		w.mu.Unlock()
		handler.ServeHTTP(rw, r)
	})
	w.plain = httptest.NewServer(record)
	w.secure = httptest.NewUnstartedServer(record)
	// The checker refuses the test certificate, which the server would log.
	w.secure.Config.ErrorLog = log.New(io.Discard, "", 0)
	w.secure.StartTLS()
	t.Cleanup(w.plain.Close)
	t.Cleanup(w.secure.Close)
	return w
}

// dial connects a host name to the test servers: ":443" to the TLS one,
// anything else to the plain one; "gone.kbtest" does not resolve.
func (w *web) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, _ := net.SplitHostPort(addr)
	w.mu.Lock()
	w.dials[host]++
	w.mu.Unlock()
	if host == "gone.kbtest" {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	to := w.plain.Listener.Addr().String()
	if port == "443" {
		to = w.secure.Listener.Addr().String()
	}
	var d net.Dialer
	return d.DialContext(ctx, network, to)
}

// count is how many requests matched "METHOD host/path".
func (w *web) count(req string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, r := range w.requests {
		if r == req {
			n++
		}
	}
	return n
}

func (w *web) total() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.requests)
}

// options are quick ones for tests: short waits, the test servers. The
// timeout is generous, for busy test machines; a test that waits for
// one (the path /slow) shortens it with impatient.
func (w *web) options() Options {
	return Options{Timeout: 10 * time.Second, Backoff: time.Millisecond, DialContext: w.dial}
}

// impatient is a Checker for the path /slow, which answers only when the
// client gives up.
func (w *web) impatient(retries int) *Checker {
	opt := w.options()
	opt.Timeout, opt.Retries = 50*time.Millisecond, retries
	return New(opt)
}

// site is the handler of the test hosts, one behaviour per path.
func site(rw http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/ok", "/ok/":
		rw.WriteHeader(http.StatusOK)
	case "/moved":
		http.Redirect(rw, r, "/ok", http.StatusMovedPermanently)
	case "/moved-308":
		http.Redirect(rw, r, "https://b.kbtest/ok", http.StatusPermanentRedirect)
	case "/temporary":
		http.Redirect(rw, r, "/ok", http.StatusFound)
	case "/moved-then-temporary":
		http.Redirect(rw, r, "/temporary", http.StatusMovedPermanently)
	case "/moved-to-gone":
		http.Redirect(rw, r, "/gone", http.StatusMovedPermanently)
	case "/loop":
		http.Redirect(rw, r, "/loop", http.StatusFound)
	case "/gone":
		http.NotFound(rw, r)
	case "/forbidden":
		rw.WriteHeader(http.StatusForbidden)
	case "/error":
		rw.WriteHeader(http.StatusInternalServerError)
	case "/no-head":
		if r.Method == http.MethodHead {
			rw.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		rw.WriteHeader(http.StatusOK)
	case "/slow":
		<-r.Context().Done() // answers only once the client gave up
	case "/reset":
		conn, _, err := rw.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		conn.(*net.TCPConn).SetLinger(0) // close with RST, not FIN
		conn.Close()
	case "/rate-limited-long":
		rw.Header().Set("Retry-After", "3600")
		rw.WriteHeader(http.StatusTooManyRequests)
	default:
		http.NotFound(rw, r)
	}
}

func checkOne(t *testing.T, c *Checker, u string) Result {
	t.Helper()
	rep, err := c.Check(context.Background(), []Link{{URL: u, File: "a.md", Line: 1, Col: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 {
		t.Fatalf("%s: %d results, want 1", u, len(rep.Results))
	}
	return rep.Results[0]
}

func TestOutcomes(t *testing.T) {
	w := newWeb(t, http.HandlerFunc(site))
	c := New(w.options())
	tests := []struct {
		url     string
		outcome Outcome
		failure Failure
		status  int
		target  string
	}{
		{url: "http://a.kbtest/ok", outcome: OK, status: 200},
		{url: "http://a.kbtest/ok#part", outcome: OK, status: 200},
		{url: "https://tls.kbtest/ok", outcome: Broken, failure: TLS},
		{url: "http://a.kbtest/moved", outcome: Redirected, status: 200, target: "http://a.kbtest/ok"},
		{url: "http://a.kbtest/moved-308", outcome: Broken, failure: TLS}, // b.kbtest:443 is the TLS server, whose certificate no one trusts
		{url: "http://a.kbtest/temporary", outcome: OK, status: 200},
		{url: "http://a.kbtest/moved-then-temporary", outcome: Redirected, status: 200, target: "http://a.kbtest/temporary"},
		{url: "http://a.kbtest/moved-to-gone", outcome: Broken, failure: Status, status: 404, target: "http://a.kbtest/gone"},
		{url: "http://a.kbtest/loop", outcome: Broken, failure: TooManyRedirects},
		{url: "http://a.kbtest/gone", outcome: Broken, failure: Status, status: 404},
		{url: "http://a.kbtest/forbidden", outcome: Broken, failure: Status, status: 403},
		{url: "http://a.kbtest/error", outcome: Broken, failure: Status, status: 500},
		{url: "http://a.kbtest/no-head", outcome: OK, status: 200},
		{url: "http://a.kbtest/reset", outcome: Broken, failure: Reset},
		{url: "http://gone.kbtest/", outcome: Broken, failure: DNS},
		{url: "http://a.kbtest:1/ok", outcome: OK, status: 200}, // the dialer ignores ports other than 443
		{url: "https://exa mple.org/", outcome: Broken, failure: Invalid},
		{url: "https:///no-host", outcome: Broken, failure: Invalid},
	}
	if r := checkOne(t, w.impatient(-1), "http://a.kbtest/slow"); r.Outcome != Broken || r.Failure != Timeout {
		t.Errorf("/slow: outcome %d, failure %d (%s); want Broken, Timeout", r.Outcome, r.Failure, r.Detail)
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			r := checkOne(t, c, tt.url)
			if r.Outcome != tt.outcome || r.Failure != tt.failure || r.Target != tt.target || (tt.status != 0 && r.Status != tt.status) {
				t.Errorf("got outcome %d, failure %d, status %d, target %q (%s); want %d, %d, %d, %q",
					r.Outcome, r.Failure, r.Status, r.Target, r.Detail, tt.outcome, tt.failure, tt.status, tt.target)
			}
		})
	}
}

// TestHeadThenGet: HEAD first, GET only when HEAD is refused, and not
// after a failure that GET would meet the same way.
func TestHeadThenGet(t *testing.T) {
	w := newWeb(t, http.HandlerFunc(site))
	opt := w.options()
	opt.Retries = -1
	c := New(opt)
	for _, tt := range []struct {
		url        string
		head, gets int
	}{
		{"http://a.kbtest/ok", 1, 0},
		{"http://a.kbtest/no-head", 1, 1},
		{"http://a.kbtest/gone", 1, 1},
		{"http://a.kbtest/slow", 1, 0},
		{"http://a.kbtest/rate-limited-long", 1, 0},
	} {
		if strings.HasSuffix(tt.url, "/slow") {
			checkOne(t, w.impatient(-1), tt.url)
		} else {
			checkOne(t, c, tt.url)
		}
		path := strings.TrimPrefix(tt.url, "http://")
		if h, g := w.count("HEAD "+path), w.count("GET "+path); h != tt.head || g != tt.gets {
			t.Errorf("%s: %d HEAD and %d GET, want %d and %d", tt.url, h, g, tt.head, tt.gets)
		}
	}
}

// TestRetries: a failure that may pass is asked again, Retries times; one
// that will not pass is asked once.
func TestRetries(t *testing.T) {
	w := newWeb(t, http.HandlerFunc(site))
	opt := w.options()
	opt.Retries = 2
	c := New(opt)
	for _, tt := range []struct {
		url   string
		tries int
	}{
		{"http://a.kbtest/error", 3},
		{"http://a.kbtest/slow", 3},
		{"http://a.kbtest/gone", 1},
		{"http://a.kbtest/forbidden", 1},
	} {
		if strings.HasSuffix(tt.url, "/slow") {
			checkOne(t, w.impatient(2), tt.url)
		} else {
			checkOne(t, c, tt.url)
		}
		if n := w.count("HEAD " + strings.TrimPrefix(tt.url, "http://")); n != tt.tries {
			t.Errorf("%s: asked %d times, want %d", tt.url, n, tt.tries)
		}
	}
	checkOne(t, c, "http://gone.kbtest/")
	if n := w.dials["gone.kbtest"]; n != 1 {
		t.Errorf("a host that does not resolve: %d lookups, want 1", n)
	}
}

// TestHostDown: once a URL of a host has timed out after every retry,
// the host's other URLs are asked once each.
func TestHostDown(t *testing.T) {
	w := newWeb(t, http.HandlerFunc(site))
	opt := w.options()
	opt.Timeout, opt.Retries, opt.PerHost = 50*time.Millisecond, 2, 1
	links := []Link{{URL: "http://down.kbtest/slow"}, {URL: "http://down.kbtest/slow?2"}, {URL: "http://down.kbtest/slow?3"}}
	rep, err := New(opt).Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Failure != Timeout {
			t.Errorf("%s: failure %d, want Timeout", r.URL, r.Failure)
		}
	}
	// At most three tries for the first URL and one for each of the
	// others (without the host marked down it would be nine). The server
	// counts what reaches it: on a loaded machine a try can time out
	// before it does, so fewer is no failure.
	if n := w.count("HEAD down.kbtest/slow"); n > 3+1+1 {
		t.Errorf("asked %d times, want at most 5: three tries for the first URL, one for each of the others", n)
	}
}

// TestRateLimit: a 429 is asked again after Retry-After; one asking for
// longer than MaxRetryAfter is reported, with the wait it asked.
func TestRateLimit(t *testing.T) {
	var mu sync.Mutex
	tries := 0
	w := newWeb(t, http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/busy-once" {
			mu.Lock()
			tries++
			first := tries == 1
			mu.Unlock()
			if first {
				rw.Header().Set("Retry-After", "0")
				rw.WriteHeader(http.StatusTooManyRequests)
			}
			return
		}
		site(rw, r)
	}))
	c := New(w.options())
	if r := checkOne(t, c, "http://a.kbtest/busy-once"); r.Outcome != OK || tries != 2 {
		t.Errorf("429 then 200: outcome %d after %d tries, want OK after 2", r.Outcome, tries)
	}
	r := checkOne(t, c, "http://a.kbtest/rate-limited-long")
	if r.Outcome != Broken || r.Status != 429 || r.RetryAfter != time.Hour {
		t.Errorf("429 asking for an hour: outcome %d, status %d, retry after %s; want Broken, 429, 1h", r.Outcome, r.Status, r.RetryAfter)
	}
	if n := w.count("HEAD a.kbtest/rate-limited-long"); n != 1 {
		t.Errorf("429 asking for an hour was asked %d times, want once", n)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tt := range []struct {
		header string
		want   time.Duration
	}{
		{"", 0},
		{"120", 2 * time.Minute},
		{"-5", 0},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	} {
		if got := retryAfter(tt.header, now); got != tt.want {
			t.Errorf("Retry-After %q: %s, want %s", tt.header, got, tt.want)
		}
	}
}

// TestSkipped: addresses no reader could reach, and examples, are not
// asked; nor is anything but http(s).
func TestSkipped(t *testing.T) {
	w := newWeb(t, http.HandlerFunc(site))
	c := New(w.options())
	urls := []string{
		"http://localhost:1313/", "http://LOCALHOST./x", "http://app.localhost/", "http://127.0.0.1/", "http://[::1]:8080/",
		"http://0.0.0.0/", "http://10.1.2.3/", "http://192.168.0.1/", "http://169.254.1.1/", "http://[fd00::1]/",
		"https://example.com/", "https://www.example.org/x", "http://example.net", "http://site.test/", "http://x.example/",
		"http://nowhere.invalid/", "http://printer.local/", "mailto:a@b.c", "ftp://files.kbtest/x",
	}
	var links []Link
	for _, u := range urls {
		links = append(links, Link{URL: u})
	}
	rep, err := c.Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.Outcome != Skipped || r.Detail == "" {
			t.Errorf("%s: outcome %d (%s), want Skipped with a reason", r.URL, r.Outcome, r.Detail)
		}
	}
	if rep.Skipped != len(urls) || rep.Requested != 0 || w.total() != 0 || len(w.dials) != 0 {
		t.Errorf("skipped %d of %d, requested %d, server saw %d requests and %d dials; want all skipped and nothing asked",
			rep.Skipped, len(urls), rep.Requested, w.total(), len(w.dials))
	}
	// Names that only look like the reserved ones are asked.
	for _, u := range []string{"http://example.com.kbtest/ok", "http://myexample.com.kbtest/ok", "http://localhost.kbtest/ok"} {
		if r := checkOne(t, c, u); r.Outcome != OK {
			t.Errorf("%s: outcome %d (%s), want OK", u, r.Outcome, r.Detail)
		}
	}
}

// TestUses: a URL is asked once however many places write it, with or
// without fragments, and every place comes back with its result.
func TestUses(t *testing.T) {
	w := newWeb(t, http.HandlerFunc(site))
	c := New(w.options())
	links := []Link{
		{URL: "http://a.kbtest/gone#x", File: "b.md", Line: 3, Col: 5},
		{URL: "http://a.kbtest/ok", File: "a.md", Line: 1, Col: 1},
		{URL: "http://a.kbtest/gone", File: "a.md", Line: 9, Col: 2},
		{URL: "http://a.kbtest/gone#y", File: "c.md", Line: 7, Col: 1},
	}
	rep, err := c.Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 2 || rep.Results[0].URL != "http://a.kbtest/gone" || rep.Results[1].URL != "http://a.kbtest/ok" {
		t.Fatalf("results %+v, want /gone then /ok", rep.Results)
	}
	gone := rep.Results[0]
	if len(gone.Uses) != 3 || gone.Uses[0] != links[0] || gone.Uses[1] != links[2] || gone.Uses[2] != links[3] {
		t.Errorf("uses of /gone: %+v, want the three places in the order given", gone.Uses)
	}
	if n := w.count("HEAD a.kbtest/gone"); n != 1 {
		t.Errorf("/gone asked %d times, want once", n)
	}
	if rep.Requested != 2 || rep.Hosts != 1 {
		t.Errorf("requested %d URLs on %d hosts, want 2 on 1", rep.Requested, rep.Hosts)
	}
}

// TestPerHost: no more than PerHost requests are in flight to one host,
// and a host that is slow to answer does not hold up the others.
func TestPerHost(t *testing.T) {
	const perHost = 2
	var mu sync.Mutex
	inFlight := map[string]int{}
	most := map[string]int{}
	full := make(chan struct{}) // closed when busy.kbtest has perHost requests in flight
	var fullOnce sync.Once
	otherDone := make(chan struct{}) // closed when other.kbtest has answered
	var otherOnce sync.Once
	guard := time.After(10 * time.Second) // fails the test rather than hang it
	w := newWeb(t, http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight[r.Host]++
		most[r.Host] = max(most[r.Host], inFlight[r.Host])
		if r.Host == "busy.kbtest" && inFlight[r.Host] == perHost {
			fullOnce.Do(func() { close(full) })
		}
		mu.Unlock()
		defer func() {
			mu.Lock()
			inFlight[r.Host]--
			mu.Unlock()
		}()
		if r.Host == "other.kbtest" {
			otherOnce.Do(func() { close(otherDone) })
			return
		}
		// Hold busy.kbtest's first requests until it has perHost in
		// flight and other.kbtest has answered meanwhile; then linger a
		// little, so that a checker that did not bound the host would
		// be seen sending more.
		select {
		case <-full:
		case <-guard:
			t.Error("busy.kbtest never had two requests in flight at once")
		}
		select {
		case <-otherDone:
		case <-guard:
			t.Error("other.kbtest was not asked while busy.kbtest was busy")
		}
		time.Sleep(20 * time.Millisecond)
	}))
	opt := w.options()
	opt.PerHost, opt.Concurrency = perHost, 8
	opt.Timeout = 20 * time.Second
	var links []Link
	for i := range 8 {
		links = append(links, Link{URL: fmt.Sprintf("http://busy.kbtest/%d", i)})
	}
	links = append(links, Link{URL: "http://other.kbtest/"})
	rep, err := New(opt).Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	if most["busy.kbtest"] != perHost {
		t.Errorf("busy.kbtest had up to %d requests in flight, want %d", most["busy.kbtest"], perHost)
	}
	if rep.Requested != 9 || rep.Hosts != 2 {
		t.Errorf("requested %d URLs on %d hosts, want 9 on 2", rep.Requested, rep.Hosts)
	}
}

// TestConcurrency: Concurrency bounds the requests in flight in all.
func TestConcurrency(t *testing.T) {
	var mu sync.Mutex
	inFlight, most := 0, 0
	w := newWeb(t, http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		mu.Unlock()
		time.Sleep(5 * time.Millisecond) // time for an unbounded checker's other requests to arrive
		mu.Lock()
		inFlight--
		mu.Unlock()
	}))
	opt := w.options()
	opt.PerHost, opt.Concurrency = 4, 3
	var links []Link
	for i := range 12 {
		links = append(links, Link{URL: fmt.Sprintf("http://h%d.kbtest/", i)})
	}
	if _, err := New(opt).Check(context.Background(), links); err != nil {
		t.Fatal(err)
	}
	if most > 3 {
		t.Errorf("%d requests in flight at once, want at most 3", most)
	}
}

// TestCache: a second check answers from the cache what will stay, asks
// again what may pass, and asks everything again once the cache has
// expired.
func TestCache(t *testing.T) {
	w := newWeb(t, http.HandlerFunc(site))
	path := filepath.Join(t.TempDir(), ".kb-cache", "external-links.json")
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	const age = 24 * time.Hour
	links := []Link{
		{URL: "http://a.kbtest/ok"}, {URL: "http://a.kbtest/moved"}, {URL: "http://a.kbtest/gone"},
		{URL: "http://a.kbtest/error"}, {URL: "http://gone.kbtest/"},
		{URL: "http://localhost/"},
	}
	run := func(at time.Time) Report {
		t.Helper()
		cache, err := OpenCache(path, age, at)
		if err != nil {
			t.Fatal(err)
		}
		opt := w.options()
		opt.Retries = -1
		opt.Cache, opt.Now = cache, func() time.Time { return at }
		rep, err := New(opt).Check(context.Background(), links)
		if err != nil {
			t.Fatal(err)
		}
		if err := cache.Save(); err != nil {
			t.Fatal(err)
		}
		return rep
	}

	first := run(now)
	if first.Requested != 5 || first.Cached != 0 || first.Skipped != 1 {
		t.Fatalf("first run: requested %d, cached %d, skipped %d; want 5, 0, 1", first.Requested, first.Cached, first.Skipped)
	}
	before := w.total()
	second := run(now.Add(time.Hour))
	if second.Requested != 2 || second.Cached != 3 {
		t.Errorf("second run: requested %d, cached %d; want 2 (the 500 and the DNS failure) and 3", second.Requested, second.Cached)
	}
	if w.count("HEAD a.kbtest/gone") != 1 || w.count("HEAD a.kbtest/error") != 2 {
		t.Errorf("second run asked again for what was cached, or not for what may pass: %v", w.requests[before:])
	}
	for i, r := range second.Results {
		f := first.Results[i]
		if r.URL != f.URL || r.Outcome != f.Outcome || r.Status != f.Status || r.Target != f.Target || r.Failure != f.Failure {
			t.Errorf("%s: from the cache %+v, first run %+v", r.URL, r, f)
		}
		if r.Cached != (r.URL == "http://a.kbtest/ok" || r.URL == "http://a.kbtest/moved" || r.URL == "http://a.kbtest/gone") {
			t.Errorf("%s: cached %t", r.URL, r.Cached)
		}
	}

	// The cache's entries date from the first run: a day later, all
	// are asked again, and their new dates start another day.
	third := run(now.Add(age + time.Minute))
	if third.Requested != 5 || third.Cached != 0 {
		t.Errorf("after expiry: requested %d, cached %d; want 5 and 0", third.Requested, third.Cached)
	}
	if fourth := run(now.Add(age + time.Hour)); fourth.Cached != 3 {
		t.Errorf("after the expired entries were renewed: cached %d, want 3", fourth.Cached)
	}

	// An entry that expires while a long-lived cache is in use is not
	// answered either.
	cache, err := OpenCache(path, age, now.Add(age+time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cache.lookup("http://a.kbtest/ok", now.Add(3*age)); ok {
		t.Error("lookup answered from an entry older than the cache's age")
	}
}

func TestCacheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "links.json")
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	c, err := OpenCache(path, time.Hour, now)
	if err != nil {
		t.Fatalf("a missing cache file: %v, want an empty cache", err)
	}
	c.store(Result{URL: "https://b.kbtest/", Outcome: OK, Status: 200}, now)
	c.store(Result{URL: "https://a.kbtest/", Outcome: Redirected, Status: 200, Target: "https://a.kbtest/new"}, now)
	c.store(Result{URL: "https://c.kbtest/", Outcome: Broken, Failure: Status, Status: 503}, now)
	c.store(Result{URL: "https://d.kbtest/", Outcome: Broken, Failure: Timeout}, now)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
	"version": 1,
	"links": {
		"https://a.kbtest/": {
			"checked": "2025-06-01T12:00:00Z",
			"outcome": "redirected",
			"status": 200,
			"target": "https://a.kbtest/new"
		},
		"https://b.kbtest/": {
			"checked": "2025-06-01T12:00:00Z",
			"outcome": "ok",
			"status": 200
		}
	}
}
`
	if string(data) != want {
		t.Errorf("cache file:\n%s\nwant:\n%s", data, want)
	}
	if err := os.WriteFile(path, []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = OpenCache(path, time.Hour, now)
	if err == nil || !strings.Contains(err.Error(), "written afresh") {
		t.Errorf("a damaged cache file: error %v, want one saying it is started afresh", err)
	}
	if _, ok := c.lookup("https://b.kbtest/", now); ok || c == nil {
		t.Error("a damaged cache file answered a lookup")
	}
}

// TestStopped: a check stopped midway returns ctx's error and the
// results it had, without the unanswered ones.
func TestStopped(t *testing.T) {
	w := newWeb(t, http.HandlerFunc(site))
	ctx, cancel := context.WithCancel(context.Background())
	opt := w.options()
	opt.Timeout = time.Minute
	started := make(chan struct{})
	opt.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if strings.HasPrefix(addr, "slow.kbtest") {
			close(started)
		}
		return w.dial(ctx, network, addr)
	}
	go func() { <-started; cancel() }()
	rep, err := New(opt).Check(ctx, []Link{{URL: "http://slow.kbtest/slow"}})
	if err != context.Canceled {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if len(rep.Results) != 0 {
		t.Errorf("results %+v, want none", rep.Results)
	}
}
