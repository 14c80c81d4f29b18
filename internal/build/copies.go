package build

import (
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/sitefiles"
)

// addMarkdownCopies adds every page's Markdown copy, made on all cores,
// llms.txt and llms-full.txt, unless the site's static files have their
// own (which replace kb's, as a hand-written index should). Each source
// in srcs, by page index, is let go once its copy is made. It reports
// whether kb wrote llms-full.txt, which a text edit then brings up to
// date.
func addMarkdownCopies(out *output.Tree, s *site.Site, cp *sitefiles.MarkdownCopier, rendered *render.Result, srcs [][]byte, static map[string]string) bool {
	copies := make([][]byte, len(s.Pages))
	parallel.For(len(s.Pages), func(i int) {
		if p := s.Pages[i]; p.MarkdownURL() != "" {
			copies[i] = cp.Copy(p, srcs[i], rendered.Of(p).Body)
		}
		srcs[i] = nil
	})
	index := make(map[*site.Page]int, len(s.Pages))
	for i, p := range s.Pages {
		index[p] = i
		if copies[i] != nil {
			out.Add(p.MarkdownURL(), copies[i], pagePlace(p))
		}
	}
	if _, own := static[sitefiles.LLMsFile]; !own {
		out.Add(sitefiles.LLMsFile, sitefiles.LLMs(s), output.Place{})
	}
	if _, own := static[sitefiles.LLMsFullFile]; own {
		return false
	}
	out.Add(sitefiles.LLMsFullFile, sitefiles.LLMsFull(s, func(p *site.Page) []byte { return copies[index[p]] }), output.Place{})
	return true
}
