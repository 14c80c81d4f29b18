package content

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
)

// withChanges is the listing after the files named came or went, made
// from l without walking content/ again: a walk of 10,000 pages took 20
// to 30 ms of a preview rebuild after a page was added, deleted or
// renamed. ok is false unless the result is sure to be what a walk
// would find, and the caller then walks. It must be that l's walk
// followed no symbolic link; that every path named is a file that
// stayed, a file l has that is gone, a regular file new in a folder l
// walked, with a name that is fine, or a name l never saw that is not
// there now (an editor's temporary file, come and gone); and, when a
// file came or went, that l's walk found no problem with a name.
func (l *listing) withChanges(site fs.FS, named map[string]bool) (*listing, bool) {
	if l.linked {
		return nil, false
	}
	var gone, came []string
	for p := range named {
		if p != Dir && !strings.HasPrefix(p, Dir+"/") {
			continue
		}
		info, err := fs.Lstat(site, p)
		exists := err == nil
		if !exists && !errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
		listed := l.has(p)
		switch {
		case listed && exists && info.Mode().IsRegular():
			// it stayed
		case listed && !exists:
			gone = append(gone, p)
		case listed:
			return nil, false // now a folder or a link
		case l.names.saw(p):
			return nil, false // a folder, or a file left out
		case !exists || hiddenPath(p):
			// never seen, and a walk would not see it now either
		case info.Mode().IsRegular() && l.names.saw(path.Dir(p)):
			came = append(came, p)
		default:
			return nil, false // a new folder, or a file in one
		}
	}
	if len(gone) == 0 && len(came) == 0 {
		return l, true
	}
	if len(l.errs) > 0 || len(l.names.clashes) > 0 {
		return nil, false // a file that comes or goes may end a clash
	}
	names := l.names.clone()
	next := &listing{names: names, files: slices.Clone(l.files), assets: slices.Clone(l.assets)}
	for _, p := range gone {
		names.forget(p)
		next.files = slices.DeleteFunc(next.files, func(f string) bool { return f == p })
		next.assets = slices.DeleteFunc(next.assets, func(f string) bool { return f == p })
	}
	for _, p := range came {
		if !names.check(p, false) || len(names.errs) > 0 || len(names.clashes) > 0 {
			return nil, false
		}
		if strings.HasSuffix(p, ".md") {
			next.files = insertInWalkOrder(next.files, p)
		} else {
			next.assets = insertInWalkOrder(next.assets, p)
		}
	}
	return next, true
}

// hiddenPath says whether a walk of content/ skips p: it, or a folder
// it is in, has a hidden name.
func hiddenPath(p string) bool {
	return slices.ContainsFunc(strings.Split(p, "/"), hidden)
}

// insertInWalkOrder inserts p into paths, which are in the order a walk
// visits them: each folder's names in byte order, a folder's contents
// right after it.
func insertInWalkOrder(paths []string, p string) []string {
	i, _ := slices.BinarySearchFunc(paths, p, walkOrder)
	return slices.Insert(paths, i, p)
}

// walkOrder compares two paths in the order a walk visits them: by
// their names, folder by folder, a folder before what it holds.
func walkOrder(a, b string) int {
	for {
		an, arest, amore := strings.Cut(a, "/")
		bn, brest, bmore := strings.Cut(b, "/")
		if c := strings.Compare(an, bn); c != 0 {
			return c
		}
		switch {
		case amore && bmore:
			a, b = arest, brest
		case amore:
			return 1
		case bmore:
			return -1
		default:
			return 0
		}
	}
}

// saw says whether the walk that made n checked the name of p, a file
// or a folder, as it is written.
func (n *nameCheck) saw(p string) bool {
	if p == Dir {
		return true
	}
	dir, name := path.Split(p)
	return n.folded[strings.TrimSuffix(dir, "/")+"/"+FoldKey(name)] == name
}

// clone is a copy of n to check more names with.
func (n *nameCheck) clone() *nameCheck {
	return &nameCheck{errs: slices.Clone(n.errs), folded: maps.Clone(n.folded), clashes: maps.Clone(n.clashes), urlOnly: maps.Clone(n.urlOnly)}
}

// forget takes back the check of the file p's name, which is gone.
func (n *nameCheck) forget(p string) {
	dir, name := path.Split(p)
	delete(n.folded, strings.TrimSuffix(dir, "/")+"/"+FoldKey(name))
	delete(n.urlOnly, p)
}
