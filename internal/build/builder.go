package build

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"time"

	"github.com/kbsite/kb/internal/cards"
	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/search"
	"github.com/kbsite/kb/internal/theme"
	"github.com/kbsite/kb/themes"
)

// Builder builds one site again and again, as the preview server does. It
// keeps the last good build: an edit to the text of one page (its front
// matter, headings and link targets unchanged) re-renders that page and
// lays out again it and the pages that quote its links, and nothing else
// (see textEdit); any other change is a full build, which still parses
// only the files whose bytes changed, renders only the bodies that can
// read differently (see render.Memo), and lays out only the pages whose
// layout keys changed (see outputReuse). The result is always what a
// fresh Build of the same files gives.
type Builder struct {
	src   fs.FS
	opt   Options
	cache *content.Cache
	cfg   config.Config // the config the cache was filled under
	last  *state
	// stale is set when a build failed: files have changed since the last
	// good build, so no edit can be applied to it alone.
	stale bool
	// once is set for a build whose state is not kept for updates: each
	// page's Markdown is let go as soon as it is rendered, which lowers
	// the peak memory of a large build.
	once bool
	// spillDir, for a build into a folder, is where rendered HTML past
	// spillBudget bytes waits for its layout (see render.Spill).
	spillDir    string
	spillBudget int64
	// searchStale is set when a fast-path update left the search index
	// behind (see SearchJob); gen counts updates, so that an index computed
	// from an older state is not applied.
	searchStale bool
	gen         int
	// searchMemory is what the last search index made remembers, for
	// the next (see search.Memory).
	searchMemory *search.Memory
	// memo keeps rendered bodies between the builds of a Builder that is
	// not one-shot (see render.Memo), forces the graph page's layout.
	memo   *render.Memo
	forces *theme.ForceMemo
	// theme is the last theme loaded without errors, for the next build
	// to reuse when nothing it was made from changed (see loadTheme).
	theme *loadedTheme
	// lastFiles are the last good build's files while last is nil: after
	// a full build failed, the next one's changes count against them.
	lastFiles map[string][]byte
	// lastKeys are the keys of the last good build's files (see outputReuse).
	// keysDir, for a one-shot build into a folder, is the cache folder
	// that keeps them for the next build into it ("" for none).
	lastKeys map[string]outputKey
	keysDir  string
	// painter draws social cards, cardCache keeps them: in CacheDir, and
	// in memory between the builds of a Builder that is not one-shot.
	painter   *cards.Painter
	cardCache *cards.Cache
	// changed are the paths the Update under way names (nil outside
	// one): the other files are read again only if their size or time
	// changed (see content.Options.Changed).
	changed map[string]bool
	// watched says that changed names every change under content/ (see
	// UpdateWatched).
	watched bool
	// early hands a rebuild's first files over before the rest of it
	// (see LayOutFirst); earlyOrdered says the build under way put the
	// open pages first.
	early        *earlyLayouts
	earlyOrdered bool
	// stopWhen says when a rebuild stops after its hand-over (see
	// StopWhen); nil for never.
	stopWhen func() bool
}

// NewBuilder prepares to build the site rooted at src.
func NewBuilder(src fs.FS, opt Options) *Builder {
	return &Builder{src: src, opt: opt, cache: content.NewCache(), forces: &theme.ForceMemo{}}
}

// Build builds the site rooted at src, in memory. The error, when not
// nil, is a diag.List of every problem found, sorted.
func Build(src fs.FS, opt Options) (*Result, error) {
	b := NewBuilder(src, opt)
	b.once = true
	return b.Build()
}

// BuildDir builds the site rooted at src into the folder dest, as
// output.WriteDir would write Build's result, without holding the whole
// site in memory: files whose bytes changed wait in a staging folder
// inside dest until the build has succeeded, and a failed build leaves
// dest as it was.
func BuildDir(src fs.FS, opt Options, dest string) (*Result, output.WriteStats, error) {
	var lastKeys func(commit string) map[string]outputKey
	keysRead := parallel.Start(func() { lastKeys = loadLayoutKeys(opt.CacheDir) })
	d, err := output.OpenDir(dest, opt.Fingerprint)
	keysRead()
	if err != nil {
		return nil, output.WriteStats{}, err
	}
	defer d.Close()
	b := NewBuilder(src, opt)
	b.once = true
	b.spillDir, b.spillBudget = dest, render.SpillBudget
	// The files whose keys the last build into dest kept are kept as
	// they are on disk. Into an empty folder, as in CI, nothing is there
	// to keep, but the keys are made all the same (a few hundredths of a
	// second at 10,000 pages), for the next build into it.
	b.keysDir = opt.CacheDir
	b.lastKeys = lastKeys(d.LastCommit())
	res, err := b.build(d)
	if err != nil {
		return nil, output.WriteStats{}, errors.Join(err, d.Abort())
	}
	start := time.Now()
	// The keys are written as the files are moved in: should the commit
	// fail, they name a commit the folder never had, and are not read.
	keysWritten := parallel.Start(func() {
		if b.keysDir != "" {
			writeLayoutKeys(b.keysDir, d.ID(), b.lastKeys)
		}
	})
	st, err := d.Commit()
	keysWritten()
	res.Duration += time.Since(start)
	return res, st, err
}

// Build builds the whole site.
func (b *Builder) Build() (*Result, error) {
	last := b.lastFiles
	if b.last != nil {
		last = b.last.res.Files
	}
	mem := output.NewMemory(last)
	b.earlyOrdered = false
	res, err := b.build(mem)
	if err != nil && b.earlyOrdered && !errors.Is(err, ErrSuperseded) {
		// A build that put the open pages first failed, perhaps after
		// handing them over. Which stages a failing build runs, and in
		// which order its files claim their paths, decide its errors:
		// build again as a fresh build does, for the very errors it
		// reports.
		early := b.early
		b.early = nil
		defer func() { b.early = early }()
		mem = output.NewMemory(last)
		res, err = b.build(mem)
	}
	if err != nil {
		return nil, err
	}
	res.Files = mem.Files()
	return res, nil
}

func (b *Builder) build(dst output.Sink) (*Result, error) {
	start := time.Now()
	var spill *render.Spill
	if b.once && b.spillDir != "" {
		spill = render.NewSpill(b.spillDir, b.spillBudget)
		defer spill.Close()
	}
	st, errs, superseded := b.full(dst, spill)
	if superseded {
		b.stale = true
		return nil, ErrSuperseded
	}
	errs.Sort()
	errs = render.OnePerMistake(errs)
	if errs.Err() != nil {
		b.stale = true
		return nil, errs.Errors()
	}
	b.stale = false
	b.searchStale = st.searchDeferred
	errs.Add(b.keepCards(st.cards)...)
	st.res.Warnings = errs.Warnings()
	st.res.Duration = time.Since(start)
	b.lastKeys = st.outputKeys
	if st.searchMemory != nil {
		b.searchMemory = st.searchMemory
	}
	if !b.once {
		b.last = st
	}
	return st.res, nil
}

// Update rebuilds after the files at paths (relative to the site root)
// changed, were created or were removed. It returns the new result and the
// output paths whose bytes differ from the last good build's, added or
// removed included. On error the last good build's files are kept, and
// served by the caller; the next update builds in full.
func (b *Builder) Update(paths []string) (*Result, []string, error) {
	b.gen++
	if b.last != nil && !b.stale && len(paths) == 1 {
		if res, changed, ok := b.textEdit(paths[0]); ok {
			return res, changed, nil
		}
	}
	// The last state (every page's rendered body, the link graph, the
	// site) is let go while the site is built again, and only its files
	// kept, to count the changes against: held through the build, it
	// doubled the heap of a large site's preview, and the garbage
	// collector ran all the time near the memory limit.
	prev := b.lastFiles
	if b.last != nil {
		prev = b.last.res.Files
	}
	b.last, b.lastFiles = nil, prev
	b.changed = make(map[string]bool, len(paths))
	for _, p := range paths {
		b.changed[p] = true
	}
	defer func() { b.changed = nil }()
	res, err := b.Build()
	if err != nil {
		return nil, nil, err
	}
	b.lastFiles = nil
	return res, changedFiles(prev, res), nil
}

// UpdateWatched is Update for a caller whose paths name every change
// under content/, as a watcher of the site's folders does: the content
// files not named are taken as the last build read them, with no look at
// the disk, and content/ is walked again only when a named file came or
// went (see content.Options.Watched). Missed, called after, finds what
// the watcher missed.
func (b *Builder) UpdateWatched(paths []string) (*Result, []string, error) {
	b.watched = true
	defer func() { b.watched = false }()
	return b.Update(paths)
}

// Missed returns the content files that changed, came or went since the
// last build read them, unnamed: what a watcher missed, for an Update of
// them to mend. Nil when none did; nil for a one-shot build.
func (b *Builder) Missed() []string {
	if b.once {
		return nil
	}
	return b.cache.Missed(theme.WithBuiltin(b.src, b.cfg.Theme, themes.Builtin))
}

// changedFiles are the paths whose bytes differ between the files of the
// last good build (nil for none) and res, added and removed ones
// included.
func changedFiles(prev map[string][]byte, res *Result) []string {
	var changed []string
	for p, data := range res.Files {
		if old, ok := prev[p]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, p)
		}
	}
	for p := range prev {
		if _, ok := res.Files[p]; !ok {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return changed
}

// keepCards lets the card cache forget the cards no page of the last
// build shows: in memory for the preview server, whose pages change
// titles as they are edited; in the folder after a one-shot build,
// which saw every page. A folder kb could not write is a warning: the
// build is whole, but the next one will draw every card again.
func (b *Builder) keepCards(sc *siteCards) diag.List {
	if b.cardCache == nil {
		return nil
	}
	keep := sc.keySet()
	err := b.cardCache.WriteError()
	if b.once {
		if perr := b.cardCache.Prune(keep); err == nil {
			err = perr
		}
	} else {
		b.cardCache.Retain(keep)
	}
	if err != nil {
		return diag.List{diag.Warnf(filepath.ToSlash(cardsDir(b.opt.CacheDir)), 0, 0, "could not keep the social cards drawn (%v): the next build draws them all again; make the folder writable, or delete it", err)}
	}
	return nil
}
