package serve

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestHTTPServerSettings: the server Serve runs bounds every phase of a
// connection but the event stream, and logs where the rebuilds log.
func TestHTTPServerSettings(t *testing.T) {
	var log logBuffer
	s := memServer("/", memFiles)
	s.opt.Log = &log
	srv := s.httpServer(nil)
	d := defaultTimeouts()
	for _, tc := range []struct {
		name      string
		got, want time.Duration
	}{
		{"ReadHeaderTimeout", srv.ReadHeaderTimeout, d.readHeader},
		{"ReadTimeout", srv.ReadTimeout, d.read},
		{"WriteTimeout", srv.WriteTimeout, d.write},
		{"IdleTimeout", srv.IdleTimeout, d.idle},
	} {
		if tc.got != tc.want || tc.got <= 0 {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if d.event <= 0 || d.event >= keepAlive {
		t.Errorf("event deadline %v: an idle stream must outlast it only by its keep-alives", d.event)
	}
	if srv.MaxHeaderBytes <= 0 {
		t.Error("no limit on header size")
	}
	srv.ErrorLog.Print("net/http says")
	if log.String() != "net/http says\n" {
		t.Errorf("ErrorLog wrote %q to the log", log.String())
	}
}

// TestServeTimeouts runs the real server with tiny timeouts: a
// connection that sends nothing is closed, and the event stream, which
// writes only when something happens, outlives them all.
func TestServeTimeouts(t *testing.T) {
	dir := site(t)
	s := New(dir, Options{})
	s.timeouts = timeouts{readHeader: 50 * time.Millisecond, read: 50 * time.Millisecond, write: 50 * time.Millisecond, idle: 50 * time.Millisecond, event: time.Second}
	addr := startServer(t, s)

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("a silent connection: read %d, %v; want it closed by the server", n, err)
	}

	ev := subscribe(t, "http://"+addr+"/repo/")
	defer ev.body.Close()
	if name, _ := ev.next(t); name != "hello" {
		t.Fatalf("first event %s", name)
	}
	time.Sleep(300 * time.Millisecond) // well past every timeout
	if err := os.WriteFile(filepath.Join(dir, "content/docs/b.md"), []byte("+++\ntitle = \"Page B\"\n+++\nLater.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if name, _ := ev.next(t); name != "reload" {
		t.Errorf("event %s after the timeouts, want reload", name)
	}
}
