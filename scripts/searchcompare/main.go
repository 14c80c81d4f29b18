// Searchcompare measures kb's search side by side with Pagefind 1.x on
// the same built sites, in one run, and prints Markdown tables. It is a
// measurement, not a check: run it by hand, from anywhere in the
// repository, with Chromium installed:
//
//	npm install pagefind
//	go run ./scripts/searchcompare -pagefind node_modules/.bin/pagefind -sites repo,DIR1,DIR2
//
// "repo" stands for this repository's site; other entries are folders
// written by the corpus generator (../shared/bench/gencorpus). For each
// site it builds kb's output, runs Pagefind over that same output, and
// reports index build time, the index's bytes and files, and, in headless
// Chromium against a server that gzips text as GitHub Pages does: bytes
// and requests of a first one-word and a first three-word query (script
// included; Pagefind's five first results' fragments loaded, as its UI
// does), and warm query time. On the repo's site it also scores both
// engines on the relevance cases (internal/relevance).
package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kbsite/kb/internal/browsertest"
	"github.com/kbsite/kb/internal/build"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/relevance"
)

func main() {
	pagefind := flag.String("pagefind", "pagefind", "the Pagefind command")
	sites := flag.String("sites", "", `comma-separated sites: "repo" for this repository's, or folders written by the corpus generator`)
	flag.Parse()
	if *sites == "" {
		flag.Usage()
		os.Exit(2)
	}
	// Errors come back to main rather than exiting where they happen, so
	// that the browsers and servers started are always stopped.
	if err := run(*pagefind, strings.Split(*sites, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "searchcompare:", err)
		os.Exit(1)
	}
}

func run(pagefind string, sites []string) error {
	if _, err := exec.LookPath(pagefind); err != nil {
		return fmt.Errorf("no Pagefind at %q (npm install pagefind, then -pagefind node_modules/.bin/pagefind): %v", pagefind, err)
	}
	if browsertest.Find() == "" {
		return errors.New("no Chromium or Google Chrome found (Debian's chromium package)")
	}
	// The repository's root, for "repo" and the relevance cases.
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return fmt.Errorf("finding the repository (run this inside it): %v", err)
	}
	root := strings.TrimSpace(string(out))
	tmp, err := os.MkdirTemp("", "kb-searchcompare-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fmt.Printf("| site | engine | index build | index files | index bytes | 1st query, 1 word | 1st query, 3 words | query time median / p95 |\n|---|---|---|---|---|---|---|---|\n")
	var scores string // the repo's relevance table, after the first table
	for i, src := range sites {
		s, err := compare(pagefind, root, src, filepath.Join(tmp, fmt.Sprint(i)))
		if err != nil {
			return fmt.Errorf("%s: %v", src, err)
		}
		scores += s
	}
	fmt.Print(scores)
	return nil
}

// compare builds the site src into out, indexes it with Pagefind too, and
// prints its rows of the table; for the repo's site it returns the
// relevance table.
func compare(pagefind, root, src, out string) (string, error) {
	dir := src
	if src == "repo" {
		dir = root
	}
	start := time.Now()
	res, err := build.Build(os.DirFS(dir), build.Options{BaseURL: "http://127.0.0.1/"})
	if err != nil {
		return "", err
	}
	kbTotal := time.Since(start)
	if _, err := output.WriteDir(out, res.Files); err != nil {
		return "", err
	}
	cmd := exec.Command(pagefind, "--site", out)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start = time.Now()
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pagefind: %v", err)
	}
	pfTime := time.Since(start)
	pfPeak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss

	m := &meter{}
	srv := httptest.NewServer(m.wrap(gzipText(http.FileServer(http.Dir(out)))))
	defer srv.Close()
	one, three := "hiring", "engineering leader hiring"
	if src == "repo" {
		one, three = "compensation", "cto vp split"
	}
	name := filepath.Base(src)
	kbFiles, kbBytes := countFiles(filepath.Join(out, "search"))
	pfFiles, pfBytes := countFiles(filepath.Join(out, "pagefind"))
	var firsts [4]string
	for i, q := range []struct{ engine, query string }{{"kb", one}, {"kb", three}, {"pagefind", one}, {"pagefind", three}} {
		if firsts[i], err = transfer(m, srv.URL, q.engine, q.query); err != nil {
			return "", err
		}
	}
	queries := []string{one, three, "cto", "team", "delivery process", "hirng", "salary growth"}
	kbMed, kbP95, err := queryTimes(srv.URL, "kb", queries)
	if err != nil {
		return "", err
	}
	pfMed, pfP95, err := queryTimes(srv.URL, "pagefind", queries)
	if err != nil {
		return "", err
	}
	fmt.Printf("| %s (%d pages) | kb | %s (whole build %s) | %d | %s | %s | %s | %s / %s |\n", name, res.Pages, res.SearchTime.Round(time.Millisecond), kbTotal.Round(time.Millisecond), kbFiles, kib(kbBytes), firsts[0], firsts[1], kbMed, kbP95)
	fmt.Printf("| %s | Pagefind | %s (peak %d MiB) | %d | %s | %s | %s | %s / %s |\n", name, pfTime.Round(time.Millisecond), pfPeak/1024, pfFiles, kib(pfBytes), firsts[2], firsts[3], pfMed, pfP95)
	fmt.Printf("| %s | kb / Pagefind | %.2f | | | | | |\n", name, float64(res.SearchTime)/float64(pfTime))
	if src == "repo" {
		return relevanceSideBySide(root, srv.URL, res)
	}
	return "", nil
}

// browser starts a headless Chromium with a fresh profile, so an empty
// cache; stop ends it.
func browser() (ctx context.Context, stop func()) {
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browsertest.Options(browsertest.Find(), false)...)
	ctx, cancel := chromedp.NewContext(alloc)
	return ctx, func() { cancel(); cancelAlloc() }
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
func transfer(m *meter, base, engine, q string) (string, error) {
	ctx, stop := browser()
	defer stop()
	m.reset()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		return "", err
	}
	js := fmt.Sprintf(`(%s)(%q, 5).then(r => r.length)`, engineJS[engine], q)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise)); err != nil {
		return "", fmt.Errorf("%s query %q: %v", engine, q, err)
	}
	time.Sleep(200 * time.Millisecond) // late requests, such as prefetches
	bytes, requests := m.search()
	return fmt.Sprintf("%s in %d requests", kib(int64(bytes)), requests), nil
}

// queryTimes runs each query six times (the first cold) and returns the
// median and 95th percentile of the warm runs.
func queryTimes(base, engine string, queries []string) (string, string, error) {
	ctx, stop := browser()
	defer stop()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		return "", "", err
	}
	js := fmt.Sprintf(`(async () => {
		const run = %s, qs = %s, times = [];
		for (let round = 0; round < 6; round++) for (const q of qs) {
			const t0 = performance.now();
			await run(q, 10);
			if (round > 0) times.push(performance.now() - t0);
		}
		return times;
	})()`, engineJS[engine], jsArray(queries))
	times, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return "", "", fmt.Errorf("%s queries: %v", engine, err)
	}
	slices.Sort(times)
	return fmt.Sprintf("%.1f ms", times[len(times)/2]), fmt.Sprintf("%.1f ms", times[len(times)*95/100]), nil
}

// relevanceSideBySide scores both engines on the relevance cases, as a
// table.
func relevanceSideBySide(root, base string, res *build.Result) (string, error) {
	f, err := os.Open(filepath.Join(root, "internal/search/testdata/queries.tsv"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	cases, err := relevance.Cases(f, res)
	if err != nil {
		return "", err
	}
	var queries []string
	for _, c := range cases {
		queries = append(queries, c.Query)
	}
	scores := map[string]map[string]relevance.Score{}
	for _, engine := range []string{"kb", "pagefind"} {
		got, err := results(base, engine, queries)
		if err != nil {
			return "", err
		}
		scores[engine] = relevance.Scores(cases, got)
	}
	var b strings.Builder
	b.WriteString("\n| kind | cases | kb top-3 | kb MRR | Pagefind top-3 | Pagefind MRR |\n|---|---|---|---|---|---|\n")
	for _, kind := range relevance.Kinds {
		k, p := scores["kb"][kind], scores["pagefind"][kind]
		fmt.Fprintf(&b, "| %s | %d | %.0f%% | %.2f | %.0f%% | %.2f |\n", kind, k.N, 100*k.Top3(), k.MRR(), 100*p.Top3(), p.MRR())
	}
	return b.String(), nil
}

// results runs each query through engine in a new browser and returns
// the paths of the first ten pages found for each.
func results(base, engine string, queries []string) ([][]string, error) {
	ctx, stop := browser()
	defer stop()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		return nil, err
	}
	js := fmt.Sprintf(`(async () => { const run = %s, out = []; for (const q of %s) out.push(await run(q, 10)); return out; })()`, engineJS[engine], jsArray(queries))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("%s relevance queries: %v", engine, err)
	}
	return got, nil
}

// jsArray writes strings as a JavaScript array: JSON is JavaScript.
func jsArray(v []string) string {
	b, _ := json.Marshal(v)
	return string(b)
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
