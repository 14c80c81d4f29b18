package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kb": func() { os.Exit(runMain()) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: each sets
// up a site, runs kb, and checks exit codes, output and files. The theme is
// the repository's own, copied in by "cptheme".
func TestScripts(t *testing.T) {
	themeDir, err := filepath.Abs("../../themes")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Values[snapshotKey{}] = map[string]map[string]string{}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// cptheme copies the repository's themes/ into the work dir.
			"cptheme": func(ts *testscript.TestScript, neg bool, args []string) {
				ts.Check(os.CopyFS(ts.MkAbs("themes"), os.DirFS(themeDir)))
			},
			// snapshot records a folder's files and bytes; unchanged fails
			// if they differ from the recorded ones.
			"snapshot":  snapshotCmd,
			"unchanged": unchangedCmd,
		},
	})
}

// TestLimitMemory checks that kb sets its soft memory limit only when
// GOMEMLIMIT does not set one, and leaves the environment's in force.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }

	if got := limitMemory(getenv); got != defaultMemoryLimit || debug.SetMemoryLimit(-1) != defaultMemoryLimit {
		t.Errorf("without GOMEMLIMIT: limit %d, runtime's %d; want %d", got, debug.SetMemoryLimit(-1), int64(defaultMemoryLimit))
	}
	const fromEnv = 5 << 30 // as the runtime would have read GOMEMLIMIT=5GiB
	debug.SetMemoryLimit(fromEnv)
	env["GOMEMLIMIT"] = "5GiB"
	if got := limitMemory(getenv); got != fromEnv || debug.SetMemoryLimit(-1) != fromEnv {
		t.Errorf("with GOMEMLIMIT=5GiB: limit %d, runtime's %d; want %d", got, debug.SetMemoryLimit(-1), int64(fromEnv))
	}
}

// TestPaceCollector checks that kb serve sets its collector's pace only
// when GOGC does not set one.
func TestPaceCollector(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if got := paceCollector(getenv, serveGCPercent); got != serveGCPercent || debug.SetGCPercent(100) != serveGCPercent {
		t.Errorf("without GOGC: %d; want %d", got, serveGCPercent)
	}
	debug.SetGCPercent(50) // as the runtime would have read GOGC=50
	env["GOGC"] = "50"
	if got := paceCollector(getenv, serveGCPercent); got != 50 || debug.SetGCPercent(50) != 50 {
		t.Errorf("with GOGC=50: %d; want 50", got)
	}
}
