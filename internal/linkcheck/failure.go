package linkcheck

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"syscall"
)

// errTooManyRedirects stops a redirect chain at maxRedirects.
var errTooManyRedirects = errors.New("too many redirects")

// errNoHost is an http(s) URL without a host, "https:///x".
var errNoHost = errors.New("no host")

// classify names what went wrong in a request that got no answer, and
// whether it is worth asking again: a timeout or a reset may pass, a
// host that does not exist or a bad certificate will not.
func classify(err error) (f Failure, transient bool) {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var alert tls.AlertError
	var netErr net.Error
	switch {
	case errors.Is(err, errTooManyRedirects):
		return TooManyRedirects, false
	case errors.As(err, &dnsErr):
		// A name that does not exist stays so; a resolver that did not
		// answer may answer next time.
		return DNS, !dnsErr.IsNotFound
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr),
		errors.As(err, &invalidCert), errors.As(err, &recordErr), errors.As(err, &alert):
		return TLS, false
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return Timeout, true
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return Reset, true
	case errors.Is(err, syscall.ECONNREFUSED):
		return Refused, true
	}
	return Other, true
}

// transientStatus says whether an error status may pass if asked again:
// a server error, a request timeout, or too many requests.
func transientStatus(code int) bool {
	return code >= 500 || code == 408 || code == 429
}
