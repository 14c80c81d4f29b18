package quality

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kbsite/kb/internal/browsertest"
)

// TestInteractive drives the site's interactive parts in headless
// Chromium: the comparison picker reaches a pair page; the "only
// differences" switch hides the rows where all values match; a link
// preview appears when a link in an article gets focus and Escape hides
// it, and a glossary term's link shows its definition. (Search by typing
// is tested with the preview server.)
func TestInteractive(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)

	// The picker on the roles page: two selects and a button, leading to
	// the pair page whichever order the two are chosen in.
	if err := chromedp.Do(ctx, chromedp.Navigate(p.base+"roles/"), chromedp.WaitReady(".pair-form button")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue("#pair-a", "VP of Engineering"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("pair-a").dispatchEvent(new Event("change"))`),
		chromedp.SetValue("#pair-b", "CTO"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("pair-b").dispatchEvent(new Event("change"))`),
		chromedp.Click(".pair-form button"),
	); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the pair page", `location.pathname.endsWith("/roles/cto-vs-vp-engineering/")`)

	// The switch, on a pair page with a row where both values match.
	if err := chromedp.Do(ctx, chromedp.Navigate(p.base+"roles/director-of-engineering-vs-engineering-manager/"), chromedp.WaitReady(".only-diff-toggle input")); err != nil {
		t.Fatal(err)
	}
	visible := `[...document.querySelectorAll("figure.compare tbody tr:not(.group)")].filter(r => r.offsetParent !== null).length`
	before, err := chromedp.Run(ctx, chromedp.Evaluate[int](visible))
	if err != nil {
		t.Fatal(err)
	}
	same, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.compare tr[data-same]").length`))
	if err := chromedp.Do(ctx, chromedp.Click(".only-diff-toggle input")); err != nil {
		t.Fatal(err)
	}
	after, _ := chromedp.Run(ctx, chromedp.Evaluate[int](visible))
	if same == 0 || after != before-same {
		t.Errorf("only differences: %d rows visible before, %d after, %d rows match", before, after, same)
	}

	// A link preview on focus, hidden by Escape.
	if err := chromedp.Do(ctx, chromedp.Navigate(p.base+"roles/cto/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the deferred preview script
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('.prose a[href$="/roles/vp-engineering/"]').focus()`)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the preview card", `(c => c && !c.hidden && c.textContent.includes("VP of Engineering"))(document.getElementById("kb-preview-card"))`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\u001b")); err != nil { // Escape
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the preview to hide", `document.getElementById("kb-preview-card").hidden`)

	// A glossary term's card: the term and its definition, from the link.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('.prose a.term[data-term="VP of Engineering"]').focus()`)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the term's card", `(c => c && !c.hidden && c.querySelector(".preview-title").textContent === "VP of Engineering" && c.textContent.includes("Vice President of Engineering: the executive who builds"))(document.getElementById("kb-preview-card"))`)
}
