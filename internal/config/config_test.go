package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	c, err := Parse(`title = "T"
base_url = "https://owner.github.io/repo"
taxonomies = ["tags", "roles"]
cname = "kb.example.com"
[search]
facets = ["roles"]
[markdown]
unsafe_html = true
highlight_style = "monokai"
[params]
anything = { goes = 1 }
`)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "T" || c.BaseURL != "https://owner.github.io/repo/" || c.BasePath() != "/repo/" {
		t.Errorf("got %+v", c)
	}
	if !c.Markdown.UnsafeHTML || c.Markdown.HighlightStyle != "monokai" || c.Markdown.HighlightStyleDark != "github-dark" {
		t.Errorf("markdown %+v", c.Markdown)
	}
	if c.Theme != "default" || c.Language != "en" || len(c.Taxonomies) != 2 {
		t.Errorf("defaults lost: %+v", c)
	}
	if !c.Search.IsFacet("roles", false) || c.Search.IsFacet("tags", true) {
		t.Errorf("search %+v", c.Search)
	}
	if _, ok := c.Params["anything"]; !ok {
		t.Errorf("params %v", c.Params)
	}
	if !c.Outputs.SocialCards {
		t.Errorf("social cards are on unless switched off: %+v", c.Outputs)
	}
	if c, err := Parse("[outputs]\nsocial_cards = false\n"); err != nil || c.Outputs.SocialCards {
		t.Errorf("social_cards = false: %+v, %v", c.Outputs, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"titel = \"x\"\n", `config.toml:1:1: unknown key "titel" (did you mean "title"?)`},
		{"title = \"x\"\n[markdown]\n  unsafe = true\n", `config.toml:3:3: unknown key "markdown.unsafe" (did you mean "unsafe_html"?)`},
		{"title = [1\n", "config.toml:1:11: invalid TOML"},
		{"title = 3\n", "config.toml:1:1: title must be a string, not an integer"},
		{"base_url = \"owner.github.io\"\n", `config.toml:1:1: base_url "owner.github.io" must be an absolute http or https URL`},
		{"taxonomies = [\"Tags\"]\n", `config.toml:1:1: taxonomy "Tags" must be a lowercase name`},
		{"cname = \"https://x.org/\"\n", `config.toml:1:1: cname "https://x.org/" must be a bare host name`},
		{"\n\n[markdown]\nunsafe_html = \"yes\"\n", "config.toml:4:1: markdown.unsafe_html must be true or false, not a string"},
		{"taxonomies = [\"tags\", \"roles\"]\n\n[search]\n  facets = [\"role\"]\n", `config.toml:4:3: search facet "role" is not a taxonomy (did you mean "roles"?); the taxonomies are ["tags", "roles"]`},
		{"[search]\nfacets = [\"tags\", \"tags\"]\n", `config.toml:2:1: search facet "tags" is listed twice`},
		{"taxonomies = [\"stop\"]\n[search]\nfacets = [\"stop\"]\n", `config.toml:3:1: taxonomy "stop" cannot be a search facet`},
		{"[search]\nfacet = [\"tags\"]\n", `config.toml:2:1: unknown key "search.facet" (did you mean "facets"?)`},
		{"[search]\nfacets = \"tags\"\n", `config.toml:2:1: search.facets must be an array of strings`},
		{"[outputs]\nsocial_card = false\n", `config.toml:2:1: unknown key "outputs.social_card" (did you mean "social_cards"?)`},
		{"[outputs]\nsocial_cards = \"no\"\n", `config.toml:2:1: outputs.social_cards must be true or false, not a string`},
	} {
		_, err := Parse(tc.src)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want prefix %q", tc.src, err, tc.want)
		}
	}
}

// TestSearchFacetsDefault: without the setting, the facets are the
// taxonomies that sections own, as before the setting existed; an empty
// list turns them off.
func TestSearchFacetsDefault(t *testing.T) {
	c, err := Parse("taxonomies = [\"tags\", \"roles\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Search.IsFacet("roles", true) || c.Search.IsFacet("tags", false) {
		t.Errorf("default facets: %+v", c.Search)
	}
	c, err = Parse("taxonomies = [\"tags\", \"roles\"]\n[search]\nfacets = []\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Search.IsFacet("roles", true) {
		t.Errorf("facets = [] still has the owned taxonomy: %+v", c.Search)
	}
}

func TestEditURL(t *testing.T) {
	c, err := Parse("edit_url = \"https://github.com/o/r/edit/main/\"\n")
	if err != nil || c.EditURL != "https://github.com/o/r/edit/main/" {
		t.Errorf("got %q, %v", c.EditURL, err)
	}
	if _, err := Parse("edit_url = \"github.com/o/r\"\n"); err == nil || !strings.Contains(err.Error(), "config.toml:1:1: edit_url") {
		t.Errorf("a URL without a scheme: %v", err)
	}
}
