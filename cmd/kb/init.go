package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kbsite/kb/internal/starter"
)

func setupInit(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
	title := fs.String("title", "", "the site's `title` (default: the folder's name)")
	force := fs.Bool("force", false, "write into a folder that is not empty, keeping the files it has")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) > 1 {
			return usageError{fmt.Sprintf("unexpected argument %q: kb init takes one folder", args[1])}
		}
		dir := "."
		if len(args) == 1 {
			dir = args[0]
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		if *title == "" {
			*title = siteTitle(filepath.Base(abs))
		}
		res, err := starter.Write(dir, starter.Options{Title: *title, Date: time.Now(), KBVersion: installVersion(), Force: *force})
		if errors.Is(err, starter.ErrNotEmpty) {
			return usageError{fmt.Sprintf("%s is not empty: run kb init in a new or empty folder (kb init NAME makes one), or add -force to add the starter's files and keep the ones there", dir)}
		}
		if err != nil {
			return err
		}
		for _, f := range res.Kept {
			fmt.Fprintf(stderr, "kept %s (it exists)\n", f)
		}
		serve := "kb serve"
		if dir != "." {
			serve = "cd " + dir + " && kb serve"
		}
		fmt.Fprintf(stdout, "created a knowledge base in %s (%d files)\n\nnext:\n", dir, len(res.Written))
		for _, step := range [][2]string{
			{serve, "preview it at http://127.0.0.1:1313/, reloading as you edit"},
			{"kb new guides/NAME", "add an article"},
			{"kb check -strict", "check every page and link"},
			{"kb build", "build the site into public/"},
		} {
			fmt.Fprintf(stdout, "  %-*s  %s\n", max(len(serve), 18), step[0], step[1])
		}
		fmt.Fprintln(stdout, "\nTo publish: push to GitHub, then choose Settings -> Pages -> Source:\nGitHub Actions; .github/workflows/pages.yml publishes every push to main.")
		return nil
	}
}

// siteTitle makes a title of a folder name: "my-kb" becomes "My kb".
func siteTitle(name string) string {
	t := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	if t == "" || t == "." || t == string(filepath.Separator) {
		return "Knowledge base"
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// installVersion is the kb version the new site's workflow installs: the
// one running now when it is a release, else the latest.
func installVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" || strings.Contains(info.Main.Version, "+dirty") {
		return "latest"
	}
	return info.Main.Version
}
