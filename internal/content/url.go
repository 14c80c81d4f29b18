package content

import (
	"path"
	"strings"
)

// pageURL gives a page's path relative to the site root: pretty URLs, so
// content/roles/cto.md is "roles/cto/" and content/roles/_index.md "roles/".
func pageURL(p *Page) string {
	switch p.Kind {
	case Home:
		return ""
	case Section:
		return p.Dir + "/"
	}
	name := p.Name
	if p.Slug != "" {
		name = p.Slug
	}
	return path.Join(p.Dir, name) + "/"
}

// checkSlug says what is wrong with a slug, or "" when it is a single,
// harmless URL segment.
func checkSlug(s string) string {
	switch {
	case strings.TrimSpace(s) == "":
		return "is empty"
	case strings.Contains(s, "://") || hasScheme(s):
		return "must be a path segment, not a URL"
	case strings.ContainsAny(s, `/\`):
		return "must be a single path segment without / (it replaces the file name in the URL)"
	case s == "." || s == "..":
		return "must not be . or .."
	case strings.ContainsAny(s, "?#%\"<> \t"):
		return "must not contain spaces or any of ?#%\"<>"
	case strings.HasPrefix(s, "."):
		return "must not start with a dot: kb treats such names as hidden files"
	}
	if msg, _ := nameProblem(s); msg != "" {
		return msg
	}
	return ""
}

// checkAlias says what is wrong with an alias, or "" when it is a path
// inside the site ("old/path/" or "/old/path/", both relative to base_url).
func checkAlias(a string) string {
	switch {
	case strings.TrimSpace(strings.Trim(a, "/")) == "":
		return "is empty or the site root"
	case strings.Contains(a, `\`) || (len(a) > 1 && a[1] == ':'):
		return "must be a URL path with /, not a file system path"
	case hasScheme(a) || strings.HasPrefix(a, "//"):
		return "must be a path inside the site, not a URL"
	case strings.ContainsAny(a, "?#%\"<> \t"):
		return "must not contain spaces or any of ?#%\"<>"
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == ".." || seg == "." {
			return "must not contain . or .. segments"
		}
	}
	for _, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		if msg, _ := nameProblem(seg); msg != "" {
			return msg
		}
	}
	return ""
}

// AliasPath turns a valid alias into the output path of its redirect page.
func AliasPath(a string) string {
	a = strings.Trim(a, "/")
	if path.Ext(a) == ".html" {
		return a
	}
	return a + "/index.html"
}

func hasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	for _, c := range s[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
