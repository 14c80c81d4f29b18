package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/kbsite/kb/internal/diag"
)

// A symbolic link in a site is followed only when what it leads to is
// inside the site: kb publishes what it reads, and a link contributed to a
// site's repository must not publish the files of the machine that builds
// it. Targets are resolved one link at a time within the site's fs.FS, so
// a link that leaves the site is refused before anything is read through
// it, and a loop of links ends with an error instead of a hang.

// maxLinks is how many links one path may go through, as on Linux.
const maxLinks = 40

// Walk calls fn for root and every file and folder below it, in lexical
// order, like fs.WalkDir. A symbolic link is followed, and handed to fn
// as the file or folder it leads to, when its target stays inside fsys;
// any other link is a problem at its path, and fn never sees it. Names
// for which ignore is true are skipped without a look, links or not. fn
// returns fs.SkipDir to skip a folder; any other error it returns is
// ignored. A root or folder that cannot be read is a problem at its path.
func Walk(fsys fs.FS, root string, ignore func(name string) bool, fn func(p string, d fs.DirEntry) error) diag.List {
	w := &walker{fsys: fsys, ignore: ignore, fn: fn, reported: map[string]bool{}}
	_, w.canReadLinks = fsys.(fs.ReadLinkFS)
	// The folders above root are taken as they are: they are the site's
	// own layout (content/, themes/NAME/), and a file system that adds a
	// built-in theme may have no themes/ folder of its own to look at.
	real, info := root, fs.FileInfo(nil)
	var problem string
	if li, err := fs.Lstat(fsys, root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		real, info, problem = w.follow(parentDir(root), path.Base(root))
	} else if info, err = fs.Stat(fsys, root); err != nil {
		problem = fmt.Sprintf("cannot read it: %v", unwrapPath(err))
	}
	if problem != "" {
		w.report(root, problem)
		return w.errs
	}
	d := fs.FileInfoToDirEntry(info)
	if real != root {
		d = followed{d}
	}
	w.walk(root, real, d, nil)
	return w.errs
}

type walker struct {
	fsys         fs.FS
	ignore       func(string) bool
	fn           func(string, fs.DirEntry) error
	canReadLinks bool
	errs         diag.List
	reported     map[string]bool // real paths of the links reported
}

// walk visits p, whose real path (no link in it) is real; stack holds the
// real paths of the folders being walked, to find a link that leads back
// into one of them.
func (w *walker) walk(p, real string, d fs.DirEntry, stack []string) {
	if err := w.fn(p, d); err != nil || !d.IsDir() {
		return
	}
	entries, err := fs.ReadDir(w.fsys, p)
	if err != nil {
		w.errs.Add(diag.Errorf(p, 0, 0, "cannot read the folder: %v", unwrapPath(err)))
		return
	}
	stack = append(stack, real)
	for _, e := range entries {
		if w.ignore(e.Name()) {
			continue
		}
		cp, creal := p+"/"+e.Name(), real+"/"+e.Name()
		if e.Type()&fs.ModeSymlink != 0 {
			target, info, problem := w.follow(real, e.Name())
			if !w.canReadLinks {
				problem = unreadableLink
			} else if problem == "" && info.IsDir() && contains(stack, target) {
				problem = fmt.Sprintf("symbolic link to %s, a folder that holds the link itself, so the folder would go on forever; kb stops here", cmpOr(target, "the site's root folder"))
			}
			if problem != "" {
				w.report(creal, problem)
				continue
			}
			e, creal = followed{fs.FileInfoToDirEntry(named{info, e.Name()})}, target
		}
		w.walk(cp, creal, e, stack)
	}
}

// report adds problem at the link's real path, once however many paths
// lead to that link.
func (w *walker) report(real, problem string) {
	if !w.reported[real] {
		w.reported[real] = true
		w.errs.Add(diag.Errorf(real, 0, 0, "%s", problem))
	}
}

// follow resolves the link name in the real folder dir to its real path
// inside the site and the file or folder there, or says why it cannot.
func (w *walker) follow(dir, name string) (real string, info fs.FileInfo, problem string) {
	real, err := w.resolve(dir, name)
	if err != nil {
		return "", nil, w.explain(path.Join(dir, name), err)
	}
	info, err = fs.Stat(w.fsys, cmpOr(real, "."))
	if err != nil {
		return "", nil, fmt.Sprintf("cannot read it: %v", unwrapPath(err))
	}
	return real, info, ""
}

// linkError is why a path's links cannot be followed.
type linkError struct {
	kind   string // "outside", "absolute", "missing", "loop" or "unreadable"
	target string // the link target that caused it
}

func (e *linkError) Error() string { return e.kind + " " + e.target }

// resolve turns name, in the real folder dir (a path with no link in
// it), into the path it names with no link in it, following each link on
// the way, and fails when a link leaves the site.
func (w *walker) resolve(dir, name string) (string, error) {
	todo := []string{name}
	cur := dir // resolved so far: a real path, "" being the site's root
	from := "" // the target of the last link followed
	links := 0
	for len(todo) > 0 {
		part := todo[0]
		todo = todo[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if cur == "" {
				// Climbing out and back in ("../site/x.md") is refused
				// too: the site's folder name is no part of the site.
				return "", &linkError{kind: "outside", target: from}
			}
			cur = parentDir(cur)
			continue
		}
		next := path.Join(cur, part)
		info, err := fs.Lstat(w.fsys, next)
		if err != nil {
			return "", &linkError{kind: "missing", target: next}
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		if links++; links > maxLinks {
			return "", &linkError{kind: "loop"}
		}
		target, err := fs.ReadLink(w.fsys, next)
		if err != nil {
			return "", &linkError{kind: "unreadable"}
		}
		target = strings.ReplaceAll(target, `\`, "/") // a link made on Windows
		if strings.HasPrefix(target, "/") || isDrive(target) {
			return "", &linkError{kind: "absolute", target: target}
		}
		from = target
		todo = append(strings.Split(target, "/"), todo...)
	}
	return cur, nil
}

// isDrive reports a Windows path from a drive's root ("C:/x").
func isDrive(p string) bool {
	return len(p) >= 2 && p[1] == ':' && (p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z') && (len(p) == 2 || p[2] == '/')
}

// explain words a link problem at p for the author.
func (w *walker) explain(p string, err error) string {
	var le *linkError
	if !errors.As(err, &le) {
		return err.Error()
	}
	raw, _ := fs.ReadLink(w.fsys, p)
	switch le.kind {
	case "outside":
		what := "a file"
		if info, err := fs.Stat(w.fsys, p); err == nil && info.IsDir() {
			what = "a folder"
		}
		return fmt.Sprintf("symbolic link to %s outside the site (%s); kb follows links only inside the site, so copy it into the site instead", what, cmpOr(le.target, raw))
	case "absolute":
		return fmt.Sprintf("symbolic link to an absolute path (%s); kb follows only relative links that stay inside the site, so make the link relative", le.target)
	case "missing":
		return fmt.Sprintf("symbolic link to %s, which does not exist", cmpOr(raw, le.target))
	case "loop":
		return fmt.Sprintf("symbolic link that leads through more than %d links, which is a loop; make it lead to a file or folder", maxLinks)
	}
	return unreadableLink
}

// unreadableLink is the problem of a link in a file system that does not
// say where its links lead, which kb therefore cannot check.
const unreadableLink = "symbolic link, and kb cannot read where it leads here; replace it by the file or folder itself"

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// contains reports whether dir is one of the folders in stack or holds
// one of them.
func contains(stack []string, dir string) bool {
	for _, s := range stack {
		if s == dir || strings.HasPrefix(s, dir+"/") || dir == "" {
			return true
		}
	}
	return false
}

// followed is the file or folder a link leads to, as fn sees it: a
// caller can tell it from one met without a link.
type followed struct{ fs.DirEntry }

// named is a link's target as the file fn sees: the target's kind and
// size, the link's name.
type named struct {
	fs.FileInfo
	name string
}

func (n named) Name() string { return n.name }
