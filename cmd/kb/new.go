package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

var newNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)+$`)

func setupNew(flags *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
	source := flags.String("source", ".", "the site's root `folder`")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) != 1 {
			return usageError{"kb new takes one argument, SECTION/NAME, like roles/chief-architect"}
		}
		name := strings.TrimSuffix(args[0], ".md")
		if !newNameRE.MatchString(name) {
			return usageError{fmt.Sprintf("%q is not SECTION/NAME: use lowercase letters, digits and hyphens, like roles/chief-architect", args[0])}
		}
		file := filepath.Join(*source, "content", filepath.FromSlash(name)+".md")
		if _, err := os.Stat(file); err == nil {
			return fmt.Errorf("%s already exists", file)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, []byte(newPage(filepath.Base(name), time.Now())), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s (a draft: set draft = false or build with -drafts to see it)\n", file)
		return nil
	}
}

// newPage is the starting text of an article: every front matter key an
// article should have, filled in where kb can guess.
func newPage(name string, now time.Time) string {
	title := strings.ReplaceAll(name, "-", " ")
	title = strings.ToUpper(title[:1]) + title[1:]
	return fmt.Sprintf(`+++
title = %q
description = ""
date = %s
draft = true
tags = []
+++

Write the article here.
`, title, now.Format("2006-01-02"))
}
