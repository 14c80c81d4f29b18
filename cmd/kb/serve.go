package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"

	"kb/internal/serve"
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
		s := serve.New(*source, serve.Options{Drafts: *drafts, Log: stderr})
		ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "serving http://%s%s (press Ctrl-C to stop)\n", ln.Addr(), s.BasePath())
		return s.Serve(ctx, ln)
	}
}
