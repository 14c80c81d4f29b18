package theme

import (
	"testing"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/site"
)

// TestSaysNothing holds the rule for quoting a backlink's sentence: with
// the page's title and short title taken out, four words or more.
func TestSaysNothing(t *testing.T) {
	p := &site.Page{Title: "Chief Technology Officer (CTO)", Page: &content.Page{Params: map[string]any{"short_title": "CTO"}}}
	for context, want := range map[string]bool{
		"See the CTO profile.":                    true,
		"See Chief Technology Officer (CTO).":     true,
		"The CTO contributes pull.":               true,
		"":                                        true,
		"The CTO owns technology strategy.":       false,
		"Structural decisions belong to the CTO.": false,
		"Chief Technology Officer (CTO): owns whether the technology is right.": false,
	} {
		if got := saysNothing(context, p); got != want {
			t.Errorf("saysNothing(%q) = %v, want %v", context, got, want)
		}
	}
}
