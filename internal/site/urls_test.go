package site

import (
	"net/url"
	"strings"
	"testing"
)

// TestEscapePath: a path of plain characters is returned as it is, and
// every path escapes as url.PathEscape escapes each of its segments.
func TestEscapePath(t *testing.T) {
	paths := []string{"/", "/roles/cto/", "roles/cto-vs-vp_engineering.v2~x/", "/a b/c/", "/über/", "/100%/", "/q?x/", "/a+b/", "/a:b/", "/a#b/", "/tab\there/", "/日本/"}
	for _, p := range paths {
		segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
		for i, s := range segs {
			segs[i] = url.PathEscape(s)
		}
		if got, want := escapePath(p), strings.Join(segs, "/"); got != want {
			t.Errorf("escapePath(%q) = %q, want %q", p, got, want)
		}
	}
	if !plainPath("roles/cto-vs-vp_engineering.v2~x/") || plainPath("a b") || plainPath("ü") {
		t.Error("plainPath misjudges a path")
	}
}
