package linkcheck

import "time"

// Link is one place a URL is written.
type Link struct {
	// URL is absolute, http or https; its fragment plays no part in the
	// request.
	URL string
	// File, Line and Col are where it is written, handed back untouched.
	File      string
	Line, Col int
}

// Outcome is what became of a URL.
type Outcome int

const (
	// OK: the URL answered with a success, directly or through
	// temporary redirects.
	OK Outcome = iota
	// Redirected: the URL leads somewhere, but through a permanent
	// redirect (301 or 308): links should name Result.Target instead.
	Redirected
	// Broken: no answer, or an error status; Result.Failure says which.
	Broken
	// Skipped: the URL was not requested (Result.Detail says why): it
	// points at this machine, a private network or a name reserved for
	// examples, or it is not http(s).
	Skipped
)

// Failure is why a URL is Broken.
type Failure int

const (
	NoFailure Failure = iota
	// Status: the server answered with an error status, Result.Status.
	Status
	// Timeout: no answer within Options.Timeout.
	Timeout
	// DNS: the host name does not resolve.
	DNS
	// TLS: the secure connection failed: an expired, self-signed or
	// mismatched certificate, or a broken handshake.
	TLS
	// Reset: the server reset or closed the connection before it
	// answered.
	Reset
	// Refused: nothing listens at the host's port.
	Refused
	// TooManyRedirects: more than maxRedirects redirects, or a loop.
	TooManyRedirects
	// Invalid: the URL cannot be parsed or has no host.
	Invalid
	// Other: any other error, in Result.Detail.
	Other
)

// Result is what became of one URL, with every place it is written.
type Result struct {
	// URL is the URL requested: as written, without its fragment.
	URL string
	// Uses are the places the URL is written (fragments and all), in
	// the order they were given.
	Uses    []Link
	Outcome Outcome
	Failure Failure
	// Status is the last HTTP status the URL answered with, 0 when none
	// came.
	Status int
	// Target is where a Redirected URL leads: the end of its permanent
	// redirects. For a Broken URL that was redirected, the URL that
	// failed.
	Target string
	// Detail is the error's text, or why a URL was skipped.
	Detail string
	// RetryAfter is how long a server answering 429 asked to wait, when
	// that was longer than kb waits.
	RetryAfter time.Duration
	// Cached says the result comes from the cache, not from the network.
	Cached bool
}

// Report is the results of a check, one per distinct URL, sorted by URL.
type Report struct {
	Results []Result
	// Requested counts the URLs asked over the network, Cached those
	// answered from the cache, Skipped those not asked at all.
	Requested, Cached, Skipped int
	// Hosts counts the distinct hosts asked over the network.
	Hosts int
}
