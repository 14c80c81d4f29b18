package theme

import (
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/kbsite/kb/internal/diag"
)

// Partials are the templates kb runs by name besides the layouts (see
// the package doc), each with what it is for: every theme must define
// them.
var Partials = map[string]string{
	"page-item":     "one page as an entry of a list",
	"page-list":     "a list of pages, given as entries; citations blocks and layouts show it",
	"compare-table": "a comparison table; compare blocks, pair pages and section matrices show it",
}

// checkLayout reports what would fail every page of a layout, so that it
// is one message at load rather than one per page: a layout that defines
// no "main" block for base.html to call, and a call of a template that no
// file defines.
func checkLayout(t *template.Template, file string) diag.List {
	var errs diag.List
	if t.Lookup("main") == nil {
		errs.Add(diag.Errorf(file, 1, 1, `layout defines no "main" block, which base.html calls: wrap its markup in {{define "main"}}...{{end}}`))
	}
	for _, tmpl := range t.Templates() {
		if tmpl.Tree == nil || tmpl.Tree.Root == nil {
			continue
		}
		walk(tmpl.Tree.Root, func(n *parse.TemplateNode) {
			// A missing main is reported above, a missing partial by checkPartials.
			if _, partial := Partials[n.Name]; t.Lookup(n.Name) == nil && n.Name != "main" && !partial {
				file, line, col := nodePlace(tmpl.Tree, n)
				errs.Add(diag.Errorf(file, line, col, "template: no template %q is defined in the layouts or partials%s", n.Name, diag.DidYouMean(n.Name, definedNames(t))))
			}
		})
	}
	return errs
}

// checkPartials reports the partials kb runs that the theme lacks: at
// the site's partial that replaced the theme's file defining it, when
// that is how it went missing, else at the theme's partials folder.
func checkPartials(t *template.Template, site fs.FS, theme string) diag.List {
	var errs diag.List
	for _, name := range slices.Sorted(maps.Keys(Partials)) {
		if t.Lookup(name) != nil {
			continue
		}
		if file := replacedDefinition(site, theme, name); file != "" {
			errs.Add(diag.Errorf(file, 1, 1, "partial missing: this file replaces the theme's file of the same name, which defined {{define %q}} (%s); define it here too", name, Partials[name]))
			continue
		}
		errs.Add(diag.Errorf(path.Join(Dir(theme), "layouts", "partials"), 0, 0, "partial missing: the theme must define {{define %q}}, %s, in a file under layouts/partials/", name, Partials[name]))
	}
	return errs
}

// replacedDefinition is the site's partial whose theme file of the same
// name defines the template name, or "".
func replacedDefinition(site fs.FS, theme, name string) string {
	entries, _ := fs.ReadDir(site, "layouts/partials")
	for _, e := range entries {
		src, err := fs.ReadFile(site, path.Join(Dir(theme), "layouts", "partials", e.Name()))
		if err == nil && strings.Contains(string(src), fmt.Sprintf("define %q", name)) {
			return path.Join("layouts/partials", e.Name())
		}
	}
	return ""
}

// walk calls f for every {{template}} call under n.
func walk(n parse.Node, f func(*parse.TemplateNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.IfNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.RangeNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.WithNode:
		walk(n.List, f)
		walk(n.ElseList, f)
	case *parse.TemplateNode:
		f(n)
	}
}

// nodePlace is the file, line and column of a node, the column counted
// from 1 as editors do (ErrorContext counts from 0).
func nodePlace(tree *parse.Tree, n parse.Node) (string, int, int) {
	loc, _ := tree.ErrorContext(n) // "file:line:col"
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return tree.ParseName, 0, 0
	}
	line, _ := strconv.Atoi(parts[len(parts)-2])
	col, _ := strconv.Atoi(parts[len(parts)-1])
	return strings.Join(parts[:len(parts)-2], ":"), line, col + 1
}

// definedNames are the names of t's templates that files define, for
// "did you mean".
func definedNames(t *template.Template) []string {
	var out []string
	for _, x := range t.Templates() {
		if name := x.Name(); !strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	return out
}
