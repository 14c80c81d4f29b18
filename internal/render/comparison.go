package render

import (
	"html/template"
	"slices"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/site"
)

// Comparison is a table of pages by dimensions: a compare block, a pair
// page, or a section's matrix.
type Comparison struct {
	Section *site.Page
	Pages   []*site.Page
	Groups  []RowGroup
	Caption string
	// ID is unique on the page that shows the table, for labels.
	ID string
}

// RowGroup is the rows of one dimension group; Name is "" for rows
// without a group.
type RowGroup struct {
	Name string
	Rows []Row
}

// Row is one dimension across the compared pages. Same is true when every
// page has the same value, for the "only differences" view.
type Row struct {
	Dimension content.Dimension
	Cells     []Cell
	Same      bool
}

// Cell is one page's value for a dimension, rendered; Missing when the page
// gives none.
type Cell struct {
	Page    *site.Page
	Items   []template.HTML
	List    bool
	Missing bool
}

// Compare builds the table of pages over the section's dimensions ids (all
// of them when ids is empty), grouped in declared order, with the pages'
// profile values as rendered.
func (r *Result) Compare(sec *site.Page, pages []*site.Page, ids []string, caption, id string) Comparison {
	c := Comparison{Section: sec, Pages: pages, Caption: caption, ID: id}
	for _, d := range sec.Dimensions {
		if len(ids) > 0 && !slices.Contains(ids, d.ID) {
			continue
		}
		row := Row{Dimension: d, Same: true}
		for i, p := range pages {
			cell := Cell{Page: p, Items: r.profile(p)[d.ID], List: p.ProfileValues[d.ID].List}
			cell.Missing = len(cell.Items) == 0
			row.Cells = append(row.Cells, cell)
			if i > 0 && !sameCell(cell, row.Cells[0]) {
				row.Same = false
			}
		}
		if n := len(c.Groups); n == 0 || c.Groups[n-1].Name != d.Group {
			c.Groups = append(c.Groups, RowGroup{Name: d.Group})
		}
		g := &c.Groups[len(c.Groups)-1]
		g.Rows = append(g.Rows, row)
	}
	return c
}

func sameCell(a, b Cell) bool {
	return a.Missing == b.Missing && slices.Equal(a.Items, b.Items)
}

// profile is p's profile values rendered; it reads that field alone, as
// other pages' layouts may run meanwhile (see ReleaseHTML).
func (r *Result) profile(p *site.Page) map[string][]template.HTML {
	if i, ok := r.index(p); ok {
		return r.pages[i].Profile
	}
	return nil
}
