package sitefiles

import (
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// LLMsFile is where the llms.txt index goes, LLMsFullFile the file of
// every article; a site's own static file of either name replaces kb's.
const (
	LLMsFile     = "llms.txt"
	LLMsFullFile = "llms-full.txt"
)

// LLMs is llms.txt, the index of the site for language models in the
// llms.txt convention (llmstxt.org): an H1 with the site's title, its
// description as a quote, a line on how to read the links, then an H2
// per section in the order of the all-articles page (the navigation's,
// nested sections after their parent) listing every article's Markdown
// copy with its description. The home page and section pages come last,
// under "Optional", the section the convention lets a reader skip when
// its context is short: they introduce and list what the articles say.
func LLMs(s *site.Site) []byte {
	var b strings.Builder
	llmsTitle(&b, s)
	b.WriteString("Each link leads to a page's Markdown; the page itself is at the same address without `index.md`. ")
	b.WriteString("Every article in one file: [" + LLMsFullFile + "](" + markdown.Destination(s.URLs.Abs(LLMsFullFile)) + ").\n")
	for _, g := range articleGroups(s) {
		b.WriteString("\n## " + markdown.EscapeText(g.title) + "\n\n")
		for _, p := range g.pages {
			b.WriteString(listEntry(p.Title, s.URLs.Abs(p.MarkdownURL()), p.Description))
		}
	}
	var overviews []*site.Page
	for _, p := range append([]*site.Page{s.Home}, s.AllSections...) {
		if p != nil && p.MarkdownURL() != "" {
			overviews = append(overviews, p)
		}
	}
	if len(overviews) > 0 {
		b.WriteString("\n## Optional\n\n")
		for _, p := range overviews {
			b.WriteString(listEntry(p.Title, s.URLs.Abs(p.MarkdownURL()), p.Description))
		}
	}
	return []byte(b.String())
}

// llmsTitle writes the H1 and the quote that llms.txt and llms-full.txt
// start with: the site's title and description, or its home page's.
func llmsTitle(b *strings.Builder, s *site.Site) {
	title, desc := s.Config.Title, s.Config.Description
	if s.Home != nil {
		if title == "" {
			title = s.Home.Title
		}
		if desc == "" {
			desc = s.Home.Description
		}
	}
	if title == "" {
		title = s.URLs.Abs("")
	}
	b.WriteString("# " + markdown.EscapeText(title) + "\n\n")
	if desc != "" {
		b.WriteString("> " + markdown.EscapeText(desc) + "\n\n")
	}
}

// articleGroup is a heading of llms.txt and the articles under it.
type articleGroup struct {
	title string
	pages []*site.Page
}

// articleGroups are every article with a Markdown copy, by section as
// the all-articles page groups them: every section, the tree walked depth
// first in list order, then the articles outside every section.
// A nested section goes by its path ("Guides / Deep"), as a heading of
// llms.txt has nothing above it to say where it is.
func articleGroups(s *site.Site) []articleGroup {
	var out []articleGroup
	add := func(title string, pages []*site.Page) {
		var g articleGroup
		g.title = title
		for _, p := range pages {
			if p.MarkdownURL() != "" {
				g.pages = append(g.pages, p)
			}
		}
		if len(g.pages) > 0 {
			out = append(out, g)
		}
	}
	for _, sec := range s.AllSections {
		add(sectionPath(sec), sec.Articles)
	}
	if s.Home != nil {
		add("Other articles", s.Home.Articles)
	}
	return out
}

// sectionPath is a section's title after those of the sections above it.
func sectionPath(sec *site.Page) string {
	var titles []string
	for _, a := range sec.Ancestors() {
		if a.Kind != content.Home {
			titles = append(titles, a.Title)
		}
	}
	return strings.Join(append(titles, sec.Title), " / ")
}
