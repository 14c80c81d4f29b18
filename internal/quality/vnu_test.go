package quality

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/browsertest"
)

// TestValidHTML runs the Nu Html Checker over every generated HTML page:
// no errors and no warnings.
func TestValidHTML(t *testing.T) {
	jar := tool(t, "KB_VNU_JAR", "the Nu Html Checker (npm vnu-jar)")
	if _, err := exec.LookPath("java"); err != nil {
		browsertest.MissingTool(t, "java not found (Debian's default-jre-headless)")
	}
	p := publish(t)
	dir := writeOut(t, p)
	out, err := exec.Command("java", "-jar", jar, "--skip-non-html", "--also-check-svg", dir).CombinedOutput()
	pages := 0
	for name := range p.files {
		if strings.HasSuffix(name, ".html") {
			pages++
		}
	}
	t.Logf("checked %d HTML pages", pages)
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("the Nu Html Checker found problems:\n%s", strings.ReplaceAll(string(out), "file:"+dir, ""))
	}
}
