package content

import (
	"bytes"
	"errors"
)

// Delimiter opens and closes a page's TOML front matter, each on a line of
// its own.
const Delimiter = "+++"

// Split separates a page into its front matter (without the delimiters) and
// its Markdown body. bodyLine is the 1-based line of the body's first line,
// so that positions in the body can be reported in the file. src must use
// "\n" line ends.
func Split(src []byte) (front, body []byte, bodyLine int, err error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != Delimiter {
		return nil, nil, 0, errNoFrontMatter
	}
	line := 2
	for start := 0; start <= len(rest); {
		end := bytes.IndexByte(rest[start:], '\n')
		next := len(rest) + 1
		if end >= 0 {
			end += start
			next = end + 1
		} else {
			end = len(rest)
		}
		if string(bytes.TrimRight(rest[start:end], " \t")) == Delimiter {
			body := []byte{}
			if next <= len(rest) {
				body = rest[next:]
			}
			return rest[:start], body, line + 1, nil
		}
		start = next
		line++
	}
	return nil, nil, 0, errUnclosed
}

var (
	errNoFrontMatter = errors.New("no front matter: a page starts with a line \"+++\", then TOML with at least title = \"...\", then a line \"+++\"")
	errUnclosed      = errors.New("front matter opened here is never closed: add a line \"+++\" after the last TOML line")
)
