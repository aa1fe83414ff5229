package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// routes is the one table of every route the server answers.
func (s *Server) routes() {
	e := s.echo
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)

	v1 := e.Group("/api/v1")
	v1.GET("", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"name": "shiftplan", "version": s.cfg.Version})
	})

	s.frontendRoutes()
}
