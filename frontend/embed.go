// Package frontend embeds shiftplan's web app so the binary serves it
// without Node.js or a build step at run time.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

// FS returns the web app's files, rooted at the directory holding index.html.
func FS() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the embedded directory always exists
	}
	return sub
}
