package markdown

import (
	"errors"
	"slices"
	"strings"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/tomldoc"
)

// CompareSpec is a compare block, a fenced block with the info string
// "compare" and a TOML body:
//
//	```compare
//	pages = ["cto", "vp-engineering"]
//	dimensions = ["focus", "horizon"]   # optional: all, in declared order
//	caption = "CTO and VP of Engineering"  # optional
//	```
type CompareSpec struct {
	Pages      []string
	Dimensions []string
	Caption    string
	// File and At place messages: At gives the line and column of a key
	// ("pages", "dimensions"), or of the block's fence.
	File string
	At   func(key string) (line, col int)
}

// Comparer renders a compare block's table, or says what is wrong with it.
type Comparer func(CompareSpec) ([]byte, diag.List)

var compareKeys = []string{"pages", "dimensions", "caption"}

// ParseCompare reads a compare block's TOML body, which starts on line
// line0+1 of file. It checks the shape (at least two distinct pages,
// distinct dimensions); what the names mean is for the Comparer.
func ParseCompare(file, body string, line0 int) (CompareSpec, diag.List) {
	doc, err := tomldoc.Parse(file, body, line0)
	if err != nil {
		var d diag.Diagnostic
		if !errors.As(err, &d) {
			d = diag.Errorf(file, line0+1, 1, "%v", err)
		}
		d.Msg = "compare block: " + d.Msg
		return CompareSpec{}, diag.List{d}
	}
	var errs diag.List
	doc.CheckKeys(&errs, compareKeys)
	spec := CompareSpec{
		Pages:      doc.Strings(&errs, "pages"),
		Dimensions: doc.Strings(&errs, "dimensions"),
		Caption:    strings.TrimSpace(doc.String(&errs, "caption")),
		File:       file,
		At:         func(key string) (int, int) { return doc.At(key) },
	}
	if _, ok := doc.Get("pages"); !ok {
		errs.Add(doc.Errorf(nil, "compare block has no pages: add pages = [\"a\", \"b\"], two or more pages to compare"))
	} else if len(spec.Pages) < 2 && len(errs) == 0 {
		errs.Add(doc.Errorf([]string{"pages"}, "compare block needs at least two pages, has %d", len(spec.Pages)))
	}
	for _, list := range []struct {
		key  string
		vals []string
	}{{"pages", spec.Pages}, {"dimensions", spec.Dimensions}} {
		for i, v := range list.vals {
			if strings.TrimSpace(v) == "" {
				errs.Add(doc.Errorf([]string{list.key}, "compare block: %s[%d] is empty", list.key, i))
			} else if slices.Index(list.vals, v) < i {
				errs.Add(doc.Errorf([]string{list.key}, "compare block: %q is listed twice in %s", v, list.key))
			}
		}
	}
	if _, ok := doc.Get("dimensions"); ok && len(spec.Dimensions) == 0 && len(errs) == 0 {
		errs.Add(doc.Errorf([]string{"dimensions"}, "compare block: dimensions is empty; leave it out to show all"))
	}
	for i := range errs {
		if !strings.HasPrefix(errs[i].Msg, "compare block") {
			errs[i].Msg = "compare block: " + errs[i].Msg
		}
	}
	return spec, errs
}

// CompareBlock makes the renderer of compare blocks: the body is checked
// by ParseCompare, then drawn by the Comparer.
func CompareBlock(c Comparer) BlockRenderer {
	return func(file, body string, fenceLine int) ([]byte, diag.List) {
		spec, errs := ParseCompare(file, body, fenceLine)
		if len(errs) > 0 {
			return nil, errs
		}
		return c(spec)
	}
}
