package quality

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTablesUseTheWidth checks, in headless Chromium, that comparison
// tables use the room the window has: on a 1280-pixel desktop the roles
// matrix, all six profiles, shows whole, without a scrollbar; on a
// 390-pixel phone a pair page's two profiles fit the screen, neither
// the page nor the table scrolling sideways.
func TestTablesUseTheWidth(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)

	// overflow is how many pixels the page and the first comparison's
	// scroll box would scroll sideways, and the box's width.
	const overflow = `(() => {
		const box = document.querySelector("figure.compare .compare-scroll");
		if (!box) return "no comparison table";
		const page = document.documentElement.scrollWidth - innerWidth;
		const table = box.scrollWidth - box.clientWidth;
		const cols = box.querySelectorAll("thead th").length;
		return page + " " + table + " " + box.clientWidth + " " + cols;
	})()`
	for _, c := range []struct {
		path          string
		width, height int64
		cols          string
	}{
		{"roles/", 1280, 900, "6"},
		{"roles/cto-vs-vp-engineering/", 390, 844, "2"},
		{"roles/cto-vs-vp-engineering/", 1280, 900, "2"},
	} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(c.width, c.height), chromedp.Navigate(p.base+c.path), chromedp.WaitReady("figure.compare")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](overflow))
		if err != nil {
			t.Fatal(err)
		}
		f := strings.Fields(got)
		if len(f) != 4 {
			t.Fatalf("/%s at %dpx: %s", c.path, c.width, got)
		}
		if f[0] != "0" && !strings.HasPrefix(f[0], "-") {
			t.Errorf("/%s at %dpx: the page scrolls sideways by %spx", c.path, c.width, f[0])
		}
		if f[1] != "0" && !strings.HasPrefix(f[1], "-") {
			t.Errorf("/%s at %dpx: the table is clipped, its box (%spx wide) scrolls sideways by %spx", c.path, c.width, f[2], f[1])
		}
		if f[3] != c.cols {
			t.Errorf("/%s: %s column headings, want %s", c.path, f[3], c.cols)
		}
	}
}

// TestEndOfArticle checks the one block after an article's text on the
// CTO profile, a page that some forty others link to and are about: each
// page it links appears once, and no more than eight show before the
// disclosure is opened. (The local graph after it draws the same links as
// a picture, and is left out.)
func TestEndOfArticle(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)
	if err := chromedp.Do(ctx, chromedp.Navigate(p.base+"roles/cto/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	// Everything between the article's text and its sources.
	const links = `(() => {
		const out = [];
		for (let el = document.querySelector("article .prose").nextElementSibling; el && !el.matches(".sources"); el = el.nextElementSibling) {
			if (el.matches(".local-graph")) continue; // a picture of the same links, beside the list
			el.querySelectorAll("a[href]").forEach(a => out.push((a.checkVisibility() ? "shown " : "hidden ") + new URL(a.href).pathname));
		}
		return out;
	})()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](links))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	shown := 0
	for _, l := range got {
		state, path, _ := strings.Cut(l, " ")
		if seen[path] {
			t.Errorf("%s is linked twice after the article", path)
		}
		seen[path] = true
		if state == "shown" {
			shown++
		}
	}
	if len(got) < 30 {
		t.Errorf("%d links after the article; the pages that link to the CTO profile, some forty, are missing", len(got))
	}
	if shown > 8 {
		t.Errorf("%d links show after the article; at most 8 should before the disclosure is opened", shown)
	}
}

// TestContentAccessible runs axe-core where TestAccessibility does not
// look: the CTO profile with its end block's disclosure open, and a pair
// page on a phone, where the table's rows stack, in both colour schemes.
func TestContentAccessible(t *testing.T) {
	axePath := tool(t, "KB_AXE_JS", "axe-core (npm axe-core, axe.min.js)")
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	p := publish(t)
	for _, dark := range []bool{false, true} {
		ctx := browser(t, dark)
		for _, c := range []struct {
			path   string
			width  int64
			before string
		}{
			{"roles/cto/", 1280, `document.querySelectorAll("details").forEach(d => d.open = true)`},
			{"roles/cto-vs-vp-engineering/", 390, ""},
		} {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(c.width, 844), chromedp.Navigate(p.base+c.path), chromedp.WaitReady("body")); err != nil {
				t.Fatal(err)
			}
			if c.before != "" {
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](c.before)); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
				t.Fatal(err)
			}
			js := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations.map(v => v.id + ": " + v.help + " at " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join("; ")))`
			violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if len(violations) > 0 {
				t.Errorf("/%s at %dpx, dark %v: %d violations:\n  %s", c.path, c.width, dark, len(violations), strings.Join(violations, "\n  "))
			}
		}
	}
}
