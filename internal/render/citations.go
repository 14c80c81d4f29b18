package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/tomldoc"
)

// citations renders "citations" blocks: the list of articles that cite a
// source, so a page about the sources stays true as articles change.
//
//	```citations
//	source = "CTO vs Head of Engineering"
//	```
//
// The source is its title, or enough of the title's start to name one
// source only: quoting a long title in full would copy the source's words
// into the page.
func (r *Renderer) citations(prev *Result) markdown.BlockRenderer {
	return func(file, body string, fenceLine int) ([]byte, diag.List) {
		pages, errs := Citing(r.site, file, body, fenceLine)
		if len(errs) > 0 {
			return nil, errs
		}
		var buf bytes.Buffer
		if err := r.partials.ExecutePartial(&buf, "page-list", prev.List(pages)); err != nil {
			return nil, diag.List{diag.Errorf(file, fenceLine, 1, "%v", err)}
		}
		return buf.Bytes(), nil
	}
}

// Citing reads a citations block's body, which starts on the line after
// fenceLine of file, and returns the articles citing the source it
// names: what the block lists, on the page and in its Markdown copy.
func Citing(s *site.Site, file, body string, fenceLine int) ([]*site.Page, diag.List) {
	doc, err := tomldoc.Parse(file, body, fenceLine)
	if err != nil {
		return nil, diag.List{err.(diag.Diagnostic)}
	}
	var errs diag.List
	doc.CheckKeys(&errs, []string{"source"})
	title := doc.String(&errs, "source")
	if len(errs) > 0 {
		return nil, errs
	}
	full, err := matchTitle(title, s.CitedTitles())
	if err != nil {
		return nil, diag.List{doc.Errorf([]string{"source"}, "citations block: %v", err)}
	}
	return s.Citing(full), nil
}

// matchTitle finds the cited title that is title, or failing that the only
// one that starts with it (ignoring case).
func matchTitle(title string, titles []string) (string, error) {
	var starts []string
	for _, t := range titles {
		if t == title {
			return t, nil
		}
		if strings.HasPrefix(strings.ToLower(t), strings.ToLower(title)) {
			starts = append(starts, t)
		}
	}
	switch {
	case title == "":
		return "", fmt.Errorf("source is empty: give a cited title, or its start")
	case len(starts) == 1:
		return starts[0], nil
	case len(starts) > 1:
		return "", fmt.Errorf("%d cited titles start with %q (%s); give more of the title", len(starts), title, strings.Join(starts, "; "))
	}
	return "", fmt.Errorf("no page cites a source titled %q%s", title, diag.DidYouMean(title, titles))
}
