package serve

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"kb/internal/output"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kb/internal/build"
)

// TestSearchAgainstPagefind measures kb's search side by side with
// Pagefind 1.x on the same built sites, in one run. It is a measurement,
// not a check, so it runs only when asked:
//
//	npm install pagefind
//	KB_PAGEFIND=node_modules/.bin/pagefind KB_SEARCH_SITES=repo,/tmp/site1k,/tmp/site10k \
//	    go test -run SearchAgainstPagefind -v -timeout 60m ./internal/serve
//
// "repo" stands for this repository's site; other entries are folders
// written by the corpus generator. For each site it builds kb's output,
// runs Pagefind over that same output, and reports index build time, the
// index's bytes and files, and, in headless Chromium against a server that
// gzips text as GitHub Pages does: bytes and requests of a first one-word
// and a first three-word query (script included; Pagefind's five first
// results' fragments loaded, as its UI does), and warm query time. On the
// repo's site it also scores both engines on the relevance cases.
func TestSearchAgainstPagefind(t *testing.T) {
	pagefind := os.Getenv("KB_PAGEFIND")
	sites := os.Getenv("KB_SEARCH_SITES")
	if pagefind == "" || sites == "" {
		t.Skip("set KB_PAGEFIND and KB_SEARCH_SITES")
	}
	ctx := browser(t)
	fmt.Printf("\n| site | engine | index build | index files | index bytes | 1st query, 1 word | 1st query, 3 words | query time median / p95 |\n|---|---|---|---|---|---|---|---|\n")
	for _, src := range strings.Split(sites, ",") {
		dir := src
		if src == "repo" {
			dir = "../.."
		}
		out := filepath.Join(t.TempDir(), "public")
		start := time.Now()
		res, err := build.Build(os.DirFS(dir), build.Options{BaseURL: "http://127.0.0.1/"})
		if err != nil {
			t.Fatal(err)
		}
		kbTotal := time.Since(start)
		if _, err := output.WriteDir(out, res.Files); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(pagefind, "--site", out)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		start = time.Now()
		if err := cmd.Run(); err != nil {
			t.Fatalf("pagefind: %v", err)
		}
		pfTime := time.Since(start)
		pfPeak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss

		m := &meter{}
		srv := httptest.NewServer(m.wrap(gzipText(http.FileServer(http.Dir(out)))))
		one, three := "hiring", "engineering leader hiring"
		if src == "repo" {
			one, three = "compensation", "cto vp split"
		}
		name := filepath.Base(src)
		kbFiles, kbBytes := countFiles(filepath.Join(out, "search"))
		pfFiles, pfBytes := countFiles(filepath.Join(out, "pagefind"))
		kb1, kb3, pf1, pf3 := transfer(t, m, srv.URL, "kb", one), transfer(t, m, srv.URL, "kb", three), transfer(t, m, srv.URL, "pagefind", one), transfer(t, m, srv.URL, "pagefind", three)
		queries := []string{one, three, "cto", "team", "delivery process", "hirng", "salary growth"}
		kbMed, kbP95 := queryTimes(t, ctx, srv.URL, "kb", queries)
		pfMed, pfP95 := queryTimes(t, ctx, srv.URL, "pagefind", queries)
		fmt.Printf("| %s (%d pages) | kb | %s (whole build %s) | %d | %s | %s | %s | %s / %s |\n", name, res.Pages, res.SearchTime.Round(time.Millisecond), kbTotal.Round(time.Millisecond), kbFiles, kib(kbBytes), kb1, kb3, kbMed, kbP95)
		fmt.Printf("| %s | Pagefind | %s (peak %d MiB) | %d | %s | %s | %s | %s / %s |\n", name, pfTime.Round(time.Millisecond), pfPeak/1024, pfFiles, kib(pfBytes), pf1, pf3, pfMed, pfP95)
		fmt.Printf("| %s | kb / Pagefind | %.2f | | | | | |\n", name, float64(res.SearchTime)/float64(pfTime))
		if src == "repo" {
			relevanceSideBySide(t, srv.URL, res)
		}
		srv.Close()
	}
}

// gzipText compresses text responses, as GitHub Pages does.
func gzipText(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := filepath.Ext(r.URL.Path)
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || !slices.Contains([]string{"", ".html", ".json", ".js", ".css", ".svg", ".xml", ".txt"}, ext) {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Del("Content-Length")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		h.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.gz.Write(b) }

// engineJS is each engine's query, in the page: kb's own search script
// (loaded with every page), or Pagefind's module and its first five
// results' fragments, as Pagefind's UI loads them.
var engineJS = map[string]string{
	"kb":       `(q, n) => window.kbSearch(q, null, n).then(r => r.pages.map(p => p.url.split("#")[0]))`,
	"pagefind": `(q, n) => import("/pagefind/pagefind.js").then(pf => pf.search(q)).then(r => Promise.all(r.results.slice(0, n).map(x => x.data()))).then(ds => ds.map(d => d.url.split("#")[0]))`,
}

// meter counts the bytes the server sends, body only, after compression,
// by request path: measured at the server, it sees every request, those
// of web workers included.
type meter struct {
	mu  sync.Mutex
	log []served
}

type served struct {
	path  string
	bytes int
}

func (m *meter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		m.mu.Lock()
		m.log = append(m.log, served{r.URL.Path, cw.n})
		m.mu.Unlock()
	})
}

func (m *meter) reset() { m.mu.Lock(); m.log = nil; m.mu.Unlock() }

// search sums what the search engines' files cost since the last reset.
func (m *meter) search() (bytes, requests int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, s := range m.log {
		if strings.HasPrefix(s.path, "/search/") || strings.HasPrefix(s.path, "/pagefind/") || s.path == "/js/search.js" {
			bytes += s.bytes
			requests++
		}
	}
	return bytes, requests
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += n
	return n, err
}

// transfer loads the home page in a new browser (an empty cache), runs one
// query, and sums what the search cost on the wire: the search script
// itself, the index files and, for Pagefind, its worker, WebAssembly and
// result fragments.
func transfer(t *testing.T, m *meter, base, engine, q string) string {
	ctx := browser(t)
	m.reset()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	js := fmt.Sprintf(`(%s)(%q, 5).then(r => r.length)`, engineJS[engine], q)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // late requests, such as prefetches
	bytes, requests := m.search()
	return fmt.Sprintf("%s in %d requests", kib(int64(bytes)), requests)
}

// queryTimes runs each query twice (the second time warm) and returns the
// median and 95th percentile of the warm runs.
func queryTimes(t *testing.T, ctx context.Context, base, engine string, queries []string) (string, string) {
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	js := fmt.Sprintf(`(async () => {
		const run = %s, qs = %s, times = [];
		for (let round = 0; round < 6; round++) for (const q of qs) {
			const t0 = performance.now();
			await run(q, 10);
			if (round > 0) times.push(performance.now() - t0);
		}
		return times;
	})()`, engineJS[engine], jsonString(queries))
	times, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(times)
	return fmt.Sprintf("%.1f ms", times[len(times)/2]), fmt.Sprintf("%.1f ms", times[len(times)*95/100])
}

// relevanceSideBySide scores both engines on the relevance cases.
func relevanceSideBySide(t *testing.T, base string, res *build.Result) {
	cases := relevanceCases(t, res)
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	fmt.Printf("\n| kind | cases | kb top-3 | kb MRR | Pagefind top-3 | Pagefind MRR |\n|---|---|---|---|---|---|\n")
	scores := map[string]map[string]score{}
	for _, engine := range []string{"kb", "pagefind"} {
		ctx := browser(t)
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatal(err)
		}
		js := fmt.Sprintf(`(async () => { const run = %s, out = []; for (const q of %s) out.push(await run(q, 10)); return out; })()`, engineJS[engine], jsonString(queries))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		scores[engine] = scoreCases(cases, got)
	}
	for _, kind := range []string{"question", "unique title word", "one typo", "first four letters", "two title words"} {
		k, p := scores["kb"][kind], scores["pagefind"][kind]
		fmt.Printf("| %s | %d | %.0f%% | %.2f | %.0f%% | %.2f |\n", kind, k.n, 100*k.top3(), k.mrr(), 100*p.top3(), p.mrr())
	}
}

func countFiles(dir string) (int, int64) {
	n, size := 0, int64(0)
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n++
				size += fi.Size()
			}
		}
		return nil
	})
	return n, size
}

func kib(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }
