// Package api is shiftplan's HTTP interface: the REST API under /api/v1, the
// health probes, the agents' calendar feeds and the embedded web app. It
// speaks JSON, maps domain errors to HTTP statuses in one place (errors.go),
// describes itself in an OpenAPI 3.0 document that every request is
// validated against (openapi.go), and runs solves and forecasts as leased
// background jobs (worker.go) with periodic runs (periodic.go).
//
// Access: admin may do everything; a team lead reads and changes their own
// teams; an agent sees their own data and their team's published shifts
// (names and times only); HR reads what hours and pay need and changes no
// roster (access.go).
package api

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/store"
)

// Config holds the server's settings.
type Config struct {
	// Version is reported by /healthz.
	Version string
	// Frontend is the web app's static files (nil: no web app).
	Frontend fs.FS
	// SecureCookies marks the session cookie Secure (set it behind HTTPS).
	SecureCookies bool
	// SessionTTL is how long a login lasts (0: 12 h).
	SessionTTL time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// LoginLimit is the number of failed logins per client address and
	// e-mail within LoginWindow before further attempts get 429 (0: 5 per
	// 15 minutes).
	LoginLimit  int
	LoginWindow time.Duration
	// BaseURL is the public address used in calendar-feed links ("" = taken
	// from the request).
	BaseURL string
	// TrustedProxies are the address ranges of the reverse proxies in front
	// of the server. A request from one of them is counted, rate-limited and
	// logged under the client address its X-Forwarded-For names (the
	// nearest address outside these ranges); without them the client
	// address is the connection's peer and X-Forwarded-For and X-Real-IP
	// are ignored, since anyone can send them.
	TrustedProxies []*net.IPNet
}

// Server is the HTTP server.
type Server struct {
	cfg     Config
	db      *store.DB
	log     *slog.Logger
	echo    *echo.Echo
	server  *http.Server
	limiter *loginLimiter
	spec    *apiSpec
	// closing is closed when shutdown starts, ending event streams.
	closing   chan struct{}
	closeOnce sync.Once
}

// NewServer wires the routes.
func NewServer(cfg Config, db *store.DB, log *slog.Logger) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.LoginLimit <= 0 {
		cfg.LoginLimit = 5
	}
	if cfg.LoginWindow <= 0 {
		cfg.LoginWindow = 15 * time.Minute
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = clientIP(cfg.TrustedProxies)
	s := &Server{cfg: cfg, db: db, log: log, echo: e, limiter: newLoginLimiter(cfg.LoginLimit, cfg.LoginWindow),
		closing: make(chan struct{})}
	e.HTTPErrorHandler = s.handleError
	e.Use(requestID(), s.accessLog(), recoverPanics())
	s.routes()
	return s
}

// clientIP is how c.RealIP finds the client's address: the connection's
// peer, or behind trusted proxies the nearest untrusted address of
// X-Forwarded-For. Only the listed ranges are trusted, not echo's default
// of every loopback, link-local and private address.
func clientIP(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
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
	s.closeOnce.Do(func() { close(s.closing) })
	if s.server == nil {
		return nil
	}
	return s.server.Shutdown(ctx)
}

func (s *Server) now() time.Time { return s.cfg.Now().UTC() }
