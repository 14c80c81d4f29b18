package linkcheck

import (
	"net/netip"
	"net/url"
	"strings"
)

// reservedTLDs are top-level names that never reach the public internet
// (RFC 2606 and RFC 6761; "local" is multicast DNS): a link to one is an
// example or a machine of the author's own.
var reservedTLDs = []string{"example", "invalid", "localhost", "test", "local"}

// exampleDomains are the second-level names reserved for documentation
// (RFC 2606): they answer, but a link to them is an example, not a
// reference.
var exampleDomains = []string{"example.com", "example.net", "example.org"}

// skipReason says why u is not requested, or "" when it is: a reader's
// browser could not reach it from the published site (this machine, a
// private network), or it is an example by its name, or it is not web
// at all.
func skipReason(u *url.URL) string {
	if u.Scheme != "http" && u.Scheme != "https" {
		return "not an http or https URL"
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if ip, err := netip.ParseAddr(host); err == nil {
		switch {
		case ip.IsLoopback() || ip.IsUnspecified():
			return "an address of this machine"
		case ip.IsPrivate() || ip.IsLinkLocalUnicast():
			return "an address of a private network"
		}
		return ""
	}
	labels := strings.Split(host, ".")
	for _, tld := range reservedTLDs {
		if labels[len(labels)-1] == tld {
			return "a name reserved for local use or examples (." + tld + ")"
		}
	}
	for _, d := range exampleDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return "a domain reserved for examples (" + d + ")"
		}
	}
	return ""
}
