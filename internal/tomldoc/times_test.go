package tomldoc

import (
	"strings"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/diag"
)

func TestTime(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want time.Time
		err  string
	}{
		{"d = 2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), ""},
		{"d = 2024-05-01T09:30:00", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), ""},
		{"d = 2024-05-01T09:30:00Z", time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), ""},
		{"d = 2024-05-01T09:30:00+02:00", time.Date(2024, 5, 1, 7, 30, 0, 0, time.UTC), ""},
		{"d = 0001-01-01", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{"d = 9999-12-31T23:59:59Z", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), ""},
		{"d = 00:00:00", time.Time{}, "f.md:1:1: d must be a date like 2024-05-01 or a date-time like 2024-05-01T09:30:00Z, not a time of day alone (00:00:00)"},
		{"d = 12:30", time.Time{}, "not a time of day alone (12:30:00)"},
		{"d = 0000-01-01", time.Time{}, "with a year from 0001 to 9999, not 0000-01-01"},
		{"d = 0000-06-01T10:00:00", time.Time{}, "with a year from 0001 to 9999, not 0000-06-01T10:00:00"},
		{"d = 9999-12-31T23:00:00-05:00", time.Time{}, "in UTC too, not 9999-12-31T23:00:00-05:00 (year 10000 in UTC)"},
		{"d = 0001-01-01T00:30:00+01:00", time.Time{}, "(year 0 in UTC)"},
		{"d = 1", time.Time{}, "d must be a TOML date like 2024-05-01, not an integer"},
		{"d = \"2024-05-01\"", time.Time{}, "without quotes"},
	} {
		doc, err := Parse("f.md", tc.src, 0)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		var errs diag.List
		got := doc.Time(&errs, "d")
		switch {
		case tc.err == "" && (len(errs) > 0 || !got.Equal(tc.want)):
			t.Errorf("%s: got %v, %v; want %v", tc.src, got, errs, tc.want)
		case tc.err != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.err) || !got.IsZero()):
			t.Errorf("%s: got %v, %v; want error %q", tc.src, got, errs, tc.err)
		}
	}
}

// TestLocalDateIsUTC: a date without an offset means the same instant
// whatever the time zone of the machine that builds the site.
func TestLocalDateIsUTC(t *testing.T) {
	doc, _ := Parse("f.md", "d = 2024-05-01", 0)
	var errs diag.List
	if got := doc.Time(&errs, "d"); got.Location() != time.UTC || got.UTC().Format(time.RFC3339) != "2024-05-01T00:00:00Z" {
		t.Errorf("got %v", got)
	}
}

func TestTypeNameOfTimes(t *testing.T) {
	doc, _ := Parse("f.md", "a = 10:00:00\nb = 2024-01-01\nc = 2024-01-01T10:00:00\nd = 2024-01-01T10:00:00Z\n", 0)
	for k, want := range map[string]string{"a": "a time of day", "b": "a date", "c": "a date-time", "d": "a date-time"} {
		v, _ := doc.Get(k)
		if got := TypeName(v); got != want {
			t.Errorf("TypeName(%s) = %q, want %q", k, got, want)
		}
	}
}
