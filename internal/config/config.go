// Package config decodes a site's config.toml into a typed Config. Every key
// has a default (Default), so an empty file is a valid site; an unknown key
// is an error naming its line, because it is almost always a typo that would
// otherwise be silently ignored. Values are checked for what would build
// without complaint but publish something broken: a base_url that is not a
// plain absolute http(s) URL (see ParseBaseURL), a taxonomy named like a
// front matter key or a page kb makes, a search facet that is no taxonomy. A site with no config.toml builds on
// the defaults, with a warning (see Config.Warnings).
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/tomldoc"
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
	Search     Search
	Outputs    Outputs
	// Terms are how each taxonomy's terms are shown, by taxonomy name.
	Terms map[string]Terms
	// EditURL, when set, is where a page's source can be edited: the
	// page's file path relative to the site root is appended
	// ("https://github.com/owner/repo/edit/main/" for GitHub).
	EditURL string
	Params  map[string]any
	// NoFile is set by Load when the site has no config.toml, so that a
	// build can warn that it runs on defaults (see Warnings).
	NoFile bool
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

// Outputs switches off what a site may not want made.
type Outputs struct {
	// SocialCards is whether each page gets a social card (card.png,
	// its og:image), when the theme links them. Drawing them is most of
	// a large site's first build; a site that no one shares can skip it.
	SocialCards bool
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
		Outputs: Outputs{SocialCards: true},
		// Search.Facets stays nil, which picks the facets from the
		// content (see Search).
		Params: map[string]any{},
	}
}

var (
	keys         = []string{"title", "description", "base_url", "language", "theme", "author", "cname", "edit_url", "taxonomies", "markdown", "search", "outputs", "terms", "params"}
	markdownKeys = []string{"unsafe_html", "highlight_style", "highlight_style_dark"}
	outputsKeys  = []string{"social_cards"}
	nameRE       = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	hostRE       = regexp.MustCompile(`^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`)
	editURLRE    = regexp.MustCompile(`^https?://[^/\s]+/\S*/$`)
)

// Load reads config.toml from the site root. A missing file gives Default.
func Load(site fs.FS) (Config, error) {
	src, err := fs.ReadFile(site, File)
	if errors.Is(err, fs.ErrNotExist) {
		c := Default()
		c.NoFile = true
		return c, nil
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
	doc.CheckKeys(&errs, searchKeys, "search")
	doc.CheckKeys(&errs, outputsKeys, "outputs")
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
	str(&c.EditURL, "edit_url")
	if _, ok := doc.Get("taxonomies"); ok {
		c.Taxonomies = doc.Strings(&errs, "taxonomies")
	}
	doc.Table(&errs, "markdown")
	c.Markdown.UnsafeHTML = doc.Bool(&errs, "markdown", "unsafe_html")
	str(&c.Markdown.HighlightStyle, "markdown", "highlight_style")
	str(&c.Markdown.HighlightStyleDark, "markdown", "highlight_style_dark")
	doc.Table(&errs, "search")
	c.Search.Facets = doc.Strings(&errs, "search", "facets") // nil when absent: the default
	doc.Table(&errs, "outputs")
	if _, ok := doc.Get("outputs", "social_cards"); ok {
		c.Outputs.SocialCards = doc.Bool(&errs, "outputs", "social_cards")
	}
	c.Terms = parseTerms(doc, &errs, c.Taxonomies)
	if p := doc.Table(&errs, "params"); p != nil {
		c.Params = p
	}

	if len(errs) == 0 {
		if u, err := NormalizeBaseURL(c.BaseURL); err != nil {
			errs.Add(doc.Errorf([]string{"base_url"}, "%v", err))
		} else {
			c.BaseURL = u
		}
		errs.Add(checkTaxonomies(doc, c.Taxonomies)...)
		errs.Add(checkSearch(doc, c.Search, c.Taxonomies)...)
		if c.CNAME != "" && !hostRE.MatchString(c.CNAME) {
			errs.Add(doc.Errorf([]string{"cname"}, "cname %q must be a bare host name like \"docs.example.com\"", c.CNAME))
		}
		if c.EditURL != "" && !editURLRE.MatchString(c.EditURL) {
			errs.Add(doc.Errorf([]string{"edit_url"}, "edit_url %q must be an absolute http or https URL ending in \"/\", to which a page's path is added (\"https://github.com/owner/repo/edit/main/\")", c.EditURL))
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

// Warnings are the problems of the settings that do not stop a build. A
// site without config.toml builds on defaults, and its canonical links,
// feed and sitemap then point at the author's machine: worth a word, since
// nothing else would show it.
func (c Config) Warnings() diag.List {
	if !c.NoFile {
		return nil
	}
	using := fmt.Sprintf("title %q", c.Title)
	if c.BaseURL == Default().BaseURL {
		using += fmt.Sprintf(" and base_url %s, so canonical links, the feed and the sitemap point at this machine", c.BaseURL)
	}
	return diag.List{diag.Warnf(File, 0, 0, "no config.toml found; using %s: create one with title = \"...\" and base_url = \"https://owner.github.io/repo/\"", using)}
}
