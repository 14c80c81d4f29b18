// Package build is the pipeline's orchestration: it turns a site folder
// into the files of its static site by running the stages in order, each
// returning a value the next one reads:
//
//	config.Load, content.Load   the inputs
//	site.Assemble               the site, frozen from here on
//	render.Renderer.All         every page's Markdown, profile and list entry
//	site.Link                   the link graph of the rendered pages
//	theme.Layout                every page's layout, streamed to output
//	sitefiles                   sitemap, feed, robots.txt, redirects, search
//
// The files go to an output.Sink as they are made: kept in memory for the
// preview server (Builder), or written to a folder (BuildDir), where a
// failed build leaves the folder as it was. kb build and kb serve run the
// same stages and hand layouts the same data.
package build

import (
	"time"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/site"
)

// Options change how a site is built.
type Options struct {
	// Drafts includes pages with draft = true.
	Drafts bool
	// BaseURL replaces config.toml's base_url when not empty (CI passes
	// the GitHub Pages URL).
	BaseURL string
	// LastCommits are when each content file last changed in git (see
	// history.LastCommits): a page's last-updated date when its front
	// matter gives none. Nil without git.
	LastCommits map[string]time.Time
	// Fingerprint, for a build into a folder, is recorded in the folder's
	// marker with the files written, for output.UpToDate; see Fingerprint.
	Fingerprint string
	// CacheDir is where the social cards drawn are kept between builds
	// (SOURCE/.kb-cache, see CacheDir); "" keeps none on disk.
	CacheDir string
	// NoCardImages links every page's social card and claims its path,
	// but draws none: for kb check, which writes nothing.
	NoCardImages bool
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
	// LaidOut counts the pages whose layout this build ran: every page in
	// a first build; in a text edit (see Builder), the edited page and the
	// pages that quote it; in the preview's other rebuilds, the pages
	// whose layout keys changed (see outputReuse).
	LaidOut int
	// Copied counts static files and content assets copied as they are.
	Copied int
	// Warnings are problems that did not stop the build.
	Warnings diag.List
	// External are the pages' links to other sites, each at its place,
	// for kb check -external; nothing in a build requests them.
	External []ExternalLink
	// Duration is the time the build took.
	Duration time.Duration
	// Site is the assembled site the files were rendered from.
	Site *site.Site
	// SearchTime is how long the search index took to build, from the
	// rendered pages to its last file; on most sites it is built beside
	// the layouts, cards and copies, so it overlaps their time.
	SearchTime time.Duration
	// SearchShardsMade counts the search index's key shards made, not
	// kept as the last build made them (see search.Memory).
	SearchShardsMade int
	// CardsDrawn counts the social cards this build drew, CardsReused
	// those it took from the cache, drawn by an earlier build.
	CardsDrawn, CardsReused int
	// BodiesReused counts the pages whose rendered Markdown a preview
	// server's rebuild took from the build before (see render.Memo).
	BodiesReused int
	// ItemsReused counts the pages whose list entry ("page-item") was
	// taken from the last build's.
	ItemsReused int
	// RelatedReused says that kb build took the articles' related lists
	// from the cache folder (see relatedFile).
	RelatedReused bool
}
