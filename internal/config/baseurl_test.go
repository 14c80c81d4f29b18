package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://owner.github.io/repo":   "https://owner.github.io/repo/",
		"https://owner.github.io/repo/":  "https://owner.github.io/repo/",
		"http://127.0.0.1:1313/":         "http://127.0.0.1:1313/",
		"https://example.org":            "https://example.org/",
		"HTTPS://example.org/a/b-c_d.e~": "https://example.org/a/b-c_d.e~/",
		"http://[::1]:8080/x/":           "http://[::1]:8080/x/",
	} {
		u, err := ParseBaseURL(in)
		if err != nil || u.String() != want {
			t.Errorf("ParseBaseURL(%q) = %v, %v; want %q", in, u, err, want)
		}
	}
	for in, want := range map[string]string{
		"owner.github.io":                "must be an absolute http or https URL",
		"ftp://example.org/":             "must be an absolute http or https URL",
		"https://":                       "must be an absolute http or https URL",
		"https:example.org":              "must be an absolute http or https URL",
		"https://:80/":                   "must be an absolute http or https URL",
		"/repo/":                         "must be an absolute http or https URL",
		"https://exa mple.org/":          "must be an absolute http or https URL",
		"https://user:pw@example.org/":   "must not have a user name or password",
		"https://example.org/?x=1":       "must not have a query or fragment",
		"https://example.org/#top":       "must not have a query or fragment",
		"https://example.org/?":          "must not have a query or fragment",
		"https://example.org/../../":     "must not have . or .. in its path",
		"https://example.org/a/./b/":     "must not have . or .. in its path",
		"https://example.org//repo/":     "must not have an empty segment",
		"https://example.org/my site/":   `has " " in its path`,
		"https://example.org/my%20site/": `has "%" in its path`,
		"https://example.org/caf\u00e9/": `has "é" in its path`,
		"https://example.org/a(b)/":      `has "(" in its path`,
		"https://example.org/a\\b/":      "",
		"https://example.org/a\tb/":      "must be an absolute http or https URL",
	} {
		_, err := ParseBaseURL(in)
		if err == nil || (want != "" && !strings.Contains(err.Error(), want)) {
			t.Errorf("ParseBaseURL(%q) error = %v; want %q", in, err, want)
		}
	}
}

func TestMissingConfigWarns(t *testing.T) {
	c, err := Load(fstest.MapFS{})
	if err != nil || !c.NoFile {
		t.Fatalf("Load = %+v, %v", c, err)
	}
	w := c.Warnings()
	want := `config.toml: warning: no config.toml found; using title "Untitled site" and base_url http://127.0.0.1:1313/, so canonical links, the feed and the sitemap point at this machine: create one with title = "..." and base_url = "https://owner.github.io/repo/"`
	if len(w) != 1 || w[0].Error() != want {
		t.Errorf("got %v\nwant %s", w, want)
	}
	c.BaseURL = "https://owner.github.io/repo/" // as -base-url sets it
	if w := c.Warnings(); len(w) != 1 || strings.Contains(w[0].Msg, "base_url http") {
		t.Errorf("got %v", w)
	}
	c, _ = Load(fstest.MapFS{File: {Data: []byte("title = \"T\"\n")}})
	if c.NoFile || len(c.Warnings()) != 0 {
		t.Errorf("a config.toml was found: %+v", c)
	}
}

func TestTaxonomyNames(t *testing.T) {
	_, err := Parse("\ntaxonomies = [\"tags\", \"title\", \"\", \"a/b\", \"Tags\", \"Tags\", \"tags\", \"search\", \"params\"]\n")
	want := []string{
		`config.toml:2:1: taxonomy "" must be a lowercase name like "tags": letters, digits, - and _, starting with a letter`,
		`config.toml:2:1: taxonomy "Tags" must be a lowercase name like "tags": letters, digits, - and _, starting with a letter`,
		`config.toml:2:1: taxonomy "a/b" must be a lowercase name like "tags": letters, digits, - and _, starting with a letter`,
		`config.toml:2:1: taxonomy "params" has the name of a front-matter key; choose another name`,
		`config.toml:2:1: taxonomy "search" would have its page at /search/, where kb makes its own search page; choose another name`,
		`config.toml:2:1: taxonomy "tags" is listed twice`,
		`config.toml:2:1: taxonomy "title" has the name of a front-matter key; choose another name`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
}
