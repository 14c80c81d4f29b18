package serve

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// request builds a GET for a raw request target, as net/http would from
// the request line (httptest.NewRequest refuses some of these).
func request(t *testing.T, target string) *http.Request {
	t.Helper()
	u, err := url.ParseRequestURI(target)
	if err != nil {
		t.Fatalf("%q: %v", target, err)
	}
	return &http.Request{Method: http.MethodGet, URL: u, RequestURI: target, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, Host: "127.0.0.1:1313"}
}

// TestRedirects: every redirect stays under the base path on this
// origin, with backslashes, doubled slashes and control characters
// unable to make a Location that a browser reads as another host.
func TestRedirects(t *testing.T) {
	for _, tc := range []struct {
		base, target string
		status       int
		location     string
	}{
		{"/repo/", "/", 302, "/repo/"},
		{"/repo/", "/?q=a+b", 302, "/repo/?q=a+b"},
		{"/repo/", "/repo", 302, "/repo/"},
		{"/repo/", "//", 302, "/repo/"},
		{"/repo/", "/repo/..", 302, "/repo/"},
		{"/repo/", "/repo/", 200, ""},
		{"/repo/", "/repo/docs/a", 301, "/repo/docs/a/"},
		{"/repo/", "/repo/docs/a?x=1", 301, "/repo/docs/a/?x=1"},
		{"/repo/", "/repo/docs/a?%0d%0a", 301, "/repo/docs/a/?%0d%0a"},
		{"/repo/", `/?x\y=%5C`, 302, "/repo/?x%5Cy=%5C"},
		{"/repo/", "/repo/docs/a?caf\u00e9", 301, "/repo/docs/a/?caf%C3%A9"},
		{"/repo/", "/repo/docs//a/", 301, "/repo/docs/a/"},
		{"/repo/", "/repo/docs/b", 200, ""},
		{"/repo/", "/repo/a%20b", 301, "/repo/a%20b/"},
		{"/repo/", "/repo/q%3F", 301, "/repo/q%3F/"},
		{"/repo/", "/repo/caf%C3%A9", 301, "/repo/caf%C3%A9/"},
		// The open redirect: "/\host" is "//host" to a browser.
		{"/repo/", "//%5Clocalhost:18314/", 404, ""},
		{"/", "//%5Clocalhost:18314/", 301, "/localhost:18314/"},
		{"/", `/\evil.com`, 301, "/evil.com"},
		{"/", `/\\evil.com/`, 301, "/evil.com/"},
		{"/", "/%5C%5Cevil.com/", 301, "/evil.com/"},
		{"/", "/%2F%2Fevil.com", 301, "/evil.com"},
		{"/", "//evil.com/", 301, "/evil.com/"},
		{"/repo/", `/repo\docs\a`, 301, "/repo/docs/a"},
		{"/repo/", "/repo/%5Cevil.com", 301, "/repo/evil.com"},
		// Browsers drop tabs and newlines from a URL: never in a Location.
		{"/", "/%09/evil.com", 404, ""},
		{"/repo/", "/repo/%0d%0aSet-Cookie:%20x=1", 404, ""},
		{"/repo/", "/repo/docs/a/%00", 404, ""},
		{"/repo/", "/repo/%7f", 404, ""},
		// Out of the base path: not found, never a redirect there.
		{"/repo/", "/repo/../docs/a", 404, ""},
		{"/repo/", "/..%2f..%2fetc/passwd", 404, ""},
		{"/repo/", "/elsewhere", 404, ""},
		// Broken base paths are cleaned: no redirect to "/../", which a
		// browser reads as "/" again.
		{"/../../", "/", 200, ""},
		{"/%2e%2e/", "/", 200, ""},
		{"/../../", "/docs/a", 301, "/docs/a/"},
		{"/my%20repo/", "/", 302, "/my%20repo/"},
		{"/my%20repo/", "/my%20repo/", 200, ""},
		{"/my%20repo/", "/my%20repo", 302, "/my%20repo/"},
		{"/a/b/", "/a", 404, ""},
		{"/a/b/", "/a/b", 302, "/a/b/"},
	} {
		s := memServer(tc.base, memFiles)
		w := httptest.NewRecorder()
		s.serveHTTP(w, request(t, tc.target))
		if w.Code != tc.status || w.Header().Get("Location") != tc.location {
			t.Errorf("base %s, GET %s: %d %q, want %d %q", tc.base, tc.target, w.Code, w.Header().Get("Location"), tc.status, tc.location)
		}
		if tc.location != "" && w.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("base %s, GET %s: a redirect browsers may cache", tc.base, tc.target)
		}
	}
}

func TestCleanBase(t *testing.T) {
	for in, want := range map[string]string{
		"/":            "/",
		"":             "/",
		"/repo/":       "/repo/",
		"/repo":        "/repo/",
		"/../../":      "/",
		"/a/../b/":     "/b/",
		"//a//b/":      "/a/b/",
		"/%2e%2e/":     "/",
		"/my%20repo/":  "/my repo/",
		"/a%5Cb/":      "/a/b/",
		"/bad%zzpath/": "/bad%zzpath/",
	} {
		if got := cleanBase(in); got != want {
			t.Errorf("cleanBase(%q) = %q, want %q", in, got, want)
		}
	}
}
