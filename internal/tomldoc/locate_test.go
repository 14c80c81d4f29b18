package tomldoc

import "testing"

// TestLocate checks where a value's text is found: on the key's line,
// on a later line of a multi-line array, not in another key's value, and
// not at all when escapes change how it is written.
func TestLocate(t *testing.T) {
	src := "a = \"one [[x]]\"\nb = [\"two\",\n  \"three [[y]]\"]\nc = \"quote \\\" [[z]]\"\nd = \"three [[y]]\"\n"
	d, err := Parse("f.md", src, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text      string
		path      []string
		line, col int
		ok        bool
	}{
		{"one [[x]]", []string{"a"}, 2, 6, true},
		{"three [[y]]", []string{"b"}, 4, 4, true},
		{"three [[y]]", []string{"d"}, 6, 6, true},
		{"two", []string{"a"}, 0, 0, false},           // b's value, not a's
		{`quote " [[z]]`, []string{"c"}, 0, 0, false}, // written with an escape
		{"one", []string{"nope"}, 0, 0, false},
	} {
		line, col, ok := d.Locate(tc.text, tc.path...)
		if line != tc.line || col != tc.col || ok != tc.ok {
			t.Errorf("Locate(%q, %v) = %d:%d %v, want %d:%d %v", tc.text, tc.path, line, col, ok, tc.line, tc.col, tc.ok)
		}
	}
}
