package serve

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/kbsite/kb/internal/diag"
)

// Problem is a build problem as the browser overlay shows it: its place,
// its message, and the lines of source around it.
type Problem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
	Source  []Line `json:"source,omitempty"`
}

// Line is one numbered line of source.
type Line struct {
	N    int    `json:"n"`
	Text string `json:"text"`
	Here bool   `json:"here,omitempty"`
}

// contextLines is how many lines above and below a problem's line the
// overlay shows.
const contextLines = 2

// problems turns a build error into overlay problems, reading each file
// once for its context lines.
func problems(dir string, err error) []Problem {
	var out []Problem
	files := map[string][]string{}
	for _, d := range diag.From(err) {
		p := Problem{File: d.File, Line: d.Line, Col: d.Col, Message: d.Msg, Warning: d.Severity != 0}
		if d.File != "" && d.Line > 0 {
			lines, ok := files[d.File]
			if !ok {
				if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(d.File))); err == nil {
					lines = strings.Split(string(b), "\n")
				}
				files[d.File] = lines
			}
			for n := max(1, d.Line-contextLines); n <= min(len(lines), d.Line+contextLines); n++ {
				p.Source = append(p.Source, Line{N: n, Text: lines[n-1], Here: n == d.Line})
			}
		}
		out = append(out, p)
	}
	return out
}
