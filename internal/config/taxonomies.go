package config

import (
	"slices"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/tomldoc"
)

// generatedPages are the top-level pages kb makes whatever the content
// (site.SearchURL, site.AllArticlesURL and site.GraphURL, which this
// package cannot import): a taxonomy's index page at /NAME/ would take
// one's URL.
var generatedPages = []string{"search", "all-articles", "graph"}

// checkTaxonomies reports each taxonomy name that cannot work, once. A
// taxonomy's name is a front matter key and the first segment of its
// pages' URLs, so it must be a plain lowercase word that neither a front
// matter key nor a page kb generates already uses; any of those would make
// every page, or every build, fail in a way that points away from
// config.toml.
func checkTaxonomies(doc *tomldoc.Doc, names []string) diag.List {
	var errs diag.List
	at := []string{"taxonomies"}
	seen, bad := map[string]bool{}, map[string]bool{}
	for _, t := range names {
		n := len(errs)
		switch {
		case seen[t] && bad[t]:
			// reported once already
		case seen[t]:
			errs.Add(doc.Errorf(at, "taxonomy %q is listed twice", t))
		case !nameRE.MatchString(t):
			errs.Add(doc.Errorf(at, "taxonomy %q must be a lowercase name like \"tags\": letters, digits, - and _, starting with a letter", t))
		case slices.Contains(content.FrontMatterKeys(), t):
			errs.Add(doc.Errorf(at, "taxonomy %q has the name of a front-matter key; choose another name", t))
		case slices.Contains(generatedPages, t):
			errs.Add(doc.Errorf(at, "taxonomy %q would have its page at /%s/, where kb makes its own %s page; choose another name", t, t, t))
		}
		seen[t] = true
		bad[t] = bad[t] || len(errs) > n
	}
	return errs
}
