// Package tomldoc decodes a TOML document (config.toml or a page's front
// matter) into plain values and remembers where each key was written, so
// that every later check (unknown key, wrong type, bad value) can report
// "file:line:col". BurntSushi/toml parses; this package only adds places and
// typed accessors whose errors say what was expected.
package tomldoc

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/kbsite/kb/internal/diag"
)

// Doc is one decoded document.
type Doc struct {
	File   string         // path relative to the site root, for messages
	Values map[string]any // as decoded by BurntSushi/toml
	line0  int            // lines of File before the document's first line
	src    string         // the document's text, for Locate
	// pos are the places of the keys, found when a message first asks
	// for one: found for every page, at 10,000 pages, they took 0.06 s
	// of the 0.19 s of processor time parsing the pages took (by a CPU
	// profile), for the few pages with a mistake.
	pos func() map[string]position
}

type position struct{ line, col int }

// Parse decodes src, which starts at line line0+1 of file. A syntax error
// comes back as a diag.Diagnostic at the offending place.
func Parse(file, src string, line0 int) (*Doc, error) {
	d := &Doc{File: file, line0: line0}
	if v, ok := fastDecode(src); ok {
		d.Values = v
	} else {
		d.Values = map[string]any{}
		if _, err := toml.Decode(src, &d.Values); err != nil {
			return nil, d.syntaxError(src, err)
		}
	}
	d.pos = sync.OnceValue(func() map[string]position { return keyPositions(src) })
	d.src = src
	return d, nil
}

// Text is the document as written.
func (d *Doc) Text() string { return d.src }

var lineRE = regexp.MustCompile(`line (\d+)`)

func (d *Doc) syntaxError(src string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		// The TOML parser puts some errors (a string broken by "\r\n")
		// on line 0, which is before the document.
		line, col := max(pe.Position.Line, 1), 1
		if start := pe.Position.Start; start > 0 && start <= len(src) {
			col = start - strings.LastIndexByte(src[:start], '\n')
		}
		msg := pe.Message
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg += fmt.Sprintf(" (after key %q)", pe.LastKey)
		}
		return diag.Errorf(d.File, d.line0+line, col, "invalid TOML: %s", msg)
	}
	line := 1
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		line = max(line, 1)
	}
	return diag.Errorf(d.File, d.line0+line, 1, "invalid TOML: %s", strings.TrimPrefix(err.Error(), "toml: "))
}

// At returns the place where path was written; for a key it cannot find (a
// key inside an inline table, say) the place of its nearest written parent,
// and failing that the document's first line.
func (d *Doc) At(path ...string) (line, col int) {
	for n := len(path); n > 0; n-- {
		if p, ok := d.pos()[strings.Join(path[:n], ".")]; ok {
			return d.line0 + p.line, p.col
		}
	}
	return d.line0 + 1, 1
}

// Locate returns the place of text as written in the value at path: the
// first place at or after the key where text appears verbatim. A string
// written with escapes, or split over lines, is not found (ok is false):
// then the key's own place is the best there is.
func (d *Doc) Locate(text string, path ...string) (line, col int, ok bool) {
	p, found := d.pos()[strings.Join(path, ".")]
	if !found || text == "" {
		return 0, 0, false
	}
	lines := strings.Split(d.src, "\n")
	for i := p.line - 1; i < len(lines); i++ {
		from := 0
		if i == p.line-1 {
			from = min(p.col-1, len(lines[i]))
		}
		if i > p.line-1 && keyLine.MatchString(lines[i]) {
			break // the next key: text is not written out in this value
		}
		if j := strings.Index(lines[i][from:], text); j >= 0 {
			return d.line0 + i + 1, utf8.RuneCountInString(lines[i][:from+j]) + 1, true
		}
	}
	return 0, 0, false
}

// keyLine is a line that starts a key or a table, which ends a value.
var keyLine = regexp.MustCompile(`^\s*(\[|[A-Za-z0-9_"'-]+\s*=)`)

// Errorf makes an error at the place of path.
func (d *Doc) Errorf(path []string, format string, args ...any) diag.Diagnostic {
	line, col := d.At(path...)
	return diag.Errorf(d.File, line, col, format, args...)
}

// Get returns the value at path; an element that is a number indexes an
// array of tables.
func (d *Doc) Get(path ...string) (any, bool) {
	var cur any = d.Values
	for _, k := range path {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[k]
			if !ok {
				return nil, false
			}
			cur = v
		case []map[string]any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// Keys returns the keys of the table at path (the document when path is
// empty), in no particular order.
func (d *Doc) Keys(path ...string) []string {
	v, _ := d.Get(path...)
	m, _ := v.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// TypeName names a decoded value's TOML type for messages.
func TypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case time.Time:
		return timeKind(v.(time.Time))
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	}
	return fmt.Sprintf("a %T", v)
}

// String reads a string; absent gives "".
func (d *Doc) String(errs *diag.List, path ...string) string {
	v, ok := d.Get(path...)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		errs.Add(d.Errorf(path, "%s must be a string, not %s", strings.Join(path, "."), TypeName(v)))
	}
	return s
}

// Bool reads a boolean; absent gives false.
func (d *Doc) Bool(errs *diag.List, path ...string) bool {
	v, ok := d.Get(path...)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		errs.Add(d.Errorf(path, "%s must be true or false, not %s", strings.Join(path, "."), TypeName(v)))
	}
	return b
}

// Int reads an integer; absent gives 0.
func (d *Doc) Int(errs *diag.List, path ...string) int {
	v, ok := d.Get(path...)
	if !ok {
		return 0
	}
	n, isInt := v.(int64)
	if !isInt {
		errs.Add(d.Errorf(path, "%s must be an integer, not %s", strings.Join(path, "."), TypeName(v)))
	}
	if int64(int(n)) != n { // on a 32-bit machine
		errs.Add(d.Errorf(path, "%s is too large: it must be from %d to %d", strings.Join(path, "."), math.MinInt, math.MaxInt))
		return 0
	}
	return int(n)
}

// Time reads a TOML date or date-time; absent gives the zero time. A quoted
// date is an error with the fix spelled out, since it is the usual mistake.
// A time of day alone, and a year outside 1 to 9999 (which feeds and
// sitemaps cannot write), are errors too. A local date or date-time (no
// offset) is read as UTC, so that a build does not depend on the time zone
// of the machine it runs on.
func (d *Doc) Time(errs *diag.List, path ...string) time.Time {
	v, ok := d.Get(path...)
	if !ok {
		return time.Time{}
	}
	key := strings.Join(path, ".")
	t, isTime := v.(time.Time)
	if !isTime {
		if s, isStr := v.(string); isStr {
			errs.Add(d.Errorf(path, "%s must be a TOML date without quotes, like %s = 2024-05-01, not the string %q", key, path[len(path)-1], s))
		} else {
			errs.Add(d.Errorf(path, "%s must be a TOML date like 2024-05-01, not %s", key, TypeName(v)))
		}
		return time.Time{}
	}
	if msg := checkTime(t); msg != "" {
		errs.Add(d.Errorf(path, "%s %s", key, msg))
		return time.Time{}
	}
	return asUTC(t)
}

// Strings reads an array of strings; absent gives nil.
func (d *Doc) Strings(errs *diag.List, path ...string) []string {
	v, ok := d.Get(path...)
	if !ok {
		return nil
	}
	arr, isArr := v.([]any)
	if !isArr {
		errs.Add(d.Errorf(path, "%s must be an array of strings like [\"a\", \"b\"], not %s", strings.Join(path, "."), TypeName(v)))
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, isStr := e.(string)
		if !isStr {
			errs.Add(d.Errorf(path, "%s[%d] must be a string, not %s", strings.Join(path, "."), i, TypeName(e)))
			continue
		}
		out = append(out, s)
	}
	return out
}

// Table reads a table; absent gives nil.
func (d *Doc) Table(errs *diag.List, path ...string) map[string]any {
	v, ok := d.Get(path...)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		errs.Add(d.Errorf(path, "%s must be a table, not %s", strings.Join(path, "."), TypeName(v)))
	}
	return m
}

// Tables reads an array of tables ([[key]] sections, or an array of inline
// tables); absent gives 0. Elements are then read by index: path, "0", key.
func (d *Doc) Tables(errs *diag.List, path ...string) int {
	v, ok := d.Get(path...)
	if !ok {
		return 0
	}
	switch a := v.(type) {
	case []map[string]any:
		return len(a)
	case []any:
		for _, e := range a {
			if _, isMap := e.(map[string]any); !isMap {
				errs.Add(d.Errorf(path, "%s must be an array of tables, like [[%s]] sections", strings.Join(path, "."), path[len(path)-1]))
				return 0
			}
		}
		// Normalise so Get can index it like [[key]] sections.
		tables := make([]map[string]any, len(a))
		for i, e := range a {
			tables[i] = e.(map[string]any)
		}
		d.set(path, tables)
		return len(a)
	}
	errs.Add(d.Errorf(path, "%s must be an array of tables, like [[%s]] sections, not %s", strings.Join(path, "."), path[len(path)-1], TypeName(v)))
	return 0
}

func (d *Doc) set(path []string, v any) {
	parent, ok := d.Get(path[:len(path)-1]...)
	if m, isMap := parent.(map[string]any); ok && isMap {
		m[path[len(path)-1]] = v
	}
}

// CheckKeys reports every key of the table at path that is not in known,
// with a "did you mean" from known.
func (d *Doc) CheckKeys(errs *diag.List, known []string, path ...string) {
	for _, k := range d.Keys(path...) {
		if !slices.Contains(known, k) {
			full := append(append([]string{}, path...), k)
			errs.Add(d.Errorf(full, "unknown key %q%s", strings.Join(full, "."), diag.DidYouMean(k, known)))
		}
	}
}
