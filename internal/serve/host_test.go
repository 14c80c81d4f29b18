package serve

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func tcpAddr(t *testing.T, s string) net.Addr {
	t.Helper()
	a, err := net.ResolveTCPAddr("tcp", s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestHosts: the Host names the server answers for each address it may
// listen on. DNS names other than localhost are refused everywhere, since
// they are what DNS rebinding uses.
func TestHosts(t *testing.T) {
	for _, tc := range []struct {
		bind  string
		allow []string
		deny  []string
	}{
		{"127.0.0.1:1313",
			[]string{"localhost:1313", "localhost", "LocalHost:1313", "127.0.0.1:1313", "127.0.0.1", "[::1]:1313", "[::1]", "127.0.0.1:", "[::ffff:127.0.0.1]:1313"},
			[]string{"", "evil.com", "evil.com:1313", "localhost:1314", "127.0.0.1:80", "127.0.0.1:01313", "localhost.", "localhost.evil.com:1313", "127.0.0.1.nip.io:1313", "10.0.0.1:1313", "::1", "[localhost]:1313", "[127.0.0.1]:1313", "[::1", "127.1:1313", ":1313"}},
		{"[::1]:1313",
			[]string{"[::1]:1313", "localhost:1313", "127.0.0.1"},
			[]string{"evil.com:1313", "[::2]:1313"}},
		{"127.0.0.2:1313",
			[]string{"127.0.0.2:1313", "127.0.0.1:1313", "localhost"},
			[]string{"127.0.0.3:1313", "evil.com"}},
		{"192.0.2.7:1313",
			[]string{"192.0.2.7:1313", "192.0.2.7", "localhost:1313", "127.0.0.1:1313"},
			[]string{"192.0.2.8:1313", "192.0.2.7:1314", "box.lan:1313", "evil.com"}},
		{"0.0.0.0:1313",
			[]string{"192.0.2.7:1313", "10.1.2.3", "[2001:db8::1]:1313", "[fe80::1%25eth0]:1313", "localhost:1313", "0.0.0.0:1313"},
			[]string{"box.lan:1313", "evil.com", "10.1.2.3:1314", "192.0.2.7.nip.io"}},
		{"[::]:1313",
			[]string{"192.0.2.7:1313", "[2001:db8::1]", "localhost"},
			[]string{"box.lan", "evil.com:1313"}},
	} {
		h := newHosts(tcpAddr(t, tc.bind))
		for _, host := range tc.allow {
			if !h.allows(host) {
				t.Errorf("bound to %s: Host %q refused", tc.bind, host)
			}
		}
		for _, host := range tc.deny {
			if h.allows(host) {
				t.Errorf("bound to %s: Host %q allowed", tc.bind, host)
			}
		}
	}
}

// TestMisdirected: a refused Host gets 421 with a short plain-text
// reason, and the site never sees the request.
func TestMisdirected(t *testing.T) {
	reached := false
	h := newHosts(tcpAddr(t, "127.0.0.1:1313")).check(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached = true }))
	r := httptest.NewRequest("GET", "/repo/", nil)
	r.Host = "rebind.evil.com:1313"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusMisdirectedRequest || reached {
		t.Fatalf("status %d, site reached %v", w.Code, reached)
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if body := w.Body.String(); !strings.Contains(body, "localhost:1313") || !strings.Contains(body, `"rebind.evil.com:1313"`) || len(body) > 400 {
		t.Errorf("body:\n%s", body)
	}
	r.Host = "localhost:1313"
	h.ServeHTTP(httptest.NewRecorder(), r)
	if !reached {
		t.Error("localhost:1313 did not reach the site")
	}
}

// TestExposure: listening beyond loopback prints a warning that says
// what is exposed and which Host names are answered.
func TestExposure(t *testing.T) {
	for bind, want := range map[string]string{
		"127.0.0.1:1313": "",
		"[::1]:1313":     "",
		"127.0.0.9:1313": "",
		"0.0.0.0:1313":   "every network interface",
		"[::]:1313":      "every network interface",
		"192.0.2.7:1313": "192.0.2.7",
	} {
		got := newHosts(tcpAddr(t, bind)).exposure()
		if want == "" {
			if got != "" {
				t.Errorf("%s: warning %q", bind, got)
			}
			continue
		}
		if !strings.HasPrefix(got, "warning: ") || !strings.Contains(got, want) || !strings.Contains(got, "drafts") || !strings.Contains(got, "421") || strings.Contains(got, "\n") {
			t.Errorf("%s: warning %q", bind, got)
		}
	}
}
