package sitefiles

import (
	"encoding/xml"
	"time"

	"github.com/kbsite/kb/internal/site"
)

// FeedSize is how many of the newest articles the Atom feed carries.
const FeedSize = 20

// Feed is feed.xml: an Atom feed of the newest dated articles, by last change.
func Feed(s *site.Site) []byte {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
	}
	type entry struct {
		Title     string `xml:"title"`
		Link      link   `xml:"link"`
		ID        string `xml:"id"`
		Published string `xml:"published,omitempty"`
		Updated   string `xml:"updated"`
		Summary   string `xml:"summary,omitempty"`
	}
	type author struct {
		Name string `xml:"name"`
	}
	type atom struct {
		XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang     string   `xml:"xml:lang,attr"`
		Title    string   `xml:"title"`
		Subtitle string   `xml:"subtitle,omitempty"`
		Links    []link   `xml:"link"`
		ID       string   `xml:"id"`
		Updated  string   `xml:"updated"`
		Author   author   `xml:"author"`
		Entries  []entry  `xml:"entry"`
	}
	abs := site.NewURLs(s.Config).Abs
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	name := s.Config.Author
	if name == "" {
		name = s.Config.Title
	}
	f := atom{
		Lang:     s.Config.Language,
		Title:    s.Config.Title,
		Subtitle: s.Config.Description,
		Links:    []link{{Href: abs("feed.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: abs("")}},
		ID:       abs(""),
		Updated:  stamp(s.LastChange()),
		Author:   author{Name: name},
	}
	for _, p := range s.Articles {
		if len(f.Entries) == FeedSize {
			break
		}
		if p.LastChange().IsZero() {
			continue // Atom requires a date, and a made-up one would mislead
		}
		e := entry{Title: p.Title, Link: link{Href: abs(p.URL)}, ID: abs(p.URL), Updated: stamp(p.LastChange()), Summary: p.Description}
		if !p.Date.IsZero() {
			e.Published = stamp(p.Date)
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}
