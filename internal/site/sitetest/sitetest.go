// Package sitetest assembles sites from folders in memory, for the tests
// of the packages that take an assembled site.
package sitetest

import (
	"io/fs"
	"testing"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/site"
)

// Assemble reads fsys's content/ and assembles it under the default
// config, failing t on any error.
func Assemble(t testing.TB, fsys fs.FS) *site.Site {
	t.Helper()
	c, errs := content.Load(fsys, content.Options{})
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	s, errs := site.Assemble(config.Default(), c, nil)
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	return s
}
