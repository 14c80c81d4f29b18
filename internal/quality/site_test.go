package quality

import (
	"context"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/browsertest"
	"github.com/kbsite/kb/internal/build"
	"github.com/kbsite/kb/internal/output"
)

// published is the repository's site, built for and served at a project
// subpath on a free local port, as GitHub Pages would serve it.
type published struct {
	base  string // "http://127.0.0.1:PORT/kb-test/"
	res   *build.Result
	files map[string][]byte
}

const subpath = "/kb-test/"

func publish(t *testing.T) *published {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + subpath
	res, err := build.Build(os.DirFS("../.."), build.Options{BaseURL: base})
	if err != nil {
		t.Fatalf("the site does not build:\n%v", err)
	}
	p := &published{base: base, res: res, files: res.Files}
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return p
}

// ServeHTTP serves the built files the way GitHub Pages does: a folder's
// index.html, a redirect for a folder without its slash, and the site's
// 404 page with status 404.
func (p *published) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rel, ok := strings.CutPrefix(r.URL.Path, subpath)
	if !ok {
		p.notFound(w)
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, found := p.files[name]
	if !found {
		if _, dir := p.files[name+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		p.notFound(w)
		return
	}
	if ct := mimeType(name); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	_, _ = w.Write(data)
}

func (p *published) notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write(p.files["404.html"])
}

func mimeType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	}
	return ""
}

// tool finds an outside tool by environment variable; what a missing one
// means is browsertest's decision, the same for every outside tool.
func tool(t *testing.T, env, what string) string {
	t.Helper()
	p := os.Getenv(env)
	if p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	browsertest.MissingTool(t, "%s not found: set %s (.ci/run installs it)", what, env)
	return ""
}

// browser starts a headless Chromium, in dark mode when asked.
func browser(t *testing.T, dark bool) context.Context { return browsertest.New(t, dark) }

// writeOut writes the built files to a temporary folder.
func writeOut(t *testing.T, p *published) string {
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := output.WriteDir(dir, p.files); err != nil {
		t.Fatal(err)
	}
	return dir
}
