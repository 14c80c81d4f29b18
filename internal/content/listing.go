package content

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/parallel"
)

// listing is what a walk of content/ found: the Markdown files and the
// other files (assets), in the walk's order, the problems with their
// names, and the check that found them, which the parsed pages are
// checked against too.
type listing struct {
	files, assets []string
	errs          diag.List
	names         *nameCheck
	// linked says the walk followed a symbolic link: a watcher of the
	// site's folders does not see what changes behind one.
	linked bool
}

// list walks content/: the Markdown files and the other files (assets),
// leaving out names that the name check refuses.
func list(site fs.FS) *listing {
	l := &listing{names: newNameCheck()}
	l.errs = Walk(site, Dir, hidden, func(p string, d fs.DirEntry) error {
		if _, ok := d.(followed); ok {
			l.linked = true
		}
		if p == Dir {
			return nil
		}
		if !l.names.check(p, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case strings.HasSuffix(p, ".md"):
			l.files = append(l.files, p)
		case d.Type().IsRegular():
			if !l.names.clashed(p) {
				l.assets = append(l.assets, p)
			}
		}
		return nil
	})
	l.errs.Add(l.names.errs...)
	return l
}

// sameAs reports whether two walks found the same files and the same
// problems with their names.
func (l *listing) sameAs(o *listing) bool {
	return slices.Equal(l.files, o.files) && slices.Equal(l.assets, o.assets) && slices.Equal(l.errs, o.errs)
}

// has reports whether the walk found file, a page or an asset.
func (l *listing) has(file string) bool {
	return slices.Contains(l.files, file) || slices.Contains(l.assets, file)
}

// listed returns the listing of site's content/: when opt says that a
// watcher saw every change, the last one the cache kept with the files
// named that came or went (see withChanges), or else a new walk's. The
// cache then keeps it.
func (c *Cache) listed(site fs.FS, opt Options) *listing {
	if c == nil {
		return list(site)
	}
	c.mu.Lock()
	last := c.listing
	c.mu.Unlock()
	var l *listing
	ok := false
	if opt.Watched && last != nil {
		l, ok = last.withChanges(site, opt.Changed)
	}
	if !ok {
		l = list(site)
	}
	c.mu.Lock()
	c.listing = l
	c.mu.Unlock()
	return l
}

// Missed returns the paths under content/ that changed, came or went
// since the Cache last read the site, as a watcher that saw them would
// have named them; nil when none did. After a load that trusted a
// watcher (see Options.Watched) this finds what the watcher missed: a
// rebuild for the paths then mends the output. A new walk that differs
// from the kept one only in its problems gives content/ itself, which
// makes the next load walk again.
func (c *Cache) Missed(site fs.FS) []string {
	c.mu.Lock()
	last := c.listing
	c.mu.Unlock()
	if last == nil {
		return nil
	}
	now := list(site)
	var missed []string
	if !now.sameAs(last) {
		missed = cameOrWent(last, now)
		if len(missed) == 0 {
			missed = []string{Dir}
		}
		c.mu.Lock()
		if c.listing == last {
			c.listing = nil
		}
		c.mu.Unlock()
	}
	moved := make([]bool, len(now.files))
	parallel.For(len(now.files), func(i int) { moved[i] = c.moved(site, now.files[i]) })
	for i, f := range now.files {
		if moved[i] && !slices.Contains(missed, f) {
			missed = append(missed, f)
		}
	}
	slices.Sort(missed)
	return missed
}

// cameOrWent are the files one of two listings has and the other not.
func cameOrWent(a, b *listing) []string {
	in := func(l *listing) map[string]bool {
		m := make(map[string]bool, len(l.files)+len(l.assets))
		for _, f := range l.files {
			m[f] = true
		}
		for _, f := range l.assets {
			m[f] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for f := range ma {
		if !mb[f] {
			out = append(out, f)
		}
	}
	for f := range mb {
		if !ma[f] {
			out = append(out, f)
		}
	}
	return out
}

// moved reports whether file is no longer what the cache last read: its
// size or time moved, or, for a file read without them (see Put), its
// bytes differ. Such a file whose bytes are the same has its size and
// time kept, to be compared by them next time. A file the cache does not
// hold is read by the next load anyway.
func (c *Cache) moved(site fs.FS, file string) bool {
	c.mu.Lock()
	e, ok := c.entries[file]
	c.mu.Unlock()
	if !ok {
		return false
	}
	if !e.mtime.IsZero() {
		info, err := fs.Stat(site, file)
		return err != nil || info.Size() != e.size || !info.ModTime().Equal(e.mtime)
	}
	src, info, err := readFile(site, file, true)
	if err != nil || !bytes.Equal(src, e.src) {
		return true
	}
	c.mu.Lock()
	if cur, ok := c.entries[file]; ok && cur.page == e.page {
		upd := *cur
		upd.size, upd.mtime = info.Size(), info.ModTime()
		c.entries[file] = &upd
	}
	c.mu.Unlock()
	return false
}
