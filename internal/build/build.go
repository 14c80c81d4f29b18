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
