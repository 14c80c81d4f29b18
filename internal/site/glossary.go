package site

import (
	"github.com/kbsite/kb/internal/diag"
)

// findGlossary sets the site's glossary: the published page whose front
// matter says it is one. A site has one glossary, so that a term means
// one thing wherever it is used; a second page that claims to be it is an
// error at its key, with the first named. Pages are in URL order, so the
// same page is always the one kept.
func (s *Site) findGlossary() diag.List {
	var errs diag.List
	for _, p := range s.Pages {
		if !p.Page.Glossary {
			continue
		}
		if s.Glossary == nil {
			s.Glossary = p
			continue
		}
		line, col := s.Glossary.Front.At("glossary")
		errs.Add(p.Front.Errorf([]string{"glossary"}, "the site's glossary is already %s:%d:%d, and a site has one: move these terms there and remove glossary from this page", s.Glossary.File, line, col))
	}
	return errs
}
