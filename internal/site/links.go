package site

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"kb/internal/diag"
)

// ResolveLink turns a link destination written in page from into the
// site-relative URL of what it names (with any #fragment kept), so the same
// Markdown reads right on GitHub and on the site. Paths to .md files are
// resolved to pages: relative to the page's file ("cto.md",
// "../roles/cto.md", "../roles/_index.md") or to content/ ("/roles/cto.md").
// Anything else inside the site is left for the caller to check as a file.
// ok is false when the destination is not a Markdown path at all.
func (s *Site) ResolveLink(from *Page, dest string) (u string, ok bool, err error) {
	raw, frag, _ := strings.Cut(dest, "#")
	p, err := url.PathUnescape(raw)
	if err != nil {
		return "", true, fmt.Errorf("link %q is not a valid URL path: %v", dest, err)
	}
	if !strings.HasSuffix(p, ".md") {
		return "", false, nil
	}
	var target string
	if strings.HasPrefix(p, "/") {
		target = path.Clean(p)
	} else {
		// An article and a section's _index.md both live in from.Dir.
		target = path.Join("/", from.Dir, p)
	}
	target = strings.TrimPrefix(strings.TrimSuffix(target, ".md"), "/")
	page := s.byFile[target]
	if page == nil {
		return "", true, fmt.Errorf("broken link %q: no such page%s", dest, s.suggestFile(target, from))
	}
	u = page.URL
	if frag != "" {
		u += "#" + frag
	}
	return u, true, nil
}

// suggestFile proposes the nearest existing page path, written relative to
// the linking page as the author would write it.
func (s *Site) suggestFile(target string, from *Page) string {
	names := slices.Sorted(maps.Keys(s.byFile))
	// The usual mistake is the right file name in the wrong folder.
	best := ""
	for _, n := range names {
		if path.Base(n) == path.Base(target) {
			best = n
			break
		}
	}
	if best == "" {
		best = diag.Suggest(target, names)
	}
	if best == "" {
		return ""
	}
	rel := relPath(from.Dir, best+".md")
	return fmt.Sprintf(" (did you mean %q?)", rel)
}

// relPath writes target (relative to content/) relative to the folder dir.
func relPath(dir, target string) string {
	if dir == "" {
		return target
	}
	if path.Dir(target) == dir {
		return path.Base(target)
	}
	up := strings.Repeat("../", strings.Count(dir, "/")+1)
	return up + target
}
