package theme

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/config"
)

// TestDocIsTheContract: the package comment must name every field and
// method a layout's View has, every template function and every partial
// kb runs, so that a change to what templates get cannot leave the
// contract behind.
func TestDocIsTheContract(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src)
	v := reflect.TypeFor[*View]()
	for i := range v.Elem().NumField() {
		if f := v.Elem().Field(i); f.IsExported() && !strings.Contains(doc, "\t."+f.Name+" ") {
			t.Errorf("View.%s is not in the package doc", f.Name)
		}
	}
	for i := range v.NumMethod() {
		if m := v.Method(i); !strings.Contains(doc, "\t."+m.Name+" ") {
			t.Errorf("View.%s() is not in the package doc", m.Name)
		}
	}
	for name := range Funcs(config.Config{}) {
		if !strings.Contains(doc, "\t"+name+" ") {
			t.Errorf("template function %s is not in the package doc", name)
		}
	}
	for name := range Partials {
		if !strings.Contains(doc, "\t"+name+" ") {
			t.Errorf("partial %s is not in the package doc", name)
		}
	}
	for _, l := range Layouts {
		if !strings.Contains(doc, "\t"+l+".html ") {
			t.Errorf("layout %s.html is not in the package doc", l)
		}
	}
}
