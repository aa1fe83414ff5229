package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/frontend"
	"github.com/shiftplan/shiftplan/store"
)

// serveOptions are the server's background-work settings.
type serveOptions struct {
	// workers is the number of background jobs run at once (0: none).
	workers int
	// periodic holds the cron schedules of the periodic jobs.
	periodic api.Periodic
	// secureCookies marks the session cookie Secure.
	secureCookies bool
	// baseURL is the public address for calendar-feed links.
	baseURL string
	// trustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed (none: the client address is the connection's peer).
	trustedProxies []*net.IPNet
}

// serveEnv documents the environment variables of the background work.
var serveEnv = []struct{ name, flag, def, help string }{
	{"SHIFTPLAN_WORKERS", "workers", "1", "background jobs (solves, forecasts) run at once by this process; 0 runs none"},
	{"SHIFTPLAN_CRON_REFORECAST", "cron-reforecast", "0 2 * * *", "cron schedule of the nightly re-forecast, in UTC unless it starts CRON_TZ=Zone (empty: off)"},
	{"SHIFTPLAN_CRON_PUBLISH_REMINDER", "cron-publish-reminder", "0 9 * * 1-5", "cron schedule of the unpublished-roster reminder, in UTC unless it starts CRON_TZ=Zone (empty: off)"},
	{"SHIFTPLAN_CRON_CONTRACTS", "cron-contracts", "5 * * * *", "cron schedule on which contract changes entered ahead start on their day, in UTC unless it starts CRON_TZ=Zone (empty: off)"},
	{"SHIFTPLAN_SECURE_COOKIES", "secure-cookies", "false", "true or false: mark the session cookie Secure (behind HTTPS)"},
	{"SHIFTPLAN_BASE_URL", "base-url", "", "public address used in calendar-feed links (empty: from the request)"},
	{"SHIFTPLAN_TRUSTED_PROXIES", "trusted-proxies", "", "comma-separated CIDR ranges of reverse proxies whose X-Forwarded-For names the client (empty: the connection's peer is the client)"},
}

func defaultServeOptions() serveOptions {
	return serveOptions{workers: 1, periodic: api.Periodic{Reforecast: "0 2 * * *", PublishReminder: "0 9 * * 1-5", Contracts: "5 * * * *"}}
}

func runServe(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("serve", "serve [flags]", io)
	cfg := bindConfig(fs, io.getenv, true)
	vals := map[string]*string{}
	for _, v := range serveEnv {
		def := v.def
		if e := io.getenv(v.name); e != "" {
			def = e
		}
		vals[v.flag] = fs.String(v.flag, def, fmt.Sprintf("%s (env %s)", v.help, v.name))
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opts := defaultServeOptions()
	n, err := strconv.Atoi(*vals["workers"])
	if err != nil || n < 0 || n > 64 {
		return usagef("--workers: %q is not a number from 0 to 64", *vals["workers"])
	}
	opts.workers = n
	opts.periodic = api.Periodic{Reforecast: *vals["cron-reforecast"], PublishReminder: *vals["cron-publish-reminder"], Contracts: *vals["cron-contracts"]}
	if opts.secureCookies, err = strconv.ParseBool(*vals["secure-cookies"]); err != nil {
		return usagef("--secure-cookies: %q is not true or false", *vals["secure-cookies"])
	}
	opts.baseURL = *vals["base-url"]
	if opts.trustedProxies, err = parseTrustedProxies(*vals["trusted-proxies"]); err != nil {
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
	return serve(ctx, *cfg, db, log, func(addr string) {}, opts)
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

// serve runs the HTTP server, the background-job workers and the periodic
// schedules until ctx is cancelled; then it stops the schedules, lets
// in-flight requests finish (up to 20 s) and stops the workers, whose
// unfinished jobs go back to the queue. ready is called with the bound
// address. Without opts the defaults of defaultServeOptions apply.
func serve(ctx context.Context, cfg config, db *store.DB, log *slog.Logger, ready func(addr string), opts ...serveOptions) error {
	o := defaultServeOptions()
	if len(opts) > 0 {
		o = opts[0]
	}
	srv := newServer(db, log, o)
	worker := api.NewWorker(db, log, api.WorkerConfig{Concurrency: o.workers})
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	wctx, stopWorkers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorkers()
	workersDone := make(chan struct{})
	if o.workers > 0 {
		cr, err := worker.Schedule(o.periodic)
		if err != nil {
			l.Close()
			return err
		}
		defer func() { <-cr.Stop().Done() }()
		go func() { worker.Run(wctx); close(workersDone) }()
	} else {
		close(workersDone)
	}
	addr := l.Addr().String()
	log.Info("listening", "addr", addr, "url", "http://"+addr+"/", "workers", o.workers)
	ready(addr)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: waiting for in-flight requests and jobs")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("shutdown: %w", err)
	}
	stopWorkers()
	select {
	case <-workersDone:
	case <-sctx.Done():
		log.Warn("workers did not stop in time; their jobs will be retried after their lease")
	}
	if err := <-errc; err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// newServer wires the API server to its dependencies.
func newServer(db *store.DB, log *slog.Logger, o serveOptions) *api.Server {
	return api.NewServer(api.Config{Version: version, Frontend: frontend.FS(), SecureCookies: o.secureCookies, BaseURL: o.baseURL,
		TrustedProxies: o.trustedProxies}, db, log)
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
