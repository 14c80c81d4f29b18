package build

import (
	"bytes"
	"errors"
	"io/fs"
	"kb/internal/output"
	"maps"
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

// Builder builds one site again and again, as the preview server does. It
// keeps the last good build: an edit to the text of one page (its front
// matter, headings and link targets unchanged) re-renders that page and
// the pages that quote its links, and nothing else; any other change is a
// full build, which still parses only the files whose bytes changed. The
// result is always what a fresh Build of the same files gives.
type Builder struct {
	src   fs.FS
	opt   Options
	cache *content.Cache
	cfg   config.Config // the config the cache was filled under
	last  *snapshot
	// stale is set when a build failed: files have changed since the last
	// good build, so no edit can be applied to it alone.
	stale bool
	// fast tells whether the last Update took the fast path, for tests.
	fast bool
	// once is set for a build whose state is not kept for updates: each
	// page's rendered Markdown is dropped as soon as its layout has used
	// it, which lowers the peak memory of a large build.
	once bool
	// spillDir, for a build into a folder, is where rendered HTML past
	// spillBudget bytes waits for its layout (see spill).
	spillDir    string
	spillBudget int64
	// searchStale is set when a fast-path update left the search index
	// behind (see SearchJob); gen counts updates, so that an index computed
	// from an older state is not applied.
	searchStale bool
	gen         int
}

// snapshot is a good build and the render state it was made with.
type snapshot struct {
	res  *Result
	pass *pass
}

// NewBuilder prepares to build the site rooted at src.
func NewBuilder(src fs.FS, opt Options) *Builder {
	return &Builder{src: src, opt: opt, cache: content.NewCache()}
}

// Build builds the site rooted at src, in memory. The error, when not
// nil, is a diag.List of every problem found, sorted.
func Build(src fs.FS, opt Options) (*Result, error) {
	b := NewBuilder(src, opt)
	b.once = true
	return b.Build()
}

// BuildDir builds the site rooted at src into the folder dest, as WriteDir
// would write Build's result, without holding the whole site in memory:
// files whose bytes changed wait in a staging folder inside dest until
// the build has succeeded, and a failed build leaves dest as it was.
func BuildDir(src fs.FS, opt Options, dest string) (*Result, output.WriteStats, error) {
	d, err := output.OpenDir(dest, opt.Fingerprint)
	if err != nil {
		return nil, output.WriteStats{}, err
	}
	defer d.Close()
	b := NewBuilder(src, opt)
	b.once = true
	b.spillDir, b.spillBudget = dest, spillBudget
	res, err := b.build(d)
	if err != nil {
		return nil, output.WriteStats{}, errors.Join(err, d.Abort())
	}
	start := time.Now()
	st, err := d.Commit()
	res.Duration += time.Since(start)
	return res, st, err
}

// Build builds the whole site.
func (b *Builder) Build() (*Result, error) {
	mem := output.NewMemory()
	res, err := b.build(mem)
	if err != nil {
		return nil, err
	}
	res.Files = mem.Files()
	return res, nil
}

func (b *Builder) build(dst output.Sink) (*Result, error) {
	start := time.Now()
	snap, errs := b.full(dst)
	errs.Sort()
	if errs.Err() != nil {
		b.stale = true
		return nil, errs.Errors()
	}
	b.stale = false
	b.searchStale = false
	snap.res.Warnings = errs.Warnings()
	snap.res.Duration = time.Since(start)
	if !b.once {
		b.last = snap
	}
	return snap.res, nil
}

// Update rebuilds after the files at paths (relative to the site root)
// changed, were created or were removed. It returns the new result and the
// output paths whose bytes differ from the last good build's, added or
// removed included. On error the last good build is kept.
func (b *Builder) Update(paths []string) (*Result, []string, error) {
	b.fast = false
	b.gen++
	if b.last != nil && !b.stale && len(paths) == 1 {
		if res, changed, ok := b.textEdit(paths[0]); ok {
			b.fast = true
			return res, changed, nil
		}
	}
	prev := b.last
	res, err := b.Build()
	if err != nil {
		return nil, nil, err
	}
	return res, changedFiles(prev, res), nil
}

func changedFiles(prev *snapshot, res *Result) []string {
	var changed []string
	for p, data := range res.Files {
		if prev == nil {
			changed = append(changed, p)
			continue
		}
		if old, ok := prev.res.Files[p]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, p)
		}
	}
	if prev != nil {
		for p := range prev.res.Files {
			if _, ok := res.Files[p]; !ok {
				changed = append(changed, p)
			}
		}
	}
	slices.Sort(changed)
	return changed
}

// full is a whole build into dst. It returns the pass, for textEdit.
func (b *Builder) full(dst output.Sink) (*snapshot, diag.List) {
	src := b.src
	cfg, err := config.Load(src)
	if err != nil {
		return nil, diag.From(err)
	}
	if b.opt.BaseURL != "" {
		u, err := config.NormalizeBaseURL(b.opt.BaseURL)
		if err != nil {
			return nil, diag.List{diag.Errorf("", 0, 0, "-base-url: %v", err)}
		}
		cfg.BaseURL = u
	}
	if !slices.Equal(cfg.Taxonomies, b.cfg.Taxonomies) {
		b.cache = content.NewCache() // taxonomies decide which keys parse
	}
	b.cfg = cfg
	css, err := markdown.HighlightCSS(cfg.Markdown.HighlightStyle, cfg.Markdown.HighlightStyleDark)
	if err != nil {
		return nil, diag.List{diag.Errorf(config.File, 0, 0, "markdown: %v", err)}
	}

	src = theme.WithBuiltin(src, cfg.Theme, themes.Builtin)

	var errs diag.List
	cache := b.cache
	if b.once {
		cache = nil // nothing to reuse, and pages' sources are dropped once rendered
	}
	c, loadErrs := content.Load(src, content.Options{Taxonomies: cfg.Taxonomies, Drafts: b.opt.Drafts, Cache: cache})
	errs.Add(loadErrs...)
	if c == nil {
		return nil, errs
	}
	static, err := theme.StaticFiles(src, cfg.Theme)
	if err != nil {
		errs.Add(diag.From(err)...)
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
	// reports every problem: broken links and template errors too. Their
	// output then goes nowhere.
	// Redirects are made before rendering, which drops the front
	// matter's key places that their clash messages need.
	redirects, err := aliases(s)
	if err != nil {
		errs.Add(diag.Errorf(config.File, 0, 0, "%v", err))
	}
	ps := newPass(s, th, markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML, ReservedIDs: reservedIDs(th)}))
	ps.dropBodies = b.once
	if b.once && b.spillDir != "" {
		ps.spill = newSpill(b.spillDir, b.spillBudget)
		defer ps.spill.close()
	}
	ps.renderAll()
	errs.Add(ps.problems()...)
	if errs.Err() != nil {
		dst = output.Discard{}
	}
	out := output.NewTree(dst)
	ps.layoutAll(out)
	for _, l := range ps.layErrs {
		errs.Add(l...)
	}
	res := &Result{Pages: len(s.Pages) + 1, Site: s}

	for _, f := range redirects {
		out.Add(f.path, f.data, f.source)
	}
	searchStart := time.Now()
	searchFiles(ps, out)
	res.SearchTime = time.Since(searchStart)
	out.Add("sitemap.xml", sitemap(s), output.Place{})
	out.Add("feed.xml", feed(s), output.Place{})
	out.Add("robots.txt", robots(cfg), output.Place{})
	out.Add(".nojekyll", nil, output.Place{})
	out.Add(highlightCSSPath, css, output.Place{})
	if cfg.CNAME != "" {
		out.Add("CNAME", []byte(cfg.CNAME+"\n"), output.Place{})
	}
	for _, outPath := range slices.Sorted(maps.Keys(static)) {
		errs.Add(out.CopyFile(src, outPath, static[outPath])...)
		res.Copied++
	}
	for _, a := range c.Assets {
		errs.Add(out.CopyFile(src, strings.TrimPrefix(a, content.Dir+"/"), a)...)
		res.Copied++
	}
	errs.Add(out.Problems()...)
	if errs.Err() != nil {
		return nil, errs
	}
	res.Paths = out.Paths()
	return &snapshot{res: res, pass: ps}, errs
}
