package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startServer runs s on a free loopback port until the test ends and
// returns its address.
func startServer(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// raw sends a request line and Host header exactly as given, which
// http.Client would clean up, and returns the status, Location and body.
func raw(t *testing.T, addr, target, host string) (int, string, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

// TestServeHostsAndRedirects runs the real server: another host name
// (DNS rebinding) gets 421, and the paths that made an open redirect
// stay on this origin, under the base path.
func TestServeHostsAndRedirects(t *testing.T) {
	var log logBuffer
	s := New(site(t), Options{Log: &log})
	addr := startServer(t, s)
	_, port, _ := net.SplitHostPort(addr)

	for _, host := range []string{"rebind.evil.example:" + port, "rebind.evil.example", "localhost:1"} {
		code, _, body := raw(t, addr, "/repo/", host)
		if code != http.StatusMisdirectedRequest || !strings.Contains(body, "localhost:"+port) || strings.Contains(body, "<") {
			t.Errorf("Host %s: %d\n%s", host, code, body)
		}
	}
	for _, host := range []string{"localhost:" + port, "127.0.0.1:" + port, "LOCALHOST", "[::1]:" + port} {
		if code, _, _ := raw(t, addr, "/repo/", host); code != 200 {
			t.Errorf("Host %s: %d", host, code)
		}
	}
	for _, target := range []string{"//%5Clocalhost:18314/", `/\evil.com`, "/%5C%5Cevil.com/", "/%2F%2Fevil.com", "/%09/evil.com", "/repo/../evil.com/", "//evil.com/"} {
		code, loc, _ := raw(t, addr, target, addr)
		if code != http.StatusNotFound || loc != "" {
			t.Errorf("GET %s: %d, Location %q", target, code, loc)
		}
	}
	if code, loc, _ := raw(t, addr, `/repo\docs\a`, addr); code != 301 || loc != "/repo/docs/a" {
		t.Errorf(`GET /repo\docs\a: %d, Location %q`, code, loc)
	}

	// A browser's way: from "/" to the page, on this origin throughout.
	var hops []string
	client := &http.Client{CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		hops = append(hops, r.URL.String())
		return nil
	}}
	resp, err := client.Get("http://" + addr + "/repo/docs/..//docs/a")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || len(hops) != 2 || hops[1] != "http://"+addr+"/repo/docs/a/" {
		t.Errorf("%d after %q", resp.StatusCode, hops)
	}
	if l := log.String(); strings.Contains(l, "warning") {
		t.Errorf("a loopback server warned:\n%s", l)
	}
}

// TestServeSurvivesPanic: with the watcher running, a save that makes
// the build panic shows an internal error in the overlay, the server
// keeps serving the last good build, and the next save is served.
func TestServeSurvivesPanic(t *testing.T) {
	dir := site(t)
	s := newServer(dir, Options{}, buggyFirst(dir, panicky{update: true}))
	addr := startServer(t, s)
	base := "http://" + addr + "/repo/"
	ev := subscribe(t, base)
	defer ev.body.Close()
	if name, _ := ev.next(t); name != "hello" {
		t.Fatalf("first event %s", name)
	}
	a := filepath.Join(dir, "content/docs/a.md")
	if err := os.WriteFile(a, []byte("+++\ntitle = \"Page A\"\n+++\nFirst save.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// One save may come as several file events, so look at a few.
	shown := false
	for range 5 {
		name, data := ev.next(t)
		if name == "errors" {
			errs, _ := data["errors"].([]any)
			if len(errs) != 1 || !strings.Contains(fmt.Sprint(errs[0]), "internal error while rebuilding after content/docs/a.md changed") {
				t.Fatalf("errors event %v", data)
			}
			shown = true
			break
		}
	}
	if !shown {
		t.Fatal("no internal error shown")
	}
	if code, body := fetch(t, base+"docs/a/"); code != 200 || !strings.Contains(body, "Text of A") {
		t.Errorf("last good build: %d", code)
	}
	if err := os.WriteFile(a, []byte("+++\ntitle = \"Page A\"\n+++\nSecond save.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if name, _ := ev.next(t); name == "reload" {
			if _, body := fetch(t, base+"docs/a/"); strings.Contains(body, "Second save.") {
				return
			}
		}
	}
	t.Error("second save not served")
}
