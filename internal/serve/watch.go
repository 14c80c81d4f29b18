package serve

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/kbsite/kb/internal/build"
)

// watcher turns file system events into rebuilds: it watches the site's
// folders recursively (adding folders created later), ignores editors'
// scratch files, and gathers a burst of events into one call of rebuild
// with every path that changed. rebuild should return at once (Serve
// passes a queue): events that arrive meanwhile wait in the kernel's
// short queue, which drops them when full.
type watcher struct {
	dir      string
	fs       *fsnotify.Watcher
	debounce time.Duration
	rebuild  func([]string)
	// lost is called when the watcher may have lost events (the
	// kernel's queue of them overflowed): any file may have changed.
	lost func()
	log  io.Writer
}

func newWatcher(dir string, debounce time.Duration, rebuild func([]string), lost func(), log io.Writer) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching files: %v", err)
	}
	w := &watcher{dir: dir, fs: fw, debounce: debounce, rebuild: rebuild, lost: lost, log: log}
	if err := fw.Add(dir); err != nil { // for config.toml and new top folders
		fw.Close()
		return nil, fmt.Errorf("watching %s: %v", dir, err)
	}
	for _, sub := range build.InputFolders {
		w.addTree(filepath.Join(dir, sub))
	}
	return w, nil
}

// addTree watches a folder and every folder under it, and returns the
// files found there (a folder that appears with files already in it).
func (w *watcher) addTree(root string) []string {
	var files []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != root && ignored(d.Name()) {
				return filepath.SkipDir
			}
			if err := w.fs.Add(p); err != nil {
				fmt.Fprintf(w.log, "cannot watch %s: %v\n", p, err)
			}
			return nil
		}
		if !ignored(d.Name()) {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// run handles events until ctx is done.
func (w *watcher) run(ctx context.Context) {
	defer w.fs.Close()
	pending := map[string]bool{}
	var timer <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(w.log, "watching files: %v\n", err)
			w.lost()
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			for _, p := range w.handle(ev) {
				pending[p] = true
			}
			if len(pending) > 0 {
				if first.IsZero() {
					first = time.Now()
				}
				// Wait for the burst to end, but not forever: a stream of
				// writes still shows up within a few debounce periods.
				wait := w.debounce
				if time.Since(first) > 10*w.debounce {
					wait = 0
				}
				timer = time.After(wait)
			}
		case <-timer:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			clear(pending)
			timer, first = nil, time.Time{}
			w.rebuild(paths)
		}
	}
}

// handle returns the site paths an event changes.
func (w *watcher) handle(ev fsnotify.Event) []string {
	name := filepath.Base(ev.Name)
	if ignored(name) {
		return nil
	}
	rel, ok := sitePath(w.dir, ev.Name)
	if !ok || !relevant(rel) {
		return nil
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			// A new folder: watch it, and count what is already in it.
			var out []string
			for _, f := range w.addTree(ev.Name) {
				if r, ok := sitePath(w.dir, f); ok {
					out = append(out, r)
				}
			}
			return append(out, rel)
		}
	}
	if ev.Op == fsnotify.Chmod {
		return nil
	}
	return []string{rel}
}

// relevant says whether a path (relative to the site root) is one a build
// reads.
func relevant(rel string) bool {
	if rel == "config.toml" {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	return slices.Contains(build.InputFolders, top)
}

// ignored recognises the scratch files editors and systems leave beside
// the files they save, and hidden files and folders.
func ignored(name string) bool {
	switch {
	case name == "4913", // vim's test of whether a folder is writable
		strings.HasPrefix(name, "."), // .#emacs locks, .swp, .DS_Store
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	return false
}
