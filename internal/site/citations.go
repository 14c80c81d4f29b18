package site

import (
	"maps"
	"slices"
)

// indexCitations records which pages cite each source, by the source's
// title, for a sources page that lists them.
func (s *Site) indexCitations() {
	s.citing = map[string][]*Page{}
	for _, p := range s.Pages {
		for _, src := range p.Sources {
			if list := s.citing[src.Title]; len(list) == 0 || list[len(list)-1] != p {
				s.citing[src.Title] = append(list, p)
			}
		}
	}
	for _, list := range s.citing {
		slices.SortFunc(list, titleOrder)
	}
}

// Citing returns the pages whose sources include a work of this title, by
// title.
func (s *Site) Citing(title string) []*Page { return s.citing[title] }

// CitedTitles are the titles of every source some page cites, sorted.
func (s *Site) CitedTitles() []string { return slices.Sorted(maps.Keys(s.citing)) }
