package api

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

const requestIDKey = "request_id"

// requestID takes the caller's X-Request-Id (if sane) or makes one, and
// echoes it in the response.
func requestID() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			id := c.Request().Header.Get(echo.HeaderXRequestID)
			if id == "" || len(id) > 64 {
				b := make([]byte, 8)
				rand.Read(b)
				id = hex.EncodeToString(b)
			}
			c.Set(requestIDKey, id)
			c.Response().Header().Set(echo.HeaderXRequestID, id)
			return next(c)
		}
	}
}

func requestIDOf(c echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// accessLog writes one structured line per request. Query strings are not
// logged: they may carry tokens.
func (s *Server) accessLog() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			req := c.Request()
			path := req.URL.Path
			if strings.HasPrefix(path, "/ical/") {
				// The path is the feed's secret.
				path = "/ical/***"
			}
			if tok, ok := strings.CutPrefix(path, "/api/v1/invitations/"); ok {
				// The path holds an invitation's token.
				path = "/api/v1/invitations/***"
				if strings.HasSuffix(tok, "/accept") {
					path += "/accept"
				}
			} else if strings.HasPrefix(path, "/invite/") {
				path = "/invite/***"
			}
			level := slog.LevelInfo
			if c.Response().Status >= 500 {
				level = slog.LevelError
			}
			s.log.Log(req.Context(), level, "request",
				"request_id", requestIDOf(c), "method", req.Method, "path", path,
				"status", c.Response().Status, "bytes", c.Response().Size,
				"duration_ms", float64(time.Since(start).Microseconds())/1000)
			return nil
		}
	}
}

// recoverPanics turns a panic in a handler into a logged 500.
func recoverPanics() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if r := recover(); r != nil {
					buf := make([]byte, 4096)
					buf = buf[:runtime.Stack(buf, false)]
					err = fmt.Errorf("panic: %v\n%s", r, buf)
				}
			}()
			return next(c)
		}
	}
}
