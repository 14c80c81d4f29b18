package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

// memServer is a server showing a built site held in memory, without a
// builder: enough for the request path handling.
func memServer(base string, files map[string]string) *Server {
	s := &Server{opt: Options{Log: io.Discard}, events: newBroker(), timeouts: defaultTimeouts()}
	m := make(map[string][]byte, len(files))
	for name, data := range files {
		m[name] = []byte(data)
	}
	s.current.Store(&snapshot{files: m, base: cleanBase(base), id: "1"})
	return s
}

// memFiles is a small built site: pages, a stylesheet, a page beside a
// folder, names that need escaping.
var memFiles = map[string]string{
	"index.html":           "<!DOCTYPE html><title>Home</title><body>home</body>",
	"404.html":             "<!DOCTYPE html><title>Not found</title><body>Page not found</body>",
	"docs/index.html":      "<!DOCTYPE html><body>docs</body>",
	"docs/a/index.html":    "<!DOCTYPE html><body>page a</body>",
	"docs/b.html":          "<!DOCTYPE html><body>page b</body>",
	"css/site.css":         "body{}",
	"a b/index.html":       "<!DOCTYPE html><body>spaced</body>",
	"q?/index.html":        "<!DOCTYPE html><body>question</body>",
	"caf\u00e9/index.html": "<!DOCTYPE html><body>accent</body>",
}

// fuzzBases are base paths as config.BasePath gives them (escaped), the
// broken ones included.
var fuzzBases = []string{"/repo/", "/", "/../../", "/my%20repo/", "/a/b/", "/%2e%2e/", "/a%5Cb/"}

// fuzzAddr is the address the fuzzed server pretends to listen on.
var fuzzAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}

// FuzzServePath sends arbitrary request targets and Host headers through
// the handler: it must never panic, never redirect off the base path or
// to another origin, never redirect in a loop, never serve bytes that
// are not a built file, and answer only safe Host names.
func FuzzServePath(f *testing.F) {
	for _, target := range []string{
		"/", "/repo", "/repo/", "/repo/docs/a", "/repo/docs/a/", "/repo/docs/b", "/repo/docs/a?x=1",
		"//%5Clocalhost:18314/", "/\\evil.com", "/\\\\evil.com/", "/%5C%5Cevil.com/", "/%2F%2Fevil.com", "//evil.com/",
		"/repo/..%2f..%2fetc/passwd", "/..%2f..%2fetc/passwd", "/repo/../../etc/passwd", "/repo/%2e%2e/%2e%2e/",
		"/repo/%09/evil.com", "/%09/evil.com", "/repo/%0d%0aSet-Cookie:%20x=1", "/repo/docs/a/%00", "/%00", "/repo/%7f",
		"/repo\\docs\\a", "/repo/docs/a\\", "/?//evil.com", "/repo?%0d%0a", "/repo/a%20b", "/repo/q%3F", "/repo/caf%C3%A9",
		"/my%20repo", "/a/b", "/repo/__kb/live.js", "/repo/__kb/events", "/repo/__kb/", "http://evil.com/repo/",
		"/" + strings.Repeat("a/", 4000), "/repo/" + strings.Repeat("../", 2000), "/" + strings.Repeat("%5C", 3000),
	} {
		for _, host := range []string{"127.0.0.1:1313", "localhost"} {
			f.Add(target, host, uint8(0))
		}
		f.Add(target, "127.0.0.1:1313", uint8(1))
	}
	for _, host := range []string{
		"evil.com", "evil.com:1313", "localhost:1314", "LOCALHOST:1313", "[::1]:1313", "[::1]", "127.0.0.1:", "",
		"localhost.", "127.0.0.1.nip.io:1313", "[::ffff:127.0.0.1]:1313", "[fe80::1%25eth0]:1313", "::1", "[localhost]",
		"127.1:1313", "0x7f000001", "10.0.0.1:1313",
	} {
		f.Add("/repo/", host, uint8(0))
	}
	for i := range fuzzBases {
		f.Add("/", "localhost:1313", uint8(i))
		f.Add(fuzzBases[i], "localhost:1313", uint8(i))
		f.Add(strings.TrimSuffix(fuzzBases[i], "/"), "localhost:1313", uint8(i))
	}

	type site struct {
		s    *Server
		h    http.Handler
		base string
		ok   map[string]bool // every body a 200 or 404 may have
	}
	sites := make([]site, len(fuzzBases))
	for i, b := range fuzzBases {
		s := memServer(b, memFiles)
		cur := s.current.Load()
		ok := map[string]bool{string(liveJS): true}
		for _, data := range cur.files {
			ok[string(data)] = true
			ok[string(inject(data, cur))] = true
		}
		sites[i] = site{s: s, h: newHosts(fuzzAddr).check(http.HandlerFunc(s.serveHTTP)), base: cur.base, ok: ok}
	}
	// The event stream ends at once on a request whose context is done.
	done, cancel := context.WithCancel(context.Background())
	cancel()

	f.Fuzz(func(t *testing.T, target, host string, which uint8) {
		st := sites[int(which)%len(sites)]
		for hop := 0; ; hop++ {
			if hop == 4 {
				t.Fatalf("%q: more than 3 redirects", target)
			}
			u, err := url.ParseRequestURI(target)
			if err != nil {
				return // net/http answers 400 before any handler
			}
			r := &http.Request{Method: http.MethodGet, URL: u, RequestURI: target, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, Host: host}
			if u.Host != "" {
				r.Host = u.Host // as net/http does for an absolute request target
			}
			r = r.WithContext(done)
			w := httptest.NewRecorder()
			st.h.ServeHTTP(w, r)

			if w.Code != http.StatusMisdirectedRequest && !safeHost(r.Host) {
				t.Fatalf("Host %q answered %d, not 421", r.Host, w.Code)
			}
			switch w.Code {
			case http.StatusMisdirectedRequest:
				if knownHost(r.Host) {
					t.Fatalf("Host %q refused", r.Host)
				}
				return
			case http.StatusOK, http.StatusNotFound:
				if w.Header().Get("Content-Type") == "text/event-stream" && w.Code == http.StatusOK {
					return
				}
				if !st.ok[w.Body.String()] {
					t.Fatalf("%q: %d with bytes that are no built file:\n%.200s", target, w.Code, w.Body.String())
				}
				return
			case http.StatusMovedPermanently, http.StatusFound:
				loc := w.Header().Get("Location")
				checkLocation(t, target, loc, st.base, u.Path)
				target = loc
			default:
				t.Fatalf("%q: status %d", target, w.Code)
			}
		}
	})
}

// checkLocation fails unless loc is a path on this origin, under base,
// other than the path asked for.
func checkLocation(t *testing.T, target, loc, base, asked string) {
	t.Helper()
	if loc == "" || loc[0] != '/' || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
		t.Fatalf("%q redirects to %q: not a path on this origin", target, loc)
	}
	if strings.ContainsFunc(loc, func(r rune) bool { return r <= ' ' || r >= 0x7f || r == '\\' }) {
		t.Fatalf("%q redirects to %q: unescaped bytes a browser may drop or reread", target, loc)
	}
	lu, err := url.Parse(loc)
	if err != nil || lu.Scheme != "" || lu.Host != "" || lu.User != nil || lu.Opaque != "" {
		t.Fatalf("%q redirects to %q: another origin (%v)", target, loc, err)
	}
	if !strings.HasPrefix(lu.Path, base) {
		t.Fatalf("%q redirects to %q: outside the base path %q", target, loc, base)
	}
	if lu.Path == asked {
		t.Fatalf("%q redirects to itself", target)
	}
}

// safeHost is what no DNS rebinding can produce: localhost or an IP
// literal, with fuzzAddr's port or none.
func safeHost(h string) bool {
	name, port := h, ""
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.HasSuffix(h, "]") {
		name, port = h[:i], h[i+1:]
	}
	if port != "" && port != "1313" {
		return false
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	if strings.EqualFold(name, "localhost") {
		return true
	}
	_, err := netip.ParseAddr(name)
	return err == nil
}

// knownHost lists Host headers a browser sends for fuzzAddr.
func knownHost(h string) bool {
	switch h {
	case "localhost", "localhost:1313", "127.0.0.1", "127.0.0.1:1313", "[::1]", "[::1]:1313":
		return true
	}
	return false
}
