// Command kb builds a static knowledge-base site from Markdown. See Run for
// the commands; main only wires the process to it.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	os.Exit(runMain())
}

// runMain runs the command line and turns its outcome into an exit code:
// 0 ok, 1 problems in the site, 2 a usage error, 3 a bug in kb.
func runMain() int {
	limitMemory(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err == nil {
		return 0
	}
	fmt.Fprintln(os.Stderr, "kb:", err)
	var u usageError
	var bug internalError
	switch {
	case errors.As(err, &u):
		return 2
	case errors.As(err, &bug):
		return 3
	}
	return 1
}
