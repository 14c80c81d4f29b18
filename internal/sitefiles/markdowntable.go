package sitefiles

import (
	"strings"

	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
)

// compareBlock is a compare block of page p as a Markdown table; "" when
// the block does not read, which rendering reported.
func (c *MarkdownCopier) compareBlock(p *site.Page, e markdown.Edit) string {
	spec, errs := markdown.ParseCompare(p.File, e.Body, e.FenceLine)
	if len(errs) > 0 {
		return ""
	}
	var pages []*site.Page
	for _, name := range spec.Pages {
		q, err := c.site.FindPage(name)
		if err != nil || len(q.ProfileValues) == 0 || len(pages) > 0 && q.Parent != pages[0].Parent {
			return ""
		}
		pages = append(pages, q)
	}
	if len(pages) == 0 {
		return ""
	}
	return c.table(c.rendered.Compare(pages[0].Parent, pages, spec.Dimensions, spec.Caption, ""))
}

// table writes a comparison as the page's compare-table shows it: its
// caption, a column per page headed by its short title linked to it, a
// row per dimension under a row naming its group (unless the group is
// named like its first row), "Not specified" where a page gives no
// value, and a list's items one a line.
func (c *MarkdownCopier) table(cmp render.Comparison) string {
	var b strings.Builder
	caption := cmp.Caption
	if caption == "" {
		names := make([]string, len(cmp.Pages))
		for i, p := range cmp.Pages {
			names[i] = p.ShortTitle()
		}
		caption = strings.Join(names, " vs ")
	}
	b.WriteString("**" + markdown.EscapeText(caption) + "**\n\n|  |")
	for _, p := range cmp.Pages {
		b.WriteString(" " + cellText("["+markdown.EscapeText(p.ShortTitle())+"]("+markdown.Destination(c.site.URLs.Abs(p.URL))+")") + " |")
	}
	b.WriteString("\n| --- |" + strings.Repeat(" --- |", len(cmp.Pages)) + "\n")
	for _, g := range cmp.Groups {
		if g.Name != "" && len(g.Rows) > 0 && !strings.EqualFold(g.Name, g.Rows[0].Dimension.Label) {
			b.WriteString("| **" + cellText(markdown.EscapeText(g.Name)) + "** |" + strings.Repeat("  |", len(cmp.Pages)) + "\n")
		}
		for _, row := range g.Rows {
			b.WriteString("| " + cellText(markdown.EscapeText(row.Dimension.Label)) + " |")
			for _, cell := range row.Cells {
				b.WriteString(" " + c.cell(cell, row.Dimension.ID) + " |")
			}
			b.WriteByte('\n')
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// cell is one page's value for a dimension, on one line of a table.
func (c *MarkdownCopier) cell(cell render.Cell, id string) string {
	items := c.profiles[cell.Page][id]
	if cell.Missing || len(items) == 0 {
		return "*Not specified*"
	}
	out := make([]string, len(items))
	for i, item := range items {
		out[i] = cellText(item)
	}
	return strings.Join(out, "<br>")
}

// cellText puts Markdown on one line of a table cell: its line breaks
// become spaces, and a "|" not already escaped is escaped, or it would
// end the cell.
func cellText(md string) string {
	md = strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ").Replace(md))
	if !strings.Contains(md, "|") {
		return md
	}
	var b strings.Builder
	backslashes := 0
	for i := 0; i < len(md); i++ {
		if md[i] == '|' && backslashes%2 == 0 {
			b.WriteByte('\\')
		}
		if md[i] == '\\' {
			backslashes++
		} else {
			backslashes = 0
		}
		b.WriteByte(md[i])
	}
	return b.String()
}
