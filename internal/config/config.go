// Package config decodes a site's config.toml into a typed Config. Every key
// has a default (Default), so an empty file is a valid site; an unknown key
// is an error naming its line, because it is almost always a typo that would
// otherwise be silently ignored.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"kb/internal/diag"
	"kb/internal/tomldoc"
)

// File is the config file's name at the site root.
const File = "config.toml"

// Config is a site's settings.
type Config struct {
	Title       string
	Description string
	// BaseURL is absolute and ends in "/"; its path is the prefix of every
	// URL the site links to (for a GitHub project site, "/repo/").
	BaseURL    string
	Language   string
	Theme      string
	Author     string
	CNAME      string
	Taxonomies []string
	Markdown   Markdown
	Params     map[string]any
}

// Markdown holds the Markdown renderer's settings.
type Markdown struct {
	// UnsafeHTML lets raw HTML in Markdown through; off, it is escaped.
	UnsafeHTML bool
	// HighlightStyle and HighlightStyleDark name chroma styles for code in
	// light and dark colour schemes.
	HighlightStyle     string
	HighlightStyleDark string
}

// Default returns the settings of a site whose config.toml is empty.
func Default() Config {
	return Config{
		Title:      "Untitled site",
		BaseURL:    "http://127.0.0.1:1313/",
		Language:   "en",
		Theme:      "default",
		Taxonomies: []string{"tags"},
		Markdown: Markdown{
			HighlightStyle:     "github",
			HighlightStyleDark: "github-dark",
		},
		Params: map[string]any{},
	}
}

var (
	keys         = []string{"title", "description", "base_url", "language", "theme", "author", "cname", "taxonomies", "markdown", "params"}
	markdownKeys = []string{"unsafe_html", "highlight_style", "highlight_style_dark"}
	nameRE       = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	hostRE       = regexp.MustCompile(`^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`)
)

// Load reads config.toml from the site root. A missing file gives Default.
func Load(site fs.FS) (Config, error) {
	src, err := fs.ReadFile(site, File)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	if err != nil {
		return Config{}, diag.Errorf(File, 0, 0, "%v", err)
	}
	return Parse(string(src))
}

// Parse decodes the text of config.toml over the defaults. The error, if
// any, is a diag.List with every problem found.
func Parse(src string) (Config, error) {
	c := Default()
	doc, err := tomldoc.Parse(File, src, 0)
	if err != nil {
		return c, diag.List{err.(diag.Diagnostic)}
	}
	var errs diag.List
	doc.CheckKeys(&errs, keys)
	doc.CheckKeys(&errs, markdownKeys, "markdown")
	str := func(dst *string, path ...string) {
		if _, ok := doc.Get(path...); ok {
			*dst = doc.String(&errs, path...)
		}
	}
	str(&c.Title, "title")
	str(&c.Description, "description")
	str(&c.BaseURL, "base_url")
	str(&c.Language, "language")
	str(&c.Theme, "theme")
	str(&c.Author, "author")
	str(&c.CNAME, "cname")
	if _, ok := doc.Get("taxonomies"); ok {
		c.Taxonomies = doc.Strings(&errs, "taxonomies")
	}
	doc.Table(&errs, "markdown")
	c.Markdown.UnsafeHTML = doc.Bool(&errs, "markdown", "unsafe_html")
	str(&c.Markdown.HighlightStyle, "markdown", "highlight_style")
	str(&c.Markdown.HighlightStyleDark, "markdown", "highlight_style_dark")
	if p := doc.Table(&errs, "params"); p != nil {
		c.Params = p
	}

	if len(errs) == 0 {
		if u, err := NormalizeBaseURL(c.BaseURL); err != nil {
			errs.Add(doc.Errorf([]string{"base_url"}, "%v", err))
		} else {
			c.BaseURL = u
		}
		seen := map[string]bool{}
		for _, t := range c.Taxonomies {
			if !nameRE.MatchString(t) {
				errs.Add(doc.Errorf([]string{"taxonomies"}, "taxonomy %q must be a lowercase name like \"tags\"", t))
			}
			if seen[t] {
				errs.Add(doc.Errorf([]string{"taxonomies"}, "taxonomy %q is listed twice", t))
			}
			seen[t] = true
		}
		if c.CNAME != "" && !hostRE.MatchString(c.CNAME) {
			errs.Add(doc.Errorf([]string{"cname"}, "cname %q must be a bare host name like \"docs.example.com\"", c.CNAME))
		}
		if !nameRE.MatchString(c.Theme) {
			errs.Add(doc.Errorf([]string{"theme"}, "theme %q must be the name of a folder under themes/", c.Theme))
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return c, errs
	}
	return c, nil
}

// NormalizeBaseURL checks that u is an absolute http(s) URL with no query or
// fragment, and gives it the trailing slash that every URL is joined to.
func NormalizeBaseURL(u string) (string, error) {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", fmt.Errorf("base_url %q must be an absolute http or https URL like \"https://owner.github.io/repo/\"", u)
	}
	if p.RawQuery != "" || p.Fragment != "" || p.User != nil {
		return "", fmt.Errorf("base_url %q must not have a query, fragment or user", u)
	}
	if !strings.HasSuffix(p.Path, "/") {
		p.Path += "/"
	}
	return p.String(), nil
}

// BasePath is the path of BaseURL ("/" or "/repo/"), the prefix of every
// site-internal link.
func (c Config) BasePath() string {
	p, err := url.Parse(c.BaseURL)
	if err != nil || p.Path == "" {
		return "/"
	}
	return p.EscapedPath()
}
