// Package browsertest starts headless Chromium for tests, the way every
// browser test of the project needs it: Debian's chromium, no sandbox (CI
// runs as root), no background traffic, and a fresh profile each time. A
// missing browser skips the test outside CI and fails it in CI.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path finds Chromium, or skips (fails, in CI) the test.
func Path(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found; CI installs Debian's chromium package")
	}
	t.Skip("no Chromium found (install Debian's chromium to run browser tests)")
	return ""
}

// New starts a headless Chromium for one test, in the dark colour scheme
// when asked. The context has no timeout, which would stop the whole
// browser; waits carry their own deadlines.
func New(t testing.TB, dark bool) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path(t)),
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
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
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
