//go:build !unix

package sitedir

import "os"

// readFile reads the file at path as the os package does.
func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
