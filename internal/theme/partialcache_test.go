package theme

import (
	"html/template"
	"testing"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/site"
)

// TestCachedPartial checks that View.Cached runs a partial once per name
// and keys, gives later pages the first output, and runs it again for
// other keys. A counter in the partial shows each run.
func TestCachedPartial(t *testing.T) {
	fsys := skeleton(map[string]string{"themes/t/layouts/partials/counted.html": `{{define "counted"}}{{count}}:{{.Page.Title}}{{end}}`})
	runs := 0
	funcs := Funcs(config.Config{})
	funcs["count"] = func() int { runs++; return runs }
	th, errs := Load(fsys, "t", funcs)
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	a := site.NewPage(&content.Page{Title: "A"})
	b := site.NewPage(&content.Page{Title: "B"})
	cache := newPartialCache(th)
	va, vb := &View{Page: a, partials: cache}, &View{Page: b, partials: cache}
	for _, step := range []struct {
		view *View
		keys []any
		want template.HTML
	}{
		{va, nil, "1:A"},
		{vb, nil, "1:A"}, // no keys: one output for every page
		{vb, []any{b}, "2:B"},
		{va, []any{a}, "3:A"},
		{vb, []any{b}, "2:B"},
		{va, []any{a, true}, "4:A"},
		{va, []any{a, false}, "5:A"},
		{vb, []any{a, false}, "5:A"},
	} {
		got, err := step.view.Cached("counted", step.keys...)
		if err != nil || got != step.want {
			t.Errorf("Cached(%q, %v) on page %s = %q, %v; want %q", "counted", step.keys, step.view.Page.Title, got, err, step.want)
		}
	}
	if runs != 5 {
		t.Errorf("the partial ran %d times, want 5", runs)
	}
}
