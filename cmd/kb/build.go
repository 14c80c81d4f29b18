package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kbsite/kb/internal/build"
	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/history"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/sitedir"
)

func setupBuild(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
	source := fs.String("source", ".", "the site's root `folder` (holding config.toml and content/)")
	dest := fs.String("dest", "", "the output `folder` (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "the `URL` the site is published at, replacing config.toml's base_url")
	drafts := fs.Bool("drafts", false, "include draft pages")
	var prof profiles
	fs.StringVar(&prof.cpu, "cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof); the build runs even when nothing changed")
	fs.StringVar(&prof.mem, "memprofile", "", "write an allocation profile of the build to `file` (for go tool pprof); the build runs even when nothing changed")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if err := noArgs(args); err != nil {
			return err
		}
		opt := build.Options{Drafts: *drafts, BaseURL: *baseURL, LastCommits: lastCommits(*source, stderr), CacheDir: filepath.Join(*source, build.CacheDir)}
		out := *dest
		if out == "" {
			out = filepath.Join(*source, "public")
		}
		if err := destOutsideInputs(*source, out); err != nil {
			return err
		}
		// Nothing changed since the build that wrote out: skip it, as make
		// would. Any doubt (an unreadable input, a touched output) builds.
		start := time.Now()
		fp, fpErr := build.Fingerprint(*source, opt)
		if fpErr == nil && !prof.wanted() {
			if n, ok := output.UpToDate(out, fp); ok {
				fmt.Fprintf(stdout, "up to date: %d files in %s, nothing changed since the last build (checked in %s)\n", n, out, time.Since(start).Round(time.Millisecond))
				return nil
			}
		}
		if err := prof.start(); err != nil {
			return err
		}
		opt.Fingerprint = fp // "" when unknown: then no later build is skipped
		if output.HoldsBuild(out) {
			paceCollector(os.Getenv, rebuildGCPercent)
		}
		res, st, err := build.BuildDir(sitedir.New(*source), opt, out)
		if perr := prof.stop(); perr != nil && err == nil {
			err = perr
		}
		if err != nil {
			var problems diag.List
			if errors.As(err, &problems) {
				return report(stderr, problems)
			}
			return err
		}
		reportSome(stderr, res.Warnings, maxWarnings)
		warnLocalBaseURL(stderr, *source, *baseURL)
		if st.Repaired {
			fmt.Fprintf(stderr, "note: %s held a build that was stopped while moving its files into place; it was undone (or finished) before this one\n", out)
		}
		fmt.Fprintf(stdout, "built %d pages, copied %d files in %s to %s (%d written, %d unchanged, %d removed)\n",
			res.Pages, res.Copied, res.Duration.Round(time.Millisecond), out, st.Written, st.Unchanged, st.Removed)
		return nil
	}
}

func setupCheck(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
	source := fs.String("source", ".", "the site's root `folder` (holding config.toml and content/)")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	drafts := fs.Bool("drafts", false, "include draft pages")
	external := fs.Bool("external", false, "also check every link to another site over the network, with results kept for a while in SOURCE/"+externalCache)
	timeout := fs.Duration("timeout", 10*time.Second, "with -external: how long to wait for each site's answer")
	cacheAge := fs.Duration("cache-age", 24*time.Hour, "with -external: how long a link's result is reused before it is asked again (0: ask every link)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if err := noArgs(args); err != nil {
			return err
		}
		if err := externalFlags(fs, *external, *timeout, *cacheAge); err != nil {
			return err
		}
		res, err := build.Build(sitedir.New(*source), build.Options{Drafts: *drafts, NoCardImages: true})
		if err != nil {
			return report(stderr, diag.From(err))
		}
		warnings := res.Warnings
		if *external {
			x := externalCheck{source: *source, timeout: *timeout, cacheAge: *cacheAge}
			ext, err := x.run(ctx, res.External, stdout, stderr)
			if err != nil {
				return err
			}
			warnings = append(warnings, ext...)
			warnings.Sort()
		}
		if *strict {
			for i := range warnings {
				warnings[i].Severity = diag.Error
			}
		}
		if err := report(stderr, warnings); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "checked %d pages in %s: no errors, %d %s\n", res.Pages, res.Duration.Round(time.Millisecond), len(warnings), plural(len(warnings), "warning", "warnings"))
		return nil
	}
}

// externalFlags refuses -timeout and -cache-age without -external, where
// they would do nothing, and durations that mean nothing.
func externalFlags(fs *flag.FlagSet, external bool, timeout, cacheAge time.Duration) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if (f.Name == "timeout" || f.Name == "cache-age") && !external && err == nil {
			err = usageError{fmt.Sprintf("-%s applies only to the external links that kb check -external checks: add -external, or leave -%s out", f.Name, f.Name)}
		}
	})
	switch {
	case err != nil:
		return err
	case timeout <= 0:
		return usageError{fmt.Sprintf("-timeout %s: give a positive duration, such as 10s or 1m", timeout)}
	case cacheAge < 0:
		return usageError{fmt.Sprintf("-cache-age %s: give a duration of 0 or more, such as 24h (0 asks every link again)", cacheAge)}
	}
	return nil
}

// maxWarnings is how many warnings a build prints; kb check prints them
// all. A large site with a systematic problem would otherwise bury the
// summary line under thousands of them.
const maxWarnings = 20

// reportSome prints up to max warnings and a count of the rest.
func reportSome(w io.Writer, l diag.List, max int) {
	_ = report(w, l[:min(len(l), max)])
	if len(l) > max {
		fmt.Fprintf(w, "... and %d more warnings (kb check lists them all)\n", len(l)-max)
	}
}

// destOutsideInputs refuses an output folder inside a folder the build
// reads: each build would read its own output back in as content or
// static files, and grow.
func destOutsideInputs(source, dest string) error {
	absDest, err1 := filepath.Abs(dest)
	absSource, err2 := filepath.Abs(source)
	if err1 != nil || err2 != nil {
		return nil // the build itself reports a folder it cannot use
	}
	for _, input := range build.InputFolders {
		dir := filepath.Join(absSource, input)
		if rel, err := filepath.Rel(dir, absDest); err == nil && filepath.IsLocal(rel) || absDest == dir {
			return usageError{fmt.Sprintf("-dest %s is inside %s/, which the build reads: its output would be read back in on the next build; choose a folder outside content/, static/, layouts/ and themes/ (the default is %s)", dest, input, filepath.Join(source, "public"))}
		}
	}
	return nil
}

// lastCommits are the pages' dates from git, for their last-updated
// dates; a shallow clone gets a note saying why there are none.
func lastCommits(source string, stderr io.Writer) map[string]time.Time {
	dates, err := history.LastCommits(source)
	if err != nil {
		fmt.Fprintf(stderr, "note: %v\n", err)
	}
	return dates
}

// warnLocalBaseURL warns when a build meant for publishing leaves
// base_url at the preview server's address, which would go into every
// canonical link, the feed, the sitemap and og:url. (A site with no
// config.toml at all has had its warning from the build already.)
func warnLocalBaseURL(stderr io.Writer, source, flagURL string) {
	cfg, err := config.Load(os.DirFS(source))
	if err != nil || cfg.NoFile || flagURL != "" || cfg.BaseURL != config.Default().BaseURL {
		return
	}
	fmt.Fprintf(stderr, "%s: warning: base_url is not set, so canonical links, the feed, the sitemap and og:url point at %s: set base_url = \"https://owner.github.io/repo/\" (where the site will be published), or build with -base-url URL\n", config.File, cfg.BaseURL)
}
