// Package api is shiftplan's HTTP interface: the REST API under /api/v1, the
// health probes and the embedded web app. It speaks JSON, maps domain errors
// to HTTP statuses in one place (errors.go) and holds no persistence code.
package api

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Store is what the API needs of persistence; *store.DB implements it.
type Store interface {
	Ping(ctx context.Context) error
}

// Config holds the server's settings.
type Config struct {
	// Version is reported by /healthz.
	Version string
	// Frontend is the web app's static files (nil: no web app).
	Frontend fs.FS
}

// Server is the HTTP server.
type Server struct {
	cfg    Config
	store  Store
	log    *slog.Logger
	echo   *echo.Echo
	server *http.Server
}

// NewServer wires the routes.
func NewServer(cfg Config, st Store, log *slog.Logger) *Server {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	s := &Server{cfg: cfg, store: st, log: log, echo: e}
	e.HTTPErrorHandler = s.handleError
	e.Use(requestID(), s.accessLog(), recoverPanics())
	s.routes()
	return s
}

// Handler returns the server's HTTP handler (for tests with httptest).
func (s *Server) Handler() http.Handler { return s.echo }

// Serve accepts connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.server = &http.Server{Handler: s.echo, ReadHeaderTimeout: 10 * time.Second}
	err := s.server.Serve(l)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections and waits for in-flight requests.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.server == nil {
		return nil
	}
	return s.server.Shutdown(ctx)
}
