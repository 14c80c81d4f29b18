package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// hosts decides which Host headers the server answers. A page on any web
// site can point a DNS name of its own at 127.0.0.1 (DNS rebinding) and
// then read whatever answers there as if it were its own origin: drafts
// included. What the attacker cannot choose is the Host header, which
// stays their DNS name; so the server answers only the names that cannot
// be rebound: localhost and IP literals.
type hosts struct {
	bound netip.Addr // the listening address, without zone; invalid when unknown
	port  string     // the listening port, in decimal; "" when unknown
}

func newHosts(addr net.Addr) hosts {
	var h hosts
	if ap, err := netip.ParseAddrPort(addr.String()); err == nil {
		h.bound = ap.Addr().Unmap().WithZone("")
		h.port = strconv.Itoa(int(ap.Port()))
	}
	return h
}

// everywhere is true when the server listens on every interface, where
// it cannot know every address it is reached by.
func (h hosts) everywhere() bool { return h.bound.IsValid() && h.bound.IsUnspecified() }

// allows says whether a request's Host header names this server: with
// this port or none, and by localhost, 127.0.0.1, [::1] or the bound
// address; when bound to every interface, by any IP literal. Other DNS
// names are refused however they resolve.
func (h hosts) allows(hostport string) bool {
	name, port, ok := splitHost(hostport)
	if !ok || (port != "" && port != h.port) {
		return false
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(name)
	if err != nil {
		return false
	}
	ip = ip.Unmap().WithZone("")
	switch {
	case h.everywhere():
		return true
	case ip == netip.AddrFrom4([4]byte{127, 0, 0, 1}), ip == netip.IPv6Loopback():
		return true
	}
	return h.bound.IsValid() && ip == h.bound
}

// splitHost splits a Host header into its name (an IPv6 address without
// its brackets) and port, which may be empty. ok is false for what no
// browser sends: an IPv6 address without brackets, brackets around
// anything else.
func splitHost(hostport string) (name, port string, ok bool) {
	if rest, found := strings.CutPrefix(hostport, "["); found {
		name, after, closed := strings.Cut(rest, "]")
		if !closed {
			return "", "", false
		}
		if ip, err := netip.ParseAddr(name); err != nil || !ip.Is6() {
			return "", "", false
		}
		if after == "" {
			return name, "", true
		}
		port, ok = strings.CutPrefix(after, ":")
		return name, port, ok
	}
	name, port, _ = strings.Cut(hostport, ":")
	if name == "" || strings.Contains(port, ":") {
		return "", "", false
	}
	return name, port, true
}

// check wraps next so that it only sees requests for this server; others
// get 421 Misdirected Request, which says the request reached a server
// that does not answer for that name.
func (h hosts) check(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.allows(r.Host) {
			next.ServeHTTP(w, r)
			return
		}
		hdr := w.Header()
		hdr.Set("Content-Type", "text/plain; charset=utf-8")
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusMisdirectedRequest)
		fmt.Fprintf(w, "Misdirected request: kb serve answers only requests for %s, not for the host %q, so that no other web site can read the preview.\n", h.names(), r.Host)
	})
}

// names lists the host names allowed, for people.
func (h hosts) names() string {
	port := ""
	if h.port != "" {
		port = ":" + h.port
	}
	list := []string{"localhost" + port, "127.0.0.1" + port}
	switch {
	case h.everywhere():
		return strings.Join(list, ", ") + " or any IP address of this machine" + port
	case h.bound.IsValid() && !h.bound.IsLoopback():
		name := h.bound.String()
		if h.bound.Is6() {
			name = "[" + name + "]"
		}
		list = append(list, name+port)
	}
	return strings.Join(list, " or ")
}

// exposure is the warning printed when the server listens beyond this
// machine, or "" when it listens on a loopback address only.
func (h hosts) exposure() string {
	switch {
	case !h.bound.IsValid() || h.bound.IsLoopback():
		return ""
	case h.everywhere():
		return "warning: listening on every network interface: anyone who can reach this machine sees the preview, drafts and unpublished pages included; requests must name localhost or an IP address as host (other host names get 421, against DNS rebinding)"
	}
	return fmt.Sprintf("warning: listening on %s, beyond this machine: anyone who can reach that address sees the preview, drafts and unpublished pages included; requests must name it, localhost or 127.0.0.1 as host (others get 421)", h.bound)
}
