package serve

import (
	"context"
	"net"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kbsite/kb/internal/browsertest"
	"github.com/kbsite/kb/internal/build"
)

func browser(t *testing.T) context.Context { return browsertest.New(t, false) }

// serveLive runs kb serve on the site in dir on a free port until the
// test ends, and returns its address.
func serveLive(t *testing.T, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(dir, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String()
}

// TestBrowserReload opens a page in headless Chromium and edits its file:
// the page reloads by itself and keeps its scroll position; a broken link
// brings up the error overlay with the file and line, and fixing it takes
// the overlay away.
func TestBrowserReload(t *testing.T) {
	ctx := browser(t)
	dir := site(t)
	long := strings.Repeat("A paragraph of filler that makes the page tall enough to scroll.\n\n", 120)
	page := func(marker, link string) string {
		return "+++\ntitle = \"Page A\"\ndescription = \"A.\"\n+++\nText of A " + marker + ", see [B](" + link + ").\n\n" + long
	}
	a := filepath.Join(dir, "content/docs/a.md")
	if err := os.WriteFile(a, []byte(page("first", "b.md")), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := serveLive(t, dir)

	url := "http://" + addr + "/repo/docs/a/"
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	// Wait until the live script is connected, then scroll down.
	browsertest.WaitFor(t, ctx, "the event stream", `document.documentElement.getAttribute("data-kb-live") === "connected"`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 900)`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)

	if err := os.WriteFile(a, []byte(page("second", "b.md")), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the edit to show", `document.body.innerText.includes("Text of A second")`)
	browsertest.WaitFor(t, ctx, "the scroll position to return", `window.scrollY > 850 && window.scrollY < 950`)

	if err := os.WriteFile(a, []byte(page("third", "nowhere.md")), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the error overlay", `!!document.getElementById("kb-error-overlay")`)
	text, err := chromedp.Run(ctx, chromedp.Text("#kb-error-overlay"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "content/docs/a.md:5:") || !strings.Contains(text, `broken link "nowhere.md"`) || !strings.Contains(text, "Text of A third") {
		t.Errorf("overlay text:\n%s", text)
	}
	if err := os.WriteFile(a, []byte(page("fourth", "b.md")), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the fix to show", `document.body.innerText.includes("Text of A fourth") && !document.getElementById("kb-error-overlay")`)
}

// TestBrowserSearch uses search as a reader would, on a site under a
// project subpath: "/" focuses the header box, typing with a typo lists
// the page as an option, with no request for a file the index does not
// have, arrow keys and Enter open it; the search page is a deep link with
// one link per result and matched words marked; the page a result opens
// marks the words searched for, until Escape; markup in a query is never
// run.
func TestBrowserSearch(t *testing.T) {
	ctx := browser(t)
	dir := site(t)
	if err := os.WriteFile(filepath.Join(dir, "content/docs/hiring.md"), []byte("+++\ntitle = \"Hiring engineers\"\ndescription = \"How to hire.\"\n+++\nHiring is the job of the VP, see [[a]].\n\n## Interviews\n\nAsk about delivery.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(dir, Options{}).Handler())
	defer func() { srv.CloseClientConnections(); srv.Close() }()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/repo/docs/a/"), chromedp.WaitReady("#kb-q")); err != nil {
		t.Fatal(err)
	}
	// Every response the search's requests get, that are not 200 OK.
	wrap := `window.failed = []; const f = window.fetch; window.fetch = (u, ...a) => f(u, ...a).then(r => { if (!r.ok) window.failed.push(r.status + " " + u); return r; })`
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](wrap)); err != nil {
		t.Fatal(err)
	}
	// The "/" shortcut focuses the box. (The DevTools protocol sends the
	// character apart from the key press, so it lands in the box, which a
	// real key press prevented by the page never does: clear it.)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the shortcut to focus the box", `document.activeElement.id === "kb-q"`)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("kb-q").value = ""`), chromedp.KeyEvent("hirng")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the first option", `document.activeElement.id === "kb-q" && !!document.querySelector('#kb-q-list a[role=option]')`)
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new URL(document.querySelector('#kb-q-list a[role=option]').href).pathname`))
	if err != nil || first != "/repo/docs/hiring/" {
		t.Fatalf("first option %q, %v", first, err)
	}
	if expanded, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("kb-q").getAttribute("aria-expanded")`)); expanded != "true" {
		t.Errorf("aria-expanded = %q", expanded)
	}
	time.Sleep(300 * time.Millisecond) // the suggestions for the whole word settle
	if failed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.failed`)); err != nil || len(failed) > 0 {
		t.Errorf("typing hirng asked for files that are not there: %q, %v", failed, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the first option to be selected", `document.getElementById("kb-q").getAttribute("aria-activedescendant") === "kb-q-opt-0"`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the page to open", `location.pathname === "/repo/docs/hiring/"`)

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/repo/search/?q=interviews+delivery")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "results", `document.querySelectorAll("#search-results > a").length > 0`)
	hit, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results > a")].map(a => a.getAttribute("href") + " " + [...a.querySelectorAll("mark")].map(m => m.textContent).join(","))`))
	if err != nil || len(hit) == 0 || hit[0] != "/repo/docs/hiring/?h=interviews%20delivery#interviews delivery" {
		t.Errorf("results: %q, %v", hit, err)
	}

	// The result opens its page with the words marked; Escape clears them.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("#search-results > a").click()`)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the page with marks", `location.pathname === "/repo/docs/hiring/" && document.querySelectorAll("main mark.search-mark").length > 0`)
	marks, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...new Set([...document.querySelectorAll("main mark.search-mark")].map(m => m.textContent))].join(",")`))
	if marks != "Interviews,delivery" {
		t.Errorf("marked on the page: %q, want Interviews,delivery", marks)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "Escape to clear the marks", `!document.querySelector("mark.search-mark") && !document.querySelector(".search-clear") && !location.search.includes("h=") && document.querySelector("main").textContent.includes("Ask about delivery.")`)

	q := `<img src=x onerror="window.hacked=1"> (.*+?[ ` + strings.Repeat("x", 1000)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/repo/search/?q="+url.QueryEscape(q))); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the status line", `document.getElementById("search-status").textContent !== ""`)
	if hacked, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!window.hacked || !!document.querySelector("#search-results img")`)); hacked {
		t.Error("markup in a query was run")
	}
}

// TestBrowserSearchFacets: on the search page, the facets come from the
// configuration (here a taxonomy named "topics"), and pressing a term
// keeps only the pages that carry it; pressing it again shows all.
func TestBrowserSearchFacets(t *testing.T) {
	ctx := browser(t)
	dir := site(t)
	files := map[string]string{
		"config.toml":            "title = \"T\"\nbase_url = \"https://owner.github.io/repo/\"\ntaxonomies = [\"topics\"]\n[search]\nfacets = [\"topics\"]\n",
		"content/docs/a.md":      "+++\ntitle = \"Page A\"\ndescription = \"A.\"\ntopics = [\"alpha\"]\n+++\nText of A, see [B](b.md).\n",
		"content/docs/b.md":      "+++\ntitle = \"Page B\"\ndescription = \"B.\"\ntopics = [\"beta\"]\n+++\nText of B, see [A](a.md).\n",
		"content/docs/ab.md":     "+++\ntitle = \"Page AB\"\ndescription = \"AB.\"\ntopics = [\"alpha\", \"beta\"]\n+++\nText of AB, see [A](a.md).\n",
		"content/docs/_index.md": "+++\ntitle = \"Docs\"\n+++\nSee [[ab]].\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(New(dir, Options{}).Handler())
	defer func() { srv.CloseClientConnections(); srv.Close() }()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/repo/search/?q=text")); err != nil {
		t.Fatal(err)
	}
	results := `[...document.querySelectorAll("#search-results > a")].map(a => new URL(a.href).pathname).sort().join(" ")`
	browsertest.WaitFor(t, ctx, "results and facets", `document.querySelectorAll("#search-facets fieldset").length === 2`)
	legends, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-facets legend")].map(l => l.textContent)`))
	if err != nil || strings.Join(legends, ",") != "Section,Topics" {
		t.Errorf("facet legends %q, %v; want Section, Topics", legends, err)
	}
	all, _ := chromedp.Run(ctx, chromedp.Evaluate[string](results))
	if all != "/repo/docs/a/ /repo/docs/ab/ /repo/docs/b/" {
		t.Errorf("results before filtering: %q", all)
	}
	press := `[...document.querySelectorAll("#search-facets fieldset:nth-child(2) button")].find(b => b.textContent.startsWith("Alpha")).click()`
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](press)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the filtered results", `document.querySelectorAll("#search-results > a").length === 2`)
	// The facet is in the URL, and a reload keeps it.
	for _, step := range []string{"filtered", "reloaded"} {
		if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](results)); got != "/repo/docs/a/ /repo/docs/ab/" {
			t.Errorf("%s: results for topic alpha: %q", step, got)
		}
		if pressed, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#search-facets button")].filter(b => b.getAttribute("aria-pressed") === "true").map(b => b.textContent).join()`)); !strings.HasPrefix(pressed, "Alpha") {
			t.Errorf("%s: pressed buttons: %q; want alpha's", step, pressed)
		}
		if search, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); search != "?q=text&topics=Alpha" {
			t.Errorf("%s: URL query %q, want ?q=text&topics=Alpha", step, search)
		}
		if step == "filtered" {
			if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
				t.Fatal(err)
			}
			browsertest.WaitFor(t, ctx, "the filtered results after a reload", `document.querySelectorAll("#search-results > a").length === 2 && document.querySelectorAll("#search-facets fieldset").length === 2`)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](press)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "every result again", `document.querySelectorAll("#search-results > a").length === 3 && location.search === "?q=text"`)
}

// TestBrowserSearchCore: on this repository's own site, the search page
// lists the comparison page of two roles named in a query first or
// second, and each result names its site section: the home page and the
// comparison page have one title, and are told apart by it.
func TestBrowserSearchCore(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(New("../..", Options{}).Handler())
	defer func() { srv.CloseClientConnections(); srv.Close() }()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=cto+vs+vp")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "results", `document.querySelectorAll("#search-results > a").length >= 2`)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results > a")].slice(0, 2).map(a => new URL(a.href).pathname)`))
	if err != nil || !slices.Contains(got, "/roles/cto-vs-vp-engineering/") {
		t.Errorf("first two results for cto vs vp: %q, %v; want /roles/cto-vs-vp-engineering/ among them", got, err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[map[string][]string](`Object.fromEntries([...document.querySelectorAll("#search-results > a")].map(a =>
		[new URL(a.href).pathname, [...a.querySelectorAll(".hit-section, .hit-title")].map(e => e.textContent)]))`))
	if err != nil {
		t.Fatal(err)
	}
	home, pair := shown["/"], shown["/roles/cto-vs-vp-engineering/"]
	if !slices.Equal(home, []string{"Home", "CTO vs VP of Engineering"}) || !slices.Equal(pair, []string{"Roles", "CTO vs VP of Engineering"}) {
		t.Errorf("the home page's result reads %q, the comparison page's %q; want each titled CTO vs VP of Engineering, under Home and under Roles", home, pair)
	}
}

// TestBrowserSearchMore: the search page shows ten results and a button
// for ten more, which focuses the first of them; a new query shows ten
// again.
func TestBrowserSearchMore(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(New("../..", Options{}).Handler())
	defer func() { srv.CloseClientConnections(); srv.Close() }()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/search/?q=engineering")); err != nil {
		t.Fatal(err)
	}
	const (
		count  = `document.querySelectorAll("#search-results > a").length`
		button = `document.querySelector(".search-page-more")`
	)
	browsertest.WaitFor(t, ctx, "ten results", count+` === 10`)
	// The button is shown, below the last result, and says how many are.
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const b = `+button+`, r = b.getBoundingClientRect(), last = document.querySelector("#search-results > a:last-child").getBoundingClientRect();
		return (r.width > 0 && r.height > 0 && r.top >= last.bottom) + " " + b.textContent;
	})()`))
	if err != nil || !strings.HasPrefix(shown, "true Show more results (10 of ") {
		t.Fatalf("the button: %q, %v; want it shown below the results, saying 10 of how many", shown, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(".search-page-more")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "twenty results, the eleventh focused", count+` === 20 && document.activeElement === document.querySelectorAll("#search-results > a")[10]`)
	set := `(() => { const q = document.getElementById("search-page-q"); q.value = "engineering manager"; q.dispatchEvent(new Event("input")); })()`
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](set)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "ten results for the new query", count+` === 10 && `+button+`.textContent.includes("10 of ")`)
}

// TestBrowserHandOver: after a template edit, the open page reloads once,
// from the files the rebuild hands over before it lays out the other
// pages, and not again when the rebuild is done.
func TestBrowserHandOver(t *testing.T) {
	ctx := browser(t)
	dir := site(t)
	// The footer's folder is made before the server watches the site:
	// made during the test, it could start a rebuild of its own, which
	// would hand over and then hold the footer's rebuild back (below).
	footer := filepath.Join(dir, "layouts", "partials", "site-footer.html")
	if err := os.MkdirAll(filepath.Dir(footer), 0o755); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var log logBuffer
	// The rebuild waits after its hand-over until the page has reloaded,
	// as one at 10,000 pages would lay out the other pages for seconds.
	hb := &held{handed: make(chan struct{}, 2), release: make(chan struct{})}
	s := newServer(dir, Options{Log: &log}, func() siteBuilder {
		hb.siteBuilder = build.NewBuilder(os.DirFS(dir), build.Options{})
		return hb
	})
	s.earlyMin = 0 // this site is small: hand over whatever is left
	s.setBuilder(s.builder)
	sctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(sctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })

	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+ln.Addr().String()+"/repo/docs/a/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the event stream", `document.documentElement.getAttribute("data-kb-live") === "connected"`)
	if err := os.WriteFile(footer, []byte(`{{define "site-footer"}}<footer>Own footer</footer>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, ctx, "the edit to show", `document.body.innerText.includes("Own footer") && document.documentElement.getAttribute("data-kb-live") === "connected"`)
	// A mark that a reload would take away.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.kbStayed = true`)); err != nil {
		t.Fatal(err)
	}
	close(hb.release)
	for s.current.Load().pending != nil {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // the result's event, were it to reload the page
	stayed, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.kbStayed === true && document.body.innerText.includes("Own footer")`))
	if err != nil {
		t.Fatal(err)
	}
	if !stayed {
		t.Error("the page reloaded again once the rebuild was done")
	}
	if !strings.Contains(log.String(), "(the pages open in ") {
		t.Errorf("the rebuild handed nothing over early; log:\n%s", log.String())
	}
}
