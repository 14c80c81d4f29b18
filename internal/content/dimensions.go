package content

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/tomldoc"
)

// Dimension is one row of a section's comparison tables: something every
// profiled article of the section has a value for.
type Dimension struct {
	ID          string
	Label       string
	Description string
	// Group gathers rows under a heading ("Focus", "People", "Money").
	Group string
}

var (
	dimensionKeys = []string{"id", "label", "description", "group"}
	dimensionID   = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
)

// parseDimensions reads a section's [[dimensions]]. Only sections (and the
// home page) declare them; ids must be unique and every dimension needs a
// label.
func parseDimensions(p *Page, doc *tomldoc.Doc, errs *diag.List) []Dimension {
	n := doc.Tables(errs, "dimensions")
	if n > 0 && p.Kind == Article {
		errs.Add(doc.Errorf([]string{"dimensions"}, "dimensions belong in a section's _index.md, not in an article; articles carry [profile] values"))
		return nil
	}
	out := make([]Dimension, 0, n)
	seen := map[string]bool{}
	for i := range n {
		at := []string{"dimensions", strconv.Itoa(i)}
		key := func(k string) []string { return append(append([]string{}, at...), k) }
		doc.CheckKeys(errs, dimensionKeys, at...)
		d := Dimension{
			ID:          doc.String(errs, key("id")...),
			Label:       strings.TrimSpace(doc.String(errs, key("label")...)),
			Description: strings.TrimSpace(doc.String(errs, key("description")...)),
			Group:       strings.TrimSpace(doc.String(errs, key("group")...)),
		}
		if mistyped(doc, key("id")) {
			continue // the wrong type is reported
		}
		switch {
		case d.ID == "":
			errs.Add(doc.Errorf(at, "dimension %d has no id: add id = \"...\", the key articles use in [profile]", i+1))
			continue
		case !dimensionID.MatchString(d.ID):
			errs.Add(doc.Errorf(key("id"), "dimension id %q must be lowercase letters, digits, - and _, starting with a letter", d.ID))
			continue
		case seen[d.ID]:
			errs.Add(doc.Errorf(key("id"), "dimension %q is declared twice", d.ID))
			continue
		}
		seen[d.ID] = true
		if d.Label == "" && !mistyped(doc, key("label")) {
			errs.Add(doc.Errorf(at, "dimension %q has no label: add label = \"...\", the row's heading", d.ID))
		}
		out = append(out, d)
	}
	return out
}

// mistyped reports a key written with a value that is not a string, whose
// error says so already: "has no id" would be a second message.
func mistyped(doc *tomldoc.Doc, path []string) bool {
	v, written := doc.Get(path...)
	_, isStr := v.(string)
	return written && !isStr
}
