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
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"kb/internal/config"
	"kb/internal/content"
	"kb/internal/diag"
	"kb/internal/markdown"
	"kb/internal/site"
	"kb/internal/theme"
	"kb/themes"
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
}

// Build builds the site rooted at src. The error, when not nil, is a
// diag.List of every problem found, sorted.
func Build(src fs.FS, opt Options) (*Result, error) {
	start := time.Now()
	res, errs := build(src, opt)
	errs.Sort()
	if errs.Err() != nil {
		return nil, errs.Errors()
	}
	res.Warnings = errs.Warnings()
	res.Duration = time.Since(start)
	return res, nil
}

func build(src fs.FS, opt Options) (*Result, diag.List) {
	cfg, err := config.Load(src)
	if err != nil {
		return nil, asList(err)
	}
	if opt.BaseURL != "" {
		u, err := config.NormalizeBaseURL(opt.BaseURL)
		if err != nil {
			return nil, diag.List{diag.Errorf("", 0, 0, "-base-url: %v", err)}
		}
		cfg.BaseURL = u
	}
	css, err := markdown.HighlightCSS(cfg.Markdown.HighlightStyle, cfg.Markdown.HighlightStyleDark)
	if err != nil {
		return nil, diag.List{diag.Errorf(config.File, 0, 0, "markdown: %v", err)}
	}

	src = theme.WithBuiltin(src, cfg.Theme, themes.Builtin)

	var errs diag.List
	c, loadErrs := content.Load(src, content.Options{Taxonomies: cfg.Taxonomies, Drafts: opt.Drafts})
	errs.Add(loadErrs...)
	if c == nil {
		return nil, errs
	}
	static, err := theme.StaticFiles(src, cfg.Theme)
	if err != nil {
		errs.Add(diag.Errorf("static", 0, 0, "%v", err))
	}
	copied := slices.Collect(maps.Keys(static))
	for _, a := range c.Assets {
		copied = append(copied, strings.TrimPrefix(a, content.Dir+"/"))
	}
	s, siteErrs := site.Assemble(cfg, c, copied)
	errs.Add(siteErrs...)
	th, themeErrs := theme.Load(src, cfg.Theme, Funcs(cfg))
	errs.Add(themeErrs...)
	if th == nil {
		return nil, errs
	}

	// Pages are rendered even when some failed to load, so that one run
	// reports every problem: broken links and template errors too.
	out := newOutput()
	rendered, renderErrs := render(s, th, markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML}))
	errs.Add(renderErrs...)
	for _, r := range rendered {
		out.add(r.path, r.html, r.source)
	}
	res := &Result{Pages: len(rendered), Site: s}

	redirects, err := aliases(s)
	if err != nil {
		errs.Add(diag.Errorf("", 0, 0, "%v", err))
	}
	for _, f := range redirects {
		out.add(f.path, f.data, f.source)
	}
	out.add("sitemap.xml", sitemap(s), "")
	out.add("feed.xml", feed(s), "")
	out.add("robots.txt", robots(cfg), "")
	out.add(".nojekyll", nil, "")
	out.add(highlightCSSPath, css, "")
	if cfg.CNAME != "" {
		out.add("CNAME", []byte(cfg.CNAME+"\n"), "")
	}
	for _, outPath := range slices.Sorted(maps.Keys(static)) {
		errs.Add(out.copyFile(src, outPath, static[outPath])...)
		res.Copied++
	}
	for _, a := range c.Assets {
		outPath := strings.TrimPrefix(a, content.Dir+"/")
		errs.Add(out.copyFile(src, outPath, a)...)
		res.Copied++
	}
	errs.Add(out.clashes...)
	if errs.Err() != nil {
		return nil, errs
	}
	res.Files = out.files
	return res, errs
}

// highlightCSSPath is where the generated code-highlighting stylesheet goes;
// layouts link to it.
const highlightCSSPath = "css/highlight.css"

func asList(err error) diag.List {
	switch e := err.(type) {
	case diag.List:
		return e
	case diag.Diagnostic:
		return diag.List{e}
	}
	return diag.List{diag.Errorf("", 0, 0, "%v", err)}
}

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
