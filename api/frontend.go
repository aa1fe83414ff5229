package api

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// frontendRoutes serves the embedded web app: files by path, and index.html
// for any other non-API path so the app's client-side routes work on reload.
func (s *Server) frontendRoutes() {
	if s.cfg.Frontend == nil {
		return
	}
	files := http.FileServer(http.FS(s.cfg.Frontend))
	s.echo.GET("/*", func(c echo.Context) error {
		p := strings.TrimPrefix(path.Clean(c.Request().URL.Path), "/")
		if strings.HasPrefix(p, "api/") {
			return echo.ErrNotFound
		}
		if p != "" {
			if st, err := fs.Stat(s.cfg.Frontend, p); err == nil && !st.IsDir() {
				if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".css") {
					c.Response().Header().Set("Cache-Control", "no-cache")
				}
				files.ServeHTTP(c.Response(), c.Request())
				return nil
			}
		}
		index, err := fs.ReadFile(s.cfg.Frontend, "index.html")
		if err != nil {
			return echo.ErrNotFound
		}
		c.Response().Header().Set("Cache-Control", "no-cache")
		return c.HTMLBlob(http.StatusOK, index)
	})
}
