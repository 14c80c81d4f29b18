// Package build turns a site folder into the files of its static site:
// config, content and theme are loaded, the site assembled, every page
// rendered in parallel, and the extra files (sitemap, feed, robots.txt,
// redirects for aliases, highlight CSS, static files) added. The result is a
// set of files handed to a sink as they are made: kept in memory for the
// preview server, or written to a folder (BuildDir), where changed files
// wait in a staging folder until the whole build has succeeded, so a
// failed build leaves public/ as it was.
package build

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"sync"
	"time"

	"kb/internal/diag"
	"kb/internal/site"
)

// Options change how a site is built.
type Options struct {
	// Drafts includes pages with draft = true.
	Drafts bool
	// BaseURL replaces config.toml's base_url when not empty (CI passes
	// the GitHub Pages URL).
	BaseURL string
	// Fingerprint, for a build into a folder, is recorded in the folder's
	// marker with the files written, for UpToDate; see Fingerprint.
	Fingerprint string
}

// Result is a built site.
type Result struct {
	// Files maps each output path ("roles/cto/index.html") to its bytes;
	// nil when the build went straight to a folder (BuildDir).
	Files map[string][]byte
	// Paths are the output paths, sorted.
	Paths []string
	// Pages counts the HTML pages rendered, redirects not included.
	Pages int
	// Copied counts static files and content assets copied as they are.
	Copied int
	// Warnings are problems that did not stop the build.
	Warnings diag.List
	// Duration is the time the build took.
	Duration time.Duration
	// Site is the assembled site the files were rendered from. After a
	// one-shot Build or BuildDir its pages' Body is nil: each source is
	// dropped once rendered, to keep large builds small.
	Site *site.Site
	// SearchTime is the part of Duration spent building the search index.
	SearchTime time.Duration
}

// highlightCSSPath is where the generated code-highlighting stylesheet goes;
// layouts link to it.
const highlightCSSPath = "css/highlight.css"

// output hands files to a sink and notices two sources claiming one
// path. Pages reserve their paths before their layouts run in parallel.
type output struct {
	sink    sink
	mu      sync.Mutex
	from    map[string]string
	clashes diag.List
	failed  diag.List // files the sink could not take
}

func newOutput(dst sink) *output {
	return &output{sink: dst, from: map[string]string{}}
}

// reserve claims p for source, and reports whether it was free.
func (o *output) reserve(p, source string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if prev, dup := o.from[p]; dup {
		o.clashes.Add(diag.Errorf(source, 0, 0, "output file %s is produced twice: by %s and by %s; rename one", p, describe(source), describe(prev)))
		return false
	}
	o.from[p] = source
	return true
}

// write gives a reserved path its bytes; it may run on several goroutines.
func (o *output) write(p string, data []byte) {
	if err := o.sink.Put(p, data); err != nil {
		o.mu.Lock()
		o.failed.Add(diag.Errorf("", 0, 0, "writing %s: %v", p, err))
		o.mu.Unlock()
	}
}

func (o *output) add(p string, data []byte, source string) {
	if o.reserve(p, source) {
		o.write(p, data)
	}
}

func (o *output) copyFile(src fs.FS, outPath, file string) diag.List {
	data, err := fs.ReadFile(src, file)
	if err != nil {
		return diag.List{diag.Errorf(file, 0, 0, "%v", err)}
	}
	o.add(path.Clean(outPath), data, file)
	return nil
}

// paths are the output's paths, sorted.
func (o *output) paths() []string {
	return slices.Sorted(maps.Keys(o.from))
}

func describe(source string) string {
	if source == "" {
		return "kb itself"
	}
	return source
}
