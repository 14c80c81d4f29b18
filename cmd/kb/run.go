package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"kb/internal/diag"
)

// usageError is a mistake in the command line itself (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// internalError is a bug in kb (exit code 3): a panic, caught.
type internalError struct{ msg string }

func (e internalError) Error() string { return e.msg }

// command is one subcommand: its flags are declared on fs by setup, which
// returns the function to run once they are parsed.
type command struct {
	name    string
	args    string // the positional arguments, for usage
	summary string
	setup   func(fs *flag.FlagSet) func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"build", "", "build the site into a folder (default SOURCE/public)", setupBuild},
		{"check", "", "run every check of build without writing anything", setupCheck},
		{"serve", "", "preview the site, rebuilt and reloaded in the browser on every save", setupServe},
		{"new", "SECTION/NAME", "create content/SECTION/NAME.md with its front matter", setupNew},
		{"version", "", "print kb's version", setupVersion},
	}
}

// Run runs the kb command line args (without the program name). Problems
// in the site are printed to stderr as they are found and summed up in the
// returned error.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = internalError{fmt.Sprintf("internal error: %v; please report this bug with the command and this trace:\n%s", r, debug.Stack())}
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return usageError{"no command given"}
		}
		return nil
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		fs := flag.NewFlagSet("kb "+c.name, flag.ContinueOnError)
		fs.SetOutput(stderr)
		run := c.setup(fs)
		fs.Usage = func() {
			fmt.Fprintf(stderr, "usage: kb %s [flags] %s\n\n%s.\n", c.name, c.args, strings.ToUpper(c.summary[:1])+c.summary[1:])
			if hasFlags(fs) {
				fmt.Fprintln(stderr, "\nflags:")
				fs.PrintDefaults()
			}
		}
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return usageError{err.Error()}
		}
		return run(ctx, fs.Args(), stdout, stderr)
	}
	usage(stderr)
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "kb builds a static knowledge-base site from Markdown.\n\nusage: kb COMMAND [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'kb COMMAND -h' for a command's flags.")
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// report prints diagnostics and returns the error that sums them up, or nil
// when there are no errors among them.
func report(stderr io.Writer, l diag.List) error {
	for _, d := range l {
		fmt.Fprintln(stderr, d.Error())
	}
	if n := len(l.Errors()); n > 0 {
		msg := fmt.Sprintf("%d %s", n, plural(n, "error", "errors"))
		if l.HasInternal() {
			return internalError{msg + ", among them an internal error (a bug in kb)"}
		}
		return errors.New(msg)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func noArgs(args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", args[0])}
	}
	return nil
}
