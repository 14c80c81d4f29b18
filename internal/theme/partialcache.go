package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"sync"
)

// maxPartialKeys is how many key values a cached partial may vary by.
const maxPartialKeys = 4

// partialKey names one rendering of a cached partial.
type partialKey struct {
	name string
	keys [maxPartialKeys]any
}

// partialCache keeps, for one layout run, the output of the partials a
// layout asks for with View.Cached: markup such as the site header or
// footer is the same on thousands of pages, and running its template for
// each one was a large share of the layouts' time (html/template calls
// every function and escaper through reflection).
type partialCache struct {
	th   *Theme
	mu   sync.Mutex
	done map[partialKey]template.HTML
}

func newPartialCache(th *Theme) *partialCache {
	return &partialCache{th: th, done: map[partialKey]template.HTML{}}
}

// render returns the partial's output for data, rendered on the first
// request for its name and keys. Two workers may both render a missing
// entry; they make the same bytes, and the first one stored is kept.
func (c *partialCache) render(name string, data any, keys []any) (template.HTML, error) {
	if len(keys) > maxPartialKeys {
		return "", fmt.Errorf("cached partial %q: at most %d key values, got %d", name, maxPartialKeys, len(keys))
	}
	k := partialKey{name: name}
	for i, v := range keys {
		if v != nil && !reflect.TypeOf(v).Comparable() {
			return "", fmt.Errorf("cached partial %q: key %d is a %T, which cannot be a key; use a string, number, bool or page", name, i+1, v)
		}
		k.keys[i] = v
	}
	c.mu.Lock()
	html, ok := c.done[k]
	c.mu.Unlock()
	if ok {
		return html, nil
	}
	var buf bytes.Buffer
	if err := c.th.ExecutePartial(&buf, name, data); err != nil {
		return "", err
	}
	html = template.HTML(buf.String())
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.done[k]; ok {
		return prev, nil
	}
	c.done[k] = html
	return html, nil
}
