package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kbsite/kb/internal/browsertest"
)

// TestBrowserOverlay starts kb serve on a site that is broken from the
// start, as an author meets it: the page says honestly that nothing is
// built (never a bare "not found"), the overlay wraps a long line instead
// of clipping it, its caret sits under the broken link's column, Escape
// dismisses it, the next failing build brings it back, and the fix shows
// the site.
func TestBrowserOverlay(t *testing.T) {
	ctx := browser(t)
	dir := site(t)
	a := filepath.Join(dir, "content/docs/a.md")
	filler := strings.Repeat("words that make a line far wider than the window ", 12)
	broken := func(target string) string {
		return "+++\ntitle = \"Page A\"\ndescription = \"A.\"\n+++\n" + filler + "then [B](" + target + ") and more.\n"
	}
	if err := os.WriteFile(a, []byte(broken("nowhere.md")), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := serveLive(t, dir)

	if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 700), chromedp.Navigate("http://"+addr+"/repo/docs/a/")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the error overlay", `!!document.getElementById("kb-error-overlay")`)
	heading, err := chromedp.Run(ctx, chromedp.Text("#kb-error-overlay h2"))
	if err != nil || !strings.Contains(heading, "nothing is built yet") {
		t.Errorf("overlay heading at start-up %q, %v: want it to say nothing is built yet", heading, err)
	}
	title, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	if title != "Nothing built yet - kb serve" {
		t.Errorf("page under the overlay %q, want the nothing-built page", title)
	}

	// No horizontal scrolling: the long line wraps. The caret is under the
	// link's first character, measured where the browser drew both.
	// No sideways scrolling: the long line is cut into pieces that fit.
	// The caret is under the link's first character, measured where the
	// browser drew both.
	geometry := `(() => {
		const o = document.getElementById("kb-error-overlay");
		const pre = o.querySelector("pre.kb-source");
		const caret = pre.querySelector(".kb-caret");
		const above = caret.previousElementSibling;
		const i = caret.textContent.indexOf("^");
		const at = (el, i) => { const r = document.createRange(); r.setStart(el.firstChild, i); r.setEnd(el.firstChild, i + 1); return r.getBoundingClientRect(); };
		const c = at(caret, i), l = at(above, i);
		const widest = Math.max(...[...pre.children].map(d => d.scrollWidth));
		return [o.scrollWidth - o.clientWidth, widest - pre.clientWidth, Math.round(c.left - l.left), Math.round(c.top - l.top), above.textContent.substr(i, 3) === "[B]" ? 1 : 0, pre.children.length];
	})()`
	g, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](geometry))
	if err != nil {
		t.Fatal(err)
	}
	if g[0] > 0 || g[1] > 0 {
		t.Errorf("the overlay scrolls sideways by %d px, a source line by %d px: long lines should be cut to fit", g[0], g[1])
	}
	if g[2] != 0 || g[3] <= 0 || g[4] != 1 {
		t.Errorf("caret is %d px right of the link's column and %d px below it, under %q: want 0, below, under \"[B]\"", g[2], g[3], map[int]string{0: "something else", 1: "[B]"}[g[4]])
	}
	if g[5] < 4 {
		t.Errorf("%d lines of source shown: the long line should take several", g[5])
	}

	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "Escape to dismiss the overlay", `!document.getElementById("kb-error-overlay")`)
	if err := os.WriteFile(a, []byte(broken("elsewhere.md")), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the next failing build to bring the overlay back", `!!document.getElementById("kb-error-overlay") && document.getElementById("kb-error-overlay").textContent.includes("elsewhere.md")`)
	if err := chromedp.Do(ctx, chromedp.Click("#kb-error-dismiss")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the button to dismiss the overlay", `!document.getElementById("kb-error-overlay")`)

	if err := os.WriteFile(a, []byte(broken("b.md")), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the fixed site", `document.title.startsWith("Page A") && !document.getElementById("kb-error-overlay")`)
}
