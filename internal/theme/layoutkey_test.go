package theme

import (
	"testing"
	"time"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/site"
)

// Layout keys are kept between runs of kb build, so what goes into them
// must read the same in every run: a date in config.toml's params comes
// back with a zone of its own each time it is parsed.
func TestConfigTextStable(t *testing.T) {
	text := func() string {
		cfg := config.Default()
		cfg.Params = map[string]any{"since": time.Date(2020, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600)), "n": int64(1)}
		return configText(&site.Site{Config: cfg})
	}
	if a, b := text(), text(); a != b {
		t.Errorf("the same config reads differently:\n%s\n%s", a, b)
	}
	cfg := config.Default()
	cfg.Params = map[string]any{"n": "1"}
	if configText(&site.Site{Config: cfg}) == text() {
		t.Error("params that differ read the same")
	}
}
