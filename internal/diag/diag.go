// Package diag holds the problems found in a site: each one a value with the
// place it comes from (file, line, column relative to the site root), so that
// a build can collect all of them, sort them, and print them once in the
// form editors jump to: "content/roles/cto.md:12:5: message".
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Severity separates problems that stop a build from those that only warn.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem at one place. Line and Col are 1-based; zero
// means unknown (the message then names only the file, or the file and line).
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Msg      string
	Severity Severity
	// Internal marks a bug in kb, caught (a panic) while it worked on File:
	// the command then exits with its own code, so that scripts tell kb's
	// failures from the site's.
	Internal bool
}

// Errorf makes an error at a place.
func Errorf(file string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning at a place.
func Warnf(file string, line, col int, format string, args ...any) Diagnostic {
	d := Errorf(file, line, col, format, args...)
	d.Severity = Warning
	return d
}

// Pos is the "file:line:col" prefix, shortened when line or column is unknown.
func (d Diagnostic) Pos() string {
	switch {
	case d.File == "":
		return ""
	case d.Line == 0:
		return d.File
	case d.Col == 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
}

func (d Diagnostic) Error() string {
	msg := d.Msg
	if d.Severity == Warning {
		msg = "warning: " + msg
	}
	if p := d.Pos(); p != "" {
		return p + ": " + msg
	}
	return msg
}

// List collects the problems of one run. The zero value is ready to use.
type List []Diagnostic

// Add appends problems.
func (l *List) Add(d ...Diagnostic) { *l = append(*l, d...) }

// Sort orders problems by file, line and column, so output is stable whatever
// order parallel work found them in.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// HasInternal reports whether any problem is a bug in kb.
func (l List) HasInternal() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Internal })
}

// Errors returns only the problems that stop a build.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// From turns any error into diagnostics: a List or a Diagnostic as it
// is, also when wrapped, and anything else as one error with no position,
// so that callers report every failure the same way.
func From(err error) List {
	var l List
	if errors.As(err, &l) {
		return l
	}
	var d Diagnostic
	if errors.As(err, &d) {
		return List{d}
	}
	return List{Errorf("", 0, 0, "%v", err)}
}

// Err returns the list as an error when it holds any error, else nil.
func (l List) Err() error {
	if len(l.Errors()) == 0 {
		return nil
	}
	return l
}

func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}
