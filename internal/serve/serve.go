// Package serve is the preview server: it builds the site in memory,
// serves it over HTTP under the path of base_url (so what works in preview
// works on GitHub Pages), watches the site's files, rebuilds on every save
// (incrementally where the build can), and tells open pages over
// Server-Sent Events to reload, to swap a stylesheet, or to show the
// build's errors in an overlay. Nothing is written to disk, and the live
// reload script exists only in served pages, never in kb build output.
//
// The server keeps serving the last good build while the site has errors
// (and while a rebuild runs), answers only GET and HEAD, never serves
// anything but the built files, redirects only to paths under the base
// path, answers only requests for its own host names, and survives any
// save: a panic in a rebuild is shown as an internal error.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kbsite/kb/internal/build"
	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/history"
	"github.com/kbsite/kb/internal/sitedir"
)

// Options configure a Server.
type Options struct {
	// Drafts includes draft pages.
	Drafts bool
	// Log receives one line per rebuild and the build's problems.
	Log io.Writer
	// Debounce is how long the watcher waits for a burst of file events
	// (an editor's save is often several) to end before rebuilding.
	Debounce time.Duration
}

// Server is a running preview of one site.
type Server struct {
	dir string
	opt Options
	// newBuilder makes a builder: at start, and again after a panic,
	// which may have left the old one half updated.
	newBuilder func() siteBuilder
	builder    siteBuilder
	current    atomic.Pointer[snapshot]
	events     *broker
	mu         sync.Mutex // serialises rebuilds; requests never take it
	builds     atomic.Int64
	timeouts   timeouts
	// searchTimer brings the search index up to date once edits pause.
	searchTimer *time.Timer
	// stopped is set when Serve ends, so that a search refresh due
	// later does nothing; it needs no lock, which a runaway rebuild
	// may hold.
	stopped atomic.Bool
	// saveWaits is set when a save comes while a rebuild runs: the
	// rebuild then stops once it has handed the open pages over (see
	// build.Builder.StopWhen). Cleared as each rebuild starts.
	saveWaits atomic.Bool
	// pausing is the head start the rebuild under way gives the pages
	// it handed over; nil when none is under way (see headStart).
	pausing atomic.Pointer[headStart]
	// recent are the pages served last, which a rebuild lays out first
	// and, on a site of at least earlyMin pages, hands over with the
	// files they load before the rest of the rebuild (see handEarly).
	recent   recentPages
	earlyMin int
	// early is the hand-over of the rebuild under way; nil outside one.
	// Under mu.
	early *earlyRebuild
	// unbuilt, the pending channel of the snapshot served before the
	// first build, is closed once that build hands files over or is
	// done; nil once it is done. Under mu.
	unbuilt chan struct{}
}

// earlyMinPages is the least number of pages a site must have for its
// rebuilds to serve the open pages before the rest: on a smaller site
// the rest (the layout keys, the other pages, cards and copies) takes a
// few milliseconds, and a request for another page would wait for it
// rather than be served the last build's file at once.
const earlyMinPages = 200

// earlyRebuild is a rebuild's hand-over: the snapshot it served before
// its last layouts, and what the reload event then announced.
type earlyRebuild struct {
	done      chan struct{} // closed once the rebuild's result is served
	snap      *snapshot
	announced map[string]bool
	all       bool // every open page was told to reload
	start     time.Time
	at        time.Duration // when, after start, the files were handed over
	served    func()        // if not nil, called once the files are served
}

// siteBuilder is what the server needs of a build.Builder; tests put
// one that panics in its place.
type siteBuilder interface {
	Build() (*build.Result, error)
	Update(paths []string) (*build.Result, []string, error)
	UpdateWatched(paths []string) (*build.Result, []string, error)
	Missed() []string
	StopWhen(stop func() bool)
	SearchJob() *build.SearchJob
	ApplySearch(*build.SearchJob) (*build.Result, []string)
	LayOutFirst(min int, first func() []string, ready func(build.Early))
}

// snapshot is what the server shows: the files of the last good build,
// and the problems of the last build if it failed.
type snapshot struct {
	files    map[string][]byte
	base     string // the base path, clean and unescaped: "/" or "/repo/"
	problems []Problem
	id       string // changes with every good build, for reconnecting pages
	// pending, for the files a rebuild handed over before its last
	// layouts, is closed when the rebuild is done: a file this snapshot
	// lacks is then in the one that replaced it. fallback is the last
	// good build, for a rebuild that takes too long.
	pending  <-chan struct{}
	fallback *snapshot
	// claimed, for files handed over early, says whether the rebuild's
	// result has a file at a path: by the hand-over every page and
	// redirect has claimed its path.
	claimed func(path string) bool
	// head, for files handed over early that changed any, is the
	// rebuild's pause while the pages told to reload fetch them (see
	// headStart); nil otherwise.
	head *headStart
}

// mayHave says whether the rebuild that handed this snapshot over may
// yet make the file name: any file but a page it has not claimed (one
// deleted or renamed away is not found at once, not after the rest of
// the rebuild).
func (s *snapshot) mayHave(name string) bool {
	if s.claimed == nil || !strings.HasSuffix(name, ".html") {
		return true
	}
	return s.claimed(name) || s.claimed(name+"/index.html") || s.claimed(name+".html")
}

// built says whether a good build is being served: not when the site had
// errors from the start.
func (s *snapshot) built() bool { return len(s.files) > 0 }

// New prepares a preview of the site in dir and builds it once. A site
// with errors still gives a server: it shows the errors until they are
// fixed.
func New(dir string, opt Options) *Server {
	return newServer(dir, opt, siteBuilderOf(dir, opt))
}

// Prepare prepares a preview of the site in dir without building it:
// Serve builds it, serving as it builds (see buildFirst), so that a
// browser opened at once gets the home page as soon as it is laid out.
func Prepare(dir string, opt Options) *Server {
	return prepareServer(dir, opt, siteBuilderOf(dir, opt))
}

// siteBuilderOf makes the builders of the site in dir.
func siteBuilderOf(dir string, opt Options) func() siteBuilder {
	return func() siteBuilder {
		dates, _ := history.LastCommits(dir) // a shallow clone's note is kb build's to give
		return build.NewBuilder(sitedir.New(dir), build.Options{Drafts: opt.Drafts, LastCommits: dates, CacheDir: filepath.Join(dir, build.CacheDir)})
	}
}

// newServer is a server that has built the site once.
func newServer(dir string, opt Options, newBuilder func() siteBuilder) *Server {
	s := prepareServer(dir, opt, newBuilder)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buildFirst(false)
	return s
}

// prepareServer is a server that has not built the site yet: until it
// has, requests wait for the first build (see serveFrom).
func prepareServer(dir string, opt Options, newBuilder func() siteBuilder) *Server {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Debounce == 0 {
		opt.Debounce = 10 * time.Millisecond
	}
	s := &Server{dir: dir, opt: opt, events: newBroker(), newBuilder: newBuilder, timeouts: defaultTimeouts(), earlyMin: earlyMinPages, unbuilt: make(chan struct{})}
	s.current.Store(&snapshot{files: map[string][]byte{}, base: s.configBase(), id: "0", pending: s.unbuilt})
	return s
}

// configBase is the site's base path, "/" when config.toml cannot say:
// a site with errors is shown under it all the same, so the page that
// shows them is the one that reloads into the site once they are fixed.
func (s *Server) configBase() string {
	base := "/"
	_ = s.guard("reading the config", func() {
		if cfg, err := config.Load(os.DirFS(s.dir)); err == nil {
			base = cleanBase(cfg.BasePath())
		}
	})
	return base
}

// buildFirst builds the site for the first time and serves the result,
// or its errors. With early, the server is serving already: on a site
// of earlyMin pages or more the build hands over the home page, the
// pages asked for meanwhile and the files they load as soon as they are
// laid out (see handEarly), before the other pages, cards and copies:
// started on a 10,000-page site, the home page was served after 9 to
// 15 s when it waited for the whole build, and now after about 3.
// Requests for the rest wait for the build.
// Called with s.mu held.
func (s *Server) buildFirst(early bool) {
	start := time.Now()
	// Requests wait on the unbuilt snapshot until the first files are
	// handed over or the build is done; on the handed-over files until
	// it is done.
	unbuilt := s.unbuilt
	served := sync.OnceFunc(func() { close(unbuilt) })
	done := make(chan struct{})
	defer func() {
		served() // after the result, or the errors, are served
		close(done)
		s.unbuilt = nil
	}()
	s.builder = s.newBuilder()
	if early {
		s.recent.add("index.html") // where a browser opened at the site's address goes
		s.early = &earlyRebuild{done: done, start: start, served: served}
		defer func() { s.early = nil }()
		s.setBuilder(s.builder)
		// The first build always finishes: there is no last good build
		// to serve the other pages from, and a save meanwhile waits for
		// it (the queue's rebuild waits for s.mu).
		s.builder.StopWhen(nil)
	}
	var res *build.Result
	var err error
	if perr := s.guard("building the site", func() { res, err = s.builder.Build() }); perr != nil {
		res, err = nil, perr
		s.builder = s.newBuilder()
	}
	s.setBuilder(s.builder)
	if err != nil {
		s.current.Store(&snapshot{files: map[string][]byte{}, base: s.configBase(), problems: problems(s.dir, err), id: "0"})
		s.logProblems(err)
		return
	}
	id, first := "", ""
	if er := s.early; er != nil && er.snap != nil {
		// The pages served early are the result's: a page loaded from
		// them is of this build.
		id = er.snap.id
		first = fmt.Sprintf(" (the first pages in %s)", er.at.Round(time.Millisecond))
	}
	s.store(res, id)
	fmt.Fprintf(s.opt.Log, "built %d pages in %s%s\n", res.Pages, time.Since(start).Round(time.Millisecond), first)
}

// BasePath is the path the site is served under, escaped for a URL.
func (s *Server) BasePath() string { return escapePath(s.current.Load().base) }

// setBuilder makes b the server's builder.
func (s *Server) setBuilder(b siteBuilder) {
	b.LayOutFirst(s.earlyMin, s.recent.list, s.handEarly)
	b.StopWhen(s.saveWaits.Load)
	s.builder = b
}

// store serves a good build's result, under id ("" for a new one).
func (s *Server) store(res *build.Result, id string) {
	if id == "" {
		id = s.newID()
	}
	s.current.Store(&snapshot{
		files: res.Files,
		base:  cleanBase(res.Site.Config.BasePath()),
		id:    id,
	})
}

// newID is a new build's id.
func (s *Server) newID() string {
	return fmt.Sprintf("%d-%d", time.Now().UnixNano(), s.builds.Add(1))
}

// handEarly serves the files a rebuild made before the rest of it (the
// open pages and the files they load; see build.Builder.LayOutFirst),
// all of them as the rebuild's result will have them, and tells the
// open pages whose files changed to reload; when a page is open, it
// returns once they had a head start (see headStart). A request for a
// file it lacks waits for the rebuild's result. Called by the builder,
// within a rebuild, with s.mu held; a first build hands files over only
// when the server is serving already (see buildFirst).
func (s *Server) handEarly(e build.Early) {
	er := s.early
	if er == nil {
		return
	}
	prev := s.current.Load()
	snap := &snapshot{files: e.Files, base: cleanBase(e.Site.Config.BasePath()), id: s.newID(), pending: er.done, fallback: prev, claimed: e.Claimed}
	var changed []string
	for p, data := range e.Files {
		if old, ok := prev.files[p]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	ev := reloadEvent(snap, changed)
	er.snap, er.at = snap, time.Since(er.start)
	er.announced = make(map[string]bool, len(changed))
	for _, p := range changed {
		er.announced[p] = true
	}
	if d, ok := ev.Data.(map[string]any); ok {
		er.all, _ = d["all"].(bool)
	}
	if len(changed) > 0 {
		// Made before the files are served, so that their requests are
		// counted; waited on only if a page was told to reload.
		snap.head = newHeadStart(s.timeouts.headStartQuiet, s.timeouts.headStartLongest)
	}
	s.current.Store(snap)
	if er.served != nil {
		er.served()
	}
	if told := s.events.send(ev); told > 0 && snap.head != nil {
		s.pausing.Store(snap.head)
		defer s.pausing.Store(nil)
		if !s.saveWaits.Load() { // else a save came before the pause could see it
			snap.head.wait()
		}
	}
}

// unannounced are the paths of changed that the hand-over's reload event
// did not cover already: none, when it reloaded every open page.
func (er *earlyRebuild) unannounced(changed []string) []string {
	if er.all {
		return nil
	}
	return slices.DeleteFunc(changed, func(p string) bool { return er.announced[p] })
}

// Rebuild rebuilds after the files at paths (relative to the site root)
// changed, and tells the open pages. A panic in the build is shown as an
// internal error, like a build error, and the next rebuild starts from a
// fresh builder. Requests are served from the last good build meanwhile;
// but a rebuild of a site of earlyMin pages or more serves the pages
// open first (see handEarly), and a request for a page it has still to
// lay out then waits for it. Tests call it; the watcher calls
// rebuildWatched, through a queue.
func (s *Server) Rebuild(paths []string) { s.rebuild(paths, false) }

// rebuildWatched is Rebuild for the watcher's paths, trusted to name
// every change (see build.Builder.UpdateWatched); the queue then asks
// missed for what they left out. It returns true when the rebuild
// stopped after its hand-over for a save that came meanwhile (see
// saveWaits): the paths are to be rebuilt again with that save's.
func (s *Server) rebuildWatched(paths []string) (again bool) { return s.rebuild(paths, true) }

// saveCame tells a rebuild under way that a save waits for the next.
func (s *Server) saveCame() {
	s.saveWaits.Store(true)
	if h := s.pausing.Load(); h != nil {
		h.cut()
	}
}

// missed returns the files whose changes the watcher missed, and says
// so in the log (see build.Builder.Missed).
func (s *Server) missed() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var paths []string
	if err := s.guard("looking for changes the watcher missed", func() { paths = s.builder.Missed() }); err != nil {
		// A fresh builder reads every file at its first rebuild, so
		// nothing the watcher missed stays unseen.
		s.setBuilder(s.newBuilder())
		return nil
	}
	if len(paths) > 0 {
		fmt.Fprintf(s.opt.Log, "%s %s: the watcher missed it; rebuilding\n", clock(), describeChange(paths))
	}
	return paths
}

func (s *Server) rebuild(paths []string, watched bool) (superseded bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saveWaits.Store(false) // a save from now on is one this rebuild has not read
	start := time.Now()
	what := describeChange(paths)
	// A goroutine cannot be stopped: a render that never ends keeps the
	// saves after it waiting (requests are still served). Say so, rather
	// than leave the author wondering why saves no longer show.
	slow := time.AfterFunc(slowRebuild, func() {
		fmt.Fprintf(s.opt.Log, "%s %s: still rebuilding after %s; later saves wait for it, the last good build is served meanwhile\n", clock(), what, slowRebuild)
	})
	defer slow.Stop()
	var res *build.Result
	var changed []string
	var err error
	prev := s.current.Load()
	er := &earlyRebuild{done: make(chan struct{}), start: start}
	s.early = er
	defer func() {
		if er.snap != nil && s.current.Load() == er.snap {
			s.current.Store(prev) // a rebuild that did not finish serves no half
		}
		s.early = nil
		close(er.done) // after the result, or the last good build, is served again
	}()
	update := s.builder.Update
	if watched {
		update = s.builder.UpdateWatched
	}
	if perr := s.guard("rebuilding after "+what, func() { res, changed, err = update(paths) }); perr != nil {
		res, changed, err = nil, nil, perr
		s.setBuilder(s.newBuilder())
	}
	took := time.Since(start).Round(100 * time.Microsecond)
	if errors.Is(err, build.ErrSuperseded) {
		// The open pages were served; the last good build is served
		// again for the rest (see the deferred call above) until the
		// next rebuild, of this save and the later one, hands over.
		fmt.Fprintf(s.opt.Log, "%s %s: the pages open in %s; the rest left for a later save\n", clock(), what, er.at.Round(100*time.Microsecond))
		return true
	}
	if err != nil {
		if er.snap != nil {
			s.current.Store(prev) // the rebuild failed after handing files over
		}
		s.fail(what, err)
		return false
	}
	pages := 0
	for _, p := range changed {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	first := ""
	if er.snap != nil {
		// The pages served early are the result's: a page loaded from
		// them is of this build, and is not reloaded again.
		s.store(res, er.snap.id)
		changed = er.unannounced(changed)
		first = fmt.Sprintf(" (the pages open in %s)", er.at.Round(100*time.Microsecond))
	} else {
		s.store(res, "")
	}
	cur := s.current.Load()
	fmt.Fprintf(s.opt.Log, "%s %s: %d %s re-rendered in %s%s\n", clock(), what, pages, plural(pages, "page", "pages"), took, first)
	if len(res.Warnings) > 0 {
		s.logProblems(res.Warnings)
	}
	s.events.send(reloadEvent(cur, changed))
	s.scheduleSearch()
	return false
}

// slowRebuild is how long a rebuild runs before the log says it is slow.
const slowRebuild = 10 * time.Second

// missedSettle is how long no save must come before the queue looks for
// changes the watcher missed (see queue): ten times the watcher's wait
// for a burst of events to end, and more than it takes a loaded machine
// to deliver them.
const missedSettle = 100 * time.Millisecond

// fail shows a failed build's errors: in the overlay of every open page,
// over the last good build, which is still served, and in the log.
// Called with s.mu held.
func (s *Server) fail(what string, err error) {
	cur := *s.current.Load()
	cur.problems = problems(s.dir, err)
	s.current.Store(&cur)
	n := len(diag.From(err))
	fmt.Fprintf(s.opt.Log, "%s %s: %d %s, still serving the last good build\n", clock(), what, n, plural(n, "error", "errors"))
	s.logProblems(err)
	s.events.send(event{Name: "errors", Data: map[string]any{"errors": cur.problems, "built": cur.built()}})
}

// searchQuiet is how long the server waits after the last rebuild before
// bringing the search index up to date: the index scores every page, so
// on a large site it takes a while, and an author typing away should not
// wait for it between saves.
const searchQuiet = 1500 * time.Millisecond

// scheduleSearch (re)starts the wait before the search index catches up
// with fast edits, which leave it behind. Called with s.mu held.
func (s *Server) scheduleSearch() {
	if s.stopped.Load() {
		return
	}
	if s.searchTimer != nil {
		s.searchTimer.Stop()
	}
	s.searchTimer = time.AfterFunc(searchQuiet, s.refreshSearch)
}

func (s *Server) refreshSearch() {
	const what = "search index update"
	if s.stopped.Load() {
		return
	}
	var job *build.SearchJob
	s.mu.Lock()
	err := s.guard("preparing the search index", func() { job = s.builder.SearchJob() })
	s.mu.Unlock()
	if job == nil && err == nil {
		return
	}
	// The index update leaves most of the garbage an edit makes (at
	// 10,000 pages about 700 MB, against under 300 MB for a title edit's
	// rebuild): collected now, while edits pause, rather than in the
	// middle of the next save's rebuild. Deferred, it runs once the lock
	// is let go, so a save meanwhile is not held up.
	defer runtime.GC()
	if err == nil {
		// Without the lock: a save meanwhile is served at once.
		err = s.guard("computing the search index", job.Run)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var res *build.Result
	var changed []string
	if err == nil {
		err = s.guard("applying the search index", func() { res, changed = s.builder.ApplySearch(job) })
	}
	if err != nil {
		s.setBuilder(s.newBuilder())
		s.fail(what, err)
		return
	}
	if res == nil || len(changed) == 0 {
		return // the site changed meanwhile; its own refresh is scheduled
	}
	s.store(res, "")
	cur := s.current.Load()
	// Only the search page shows the index; other pages do nothing.
	s.events.send(event{Name: "reload", Data: map[string]any{"id": cur.id, "pages": []string{cur.base + "search/", cur.base + "search/index.html"}}})
}

// reloadEvent says which open pages must reload: those whose HTML
// changed; or, when only stylesheets changed, which stylesheets to swap;
// or all pages, when a script or other file changed. Any reload event also
// clears a page's error overlay, so one is sent even when nothing changed.
func reloadEvent(cur *snapshot, changed []string) event {
	pages, css := []string{}, []string{}
	other := false
	for _, p := range changed {
		switch {
		case strings.HasSuffix(p, ".html"):
			pages = append(pages, cur.base+p)
			if dir, ok := strings.CutSuffix(p, "index.html"); ok {
				pages = append(pages, cur.base+dir)
			}
		case strings.HasSuffix(p, ".css"):
			css = append(css, cur.base+p)
		default:
			other = true
		}
	}
	if !other && len(pages) == 0 && len(css) > 0 {
		return event{Name: "css", Data: map[string]any{"id": cur.id, "css": css}}
	}
	// New HTML together with new CSS, or any other file: reload all.
	all := other || len(css) > 0
	return event{Name: "reload", Data: map[string]any{"id": cur.id, "pages": pages, "all": all}}
}

func describeChange(paths []string) string {
	switch len(paths) {
	case 0:
		return "rebuild"
	case 1:
		return paths[0] + " changed"
	}
	return fmt.Sprintf("%s and %d more changed", paths[0], len(paths)-1)
}

func (s *Server) logProblems(err error) {
	for _, d := range diag.From(err) {
		fmt.Fprintln(s.opt.Log, "  "+d.Error())
	}
}

// Serve serves on ln and watches the site's files until ctx is done,
// then shuts down cleanly; a server from Prepare builds the site first,
// serving as it builds. It answers only requests
// whose Host names ln's address (see hosts), and warns in the log when
// ln listens beyond this machine.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	q := newQueue(s.rebuildWatched, s.missed, missedSettle)
	q.saveCame = s.saveCame
	w, err := newWatcher(s.dir, s.opt.Debounce, q.add, q.recheck, s.opt.Log)
	if err != nil {
		return err
	}
	// The watcher is on before the first build reads a file, so a save
	// meanwhile is rebuilt after it; that rebuild waits for s.mu, taken
	// here so that it cannot come first.
	firstBuilt := make(chan struct{})
	if s.unbuilt == nil {
		close(firstBuilt)
	} else {
		s.mu.Lock()
		go func() {
			defer close(firstBuilt)
			defer s.mu.Unlock()
			s.buildFirst(true)
		}()
	}
	allowed := newHosts(ln.Addr())
	if warning := allowed.exposure(); warning != "" {
		fmt.Fprintln(s.opt.Log, warning)
	}
	srv := s.httpServer(s.recovering(allowed.check(http.HandlerFunc(s.serveHTTP))))
	watchCtx, stopWatching := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { w.run(watchCtx) })
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc: // the listener failed: stop everything else too
	}
	stopWatching()
	s.stopped.Store(true)
	s.events.close() // ends the event streams, which Shutdown would wait for
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	wg.Wait()
	// Let a rebuild under way finish, but not for ever: a runaway one
	// must not keep Ctrl-C from stopping the server.
	for _, building := range []<-chan struct{}{firstBuilt, q.done()} {
		select {
		case <-building:
		case <-shutdown.Done():
		}
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func clock() string { return time.Now().Format("15:04:05") }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sitePath turns an absolute path under dir into the slash path the
// builder knows; ok is false outside dir.
func sitePath(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
