package tomldoc

import (
	"fmt"
	"time"
)

// BurntSushi/toml marks the three TOML values without an offset (local
// date-time, local date, local time) by the name of their time.Location;
// it exports no other way to tell them apart.
const (
	localDateTime = "datetime-local"
	localDate     = "date-local"
	localTime     = "time-local"
)

// timeKind names a decoded date or time's TOML type for messages.
func timeKind(t time.Time) string {
	switch t.Location().String() {
	case localTime:
		return "a time of day"
	case localDate:
		return "a date"
	}
	return "a date-time"
}

// checkTime says why t cannot be a page's date, or "". A time of day alone
// decodes to 1 January of year 0, which a page would show as its date; a
// year outside 1 to 9999, in its own offset or in UTC, has no RFC 3339
// form, so feeds would carry an invalid timestamp.
func checkTime(t time.Time) string {
	const want = "a date like 2024-05-01 or a date-time like 2024-05-01T09:30:00Z"
	if t.Location().String() == localTime {
		return fmt.Sprintf("must be %s, not a time of day alone (%s)", want, t.Format("15:04:05"))
	}
	if y := t.Year(); y < 1 || y > 9999 {
		return fmt.Sprintf("must be %s with a year from 0001 to 9999, not %s", want, asWritten(t))
	}
	if y := asUTC(t).UTC().Year(); y < 1 || y > 9999 {
		return fmt.Sprintf("must be %s with a year from 0001 to 9999 in UTC too, not %s (year %d in UTC)", want, asWritten(t), y)
	}
	return ""
}

// asWritten formats t the way it can be written in TOML, without an offset
// for a local value (whose offset is the decoding machine's, not the
// author's).
func asWritten(t time.Time) string {
	switch t.Location().String() {
	case localDate:
		return t.Format("2006-01-02")
	case localDateTime:
		return t.Format("2006-01-02T15:04:05")
	}
	return t.Format(time.RFC3339)
}

// asUTC reads a date or date-time without an offset as UTC. BurntSushi/toml
// gives such values the offset of the machine decoding them, which would
// make a feed's timestamps, and so the build's output, depend on where it
// ran.
func asUTC(t time.Time) time.Time {
	switch t.Location().String() {
	case localDate, localDateTime:
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	return t
}
