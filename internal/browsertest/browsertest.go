// Package browsertest starts headless Chromium for tests (and for the
// measurement scripts), the way every browser test of the project needs
// it: Debian's chromium or Google Chrome, no sandbox (CI runs as root), no
// background traffic, and a fresh profile each time.
//
// It also decides, for every test that needs a tool from outside Go (the
// browser, Java, the Nu Html Checker, axe-core), what a missing tool means:
// a skip, or a failure when KB_REQUIRE_TOOLS=1. The switch is our own
// rather than CI, because GitHub sets CI=true for every job, including
// ones that never install the tools.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// RequireTools reports whether a missing outside tool fails the test
// instead of skipping it: KB_REQUIRE_TOOLS set to anything but "" or "0".
func RequireTools() bool {
	v := os.Getenv("KB_REQUIRE_TOOLS")
	return v != "" && v != "0"
}

// MissingTool stops a test that cannot run for want of an outside tool.
// It fails when tools are required, so a gate never passes by skipping
// its checks, and skips otherwise, so that the tests still run on a
// machine without the tools.
func MissingTool(t testing.TB, format string, args ...any) {
	t.Helper()
	if RequireTools() {
		t.Fatalf(format+"; a failure, since KB_REQUIRE_TOOLS is set", args...)
	}
	t.Skipf(format+"; skipped (KB_REQUIRE_TOOLS=1 makes this a failure)", args...)
}

// Find finds Chromium or Google Chrome: Debian's package names, then the
// names GitHub's runners and Google's packages use; "" when there is none.
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Path finds the browser for a test, which stops (MissingTool) when there
// is none.
func Path(t testing.TB) string {
	t.Helper()
	p := Find()
	if p == "" {
		MissingTool(t, "no Chromium or Google Chrome found (Debian's chromium package)")
	}
	return p
}

// New starts a headless Chromium for one test, in the dark colour scheme
// when asked. The context has no timeout, which would stop the whole
// browser; waits carry their own deadlines.
func New(t testing.TB, dark bool) context.Context {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), Options(Path(t), dark)...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
}

// Options are how the browser at path is started, headless, for tests
// and for the measurement scripts alike.
func Options(path string, dark bool) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	if dark {
		opts = append(opts, chromedp.Flag("force-dark-mode", true))
	}
	return opts
}

// WaitFor polls a JavaScript condition in the page until it holds, or
// fails the test after 15 seconds.
func WaitFor(t testing.TB, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
