package sitefiles

import (
	"bytes"
	"encoding/xml"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/site"
)

// Sitemap is sitemap.xml: every page for search engines, with the date it last
// changed when the page has one.
func Sitemap(s *site.Site) []byte {
	type entry struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []entry  `xml:"url"`
	}
	abs := site.NewURLs(s.Config).Abs
	set := urlset{}
	for _, p := range s.Pages {
		if p.Kind == content.Search {
			continue // a page of results for no query: nothing to index
		}
		e := entry{Loc: abs(p.URL)}
		if t := p.LastChange(); !t.IsZero() {
			e.Lastmod = t.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, e)
	}
	return marshalXML(set)
}

func marshalXML(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Only our own fixed structs of strings are encoded.
		panic("xml: " + err.Error())
	}
	b.WriteByte('\n')
	return b.Bytes()
}
