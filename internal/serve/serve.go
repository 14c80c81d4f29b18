// Package serve is the preview server: it builds the site in memory,
// serves it over HTTP under the path of base_url (so what works in preview
// works on GitHub Pages), watches the site's files, rebuilds on every save
// (incrementally where the build can), and tells open pages over
// Server-Sent Events to reload, to swap a stylesheet, or to show the
// build's errors in an overlay. Nothing is written to disk, and the live
// reload script exists only in served pages, never in kb build output.
//
// The server keeps serving the last good build while the site has errors,
// answers only GET and HEAD, and never serves anything but the built files.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kb/internal/build"
	"kb/internal/config"
	"kb/internal/diag"
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
	dir     string
	opt     Options
	builder *build.Builder
	current atomic.Pointer[snapshot]
	events  *broker
	mu      sync.Mutex // serialises rebuilds
	builds  atomic.Int64
	// searchTimer brings the search index up to date once edits pause.
	searchTimer *time.Timer
}

// snapshot is what the server shows: the files of the last good build,
// and the problems of the last build if it failed.
type snapshot struct {
	files    map[string][]byte
	base     string // the base path, "/" or "/repo/"
	problems []Problem
	id       string // changes with every good build, for reconnecting pages
}

// New prepares a preview of the site in dir and builds it once. A site
// with errors still gives a server: it shows the errors until they are
// fixed.
func New(dir string, opt Options) *Server {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Debounce == 0 {
		opt.Debounce = 10 * time.Millisecond
	}
	s := &Server{dir: dir, opt: opt, events: newBroker()}
	s.builder = build.NewBuilder(os.DirFS(dir), build.Options{Drafts: opt.Drafts})
	start := time.Now()
	res, err := s.builder.Build()
	if err != nil {
		// Serve the errors under the site's path all the same, when the
		// config at least can be read, so the page that shows them is the
		// one that reloads into the site once they are fixed.
		base := "/"
		if cfg, cerr := config.Load(os.DirFS(dir)); cerr == nil {
			base = cfg.BasePath()
		}
		s.current.Store(&snapshot{files: map[string][]byte{}, base: base, problems: problems(dir, err), id: "0"})
		s.logProblems(err)
		return s
	}
	s.store(res)
	fmt.Fprintf(opt.Log, "built %d pages in %s\n", res.Pages, time.Since(start).Round(time.Millisecond))
	return s
}

// BasePath is the path the site is served under.
func (s *Server) BasePath() string { return s.current.Load().base }

func (s *Server) store(res *build.Result) {
	n := s.builds.Add(1)
	s.current.Store(&snapshot{
		files: res.Files,
		base:  res.Site.Config.BasePath(),
		id:    fmt.Sprintf("%d-%d", time.Now().UnixNano(), n),
	})
}

// Rebuild rebuilds after the files at paths (relative to the site root)
// changed, and tells the open pages. It is what the watcher calls; tests
// call it directly.
func (s *Server) Rebuild(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	res, changed, err := s.builder.Update(paths)
	took := time.Since(start).Round(100 * time.Microsecond)
	what := describeChange(paths)
	if err != nil {
		cur := *s.current.Load()
		cur.problems = problems(s.dir, err)
		s.current.Store(&cur)
		n := len(diag.From(err))
		fmt.Fprintf(s.opt.Log, "%s %s: %d %s, still serving the last good build\n", clock(), what, n, plural(n, "error", "errors"))
		s.logProblems(err)
		s.events.send(event{Name: "errors", Data: map[string]any{"errors": cur.problems}})
		return
	}
	s.store(res)
	cur := s.current.Load()
	pages := 0
	for _, p := range changed {
		if strings.HasSuffix(p, ".html") {
			pages++
		}
	}
	fmt.Fprintf(s.opt.Log, "%s %s: %d %s re-rendered in %s\n", clock(), what, pages, plural(pages, "page", "pages"), took)
	if len(res.Warnings) > 0 {
		s.logProblems(res.Warnings)
	}
	s.events.send(reloadEvent(cur, changed))
	s.scheduleSearch()
}

// searchQuiet is how long the server waits after the last rebuild before
// bringing the search index up to date: the index scores every page, so
// on a large site it takes a while, and an author typing away should not
// wait for it between saves.
const searchQuiet = 1500 * time.Millisecond

// scheduleSearch (re)starts the wait before the search index catches up
// with fast edits, which leave it behind. Called with s.mu held.
func (s *Server) scheduleSearch() {
	if s.searchTimer != nil {
		s.searchTimer.Stop()
	}
	s.searchTimer = time.AfterFunc(searchQuiet, s.refreshSearch)
}

func (s *Server) refreshSearch() {
	s.mu.Lock()
	job := s.builder.SearchJob()
	s.mu.Unlock()
	if job == nil {
		return
	}
	job.Run() // without the lock: a save meanwhile is served at once
	s.mu.Lock()
	defer s.mu.Unlock()
	res, changed := s.builder.ApplySearch(job)
	if res == nil || len(changed) == 0 {
		return // the site changed meanwhile; its own refresh is scheduled
	}
	s.store(res)
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

// Serve builds nothing more: it serves on ln and watches the site's files
// until ctx is done, then shuts down cleanly.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	w, err := newWatcher(s.dir, s.opt.Debounce, s.Rebuild, s.opt.Log)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 5 * time.Second}
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
	s.mu.Lock()
	if s.searchTimer != nil {
		s.searchTimer.Stop()
	}
	s.mu.Unlock()
	s.events.close() // ends the event streams, which Shutdown would wait for
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	wg.Wait()
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

// relPath turns an absolute path under dir into the slash path the
// builder knows; ok is false outside dir.
func relPath(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
