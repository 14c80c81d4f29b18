package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/kbsite/kb/internal/diag"
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
		{"init", "[FOLDER]", "start a new knowledge base in FOLDER (default: this folder)", setupInit},
		{"build", "", "build the site into a folder (default SOURCE/public)", setupBuild},
		{"check", "", "run every check of build without writing anything (-external: links to other sites too)", setupCheck},
		{"serve", "", "preview the site, rebuilt and reloaded in the browser on every save", setupServe},
		{"new", "SECTION/NAME", "create content/SECTION/NAME.md with its front matter", setupNew},
		{"version", "", "print kb's version", setupVersion},
	}
}

// Run runs the kb command line args (without the program name). Problems
// in the site are printed to stderr as they are found and summed up in the
// returned error. Help that was asked for goes to stdout, so that
// "kb -h | less" works; help that explains a mistake goes to stderr.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = internalError{fmt.Sprintf("internal error: %v; please report this bug with the command and this trace:\n%s", r, debug.Stack())}
		}
	}()
	if len(args) == 0 {
		usage(stderr)
		return usageError{"no command given"}
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return nil
	case "help":
		if len(args) > 1 {
			return Run(ctx, []string{args[1], "-h"}, stdout, stderr)
		}
		usage(stdout)
		return nil
	case "-version", "--version":
		return Run(ctx, append([]string{"version"}, args[1:]...), stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if strings.HasPrefix(args[0], "-") {
		return usageError{fmt.Sprintf("%s comes before a command: flags go after it, as in kb build %s; run kb -h for the commands", args[0], args[0])}
	}
	return usageError{fmt.Sprintf("unknown command %q%s; run kb -h for the commands", args[0], diag.DidYouMean(args[0], names))}
}

// run parses the command's flags and runs it.
func (c command) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("kb "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // kb prints the usage itself, to the right stream
	run := c.setup(fs)
	// Flags may come after the arguments too (kb new a/b -new-section):
	// parse, set the first argument aside, and parse the rest again.
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.usage(stdout, fs)
				return nil
			}
			return usageError{flagMistake(err, fs) + "; run kb " + c.name + " -h for its flags"}
		}
		args = fs.Args()
		if len(args) <= 1 {
			positional = append(positional, args...)
			break
		}
		positional, args = append(positional, args[0]), args[1:]
	}
	return run(ctx, positional, stdout, stderr)
}

func (c command) usage(w io.Writer, fs *flag.FlagSet) {
	line := strings.TrimSpace("usage: kb " + c.name + " [flags] " + c.args)
	fmt.Fprintf(w, "%s\n\n%s.\n", line, strings.ToUpper(c.summary[:1])+c.summary[1:])
	if hasFlags(fs) {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// flagMistake words a flag parse error, with a "did you mean" for a flag
// kb does not know.
func flagMistake(err error, fs *flag.FlagSet) string {
	const unknown = "flag provided but not defined: -"
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, unknown); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		hint := ""
		if s := diag.Suggest(name, names); s != "" {
			hint = fmt.Sprintf(" (did you mean -%s?)", s)
		}
		return fmt.Sprintf("%s has no flag -%s%s", fs.Name(), name, hint)
	}
	return msg
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "kb builds a static knowledge-base site from Markdown.\n\nusage: kb COMMAND [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'kb help COMMAND' (or kb COMMAND -h) for a command's flags, and kb --version for kb's version.")
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
