package quality

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kbsite/kb/internal/browsertest"
)

// auditPages are the kinds of page the accessibility audit covers.
var auditPages = []struct{ name, path, ready string }{
	{"home", "", ""},
	{"section with matrix", "roles/", ""},
	{"article with a comparison table", "company-stages/one-leader-or-two/", ""},
	{"article with a table of contents", "roles/cto/", ""},
	{"pair page", "roles/cto-vs-vp-engineering/", ""},
	{"search results", "search/?q=hiring", `document.querySelectorAll("#search-results a").length > 0`},
	{"term page", "tags/leadership/", ""},
	{"link graph", "graph/", `!document.querySelector(".graph-tools").hidden`},
	{"404", "no-such-page/", ""},
}

// TestAccessibility runs axe-core in headless Chromium on each kind of
// page, in the light and the dark colour scheme, on a desktop and on a
// phone (the menu open, so that its links are audited too), and in the
// dark theme chosen with the switch on a light system: no violation of
// WCAG 2.1 A or AA.
func TestAccessibility(t *testing.T) {
	axePath := tool(t, "KB_AXE_JS", "axe-core (npm axe-core, axe.min.js)")
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	p := publish(t)
	audited := 0
	modes := []struct {
		name      string
		dark      bool   // the system's colour scheme
		theme     string // the reader's choice, "" for none
		width     int64
		height    int64
		afterLoad string // run before the audit
	}{
		{"light", false, "", 1280, 900, ""},
		{"dark", true, "", 1280, 900, ""},
		{"phone, light, menu open", false, "", 390, 844, `document.getElementById("kb-menu").open = true`},
		{"phone, dark, menu open", true, "", 390, 844, `document.getElementById("kb-menu").open = true`},
		{"dark chosen on a light system", false, "dark", 1280, 900, ""},
	}
	for _, mode := range modes {
		ctx := browser(t, mode.dark)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(mode.width, mode.height)); err != nil {
			t.Fatal(err)
		}
		if mode.theme != "" {
			if err := chromedp.Do(ctx, chromedp.Navigate(p.base),
				chromedp.Evaluate[chromedp.Void](`localStorage.setItem("kb-theme", "`+mode.theme+`")`)); err != nil {
				t.Fatal(err)
			}
		}
		for _, page := range auditPages {
			if err := chromedp.Do(ctx, chromedp.Navigate(p.base+page.path)); err != nil {
				t.Fatal(err)
			}
			if page.ready != "" {
				browsertest.WaitFor(t, ctx, page.name, page.ready)
			}
			if isDark, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`)); isDark != mode.dark {
				t.Fatalf("%s: colour scheme is not %s", page.name, mode.name)
			}
			if theme, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dataset.theme || ""`)); theme != mode.theme {
				t.Fatalf("%s, %s: data-theme is %q", page.name, mode.name, theme)
			}
			if mode.afterLoad != "" {
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](mode.afterLoad)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
				t.Fatal(err)
			}
			js := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " at " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join("; ")))`
			violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			audited++
			if len(violations) > 0 {
				t.Errorf("%s (/%s), %s: %d violations:\n  %s", page.name, page.path, mode.name, len(violations), strings.Join(violations, "\n  "))
			}
		}
	}
	t.Log(fmt.Sprintf("audited %d pages", audited))
}
