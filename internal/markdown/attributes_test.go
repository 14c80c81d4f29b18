package markdown

import (
	"strings"
	"testing"
)

// TestHeadingAttributes: every form of attribute block renders without a
// panic; the id is the author's when it is a good one, and otherwise one
// made from the text, with an error at the attribute.
func TestHeadingAttributes(t *testing.T) {
	r := New(Options{ReservedIDs: []string{"main", "kb-toc"}})
	for _, c := range []struct {
		src, id, text, problem string
	}{
		{"## Skills {#skills}", "skills", "Skills", ""},
		{"## Skills {id=\"what-a-cto-does\"}", "what-a-cto-does", "Skills", ""},
		{"## Skills {id=skills_2}", "skills_2", "Skills", ""},
		{"## Skills { #skills }", "skills", "Skills", ""},
		{"## Über {#über-führung}", "über-führung", "Über", ""},
		{"## Closing ## {#closing}", "closing", "Closing", ""},
		{"## C# {#csharp}", "csharp", "C#", ""},
		{"## Heading {id=1}", "heading", "Heading", "f.md:1:13: heading id must be a string like {#my-id}, not a number: id=1"},
		{"## H {id=true}", "h", "H", "f.md:1:7: heading id must be a string like {#my-id}, not true or false: id=true"},
		{"## H {id=1.5}", "h", "H", "f.md:1:7: heading id must be a string like {#my-id}, not a number: id=1.5"},
		{"## H {id=[\"a\"]}", "h", "H", "f.md:1:7: heading id must be a string like {#my-id}, not a list: id=[\"a\"]"},
		{"## H {id={a=1}}", "h", "H", "f.md:1:7: heading id must be a string like {#my-id}, not a table: id={a=1}"},
		{"## H {id=null}", "h", "H", "f.md:1:7: heading id must be a string like {#my-id}, not null: id=null"},
		{"## H {#}", "h", "H", "f.md:1:7: heading id is empty: write {#my-id}"},
		{"## H {#my id}", "my", "H", "f.md:1:11: cannot read heading attribute \"id\": write {#my-id}; an id holds no spaces"},
		{"## H {id=\"my id\"}", "h", "H", "f.md:1:7: heading id \"my id\" has a space: an id may hold only letters, digits, \"-\" and \"_\", as ids made from heading text do"},
		{"## H {#a/b}", "h", "H", "f.md:1:7: heading id \"a/b\" has '/': an id may hold only letters, digits, \"-\" and \"_\", as ids made from heading text do"},
		{"## H {#main}", "h", "H", "f.md:1:7: heading id \"main\" is reserved: the theme's layouts use it on every page; pick another"},
		{"## H {#a #b}", "a", "H", "f.md:1:10: heading has a second id #b: a heading has one id"},
		{"## H {.wide}", "h", "H", "f.md:1:7: warning: heading attribute .wide is ignored: kb sets only a heading's id ({#my-id}); style headings in the theme"},
		{"## H {#h .wide style=\"color:red\"}", "h", "H", "f.md:1:10: warning: heading attributes .wide style=\"color:red\" are ignored: kb sets only a heading's id ({#my-id}); style headings in the theme"},
		// Braces that are not attributes stay text.
		{"## The {braces} operator", "the-braces-operator", "The {braces} operator", ""},
		{"## Ends {braces}", "ends-braces", "Ends {braces}", ""},
		{"## Use {{.Title}}", "use-title", "Use {{.Title}}", ""},
		{"## Code `{#x}`", "code-x", "Code {#x}", ""},
		{"## Open {#x", "open-x", "Open {#x", ""},
		{"Setext {#setext}\n---", "setext", "Setext", ""},
		{"Two\nlines {#two}\n===", "two", "Two lines", ""},
	} {
		res, errs := r.Render([]byte(c.src+"\n"), Document{File: "f.md", BodyLine: 1})
		if len(res.Headings) != 1 {
			t.Errorf("%q: headings %+v", c.src, res.Headings)
			continue
		}
		if h := res.Headings[0]; h.ID != c.id || h.Text != c.text {
			t.Errorf("%q: id %q, text %q; want %q, %q", c.src, h.ID, h.Text, c.id, c.text)
		}
		if got := errs.Error(); got != c.problem {
			t.Errorf("%q: problem\n%s\nwant\n%s", c.src, got, c.problem)
		}
		if !strings.Contains(string(res.HTML), `id="`+c.id+`"`) || strings.Contains(string(res.HTML), "style=") || strings.Contains(string(res.HTML), `class="wide"`) {
			t.Errorf("%q: HTML %s", c.src, res.HTML)
		}
	}
}

// TestHeadingIDsOnAPage: an author's id may not repeat another heading's,
// made or set, and the message names both lines; an id made from text
// skips the ids set before it and the theme's.
func TestHeadingIDsOnAPage(t *testing.T) {
	r := New(Options{ReservedIDs: []string{"main"}})
	src := "## A\n\n## Set {#a}\n\n## Mine {#mine}\n\n## Mine\n\n## Again {#mine}\n\n## Main\n"
	res, errs := r.Render([]byte(src), Document{File: "f.md", BodyLine: 10})
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "a set mine mine-1 again main-1" {
		t.Errorf("ids = %s", got)
	}
	want := "f.md:12:9: heading id \"a\" is already the id of the heading on line 10; ids must be unique on a page\n" +
		"f.md:18:11: heading id \"mine\" is already the id of the heading on line 14; ids must be unique on a page"
	if got := errs.Error(); got != want {
		t.Errorf("problems\n%s\nwant\n%s", got, want)
	}
}
