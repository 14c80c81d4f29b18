package sitefiles

import "testing"

func TestCopyAddress(t *testing.T) {
	for _, c := range []struct {
		head, want string
		ok         bool
	}{
		{"# T\n\n> About URL: <x>.\n\nURL: <https://example.org/a/>\n\n---\n\nText", "https://example.org/a/", true},
		{"# T\n\nURL: <https://example.org/b/>\n", "https://example.org/b/", true},
		{"# T\n\nURL: <https://example.org/b/", "", false},   // cut before the line ends
		{"# T\n\nURL: <https://example.org/b/\n", "", false}, // no closing bracket
		{"# T\n\nText with no address.\n", "", false},
	} {
		got, ok := CopyAddress([]byte(c.head))
		if got != c.want || ok != c.ok {
			t.Errorf("CopyAddress(%q) = %q, %t; want %q, %t", c.head, got, ok, c.want, c.ok)
		}
	}
}
