// Command pagemetrics measures what a reader meets on a built site's
// pages, in headless Chromium: each page's height and where its first
// paragraph starts, at a desktop and a phone width, and the gzip weight
// of the page with the stylesheets and scripts it loads. It serves the
// folder itself, under the path given.
//
//	go run ./cmd/kb build -base-url http://127.0.0.1:8934/ -dest /tmp/site
//	go run ./scripts/pagemetrics -dir /tmp/site -pages roles/cto/,roles/
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kbsite/kb/internal/browsertest"
)

func main() {
	dir := flag.String("dir", "", "a built site's folder, built for base URL http://127.0.0.1:PORT/")
	port := flag.Int("port", 8934, "the port the site was built for")
	pages := flag.String("pages", "roles/cto/", "comma-separated page paths")
	flag.Parse()
	if err := run(*dir, *port, strings.Split(*pages, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "pagemetrics:", err)
		os.Exit(1)
	}
}

func run(dir string, port int, pages []string) error {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir))}
	go srv.Serve(ln)
	defer srv.Close()
	path := browsertest.Find()
	if path == "" {
		return fmt.Errorf("no Chromium found")
	}
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	fmt.Println("| page | width | height px | first paragraph top px | gzip KB (HTML+CSS+JS) |")
	fmt.Println("|---|---|---|---|---|")
	for _, p := range pages {
		kb, err := weight(dir, p)
		if err != nil {
			return err
		}
		for _, w := range [][2]int{{1280, 900}, {390, 844}} {
			h, top, err := measure(path, base+p, w[0], w[1])
			if err != nil {
				return err
			}
			fmt.Printf("| /%s | %d | %d | %d | %.1f |\n", p, w[0], h, top, kb)
		}
	}
	return nil
}

// measure loads url at width×height and gives the document's height and
// the top of the first paragraph of its Markdown body.
func measure(path, url string, width, height int) (int, int, error) {
	opts := append(browsertest.Options(path, false), chromedp.WindowSize(width, height))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height)), chromedp.Navigate(url)); err != nil {
		return 0, 0, err
	}
	h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	if err != nil {
		return 0, 0, err
	}
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const p = document.querySelector("main .prose p"); return p ? p.getBoundingClientRect().top + scrollY : -1 })()`))
	return int(h), int(top), err
}

var assetRE = regexp.MustCompile(`(?:href|src)="/((?:css|js)/[^"]+)"`)

// weight is the gzip size in KB of a page's HTML and the stylesheets and
// scripts it links from the site.
func weight(dir, page string) (float64, error) {
	html, err := os.ReadFile(filepath.Join(dir, page, "index.html"))
	if err != nil {
		return 0, err
	}
	total := gz(html)
	for _, m := range assetRE.FindAllSubmatch(html, -1) {
		b, err := os.ReadFile(filepath.Join(dir, string(m[1])))
		if err != nil {
			return 0, err
		}
		total += gz(b)
	}
	return float64(total) / 1024, nil
}

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}
