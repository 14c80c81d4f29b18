package serve

import (
	"bytes"
	_ "embed"
	"html"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// reserved is the folder under the base path where the server's own
// endpoints live; no site file can be there (kb does not produce it).
const reserved = "__kb/"

//go:embed live.js
var liveJS []byte

// Handler serves the current build. Paths follow GitHub Pages: "/dir/"
// serves dir/index.html, "/dir" redirects to "/dir/", "/page" serves
// page.html when there is one, and anything else is the site's 404 page
// with status 404. Outside the base path, "/" redirects to it; no
// redirect ever leads outside the base path. A panic while answering is
// an internal error (500), logged once.
//
// Handler does not check the Host header, as it cannot know the address
// it is served on: Serve adds that check for its listener. Anything else
// that serves Handler (tests do) is open to DNS rebinding.
func (s *Server) Handler() http.Handler {
	return s.recovering(http.HandlerFunc(s.serveHTTP))
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.serveFrom(w, r, s.current.Load())
}

// serveFrom answers r from the snapshot cur.
func (s *Server) serveFrom(w http.ResponseWriter, r *http.Request, cur *snapshot) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || hasControl(p) {
		s.notFound(w, r, cur)
		return
	}
	// Clean before matching, so "/repo/../x" or "/repo/%2e%2e/x" cannot
	// name anything the base path does not hold; the map of built files
	// is all there is to serve in any case.
	clean := cleanPath(p)
	if cur.base != "/" && (clean == "/" || clean+"/" == cur.base) {
		s.redirect(w, r, cur, cur.base, http.StatusFound)
		return
	}
	if clean != p {
		s.redirect(w, r, cur, clean, http.StatusMovedPermanently)
		return
	}
	rel, ok := strings.CutPrefix(p, cur.base)
	if !ok {
		s.notFound(w, r, cur)
		return
	}
	if cur.head != nil && rel != reserved+"events" { // a stream is no request to wait for
		cur.head.begin()
		defer cur.head.end()
	}
	switch rel {
	case reserved + "events":
		s.serveEvents(w, r)
		return
	case reserved + "live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(liveJS)
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, found := cur.files[name]
	if !found {
		if _, isDir := cur.files[name+"/index.html"]; isDir {
			s.redirect(w, r, cur, p+"/", http.StatusMovedPermanently)
			return
		}
		if page, ok := cur.files[name+".html"]; ok {
			name, data, found = name+".html", page, true
		}
	}
	if !found && strings.HasSuffix(name, ".html") {
		// A page asked for that is not there (yet): a rebuild that makes
		// it lays it out first, as it does the pages open.
		s.recent.add(name)
	}
	if !found && cur.pending != nil && cur.mayHave(name) {
		// A rebuild served its first files and is making the rest:
		// answer from its result, or from the last good build if it
		// fails. The first build has no last good build: its result or
		// its errors are all there is to wait for.
		if cur.head != nil {
			cur.head.cut() // what it asks for comes after the pause
		}
		var slow <-chan time.Time
		if cur.fallback != nil {
			wait := time.NewTimer(s.timeouts.pending)
			defer wait.Stop()
			slow = wait.C
		}
		select {
		case <-cur.pending:
			next := s.current.Load()
			if next == cur {
				next = cur.fallback // not replaced: nothing more to wait for
			}
			if next == nil {
				s.notFound(w, r, cur)
				return
			}
			s.serveFrom(w, r, next)
		case <-slow:
			s.serveFrom(w, r, cur.fallback) // a rebuild that does not end
		case <-r.Context().Done():
		}
		return
	}
	if !found {
		s.notFound(w, r, cur)
		return
	}
	if strings.HasSuffix(name, ".html") {
		s.recent.add(name)
	}
	s.write(w, r, cur, name, data, http.StatusOK)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, cur *snapshot) {
	if !cur.built() {
		// Nothing was built: every page is missing, and a bare "not
		// found" under the overlay would be a lie about the page asked for.
		s.write(w, r, cur, "index.html", nothingBuilt, http.StatusServiceUnavailable)
		return
	}
	data, ok := cur.files["404.html"]
	if !ok {
		data = []byte("<!DOCTYPE html><title>Not found</title><p>Not found.</p>")
	}
	s.write(w, r, cur, "404.html", data, http.StatusNotFound)
}

// nothingBuilt is the page served while the site has errors and no build
// has succeeded yet; the overlay lists the errors over it.
var nothingBuilt = []byte(`<!DOCTYPE html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Nothing built yet - kb serve</title>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Nothing built yet</h1><p>The site has errors, so kb serve has not built it. They are listed over this page and in the terminal; save a fix and this page becomes the site.</p></body></html>`)

func (s *Server) write(w http.ResponseWriter, r *http.Request, cur *snapshot, name string, data []byte, status int) {
	h := w.Header()
	ctype := contentType(name, data)
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, cur)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// inject adds the live reload script to a page, loaded relative to the
// base path and told which build the page comes from.
func inject(page []byte, cur *snapshot) []byte {
	base := html.EscapeString(escapePath(cur.base))
	tag := `<script src="` + base + reserved + `live.js" data-base="` + base + `" data-id="` + html.EscapeString(cur.id) + `" defer></script>`
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out := make([]byte, 0, len(page)+len(tag))
		out = append(out, page[:i]...)
		out = append(out, tag...)
		return append(out, page[i:]...)
	}
	return append(append([]byte{}, page...), tag...)
}

// contentType is the Content-Type of an output file. Markdown's is set
// here, not left to the MIME table, which comes partly from the system
// (/etc/mime.types) and lacks .md on many: pages' Markdown copies are
// served as GitHub Pages serves them.
func contentType(name string, data []byte) string {
	ext := path.Ext(name)
	if ext == ".md" {
		return "text/markdown; charset=utf-8"
	}
	if ctype := mime.TypeByExtension(ext); ctype != "" {
		return ctype
	}
	return http.DetectContentType(data)
}
