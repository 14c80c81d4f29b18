package markdown

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/kbsite/kb/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/cases")

// TestCases renders the Markdown cases of testdata/cases, in the manner
// of rsc.io/markdown's testdata: one txtar archive per construct, beside
// the whole-site goldens of internal/build, so that a change to one
// extension shows as a few small diffs of input and output. In an
// archive, each case is an input, name.md, and what it must give, each
// compared byte for byte:
//
//	name.html      the HTML
//	name.errors    the diagnostics, sorted, one a line as kb prints them
//	               ("name.md:3:5: message"); left out when there are none
//	name.toc       optional: the table of contents made of its headings
//	name.links     optional: the links that resolved, with their context
//	name.external  optional: the links to other sites, with their places
//	name.sections  optional: its text as split for search
//	name.standalone optional: its Markdown as a copy away from the site
//	               writes it (Standalone), links made absolute under
//	               https://example.org/page/ and data blocks shown as
//	               their kind, fence line and body
//
// A file options.json sets the Options of the cases after it.
// go test -run Cases -update rewrites the expected sections from the
// output: read the diff, since what it records is what the test then
// holds kb to.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txt")
	if len(files) == 0 {
		t.Fatal("no case archives")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			runCases(t, file, ar)
		})
	}
}

// caseOutputs are the sections a case may have after its input, in the
// order -update writes them.
var caseOutputs = []string{"html", "errors", "toc", "links", "external", "sections", "standalone"}

func runCases(t *testing.T, file string, ar *txtar.Archive) {
	r := New(Options{})
	var out []txtar.File
	seen := map[string]bool{}
	for i := 0; i < len(ar.Files); {
		f := ar.Files[i]
		i++
		if f.Name == "options.json" {
			var opt Options
			if err := json.Unmarshal(f.Data, &opt); err != nil {
				t.Fatalf("options.json: %v", err)
			}
			r = New(opt)
			out = append(out, f)
			continue
		}
		name, ok := strings.CutSuffix(f.Name, ".md")
		if !ok {
			t.Fatalf("%s: expected a case's input, name.md, or options.json", f.Name)
		}
		if seen[name] {
			t.Fatalf("%s: two cases of that name", f.Name)
		}
		seen[name] = true
		want := map[string]string{}
		for ; i < len(ar.Files); i++ {
			n := ar.Files[i].Name
			ext := path.Ext(n)
			if ext == "" || strings.TrimSuffix(n, ext) != name || !slices.Contains(caseOutputs, ext[1:]) {
				break
			}
			want[ext[1:]] = string(ar.Files[i].Data)
		}
		got := renderCase(r, f.Name, f.Data)
		if *update {
			out = append(out, f)
			for _, ext := range caseOutputs {
				// html and errors are always recorded (errors when there
				// are any); the others only where a case asks for them.
				_, asked := want[ext]
				record := asked
				switch ext {
				case "html":
					record = true
				case "errors":
					record = got[ext] != ""
				}
				if record {
					out = append(out, txtar.File{Name: name + "." + ext, Data: []byte(got[ext])})
				}
			}
			continue
		}
		t.Run(name, func(t *testing.T) {
			if _, ok := want["html"]; !ok {
				t.Fatalf("no %s.html: run go test -run Cases -update", name)
			}
			for _, ext := range caseOutputs {
				w, asked := want[ext]
				if !asked && ext != "errors" {
					continue
				}
				if got[ext] != w {
					t.Errorf("%s.%s differs\ninput:\n%s--- got ---\n%s--- want ---\n%s", name, ext, f.Data, got[ext], w)
				}
			}
		})
	}
	if *update {
		ar.Files = out
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// renderCase renders one case's input and returns each of its outputs as
// the text of its section. A txtar section always ends with a newline, so
// an output that does not is given one.
func renderCase(r *Renderer, file string, src []byte) map[string]string {
	res, errs := r.Render(src, Document{
		File:     file,
		BodyLine: 1,
		Resolve:  resolveCase,
		Blocks: map[string]BlockRenderer{
			"compare": CompareBlock(echoCompare),
			"echo":    echoBlock,
		},
	})
	errs.Sort()
	var e, toc, links, external, secs strings.Builder
	for _, d := range errs {
		e.WriteString(d.Error() + "\n")
	}
	var writeTOC func(entries []TOCEntry, indent string)
	writeTOC = func(entries []TOCEntry, indent string) {
		for _, en := range entries {
			fmt.Fprintf(&toc, "%sh%d #%s %s\n", indent, en.Level, en.ID, en.Text)
			writeTOC(en.Children, indent+"  ")
		}
	}
	writeTOC(TOC(res.Headings), "")
	for _, l := range res.Links {
		fmt.Fprintf(&links, "%d:%d %s -> %s", l.Line, l.Col, l.Dest, l.Target.Href)
		if l.Target.Title != "" {
			fmt.Fprintf(&links, " %q", l.Target.Title)
		}
		if l.Wiki {
			links.WriteString(" wiki")
		}
		if l.Image {
			links.WriteString(" image")
		}
		fmt.Fprintf(&links, "\n\tcontext: %s\n", l.Context)
	}
	for _, l := range res.External {
		fmt.Fprintf(&external, "%d:%d %s", l.Line, l.Col, l.Dest)
		if l.Image {
			external.WriteString(" image")
		}
		external.WriteString("\n")
	}
	for _, s := range res.Sections {
		head := "(before the first heading)"
		if s.ID != "" {
			head = fmt.Sprintf("#%s %q", s.ID, s.Heading)
		}
		secs.WriteString(strings.TrimSpace(head+": "+s.Text) + "\n")
	}
	h := string(res.HTML)
	if h != "" && !strings.HasSuffix(h, "\n") {
		h += "\n"
	}
	alone := string(Standalone(src, res.Edits, res.Links, standaloneHref, standaloneBlock))
	if !strings.HasSuffix(alone, "\n") {
		alone += "\n"
	}
	return map[string]string{"html": h, "errors": e.String(), "toc": toc.String(), "links": links.String(), "external": external.String(), "sections": secs.String(), "standalone": alone}
}

// standaloneHref makes a case's links absolute, as a site's copies do,
// under https://example.org/ for a page's path and the case's own page,
// /page/, for a bare fragment.
func standaloneHref(l Link) string {
	if strings.HasPrefix(l.Target.Href, "#") {
		return "https://example.org/page/" + l.Target.Href
	}
	return "https://example.org" + l.Target.Href
}

// standaloneBlock stands for the Markdown of a data block: its kind,
// fence line and body, on several lines so that indentation shows.
func standaloneBlock(e Edit) string {
	return fmt.Sprintf("%s block at line %d:\n\n%s", e.Lang, e.FenceLine, strings.TrimSpace(e.Body))
}

// casePages is the site the cases link into: two pages and an image.
var casePages = map[string]Target{
	"a.md":    {Href: "/a/", Title: "Page A"},
	"b.md":    {Href: "/b/", Title: "Page B"},
	"pic.png": {Href: "/pic.png"},
}

// resolveCase resolves links as a site of casePages would, simply: a
// wikilink names a page without its ".md", every page has every
// fragment, and a bare fragment is kept as it is.
func resolveCase(l Link) (Target, error) {
	path, frag, hasFrag := strings.Cut(l.Dest, "#")
	var t Target
	if path != "" {
		if l.Wiki {
			path += ".md"
		}
		var ok bool
		if t, ok = casePages[path]; !ok {
			return Target{}, fmt.Errorf("no page or file %q", path)
		}
	}
	if hasFrag {
		t.Href += "#" + frag
	}
	return t, nil
}

// echoCompare stands for the site's compare tables, which need pages:
// it shows what the block asked for, and fails on a page named
// "missing", as the site's Comparer fails on a page it does not have.
func echoCompare(s CompareSpec) ([]byte, diag.List) {
	if slices.Contains(s.Pages, "missing") {
		line, col := s.At("pages")
		return nil, diag.List{diag.Errorf(s.File, line, col, "compare block: no page %q", "missing")}
	}
	asked := "pages " + strings.Join(s.Pages, ", ")
	if len(s.Dimensions) > 0 {
		asked += "; dimensions " + strings.Join(s.Dimensions, ", ")
	}
	if s.Caption != "" {
		asked += "; caption " + s.Caption
	}
	return fmt.Appendf(nil, "<p class=\"compare\">%s</p>\n", html.EscapeString(asked)), nil
}

// echoBlock is a data block that shows its body and the line of its
// fence, and fails on a body holding "fail".
func echoBlock(file, body string, fenceLine int) ([]byte, diag.List) {
	if strings.Contains(body, "fail") {
		return nil, diag.List{diag.Errorf(file, fenceLine+1, 1, "echo block: asked to fail")}
	}
	return fmt.Appendf(nil, "<pre class=\"echo\" data-fence-line=\"%d\">%s</pre>\n", fenceLine, html.EscapeString(body)), nil
}
