package main

import (
	"bytes"
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
)

// TestServeBusyPort checks that kb serve reports a port in use before it
// builds anything: the source folder does not exist, so a build would
// fail first with another message.
func TestServeBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	var stdout, stderr bytes.Buffer
	err = Run(context.Background(), []string{"serve", "-source", t.TempDir() + "/nowhere", "-port", strconv.Itoa(port)}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "is in use") || !strings.Contains(err.Error(), "-port "+strconv.Itoa(port+1)) {
		t.Fatalf("kb serve on a busy port: %v (stderr %q); want the port in use and a -port hint", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("kb serve on a busy port built or printed before failing: %q", stderr.String())
	}
}
