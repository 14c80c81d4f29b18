package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var errYAML = errors.New("front matter is YAML (between \"---\" lines); kb reads TOML between \"+++\" lines")

// yamlKeys is how many of a YAML front matter's keys yamlHint translates:
// enough to show the pattern without rewriting the author's page.
const yamlKeys = 4

var (
	yamlKeyRE  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*):\s*(.*)$`)
	yamlDateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	yamlNumRE  = regexp.MustCompile(`^-?\d+(\.\d+)?$`)
)

// yamlHint explains YAML front matter ("---", as Hugo, Jekyll and
// Obsidian write it) when src starts with it: kb reads TOML, so the
// message shows the TOML of the first few top-level keys. It returns ""
// when src does not start with "---".
func yamlHint(src []byte) string {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if strings.TrimRight(string(first), " \t") != "---" {
		return ""
	}
	var toml []string
	more := false
	for _, line := range strings.Split(string(rest), "\n") {
		if strings.TrimRight(line, " \t") == "---" {
			break
		}
		m := yamlKeyRE.FindStringSubmatch(line)
		if m == nil || strings.TrimSpace(m[2]) == "" {
			more = more || m != nil // a nested value: left to "the other keys"
			continue
		}
		if len(toml) == yamlKeys {
			more = true
			break
		}
		toml = append(toml, m[1]+" = "+yamlValue(m[2]))
	}
	var b strings.Builder
	b.WriteString(errYAML.Error() + ". Write it as:\n+++\n")
	for _, l := range toml {
		b.WriteString(l + "\n")
	}
	if more {
		b.WriteString("# ... and the other keys the same way\n")
	}
	b.WriteString("+++")
	return b.String()
}

// yamlValue writes a YAML scalar or flow list as TOML: strings quoted,
// dates, numbers and booleans as they are.
func yamlValue(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "true" || v == "false" || yamlDateRE.MatchString(v) || yamlNumRE.MatchString(v):
		return v
	case strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]"):
		var items []string
		for _, it := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(v, "["), "]"), ",") {
			if it = strings.TrimSpace(it); it != "" {
				items = append(items, yamlValue(it))
			}
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	if unq, err := strconv.Unquote(v); err == nil {
		v = unq
	} else if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		v = strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	}
	return fmt.Sprintf("%q", v)
}
