// Package build turns a site folder into the files of its static site:
// config, content and theme are loaded, the site assembled, every page
// rendered in parallel, and the extra files (sitemap, feed, robots.txt,
// redirects for aliases, highlight CSS, static files) added. The result is
// a map of output paths to bytes; nothing is written here (see WriteDir),
// so every error of a build is known before any byte reaches public/, and
// the preview server can serve the same result from memory.
package build

import (
	"io/fs"
	"path"
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
}

// Result is a built site.
type Result struct {
	// Files maps each output path ("roles/cto/index.html") to its bytes.
	Files map[string][]byte
	// Pages counts the HTML pages rendered, redirects not included.
	Pages int
	// Copied counts static files and content assets copied as they are.
	Copied int
	// Warnings are problems that did not stop the build.
	Warnings diag.List
	// Duration is the time the build took.
	Duration time.Duration
	// Site is the assembled site the files were rendered from.
	Site *site.Site
	// SearchTime is the part of Duration spent building the search index.
	SearchTime time.Duration
}

// highlightCSSPath is where the generated code-highlighting stylesheet goes;
// layouts link to it.
const highlightCSSPath = "css/highlight.css"

// output gathers files and notices two sources claiming one path.
type output struct {
	files   map[string][]byte
	from    map[string]string
	clashes diag.List
}

func newOutput() *output {
	return &output{files: map[string][]byte{}, from: map[string]string{}}
}

func (o *output) add(p string, data []byte, source string) {
	if prev, dup := o.from[p]; dup {
		o.clashes.Add(diag.Errorf(source, 0, 0, "output file %s is produced twice: by %s and by %s; rename one", p, describe(source), describe(prev)))
		return
	}
	o.files[p] = data
	o.from[p] = source
}

func (o *output) copyFile(src fs.FS, outPath, file string) diag.List {
	data, err := fs.ReadFile(src, file)
	if err != nil {
		return diag.List{diag.Errorf(file, 0, 0, "%v", err)}
	}
	o.add(path.Clean(outPath), data, file)
	return nil
}

func describe(source string) string {
	if source == "" {
		return "kb itself"
	}
	return source
}
