package diag

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/errors.md from the code")

// areas names the packages whose messages reach authors, in the order an
// author meets them, with what their messages are about.
var areas = []struct{ dir, title, about string }{
	{"cmd/kb", "The command line", "Mistakes in how kb was run: commands, flags, folders, ports."},
	{"internal/config", "config.toml", "The site's settings: unknown keys, values of the wrong type, URLs, taxonomies, terms and search facets."},
	{"internal/tomldoc", "TOML and front matter values", "Syntax errors in TOML, and values of the wrong type wherever TOML is read."},
	{"internal/content", "Pages, files and front matter", "What a page file must be (UTF-8, TOML front matter between +++ lines, a title), its keys, dates, slugs, aliases and sources, section dimensions, and file names that would break on some systems."},
	{"internal/site", "The assembled site", "URLs two pages claim, links and wikilinks that lead nowhere, anchors a page does not have, taxonomy terms, profiles and dimensions, orphan pages."},
	{"internal/markdown", "Markdown", "Constructs inside a page's text: compare blocks, callouts, heading attributes, raw HTML, images, limits."},
	{"internal/render", "Rendering", "Problems met while rendering a page: a page too slow to render, compare tables, citations, profile values."},
	{"internal/theme", "Themes and layouts", "Layouts that are missing, do not define main, call templates that do not exist, or fail while running."},
	{"internal/output", "The output folder", "Where the build writes: path clashes, folders kb did not write, another build holding the folder."},
	{"internal/build", "Building", "The build as a whole."},
	{"internal/serve", "The preview server", "Problems the preview server reports about the site it serves."},
}

// verbRE is a formatting verb, shown as "…" in the catalogue.
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z]`)

// TestErrorCatalogue keeps docs/errors.md, the list of every error and
// warning kb prints, in step with the code: it collects the message of
// every diag.Errorf, diag.Warnf and tomldoc Doc.Errorf call, and every
// usage error of the command line, and fails when the file differs. Run
// go test ./internal/diag -run ErrorCatalogue -update after changing a
// message.
func TestErrorCatalogue(t *testing.T) {
	root := "../.."
	var b strings.Builder
	b.WriteString("# Errors and warnings\n\nThe messages kb prints about a site or a command line, by area, collected\nfrom its code (`…` stands for what the message fills in: a file, a\nkey, a value, a suggestion). Each names what is wrong and, where there is\none, the fix. kb prints them as `file:line:col: message`; warnings say\n`warning:` and become errors under `kb check -strict`. This file is\ngenerated from the code by `go test ./internal/diag -run ErrorCatalogue\n-update`, and the test fails when they differ.\n\n")
	total := 0
	for _, a := range areas {
		msgs := messages(t, filepath.Join(root, a.dir))
		if len(msgs) == 0 {
			continue
		}
		total += len(msgs)
		b.WriteString("## " + a.title + "\n\n" + a.about + "\n\n")
		for _, m := range msgs {
			b.WriteString("- `" + m + "`\n")
		}
		b.WriteString("\n")
	}
	if total < 100 {
		t.Fatalf("found only %d messages: the collector is broken", total)
	}
	want := strings.TrimSuffix(b.String(), "\n")
	file := filepath.Join(root, "docs", "errors.md")
	if *update {
		if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(file)
	if err != nil || string(got) != want {
		t.Errorf("docs/errors.md is not the list of the messages in the code: run go test ./internal/diag -run ErrorCatalogue -update")
	}
}

// messages returns the sorted, distinct message formats in the non-test
// Go files of dir and its subfolders.
func messages(t *testing.T, dir string) []string {
	t.Helper()
	seen := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var lit *ast.BasicLit
			switch n := n.(type) {
			case *ast.CallExpr:
				if isMessageCall(n) {
					lit = firstString(n.Args)
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Msg" {
					if l, ok := n.Value.(*ast.BasicLit); ok && l.Kind == token.STRING {
						lit = l
					} else if call, ok := n.Value.(*ast.CallExpr); ok {
						lit = firstString(call.Args)
					}
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "usageError" && len(n.Elts) == 1 {
					if call, ok := n.Elts[0].(*ast.CallExpr); ok {
						lit = firstString(call.Args)
					} else if l, ok := n.Elts[0].(*ast.BasicLit); ok {
						lit = l
					}
				}
			}
			if lit != nil {
				if s, err := strconv.Unquote(lit.Value); err == nil && len(strings.Fields(verbRE.ReplaceAllString(s, ""))) > 1 {
					s = verbRE.ReplaceAllString(s, "…")
					s = strings.ReplaceAll(strings.ReplaceAll(s, "`", "'"), "\n", " ")
					seen[s] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// isMessageCall says whether call makes a message: diag.Errorf,
// diag.Warnf (Errorf and Warnf inside package diag), a Doc's Errorf, and
// the errors made with fmt.Errorf and errors.New that kb passes on as a
// diagnostic's message; a test's t.Errorf is not.
func isMessageCall(call *ast.CallExpr) bool {
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok && x.Name == "errors" && fn.Sel.Name == "New" {
			return true
		}
		switch fn.Sel.Name {
		case "Errorf", "Warnf", "errorf", "warnf":
		default:
			return false
		}
		if x, ok := fn.X.(*ast.Ident); ok && (x.Name == "t" || x.Name == "b" || x.Name == "tb") {
			return false
		}
		return true
	case *ast.Ident:
		switch fn.Name {
		case "Errorf", "Warnf", "errorf", "warnf":
			return true
		}
	}
	return false
}

func firstString(args []ast.Expr) *ast.BasicLit {
	for _, a := range args {
		if l, ok := a.(*ast.BasicLit); ok && l.Kind == token.STRING {
			return l
		}
	}
	return nil
}
