package quality

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kbsite/kb/internal/browsertest"
)

// The phone and the desktop the layout tests look at.
const (
	phoneW, phoneH     = 390, 844
	desktopW, desktopH = 1280, 900
)

// open loads a page of the published site at a window size.
func open(t *testing.T, ctx context.Context, url string, w, h int64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h), chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// TestArticleFirstOnPhone: on a 390×844 phone the article's first
// paragraph starts on the first screen, below a compact header.
func TestArticleFirstOnPhone(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)
	open(t, ctx, p.base+"roles/cto/", phoneW, phoneH)
	top := eval[float64](t, ctx, `document.querySelector(".prose > p").getBoundingClientRect().top + scrollY`)
	header := eval[float64](t, ctx, `document.querySelector(".site-header").offsetHeight`)
	height := eval[float64](t, ctx, `document.documentElement.scrollHeight`)
	t.Logf("/roles/cto/ at %d×%d: first paragraph at %.0f px, header %.0f px, page %.0f px", phoneW, phoneH, top, header, height)
	if top <= 0 || top >= phoneH {
		t.Errorf("the first paragraph starts at %.0f px, not within the first %d px", top, phoneH)
	}
	if header > 120 {
		t.Errorf("the header is %.0f px high on a phone; at most 120", header)
	}
	// The sidebar and the table of contents are closed.
	if eval[bool](t, ctx, `document.getElementById("kb-menu").open || document.querySelector(".toc details").open`) {
		t.Error("the menu or the table of contents is open on a phone")
	}
	if w := eval[float64](t, ctx, `document.documentElement.scrollWidth`); w > phoneW {
		t.Errorf("the page is %.0f px wide on a %d px phone", w, phoneW)
	}
}

// TestSearchSuggestionsInView: the header box's suggestions lie within
// the screen, on a phone and on a desktop, above whatever they cover
// (on a desktop, the sticky table of contents): every point of their box
// hits them.
func TestSearchSuggestionsInView(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)
	for _, size := range [][2]int64{{phoneW, phoneH}, {desktopW, desktopH}} {
		open(t, ctx, p.base+"roles/cto/", size[0], size[1])
		eval[bool](t, ctx, `(() => { const i = document.querySelector('input[data-search="header"]'); i.focus(); i.value = "hiring"; i.dispatchEvent(new Event("input")); return true; })()`)
		browsertest.WaitFor(t, ctx, "the suggestions", `!document.querySelector(".search-popup").hidden && document.querySelectorAll(".search-popup [role=option]").length > 0`)
		box := eval[[]float64](t, ctx, `(() => { const r = document.querySelector(".search-popup").getBoundingClientRect(); return [r.left, r.right, r.width]; })()`)
		if box[0] < 0 || box[1] > float64(size[0]) || box[2] < 200 {
			t.Errorf("at %d px wide, the suggestions run from %.0f to %.0f px (%.0f wide): not within the screen", size[0], box[0], box[1], box[2])
		}
		covered := eval[[]string](t, ctx, `(() => {
			const p = document.querySelector(".search-popup"), r = p.getBoundingClientRect(), out = [];
			for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
				const x = r.left + r.width * i / 10, y = r.top + Math.min(r.height, innerHeight - r.top) * j / 10;
				const hit = document.elementFromPoint(x, y);
				if (!hit || !p.contains(hit)) out.push(Math.round(x) + "," + Math.round(y) + " " + (hit ? hit.tagName + "." + hit.className : "nothing"));
			}
			return out;
		})()`)
		if len(covered) > 0 {
			t.Errorf("at %d px wide, points of the suggestions hit something else: %v", size[0], covered)
		}
	}
}

// TestSkipLinkShown: the skip link, focused by the first Tab, shows over
// the header.
func TestSkipLinkShown(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)
	open(t, ctx, p.base+"roles/cto/", desktopW, desktopH)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	shown := eval[bool](t, ctx, `(() => {
		const a = document.querySelector(".skip-link");
		const r = a.getBoundingClientRect();
		return r.top >= 0 && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === a;
	})()`)
	if !shown {
		t.Error("the focused skip link is not in view, or something covers it")
	}
}

// TestStickyTOC: on a wide screen the sidebar, the article and "On this
// page" stand side by side; after scrolling to a heading far down, the
// table of contents is still in view and marks that heading.
func TestStickyTOC(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)
	open(t, ctx, p.base+"roles/cto/", desktopW, desktopH)
	cols := eval[[]float64](t, ctx, `[".menu", ".prose", ".toc"].map(s => document.querySelector(s).getBoundingClientRect().left)`)
	if !(cols[0] < cols[1] && cols[1] < cols[2]) {
		t.Fatalf("sidebar, article and table of contents are not three columns left to right: left edges %v", cols)
	}
	if l := eval[[]float64](t, ctx, `[".site-footer p", "main"].map(s => document.querySelector(s).getBoundingClientRect().left)`); l[0] != l[1] {
		t.Errorf("the footer's text starts at %.0f px, the main column at %.0f px", l[0], l[1])
	}
	if !eval[bool](t, ctx, `document.querySelector('.site-nav a[aria-current]').textContent === "Roles" && document.querySelector('.section-nav a[aria-current="page"]').href === location.href`) {
		t.Error("the sidebar does not mark the section and the page")
	}
	// The last heading the table of contents lists, scrolled to the top.
	id := eval[string](t, ctx, `(a => a[a.length-1].hash.slice(1))(document.querySelectorAll(".toc a"))`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("`+id+`").scrollIntoView()`)); err != nil {
		t.Fatal(err)
	}
	if y := eval[float64](t, ctx, `scrollY`); y < 2*desktopH {
		t.Fatalf("scrolled only %.0f px; the test needs a long article", y)
	}
	browsertest.WaitFor(t, ctx, "the table of contents to mark #"+id,
		`(a => a && a.getAttribute("aria-current") === "location" && document.querySelectorAll('.toc a[aria-current]').length === 1)(document.querySelector('.toc a[href="#`+id+`"]'))`)
	r := eval[[]float64](t, ctx, `(r => [r.top, r.bottom])(document.querySelector(".toc").getBoundingClientRect())`)
	if r[0] < 0 || r[1] > desktopH || r[1]-r[0] < 50 {
		t.Errorf("after scrolling, the table of contents is at %v, not in view", r)
	}
	// Back to the top: the mark moves off the last heading.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the mark to leave #"+id, `!document.querySelector('.toc a[href="#`+id+`"]').hasAttribute("aria-current")`)
}

// TestThemeSwitch: the theme chosen on one page holds on the next, from
// its first paint: data-theme is on <html> before the body is parsed and
// the background is dark before any stylesheet could change it later.
func TestThemeSwitch(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false) // a light system
	open(t, ctx, p.base+"roles/cto/", desktopW, desktopH)
	bg := `getComputedStyle(document.body).backgroundColor`
	light := eval[string](t, ctx, bg)
	if eval[bool](t, ctx, `document.querySelector(".theme-switch").hidden`) {
		t.Fatal("the theme switch is hidden with JavaScript on")
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue("#kb-theme", "dark"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("kb-theme").dispatchEvent(new Event("change"))`),
	); err != nil {
		t.Fatal(err)
	}
	dark := eval[string](t, ctx, bg)
	if dark == light || eval[string](t, ctx, `document.documentElement.dataset.theme`) != "dark" {
		t.Fatalf("choosing dark: background %s, was %s", dark, light)
	}
	// Record, as the next page parses, the theme and background that
	// the first paint would get: at the first <body> element.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		new MutationObserver((_, o) => {
			if (document.body && !window.kbFirst) {
				window.kbFirst = {theme: document.documentElement.dataset.theme || "", ready: document.readyState};
				o.disconnect();
			}
		}).observe(document, {childList: true, subtree: true});`}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`.section-nav a[href$="/roles/vp-engineering/"]`), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the next page", `location.pathname.endsWith("/roles/vp-engineering/") && document.readyState === "complete"`)
	first := eval[map[string]string](t, ctx, `window.kbFirst || {}`)
	if first["theme"] != "dark" || first["ready"] != "loading" {
		t.Errorf("at the next page's <body>: data-theme %q, document %q; want dark while loading", first["theme"], first["ready"])
	}
	if got := eval[string](t, ctx, bg); got != dark {
		t.Errorf("the next page's background is %s, not the dark %s", got, dark)
	}
	if v := eval[string](t, ctx, `document.getElementById("kb-theme").value`); v != "dark" {
		t.Errorf("the switch shows %q on the next page", v)
	}
	// Auto follows the system again, and is remembered too.
	if err := chromedp.Do(ctx,
		chromedp.SetValue("#kb-theme", "auto"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("kb-theme").dispatchEvent(new Event("change"))`),
		chromedp.Reload(),
		chromedp.WaitReady("body"),
	); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, bg); got != light {
		t.Errorf("back on auto in a light system, the background is %s, not %s", got, light)
	}
}

// TestMenuWithoutJavaScript: with scripts off, the phone's Menu button
// opens the sections and the articles around the page, and the theme
// switch, which needs a script, does not show.
func TestMenuWithoutJavaScript(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, p.base+"roles/cto/", phoneW, phoneH)
	// Evaluate runs even with the page's scripts off; this proves they are.
	if eval[bool](t, ctx, `document.documentElement.hasAttribute("data-theme") || !document.querySelector(".theme-switch").hidden`) {
		t.Fatal("scripts ran; the test needs them off")
	}
	visible := `[...document.querySelectorAll(".site-nav a, .section-nav a")].filter(a => a.checkVisibility({visibilityProperty: true})).length`
	if n := eval[int](t, ctx, visible); n != 0 {
		t.Errorf("%d sidebar links show on a phone before the menu is opened", n)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#kb-menu > summary")); err != nil {
		t.Fatal(err)
	}
	n := eval[int](t, ctx, visible)
	sections := eval[int](t, ctx, `document.querySelectorAll(".site-nav a").length`)
	if n == 0 || n < sections {
		t.Errorf("after pressing Menu, %d sidebar links show; the site has %d sections", n, sections)
	}
	if !eval[bool](t, ctx, `(r => r.top >= 0 && r.top < innerHeight)(document.querySelector(".site-nav a").getBoundingClientRect())`) {
		t.Error("the opened menu is not on the first screen")
	}
	if eval[bool](t, ctx, `document.querySelector(".theme-switch").checkVisibility()`) {
		t.Error("the theme switch shows without JavaScript")
	}
}
