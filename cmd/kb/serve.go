package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"syscall"

	"github.com/kbsite/kb/internal/serve"
)

func setupServe(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
	source := fs.String("source", ".", "the site's root `folder` (holding config.toml and content/)")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on (the default is reachable from this machine only)")
	port := fs.Int("port", 1313, "the `port` to listen on")
	drafts := fs.Bool("drafts", false, "include draft pages")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if *port < 0 || *port > 65535 {
			return usageError{fmt.Sprintf("-port %d is not a port number", *port)}
		}
		// The port first: a busy one should fail at once, not after a
		// build of the whole site.
		ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("port %d on %s is in use (another kb serve?): stop that server, or pick another port with -port %d", *port, *bind, *port+1)
		}
		if err != nil {
			return err
		}
		paceCollector(os.Getenv, serveGCPercent)
		// Serve builds the site, serving the first pages as soon as they
		// are made: the address is good from now on.
		s := serve.Prepare(*source, serve.Options{Drafts: *drafts, Log: stderr})
		fmt.Fprintf(stdout, "serving http://%s%s (press Ctrl-C to stop)\n", ln.Addr(), s.BasePath())
		return s.Serve(ctx, ln)
	}
}
