package config

import (
	"fmt"
	"net/url"
	"strings"
)

// goodBaseURL is the example every base_url message ends with.
const goodBaseURL = `like "https://owner.github.io/repo/"`

// ParseBaseURL checks a base_url, from config.toml or the command line,
// and returns it with the trailing slash every URL is joined to. It must be
// an absolute http or https URL with a host and nothing a browser would
// read differently from what was meant: no user, query or fragment, and a
// path of plain segments (no "." or "..", no empty segment, no space, no
// percent-escape or character that would need one). Each of those builds
// without complaint but links to the wrong place or to nothing.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" || u.Hostname() == "" {
		return nil, fmt.Errorf("base_url %q must be an absolute http or https URL %s", s, goodBaseURL)
	}
	switch {
	case u.User != nil:
		return nil, fmt.Errorf("base_url %q must not have a user name or password; use a URL %s", s, goodBaseURL)
	case strings.ContainsAny(s, "?#"):
		return nil, fmt.Errorf("base_url %q must not have a query or fragment (? or #); use a URL %s", s, goodBaseURL)
	}
	for _, seg := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"), "/"), "/") {
		switch {
		case seg == "." || seg == "..":
			return nil, fmt.Errorf("base_url %q must not have . or .. in its path; use the path the site is published at, %s", s, goodBaseURL)
		case seg == "" && u.Path != "" && u.Path != "/":
			return nil, fmt.Errorf("base_url %q must not have an empty segment (//) in its path; use a URL %s", s, goodBaseURL)
		}
	}
	bad := ""
	if strings.Contains(s, "%") {
		bad = "%"
	} else if i := strings.IndexFunc(u.Path, func(r rune) bool { return !plainPathChar(r) }); i >= 0 {
		bad = string([]rune(u.Path[i:])[0])
	}
	if bad != "" {
		return nil, fmt.Errorf("base_url %q has %q in its path; use a path of letters, digits, - . _ and ~ only, %s", s, bad, goodBaseURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// NormalizeBaseURL is ParseBaseURL as a string.
func NormalizeBaseURL(s string) (string, error) {
	u, err := ParseBaseURL(s)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// BasePath is the path of BaseURL ("/" or "/repo/"), the prefix of every
// site-internal link.
func (c Config) BasePath() string {
	p, err := url.Parse(c.BaseURL)
	if err != nil || p.Path == "" {
		return "/"
	}
	return p.EscapedPath()
}

// plainPathChar is a character a URL path carries as it is: the unreserved
// characters of RFC 3986, and the slash. Any other one is escaped in some
// places and not in others, and its escaped form would have to be written
// into base_url and into every link the same way.
func plainPathChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~/", r)
}
