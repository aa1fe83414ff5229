package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/frontend"
	"github.com/shiftplan/shiftplan/store"
)

func runServe(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("serve", "serve [flags]", io)
	cfg := bindConfig(fs, io.getenv, true)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log, err := cfg.logger(io.err)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	return serve(ctx, *cfg, db, log, func(addr string) {})
}

// openDB opens and migrates the configured database.
func openDB(ctx context.Context, cfg config, log *slog.Logger) (*store.DB, error) {
	db, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		return nil, err
	}
	n, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	log.Info("database ready", "dialect", db.Dialect(), "database", maskURL(cfg.DatabaseURL), "migrations_applied", n)
	return db, nil
}

// serve runs the HTTP server until ctx is cancelled, then lets in-flight
// requests finish (up to 20 s). ready is called with the bound address.
func serve(ctx context.Context, cfg config, db *store.DB, log *slog.Logger, ready func(addr string)) error {
	srv := newServer(db, log)
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	addr := l.Addr().String()
	log.Info("listening", "addr", addr, "url", "http://"+addr+"/")
	ready(addr)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: waiting for in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// newServer wires the API server to its dependencies.
func newServer(db *store.DB, log *slog.Logger) *api.Server {
	return api.NewServer(api.Config{Version: version, Frontend: frontend.FS()}, db, log)
}

func runMigrate(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("migrate", "migrate [flags]", io)
	cfg := bindConfig(fs, io.getenv, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir})
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	fmt.Fprintf(io.out, "%s database at schema version %d (%d migrations applied now)\n", db.Dialect(), v, n)
	return nil
}
