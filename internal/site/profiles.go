package site

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/tomldoc"
)

// ProfileValue is an article's value for one dimension: one Markdown
// string, or a list of them.
type ProfileValue struct {
	Items []string
	List  bool
}

// Pair is what a generated comparison page compares: two profiled articles
// of one section.
type Pair struct {
	Section *Page
	A, B    *Page
}

// ShortTitle is the name a page goes by in comparisons and pair titles:
// params.short_title ("CTO") when set, else its title.
func (p *Page) ShortTitle() string {
	if s, ok := p.Params["short_title"].(string); ok && strings.TrimSpace(s) != "" {
		return strings.TrimSpace(s)
	}
	return p.Title
}

// Dimension returns the section's dimension with the id, if declared.
func (p *Page) Dimension(id string) (content.Dimension, bool) {
	for _, d := range p.Dimensions {
		if d.ID == id {
			return d, true
		}
	}
	return content.Dimension{}, false
}

// assembleProfiles checks every article's [profile] against its section's
// dimensions, types the values, and adds a pair page for every two
// profiled articles of a section, with the reverse URL as an alias.
func (s *Site) assembleProfiles(errs *diag.List) {
	for _, p := range s.Pages {
		if len(p.Profile) == 0 || p.Kind != content.Article {
			if len(p.Profile) > 0 {
				errs.Add(p.Front.Errorf([]string{"profile"}, "[profile] belongs on an article; a section declares [[dimensions]] instead"))
			}
			continue
		}
		sec := p.Parent
		if len(sec.Dimensions) == 0 {
			errs.Add(p.Front.Errorf([]string{"profile"}, "[profile] needs dimensions: declare [[dimensions]] in content/%s for the section's profiles", path.Join(sec.Dir, "_index.md")))
			continue
		}
		ids := make([]string, len(sec.Dimensions))
		for i, d := range sec.Dimensions {
			ids[i] = d.ID
		}
		p.ProfileValues = map[string]ProfileValue{}
		for _, key := range slices.Sorted(maps.Keys(p.Profile)) {
			at := []string{"profile", key}
			if !slices.Contains(ids, key) {
				errs.Add(p.Front.Errorf(at, "profile.%s is not a dimension of %s%s; its dimensions are %s", key, describe(sec), diag.DidYouMean(key, ids), strings.Join(ids, ", ")))
				continue
			}
			v, err := profileValue(p.Profile[key])
			if err != nil {
				errs.Add(p.Front.Errorf(at, "profile.%s %v", key, err))
				continue
			}
			p.ProfileValues[key] = v
		}
	}
	for _, sec := range s.Pages {
		if len(sec.Dimensions) == 0 {
			continue
		}
		profiled := sec.Profiled()
		for i, a := range profiled {
			for _, b := range profiled[i+1:] {
				pair := s.addGenerated(&content.Page{
					Kind:        content.Pair,
					Title:       a.ShortTitle() + " vs " + b.ShortTitle(),
					Description: fmt.Sprintf("%s and %s side by side, dimension by dimension.", a.ShortTitle(), b.ShortTitle()),
					URL:         sec.URL + segment(a) + "-vs-" + segment(b) + "/",
					Dir:         sec.Dir,
					Aliases:     []string{"/" + sec.URL + segment(b) + "-vs-" + segment(a) + "/"},
				}, errs)
				pair.Parent = sec
				pair.Pair = &Pair{Section: sec, A: a, B: b}
				sec.Pairs = append(sec.Pairs, pair)
			}
		}
	}
}

// Profiled are a section's articles that carry a profile, in list order.
func (p *Page) Profiled() []*Page {
	var out []*Page
	for _, a := range p.Articles {
		if len(a.ProfileValues) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// segment is the last segment of an article's URL: its slug or file name.
func segment(p *Page) string {
	if p.Slug != "" {
		return p.Slug
	}
	return p.Name
}

func profileValue(v any) (ProfileValue, error) {
	switch x := v.(type) {
	case string:
		return ProfileValue{Items: []string{x}}, nil
	case []any:
		out := ProfileValue{List: true}
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return out, fmt.Errorf("[%d] must be a Markdown string, not %s", i, tomldoc.TypeName(e))
			}
			out.Items = append(out.Items, s)
		}
		return out, nil
	}
	return ProfileValue{}, fmt.Errorf("must be a Markdown string or a list of strings, not %s", tomldoc.TypeName(v))
}
