package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestSuggest(t *testing.T) {
	cands := []string{"title", "description", "date", "updated", "weight"}
	for _, tc := range []struct{ word, want string }{
		{"titel", "title"},
		{"TITLE", "title"},
		{"descripton", "description"},
		{"wieght", "weight"},
		{"zzzzzz", ""},
		{"", ""},
	} {
		if got := Suggest(tc.word, cands); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestListSortAndFormat(t *testing.T) {
	var l List
	l.Add(Errorf("b.md", 3, 1, "second"), Warnf("a.md", 9, 2, "careful"), Errorf("a.md", 2, 0, "first"), Errorf("", 0, 0, "general"))
	l.Sort()
	want := "general\na.md:2: first\na.md:9:2: warning: careful\nb.md:3:1: second"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(l.Errors()) != 3 || len(l.Warnings()) != 1 {
		t.Errorf("errors %d warnings %d", len(l.Errors()), len(l.Warnings()))
	}
	if (List{Warnf("a", 1, 1, "w")}).Err() != nil {
		t.Error("a list of warnings only must not be an error")
	}
}

func TestFrom(t *testing.T) {
	d := Errorf("content/a.md", 3, 7, "bad link")
	two := List{d, Warnf("content/b.md", 1, 1, "orphan")}
	for _, tc := range []struct {
		name string
		err  error
		want List
	}{
		{"list", two, two},
		{"wrapped list", fmt.Errorf("build: %w", two), two},
		{"diagnostic", d, List{d}},
		{"wrapped diagnostic", fmt.Errorf("load: %w", d), List{d}},
		{"plain error", errors.New("disk full"), List{Errorf("", 0, 0, "disk full")}},
	} {
		got := From(tc.err)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: From = %v, want %v", tc.name, got, tc.want)
		}
	}
}
