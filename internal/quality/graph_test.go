package quality

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestGraphKeyboard uses the graph page as a keyboard user would: Tab
// moves focus from point to point (each a link, in the order of the list
// under the picture), focus shows the point's label and highlights its
// neighbours, and Enter opens the page. Then the picture fits its frame
// and the local graph of an article is in view and unclipped.
func TestGraphKeyboard(t *testing.T) {
	p := publish(t)
	ctx := browser(t, false)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(p.base+"graph/"), chromedp.WaitReady("svg.graph.site")); err != nil {
		t.Fatal(err)
	}
	// Focus the first point, then Tab to the second.
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector("svg.graph.site a.n"); a.focus(); return document.activeElement.getAttribute("href"); })()`))
	if err != nil || first == "" {
		t.Fatalf("first point not focusable: %q, %v", first, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const a = document.activeElement, nodes = [...document.querySelectorAll("svg.graph.site a.n")];
		const label = a.querySelector("text");
		return [String(nodes.indexOf(a)), a.getAttribute("href"), label ? getComputedStyle(label).display : "none",
			String(document.querySelectorAll("svg.graph.site a.n.on").length), document.querySelector("svg.graph.site").classList.contains("hl") ? "hl" : ""];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if state[0] != "1" {
		t.Fatalf("Tab from the first point went to %q (index %s), not the second point", state[1], state[0])
	}
	if state[2] == "none" {
		t.Errorf("the focused point's label is hidden")
	}
	if state[3] == "0" || state[4] != "hl" {
		t.Errorf("focus highlighted %s points (class %q): want the point and its neighbours", state[3], state[4])
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	want := state[1]
	got, err := waitPath(ctx, want)
	if err != nil || got != want {
		t.Errorf("Enter on the point opened %q, want %q (%v)", got, want, err)
	}

	// The local graph under an article: in the page, drawn inside its
	// frame on a desktop, each point a link to an article.
	if err := chromedp.Do(ctx, chromedp.Navigate(p.base+"roles/cto/"), chromedp.WaitReady(".local-graph svg")); err != nil {
		t.Fatal(err)
	}
	geom, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
		const svg = document.querySelector(".local-graph svg"), r = svg.getBoundingClientRect();
		let out = 0;
		svg.querySelectorAll("text").forEach(t => { const b = t.getBoundingClientRect(); if (b.left < r.left - 1 || b.right > r.right + 1) out++; });
		return [r.width, r.height, out, svg.querySelectorAll("a.n").length];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if geom[0] < 400 || geom[1] < 150 {
		t.Errorf("the local graph is %.0f×%.0f px on a 1280 px screen: too small to read", geom[0], geom[1])
	}
	if geom[2] > 0 {
		t.Errorf("%.0f labels of the local graph stick out of its picture", geom[2])
	}
	if geom[3] < 3 {
		t.Errorf("the CTO profile's local graph has %.0f points", geom[3])
	}
}

// waitPath waits for the browser to reach path, and returns where it is.
func waitPath(ctx context.Context, path string) (string, error) {
	var got string
	for range 100 {
		var err error
		got, err = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
		if err == nil && got == path {
			return got, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return got, nil
}
