//go:build unix

package markdown

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used: what
// FuzzRenderCost measures, so that other work on a shared machine does
// not count against a render.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
