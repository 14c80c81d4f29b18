package sitefiles

import (
	"bytes"
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
)

// MarkdownCopier makes the Markdown copy of each page written in Markdown,
// published beside its HTML (site.Page.MarkdownURL), for language models
// and other readers of plain text. A copy is the page's Markdown as its
// author wrote it, under a short header (title, description, address,
// sources) in place of the front matter, with what means something only
// inside the site rewritten (markdown.Standalone): every link absolute
// under base_url, wikilinks as Markdown links, compare blocks as Markdown
// tables of the same data as the page's, citations blocks as lists.
// Callouts stay GitHub's "> [!NOTE]" quotes, which read the same
// anywhere. A section's copy ends as its page does: the matrix of its
// profiles, then its sections and articles.
//
// Links lead to pages' HTML addresses, not to their copies: an address a
// reader can open and cite, with its headings' fragments; llms.txt lists
// the copies.
type MarkdownCopier struct {
	site     *site.Site
	rendered *render.Result
	// profiles are each profiled article's values as Markdown with
	// absolute links, by dimension id: the cells of its tables.
	profiles map[*site.Page]map[string][]string
}

// NewMarkdownCopier prepares the copies of s's pages, rendered is what
// rendering found (the compare tables' rows), md the Markdown renderer
// that found it, which reads the profile values again for their links.
func NewMarkdownCopier(s *site.Site, md *markdown.Renderer, rendered *render.Result) *MarkdownCopier {
	c := &MarkdownCopier{site: s, rendered: rendered, profiles: map[*site.Page]map[string][]string{}}
	for _, p := range s.Pages {
		if len(p.ProfileValues) == 0 {
			continue
		}
		vals := map[string][]string{}
		for id, v := range p.ProfileValues {
			for _, item := range v.Items {
				// Rendering reported any problem of the value already.
				res, _ := md.RenderInline([]byte(item), markdown.Document{
					File:    p.File,
					Resolve: func(l markdown.Link) (markdown.Target, error) { return s.Resolve(p, l) },
				})
				vals[id] = append(vals[id], string(markdown.Standalone([]byte(item), res.Edits, res.Links, c.href, noBlocks)))
			}
		}
		c.profiles[p] = vals
	}
	return c
}

// noBlocks keeps data blocks as written, where none is expected.
func noBlocks(markdown.Edit) string { return "" }

// Copy is page p's Markdown copy, src its Markdown body and b what
// rendering it found.
func (c *MarkdownCopier) Copy(p *site.Page, src []byte, b render.Body) []byte {
	var out bytes.Buffer
	out.Grow(len(src) + 1024)
	c.header(&out, p)
	body := markdown.Standalone(src, b.Edits, b.Links, c.href, func(e markdown.Edit) string { return c.block(p, e) })
	if body = bytes.TrimSpace(body); len(body) > 0 {
		out.WriteString("\n---\n\n")
		out.Write(body)
		out.WriteByte('\n')
	}
	if p.Kind == content.Section {
		c.sectionLists(&out, p)
	}
	return out.Bytes()
}

// header is what a copy says in place of the front matter: the title as
// its heading, the description, the page's address and its sources.
func (c *MarkdownCopier) header(out *bytes.Buffer, p *site.Page) {
	out.WriteString("# " + markdown.EscapeText(p.Title) + "\n\n")
	if p.Description != "" {
		out.WriteString("> " + markdown.EscapeText(p.Description) + "\n\n")
	}
	out.WriteString(addressLine + c.site.URLs.Abs(p.URL) + ">\n")
	if len(p.Sources) > 0 {
		out.WriteString("\nSources:\n\n")
		for _, src := range p.Sources {
			out.WriteString("- " + sourceEntry(src) + "\n")
		}
	}
}

// addressLine starts the line of a copy's header that gives the page's
// address, before any line that could start so (the title's starts with
// "#", the description's with ">").
const addressLine = "URL: <"

// CopyAddress is the page address that a Markdown copy's header gives,
// read from the copy's first bytes; false when they hold no whole
// address line.
func CopyAddress(head []byte) (string, bool) {
	for {
		line, rest, whole := bytes.Cut(head, []byte("\n"))
		if !whole {
			return "", false
		}
		if a, ok := bytes.CutPrefix(line, []byte(addressLine)); ok {
			if a, ok = bytes.CutSuffix(a, []byte(">")); !ok {
				return "", false
			}
			return string(a), true
		}
		head = rest
	}
}

// sourceEntry is a source as the page lists it: its title, linked when
// it has an address, then its publisher and date.
func sourceEntry(src content.Source) string {
	s := markdown.EscapeText(src.Title)
	if src.URL != "" {
		s = "[" + s + "](" + markdown.Destination(src.URL) + ")"
	}
	if src.Publisher != "" {
		s += ", " + markdown.EscapeText(src.Publisher)
	}
	if !src.Date.IsZero() {
		s += ", " + src.Date.Format("2 January 2006")
	}
	return s
}

// href is the absolute URL a resolved link leads to.
func (c *MarkdownCopier) href(l markdown.Link) string {
	if u := c.site.AbsURL(l); u != "" {
		return u
	}
	return l.Target.Href
}

// block is the Markdown of a data block of page p: a compare block's
// table, a citations block's list; "" keeps a block as written.
func (c *MarkdownCopier) block(p *site.Page, e markdown.Edit) string {
	switch e.Lang {
	case "compare":
		return c.compareBlock(p, e)
	case "citations":
		pages, errs := render.Citing(c.site, p.File, e.Body, e.FenceLine)
		if len(errs) > 0 {
			return ""
		}
		return strings.TrimSuffix(c.pageList(pages), "\n")
	}
	return ""
}

// sectionLists ends a section's copy as its page ends: the matrix of its
// profiled articles, its sections, its articles.
func (c *MarkdownCopier) sectionLists(out *bytes.Buffer, sec *site.Page) {
	if profiled := sec.Profiled(); len(sec.Dimensions) > 0 && len(profiled) > 0 {
		out.WriteString("\n## Side by side\n\n")
		out.WriteString(c.table(c.rendered.Compare(sec, profiled, nil, sec.Title+": every profile, every dimension", "")))
		out.WriteByte('\n')
	}
	for _, l := range []struct {
		heading string
		pages   []*site.Page
	}{{"Sections", sec.Sections}, {"Articles", sec.Articles}} {
		if len(l.pages) > 0 {
			out.WriteString("\n## " + l.heading + "\n\n")
			out.WriteString(c.pageList(l.pages))
		}
	}
}

// pageList is pages as a Markdown list, each linked, with its description.
func (c *MarkdownCopier) pageList(pages []*site.Page) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(listEntry(p.Title, c.site.URLs.Abs(p.URL), p.Description))
	}
	return b.String()
}

// listEntry is a line of a Markdown list of links, as llms.txt has them:
// "- [title](url): description".
func listEntry(title, url, description string) string {
	s := "- [" + markdown.EscapeText(title) + "](" + markdown.Destination(url) + ")"
	if description != "" {
		s += ": " + markdown.EscapeText(description)
	}
	return s + "\n"
}
