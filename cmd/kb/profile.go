package main

import (
	"errors"
	"os"
	"runtime"
	"runtime/pprof"
)

// profiles writes pprof profiles of one build, for finding where a large
// site's build spends its time (-cpuprofile) and what it allocates
// (-memprofile); read them with go tool pprof.
type profiles struct {
	cpu, mem string // files; "" for none
	cpuFile  *os.File
}

func (p *profiles) wanted() bool { return p.cpu != "" || p.mem != "" }

// start begins the CPU profile.
func (p *profiles) start() error {
	if p.cpu == "" {
		return nil
	}
	f, err := os.Create(p.cpu)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		return errors.Join(err, f.Close())
	}
	p.cpuFile = f
	return nil
}

// stop ends the CPU profile and writes the allocation profile: every
// allocation since the process started, by the code that made it.
func (p *profiles) stop() error {
	var errs []error
	if p.cpuFile != nil {
		pprof.StopCPUProfile()
		errs = append(errs, p.cpuFile.Close())
		p.cpuFile = nil
	}
	if p.mem != "" {
		f, err := os.Create(p.mem)
		if err != nil {
			return errors.Join(append(errs, err)...)
		}
		// The profile holds what was allocated up to the last collection:
		// a build into a folder that holds one collects seldom (see
		// rebuildGCPercent), and its last half would be missing.
		runtime.GC()
		errs = append(errs, pprof.Lookup("allocs").WriteTo(f, 0), f.Close())
	}
	return errors.Join(errs...)
}
