package build

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kbsite/kb/internal/cards"
	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/search"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/sitefiles"
	"github.com/kbsite/kb/internal/theme"
	"github.com/kbsite/kb/themes"
)

// state is a good build and the values its stages returned, kept by a
// Builder so that a text edit can redo one page (see textEdit).
type state struct {
	res      *Result
	site     *site.Site
	theme    *theme.Theme
	renderer *render.Renderer
	rendered *render.Result
	graph    *site.Graph
	linkErrs diag.List   // problems of the link graph
	layErrs  []diag.List // problems of each layout, by page index, then the 404 page
	// copier makes pages' Markdown copies, and llmsFull says whether kb
	// writes llms-full.txt (a site's own static file replaces it).
	copier   *sitefiles.MarkdownCopier
	llmsFull bool
	cards    *siteCards
	// outputKeys are the keys of the files the build may keep next time,
	// by output path (see outputReuse); nil when it cannot.
	outputKeys map[string]outputKey
	// forces keeps the graph page's layout between a preview server's
	// builds; nil in a one-shot build.
	forces *theme.ForceMemo
	// searchMemory is what the search index this build made remembers
	// (see search.Memory); nil when it made none or remembers nothing.
	searchMemory *search.Memory
	// searchDeferred is set when the search index was carried over from
	// the last build, to be brought up to date later (see carrySearch).
	searchDeferred bool
	// laidOut is the layout run that made the pages: a text edit's run
	// shares its article graph (see theme.Layout.SameLinksAs).
	laidOut *theme.Layout
}

// problems are every problem of the state's stages after assembly,
// unsorted.
func (st *state) problems() diag.List {
	errs := append(st.rendered.Problems(), st.linkErrs...)
	for _, l := range st.layErrs {
		errs.Add(l...)
	}
	return errs
}

// full is a whole build into dst, its stages in order. Pages are rendered
// and laid out even when some failed to load, so that one run reports
// every problem: broken links and template errors too. Their output then
// goes nowhere. A rebuild that stopped after its hand-over (see
// StopWhen) returns no state and superseded set.
func (b *Builder) full(dst output.Sink, spill *render.Spill) (st *state, errs diag.List, superseded bool) {
	cfg, css, errs := b.loadConfig()
	if errs.Err() != nil {
		return nil, errs, false
	}
	lastSearch := b.lastSearchMemory()
	lastRelated := b.lastRelated()
	src := theme.WithBuiltin(b.src, cfg.Theme, themes.Builtin)
	c, static, loadErrs := b.loadContent(src, cfg)
	errs.Add(loadErrs...)
	if c == nil {
		return nil, errs, false
	}
	assets := c.Assets
	s, siteErrs := site.Assemble(cfg, c, copiedPaths(static, assets))
	errs.Add(siteErrs...)
	th, themeErrs := b.loadTheme(src, cfg)
	errs.Add(themeErrs...)
	if th == nil {
		return nil, errs, false
	}
	redirects, err := sitefiles.Redirects(s)
	if err != nil {
		errs.Add(diag.Errorf(config.File, 0, 0, "%v", err))
	}

	st = &state{res: &Result{Pages: len(s.Pages) + 1, Site: s}, site: s, theme: th}
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML, ReservedIDs: th.ReservedIDs()})
	st.renderer = render.New(s, md, th)
	// c's last use: in a one-shot build, each body is let go once
	// rendered, and read again from its file for its Markdown copy.
	srcs := bodies(s, c)
	source := pageSources(src, s, srcs, b.once)
	ropt := render.Options{Once: b.once, Spill: spill, MarkdownOptions: fmt.Sprint(cfg.Markdown.UnsafeHTML, th.ReservedIDs()),
		ItemsKeyed: th.KeysHold(theme.BuiltinDigest(themes.Builtin, cfg.Theme))}
	switch {
	case !b.once:
		// The preview server's rebuilds render again only the bodies an
		// edit can change.
		if b.memo == nil {
			b.memo = render.NewMemo()
		}
		ropt.Memo = b.memo
	case b.opt.CacheDir != "" && programID() != "":
		// So does kb build, from the bodies the last build kept in the
		// cache folder, when this kb wrote them.
		ropt.Memo = render.OpenMemo(filepath.Join(b.opt.CacheDir, bodiesFile))
		ropt.MarkdownOptions += " " + programID()
		defer ropt.Memo.Close() // after the layouts, which read reused bodies' HTML from it
	}
	st.rendered = st.renderer.All(srcs, ropt)
	if ropt.Memo != nil {
		st.res.BodiesReused, st.res.ItemsReused = ropt.Memo.Reused(), ropt.Memo.ItemsReused()
	}
	// The search index is written beside the link graph, layout keys,
	// layouts, cards and copies, started as soon as it can be: after one
	// edit it is the longest stage of a build. Its files wait for the
	// output tree (see treeGate). A site whose HTML spilled is the
	// exception: there the two working sets together raised the peak (5.4
	// GiB at 100,000 pages, when the index ran beside the copies), and the
	// index runs in turn, as before.
	gate := newTreeGate()
	searched := func() {}
	st.searchDeferred = b.defersSearch()
	beside := !st.searchDeferred && !spill.Spilled()
	if beside {
		searched = st.writeSearch(b, lastSearch, gate, createsAll(dst), false)
	}
	st.graph, st.linkErrs = s.Link(st.rendered.Rendered())
	st.res.External = externalLinks(s, st.rendered)
	errs.Add(st.rendered.Problems()...)
	errs.Add(st.linkErrs...)
	if errs.Err() != nil {
		dst = output.Discard{}
	}
	out := output.NewTree(dst)
	first := b.firstPages(dst, s)
	if first == nil {
		out.Grow()
	}
	reuse := b.outputReuse(out)
	gate.open(out, reuse)
	b.earlyOrdered = first != nil
	if st.searchDeferred && first == nil {
		b.carrySearch(out, reuse)
	}
	if !b.once {
		st.forces = b.forces
	}
	st.cards = &siteCards{} // a theme that does not link cards gets none drawn
	if th.LinksCards() && cfg.Outputs.SocialCards {
		st.cards = cardsOf(s)
		if first == nil {
			st.cards.start()
		}
	}
	// The stages after the hand-over stop once a later save waits; the
	// search index, when it runs beside them, is waited for first.
	stop := &stopper{ask: b.stopWhen}
	copied := func() diag.List { return nil } // waits for the Markdown copies, when they run beside
	stopped := func() bool {
		if stop.stop() {
			searched()
			copied()
			return true
		}
		return false
	}
	l := st.layout()
	l.Stop = stop.stop
	st.laidOut = l
	layouts := startLayouts(l, th, out, b.once, reuse, first)
	fixed := func(lists bool) diag.List { return addFixedFiles(out, src, s, css, static, assets, lists, st.res) }
	if first != nil {
		// A preview rebuild serves the pages open in a browser, and the
		// files they load, before the layout keys, the other pages,
		// cards and copies: after a title edit at 10,000 pages, those
		// took half of the rebuild (see LayOutFirst).
		errs.Add(layouts.first()...)
		addRedirects(out, redirects)
		errs.Add(fixed(false)...)
		if errs.Err() == nil && len(s.Pages) >= b.early.min {
			b.handEarly(dst, out, s)
			stop.handed = true
		}
		st.cards.start()
		out.Grow()
		// The open pages load neither the sitemap nor the feed, which
		// took 11 to 24 ms before the hand-over at 10,000 pages. From
		// the hand-over (its snapshot of the files included) to the
		// layout keys, with reserving the other pages' paths and
		// carrying the search index, took 47 to 89 ms at 10,000 pages
		// (stage timings of title edits): a later save is looked for
		// between these too.
		addSiteLists(out, s)
		if stopped() {
			return nil, nil, true
		}
		layouts.reserveRest()
		if stopped() {
			return nil, nil, true
		}
		if st.searchDeferred {
			// After the hand-over: carrying some 6,000 files took 6 ms
			// at 1,000 pages, and the open page does not load them
			// (a search typed meanwhile waits for the rebuild).
			b.carrySearch(out, reuse)
		}
	}
	if stopped() {
		return nil, nil, true
	}
	// Before any related list is asked for: the layout keys ask for
	// every one.
	if k := lastRelated(); k != nil {
		st.res.RelatedReused = st.graph.KeepRelated(k.digest, k.lists)
	}
	keys := b.layoutKeys(reuse, l, th, cfg.Theme)
	if stopped() {
		return nil, nil, true
	}
	if b.once {
		keepRelated(b.opt.CacheDir, st.graph, st.res.RelatedReused)
	}
	rendered := st.rendered // what the copies read
	copies := func() diag.List {
		st.copier = sitefiles.NewMarkdownCopier(s, md, rendered)
		var copyErrs diag.List
		st.llmsFull, copyErrs = addMarkdownCopies(out, s, st.copier, rendered, source, static, b.carryCopies(st, reuse, keys))
		return copyErrs
	}
	copiesBeside := b.once && beside && !createsAll(dst) && errs.Err() == nil
	if copiesBeside {
		// Beside the search index, the layouts and the cards: the copies
		// leave a core idle for much of their time (reading the last
		// llms-full.txt, writing llms.txt), which ran last, at the end of
		// the build. Only into a folder that holds a build, where most
		// copies are kept: into an empty one, at 10,000 pages, three
		// builds each, alternating, the peak was 965 to 1,047 MiB beside
		// against 849 to 872 MiB after, for medians of 13.05 s against
		// 13.19 s, within the noise of such builds. Not where the
		// HTML spilled (see beside): at 100,000 pages, the copies and the
		// search index together passed the memory limit, 5.4 GiB at the
		// peak. And only in kb build, where it was measured: a preview
		// server's rebuild keeps its order. The layouts of a one-shot
		// build let the HTML go as they go, which the copies do not read.
		rendered = st.rendered.WithoutHTML()
		copied = parallel.Value(copies)
	}
	errs.Add(layouts.rest(keys)...)
	if stopped() {
		return nil, nil, true
	}
	errs.Add(b.writeCards(out, st, errs.Err() == nil, reuse)...)
	if stopped() {
		return nil, nil, true
	}
	if first == nil {
		addRedirects(out, redirects)
	}
	if !st.searchDeferred && !beside {
		st.writeSearch(b, lastSearch, gate, createsAll(dst), spill.Spilled())()
	}
	switch {
	case copiesBeside:
		errs.Add(copied()...)
	case errs.Err() == nil:
		// Last of the large files: the pages' HTML and the search text
		// are let go by now, and llms-full.txt does not add to them.
		errs.Add(copies()...)
	}
	if first == nil {
		errs.Add(fixed(true)...)
	}
	st.layErrs, st.res.LaidOut = layouts.result()
	searched()
	errs.Add(out.Problems()...)
	if errs.Err() != nil {
		return nil, errs, false
	}
	st.res.Paths = out.Paths()
	st.outputKeys = reuse.keys()
	return st, errs, false
}

// writeSearch starts writing the search index into the gate's output
// tree and returns a function that waits for it. Beside the link graph,
// layout keys, layouts, cards and copies: after one edit, the index was
// the longest stage of a build (1.3 to 1.5 s of 3.8 at 10,000 pages) and
// the stages around it leave a core idle for much of theirs. They read
// the site and the rendered pages, which nothing writes into any more
// (the link graph is a value of its own), and the tree and reuse take
// their files from any goroutine.
//
// Into an empty output folder, the index's files are put one at a time
// (inTurn): thousands of files created at once in one folder have the
// file system's lock on it spin. Into a folder holding the last build,
// most are compared with the files there and left alone, and are put
// from all cores: after one edit, putting them in turn cost a build 0.01
// to 0.03 s at 1,000 pages and 0.05 s at 10,000 (medians, alternating).
//
// The index remembers what it made (see search.Memory) for the next: in
// the Builder for a preview server's, in the cache folder for kb
// build's. Not on a site whose HTML spilled: there the memory's counts
// (about 20 bytes a distinct word of each section) would add to the
// largest peaks.
func (st *state) writeSearch(b *Builder, lastSearch func() *search.Memory, gate *treeGate, creates, spilled bool) (wait func()) {
	once := b.once
	remember := !spilled && (!once || b.opt.CacheDir != "" && programID() != "")
	start := time.Now()
	ix := sitefiles.SearchIndex(st.site, st.rendered.Sections())
	if once {
		st.rendered.ReleaseSections() // the index has the text now, and lets it go as it writes
	}
	put := func(name string, data []byte) {
		out, _ := gate.wait()
		out.Add(name, data, output.Place{})
	}
	if creates {
		put = inTurn(put)
	}
	return parallel.Start(func() {
		kept := func(name string, key [sha256.Size]byte) bool {
			_, reuse := gate.wait()
			return reuse.keptNew(name, key, output.Place{})
		}
		var made int
		st.searchMemory, made = ix.WriteKeeping(put, kept, lastSearch(), remember)
		if once {
			writeSearchMemory(b.opt.CacheDir, st.searchMemory)
		}
		st.res.SearchTime, st.res.SearchShardsMade = time.Since(start), made
	})
}

// createsAll says whether every file put into dst is created: dst is an
// output folder that was empty (see output.Dir.Fresh).
func createsAll(dst output.Sink) bool {
	d, ok := dst.(interface{ Fresh() bool })
	return ok && d.Fresh()
}

// inTurn returns put called by one goroutine at a time.
func inTurn(put func(name string, data []byte)) func(name string, data []byte) {
	var mu sync.Mutex
	return func(name string, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		put(name, data)
	}
}

// carryCopies is what the Markdown copies of a rebuild take from the
// last build (see carriedCopies); nil for a build that keeps no files. A
// preview server's rebuild that leaves the search index to catch up
// later keeps llms-full.txt until then too (see carrySearch).
func (b *Builder) carryCopies(st *state, reuse *outputReuse, keys []theme.LayoutKey) *carriedCopies {
	if reuse == nil {
		return nil
	}
	c := &carriedCopies{reuse: reuse}
	if full, ok := b.lastFiles[sitefiles.LLMsFullFile]; ok && st.searchDeferred {
		c.llmsFull = full
	}
	if keys != nil {
		c.keys = make(map[*site.Page]theme.LayoutKey, len(keys))
		for i, p := range layoutPages(st.site) {
			c.keys[p] = keys[i]
		}
	}
	return c
}

// bodiesFile is where, in the cache folder, kb build keeps the bodies it
// rendered for the next build (see render.OpenMemo).
const bodiesFile = "bodies"

// layout is a layout run of the state's pages.
func (st *state) layout() *theme.Layout {
	l := theme.NewLayout(st.theme, st.site, st.graph, st.rendered)
	l.Cards, l.Forces = st.cards.view, st.forces
	return l
}

// outputReuse is how the build keeps the files its last good build
// wrote the same way (see the type outputReuse); nil when it cannot: a
// one-shot build in memory has no last build.
func (b *Builder) outputReuse(out *output.Tree) *outputReuse {
	if b.once && b.keysDir == "" {
		return nil
	}
	return newOutputReuse(out, b.lastKeys)
}

// layoutKeys are the pages' layout keys, by which reuse keeps a page's
// file; nil when there is no reuse, or when the theme has layouts of its
// own: they read what layout keys do not cover, so its pages are all
// laid out, and only search files may be kept.
func (b *Builder) layoutKeys(reuse *outputReuse, l *theme.Layout, th *theme.Theme, name string) []theme.LayoutKey {
	if reuse == nil || !th.KeysHold(theme.BuiltinDigest(themes.Builtin, name)) {
		return nil
	}
	return l.Keys(layoutPages(l.Site))
}

// writeCards adds the pages' social cards to out, drawn only when draw
// is set and the options ask for images.
func (b *Builder) writeCards(out *output.Tree, st *state, draw bool, reuse *outputReuse) diag.List {
	draw = draw && !b.opt.NoCardImages
	if draw && b.painter == nil {
		p, err := cards.NewPainter()
		if err != nil {
			return diag.List{diag.Errorf("", 0, 0, "%v", err)}
		}
		b.painter = p
	}
	if b.cardCache == nil {
		b.cardCache = cards.NewCache(cardsDir(b.opt.CacheDir), !b.once)
	}
	stats, errs := writeCards(out, st.cards, b.cardCache, b.painter, draw, reuse)
	st.res.CardsDrawn, st.res.CardsReused = stats.drawn, stats.reused
	return errs
}

// loadConfig reads config.toml, with the options' base URL over its own,
// and makes the code-highlighting stylesheet it asks for.
func (b *Builder) loadConfig() (config.Config, []byte, diag.List) {
	cfg, err := config.Load(b.src)
	if err != nil {
		return cfg, nil, diag.From(err)
	}
	if b.opt.BaseURL != "" {
		u, err := config.NormalizeBaseURL(b.opt.BaseURL)
		if err != nil {
			return cfg, nil, diag.List{diag.Errorf("", 0, 0, "-base-url: %v", err)}
		}
		cfg.BaseURL = u
	}
	css, err := markdown.HighlightCSS(cfg.Markdown.HighlightStyle, cfg.Markdown.HighlightStyleDark)
	if err != nil {
		return cfg, nil, diag.List{diag.Errorf(config.File, 0, 0, "markdown: %v", err)}
	}
	return cfg, css, nil
}

// loadContent reads content/ (through the parse cache, unless the build
// is one-shot) and lists the static files, by output path.
func (b *Builder) loadContent(src fs.FS, cfg config.Config) (*content.Content, map[string]string, diag.List) {
	if !slices.Equal(cfg.Taxonomies, b.cfg.Taxonomies) {
		b.cache = content.NewCache() // taxonomies decide which keys parse
	}
	b.cfg = cfg
	cache := b.cache
	if b.once {
		cache = nil // nothing to reuse, and pages' sources are let go once rendered
	}
	c, errs := content.Load(src, content.Options{Taxonomies: cfg.Taxonomies, Drafts: b.opt.Drafts, Cache: cache, LastCommits: b.opt.LastCommits, Changed: b.changed, Watched: b.watched})
	static, err := theme.StaticFiles(src, cfg.Theme)
	if err != nil {
		errs.Add(diag.From(err)...)
	}
	return c, static, errs
}

// copiedPaths are the output paths of the files copied as they are:
// static files and content assets.
func copiedPaths(static map[string]string, assets []string) []string {
	out := slices.Collect(maps.Keys(static))
	for _, a := range assets {
		out = append(out, strings.TrimPrefix(a, content.Dir+"/"))
	}
	return out
}

// bodies are the Markdown bodies of s's pages, by page index.
func bodies(s *site.Site, c *content.Content) [][]byte {
	out := make([][]byte, len(s.Pages))
	for i, p := range s.Pages {
		out[i] = c.Bodies[p.Page]
	}
	return out
}

// addRedirects adds the pages that send an old address (a page's
// aliases) to the new.
func addRedirects(out *output.Tree, redirects []sitefiles.File) {
	for _, f := range redirects {
		out.Add(f.Path, f.Data, f.From)
	}
}

// addFixedFiles adds the files made of no page's layout: the site's own
// files (the sitemap and feed unless lists is false, robots.txt and the
// like), the theme's static files and the content's assets, and counts
// the copied ones in res.
func addFixedFiles(out *output.Tree, src fs.FS, s *site.Site, css []byte, static map[string]string, assets []string, lists bool, res *Result) diag.List {
	var errs diag.List
	if lists {
		addSiteLists(out, s)
	}
	addSiteFiles(out, s, css)
	for _, outPath := range slices.Sorted(maps.Keys(static)) {
		errs.Add(copyStatic(out, src, outPath, static[outPath])...)
		res.Copied++
	}
	for _, a := range assets {
		errs.Add(out.CopyFile(src, strings.TrimPrefix(a, content.Dir+"/"), a)...)
		res.Copied++
	}
	return errs
}

// addSiteLists adds the files that list the site's pages for machines:
// the sitemap and the feed.
func addSiteLists(out *output.Tree, s *site.Site) {
	out.Add("sitemap.xml", sitefiles.Sitemap(s), output.Place{})
	out.Add("feed.xml", sitefiles.Feed(s), output.Place{})
}

// addSiteFiles adds the other files every site has besides its pages.
func addSiteFiles(out *output.Tree, s *site.Site, css []byte) {
	out.Add("robots.txt", sitefiles.Robots(s.Config), output.Place{})
	out.Add(".nojekyll", nil, output.Place{})
	out.Add(theme.HighlightCSS, css, output.Place{})
	if s.Config.CNAME != "" {
		out.Add("CNAME", []byte(s.Config.CNAME+"\n"), output.Place{})
	}
}

// copyStatic copies a static file into the output: as it is, but for a
// theme's stylesheet, which goes without its comments.
func copyStatic(out *output.Tree, src fs.FS, outPath, file string) diag.List {
	if !theme.IsThemeCSS(file) {
		return out.CopyFile(src, outPath, file)
	}
	data, err := fs.ReadFile(src, file)
	if err != nil {
		return diag.List{diag.Errorf(file, 0, 0, "%v", err)}
	}
	out.Add(outPath, theme.StripCSSComments(data), output.Place{File: file})
	return nil
}
