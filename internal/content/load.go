// Package content reads a site's content/ folder: every Markdown file
// becomes a Page with typed front matter and a URL. content/_index.md is the
// home page, content/SECTION/_index.md a section (a folder without one gets
// a generated section page), content/SECTION/NAME.md an article at
// /SECTION/NAME/. Other files under content/ are assets, copied as they are.
// Files are parsed in parallel; all problems of all files are returned.
//
// A name under content/ becomes part of a URL and of every checkout of the
// site, so a name that would break either (a "#", a character or device
// name Windows refuses, two names one on macOS or Windows, bytes that are
// not UTF-8) is an error at its file or folder. Symbolic links are
// followed only when they lead inside the site (see Walk).
package content

import (
	"cmp"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/parallel"
)

// Dir is the content folder's name at the site root.
const Dir = "content"

// Content is everything read from content/.
type Content struct {
	// Pages are the home page, the sections and the articles, ordered by
	// URL. Drafts are left out unless asked for.
	Pages []*Page
	// Drafts are the draft pages left out, so links to them can be told
	// apart from links to nothing.
	Drafts []*Page
	// Bodies are the Markdown bodies of the pages read from files (see
	// Parse): rendering's input, which nothing else reads.
	Bodies map[*Page][]byte
	// Assets are the other files, as paths relative to the site root.
	Assets []string
	// LastCommits are the options' dates of the files read: when each
	// last changed in git.
	LastCommits map[string]time.Time
	// Clashed are the pages left out because their path and another's
	// are one on some system (they differ only in case, say): the clash
	// is reported once, and links to them still resolve, so that it is
	// the only message.
	Clashed []*Page
}

// Options says how to read content.
type Options struct {
	Taxonomies []string // the site's taxonomy names: front matter keys
	Drafts     bool     // keep draft pages
	// Cache, when set, saves parsing files whose bytes did not change.
	// It must be dropped when Taxonomies change.
	Cache *Cache
	// Changed, with a Cache, names the files known to have changed,
	// come or gone since the Cache read the site (a preview server's
	// watcher named them); nil when that is not known. A file it does
	// not name that still has the size and time it had then is not read
	// again: at 10,000 pages that is ten thousand reads a rebuild fewer,
	// and a file whose change the watcher missed still shows by its time.
	Changed map[string]bool
	// Watched says that Changed names every change under content/ (a
	// watcher's complete list). A file it does not name is then taken as
	// the Cache last read it, without a look at the disk, and content/
	// is walked again only when a named file came or went. The stat of
	// every file and the walk were a third of a title edit's rebuild at
	// 10,000 pages. Cache.Missed finds what a watcher missed.
	Watched bool
	// LastCommits are when each file last changed in git, by path from
	// the site root (see history.LastCommits); nil without git.
	LastCommits map[string]time.Time
}

// Load reads site's content/ folder. Symbolic links are followed only
// inside the site (see Walk), and every file and folder name is checked
// for what would break a URL or another system's checkout of the site.
func Load(site fs.FS, opt Options) (*Content, diag.List) {
	if _, err := fs.Stat(site, Dir); err != nil {
		return nil, diag.List{diag.Errorf(Dir, 0, 0, "cannot read the content folder: %v (is the site root right? it must hold content/)", unwrapPath(err))}
	}
	l := opt.Cache.listed(site, opt)
	names := l.names
	// Cloned: a kept listing is shared with later loads.
	errs := slices.Clone(l.errs)
	pages, bodies, problems := parseAll(site, l.files, opt, !l.linked)
	c := &Content{Assets: slices.Clone(l.assets), Bodies: make(map[*Page][]byte, len(pages)), LastCommits: opt.LastCommits}
	for i, p := range pages {
		errs.Add(problems[i]...)
		if p == nil {
			continue // unreadable
		}
		errs.Add(names.checkPage(p)...)
		switch {
		case names.clashed(p.File):
			c.Clashed = append(c.Clashed, p)
		case p.Draft && !opt.Drafts:
			c.Drafts = append(c.Drafts, p)
		default:
			c.Pages = append(c.Pages, p)
			if len(bodies[i]) > 0 {
				c.Bodies[p] = bodies[i]
			}
		}
	}
	c.Pages = append(c.Pages, missingSections(c.Pages)...)
	slices.SortFunc(c.Pages, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
	return c, errs
}

// parseAll reads and parses files on all cores, through the cache when
// there is one; results are by index of files. trust says that a
// complete list of changes (opt.Watched) can be trusted for these files:
// not for files behind a symbolic link, which a watcher does not see.
func parseAll(site fs.FS, files []string, opt Options, trust bool) ([]*Page, [][]byte, []diag.List) {
	pages := make([]*Page, len(files))
	bodies := make([][]byte, len(files))
	problems := make([]diag.List, len(files))
	trust = trust && opt.Watched
	// The files not named as changed are taken as last parsed when a
	// trusted list of changes says so, here, or when their size and time
	// do; the others are read and parsed on all cores. Each file's look
	// into the cache under a lock of its own, on both cores at once, took
	// 4 to 7 ms of a preview rebuild at 10,000 pages before the open page
	// was handed over; this way 1.4 to 2.6 ms (stage timings of title
	// edits).
	todo := make([]int, 0, len(files))
	var last []*cached
	if opt.Changed != nil {
		last = opt.Cache.lookAll(files, func(f string) bool { return !opt.Changed[f] })
	}
	for i := range files {
		if last != nil && last[i] != nil && trust {
			pages[i], bodies[i], problems[i] = last[i].page, last[i].body, last[i].errs
			continue
		}
		todo = append(todo, i)
	}
	parallel.For(len(todo), func(k int) {
		i := todo[k]
		if last != nil {
			var ok bool
			if pages[i], bodies[i], problems[i], ok = fresh(site, files[i], last[i]); ok {
				return
			}
		}
		src, info, err := readFile(site, files[i], opt.Cache != nil)
		if err != nil {
			problems[i] = diag.List{diag.Errorf(files[i], 0, 0, "%v", unwrapPath(err))}
			return
		}
		pages[i], bodies[i], problems[i] = opt.Cache.parse(files[i], src, info, opt.Taxonomies)
	})
	return pages, bodies, problems
}

// readFile reads file, and, when stat is set, gives its size and time
// as they were before the read: a change made while it is read then
// shows as a newer time next time, never as an old one that matches.
func readFile(site fs.FS, file string, stat bool) ([]byte, fs.FileInfo, error) {
	if !stat {
		src, err := fs.ReadFile(site, file)
		return src, nil, err
	}
	f, err := site.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	// As fs.ReadFile reads: sized by the stat, one byte more to see the
	// end, growing only if the file did.
	src := make([]byte, 0, info.Size()+1)
	for {
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)]
		}
		n, err := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if err == io.EOF {
			return src, info, nil
		}
		if err != nil {
			return nil, nil, err
		}
	}
}

// missingSections are generated pages for the folders that hold pages but
// no _index.md, and every folder above them: each is a section.
func missingSections(pages []*Page) []*Page {
	sections := map[string]bool{}
	for _, p := range pages {
		if p.Kind != Article {
			sections[p.Dir] = true
		}
	}
	var out []*Page
	for _, p := range pages {
		for d := p.Section(); ; d = parentDir(d) {
			if !sections[d] {
				sections[d] = true
				out = append(out, generatedSection(d))
			}
			if d == "" {
				break
			}
		}
	}
	if !sections[""] {
		out = append(out, generatedSection(""))
	}
	return out
}

// hidden names are editors' and systems' scratch files, and folders kb
// does not read.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")
}

// generatedSection stands in for a folder with no _index.md: titled after
// the folder, with no body.
func generatedSection(dir string) *Page {
	p := &Page{Kind: Section, Dir: dir, Name: "_index", Terms: map[string][]string{}}
	if dir == "" {
		p.Kind = Home
		p.Title = "Home"
	} else {
		p.Title = titleFromName(path.Base(dir))
	}
	p.URL = pageURL(p)
	p.Keyed()
	return p
}

// titleFromName turns "company-stages" into "Company stages".
func titleFromName(name string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// unwrapPath drops the fs.PathError wrapper's repetition of the path, since
// the message names the file already.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
