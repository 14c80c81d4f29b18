package quality

import (
	"bytes"
	"compress/gzip"
	"regexp"
	"strings"
	"testing"
)

// weightBudget is what an article page may cost on the wire, gzipped: its
// HTML, stylesheets and scripts (the search index is excluded: it loads
// only when searching).
const weightBudget = 30_000

var assetRE = regexp.MustCompile(`<(?:link[^>]*rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src)="([^"]+)"`)

// TestPageWeight keeps article pages light: HTML, CSS and JavaScript
// under the budget gzipped, no web fonts, nothing from another origin.
func TestPageWeight(t *testing.T) {
	p := publish(t)
	for _, page := range []string{"roles/cto/index.html", "company-stages/one-leader-or-two/index.html", "index.html"} {
		html := p.files[page]
		total := gz(html)
		parts := []string{page}
		for _, m := range assetRE.FindAllSubmatch(html, -1) {
			u := string(m[1])
			if !strings.HasPrefix(u, subpath) {
				t.Errorf("%s loads %s, outside the site", page, u)
				continue
			}
			name := strings.TrimPrefix(u, subpath)
			data, ok := p.files[name]
			if !ok {
				t.Errorf("%s: %s missing", page, name)
				continue
			}
			total += gz(data)
			parts = append(parts, name)
			if strings.HasSuffix(name, ".css") && (bytes.Contains(data, []byte("@font-face")) || bytes.Contains(data, []byte("@import"))) {
				t.Errorf("%s uses web fonts or imports", name)
			}
		}
		t.Logf("%s: %d bytes gzipped (%s)", page, total, strings.Join(parts, ", "))
		if total > weightBudget {
			t.Errorf("%s weighs %d bytes gzipped with its CSS and JS; the budget is %d", page, total, weightBudget)
		}
	}
}

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Len()
}
