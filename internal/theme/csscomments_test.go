package theme

import "testing"

// TestStripCSSComments: comments go, strings stay whole (a "/*" in one
// is text), blank lines go, the rules are untouched.
func TestStripCSSComments(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"/* head */\na { color: red; }\n", "a { color: red; }\n"},
		{"a { /* inline */ color: red; }", "a {  color: red; }\n"},
		{"a::before { content: \"/* not a comment */\"; }\n", "a::before { content: \"/* not a comment */\"; }\n"},
		{"a::before { content: 'it\\'s /*'; } /* x */", "a::before { content: 'it\\'s /*'; }\n"},
		{"a {}\n/* a\n   long\n   one */\n\nb {}\n", "a {}\nb {}\n"},
		{"a {} /* never closed", "a {}\n"},
	} {
		if got := string(StripCSSComments([]byte(tc.in))); got != tc.want {
			t.Errorf("StripCSSComments(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if !IsThemeCSS("themes/default/static/css/kb.css") || IsThemeCSS("static/css/site.css") || IsThemeCSS("themes/default/static/js/x.js") {
		t.Error("IsThemeCSS: only a theme's stylesheets")
	}
}
