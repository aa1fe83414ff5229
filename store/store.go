// Package store persists shiftplan's domain model with GORM, on an embedded
// pure-Go SQLite file by default or on PostgreSQL for production and for
// several server processes sharing one database.
//
// Rows (the *Row types) are kept apart from the domain types in package
// scheduling and converted explicitly; instants are stored in UTC. Every
// exported method opens its own transaction where it writes more than one row.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/shiftplan/shiftplan/scheduling"
)

// Dialect names the database engine behind a DB.
type Dialect string

// Dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open shiftplan database.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	dialect Dialect
	// now is the clock used for created_at/updated_at stamps (job
	// leases use the database's clock).
	now func() time.Time
}

// Config says which database to open.
type Config struct {
	// URL is a postgres:// or postgresql:// URL, or sqlite:///path/to/file.db,
	// or empty for the embedded SQLite file in DataDir.
	URL string
	// DataDir holds the embedded SQLite file when URL is empty.
	DataDir string
	// Logger receives slow-query and error logs (nil: discarded).
	Logger *slog.Logger
	// Now is the clock (nil: time.Now).
	Now func() time.Time
}

// Open connects to the database described by cfg and checks that it answers.
// It does not migrate; call Migrate.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	dialect, dsn, err := parseURL(cfg)
	if err != nil {
		return nil, err
	}
	gcfg := &gorm.Config{Logger: logger.Discard, NowFunc: func() time.Time { return time.Now().UTC() }}
	var dial gorm.Dialector
	switch dialect {
	case Postgres:
		dial = postgres.Open(dsn)
	default:
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("create data directory %s: %w", dir, err)
			}
		}
		// WAL and a busy timeout let the server's goroutines share the file;
		// foreign keys are off by default in SQLite.
		dial = sqlite.Open(dsn + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_time_format=sqlite")
	}
	g, err := gorm.Open(dial, gcfg)
	if err != nil {
		return nil, fmt.Errorf("cannot reach %s database%s: %s", dialect, hostOf(dialect, dsn), lastLine(cleanErr(err)))
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialect, err)
	}
	if dialect == SQLite {
		// One writer at a time avoids "database is locked" under load.
		sqlDB.SetMaxOpenConns(1)
	} else {
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pctx); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("cannot reach %s database%s: %s", dialect, hostOf(dialect, dsn), lastLine(cleanErr(err)))
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	return &DB{gorm: g, sql: sqlDB, dialect: dialect, now: func() time.Time { return now().UTC().Truncate(time.Microsecond) }}, nil
}

// parseURL decides the dialect and driver DSN.
func parseURL(cfg Config) (Dialect, string, error) {
	raw := strings.TrimSpace(cfg.URL)
	if raw == "" {
		dir := cfg.DataDir
		if dir == "" {
			dir = "shiftplan-data"
		}
		return SQLite, filepath.Join(dir, "shiftplan.db"), nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", "", fmt.Errorf("database URL is not a valid URL: %s", cleanErr(err))
	}
	switch u.Scheme {
	case "postgres", "postgresql":
		if u.Host == "" {
			return "", "", errors.New("database URL has no host (want postgres://user@host:5432/dbname)")
		}
		return Postgres, raw, nil
	case "sqlite", "file":
		p := u.Path
		if u.Host != "" {
			p = filepath.Join(u.Host, p)
		}
		if p == "" {
			return "", "", errors.New("sqlite database URL has no path (want sqlite:///path/to/file.db)")
		}
		return SQLite, p, nil
	default:
		return "", "", fmt.Errorf("unsupported database URL scheme %q (want postgres:// or sqlite://)", u.Scheme)
	}
}

// cleanErr strips credentials that a driver may echo back.
func cleanErr(err error) string {
	s := err.Error()
	if i := strings.Index(s, "postgres://"); i >= 0 {
		if j := strings.Index(s[i:], "@"); j > 0 {
			s = s[:i] + "postgres://***" + s[i+j:]
		}
	}
	return s
}

// hostOf names where a database lives, for error messages.
func hostOf(d Dialect, dsn string) string {
	if d == SQLite {
		return " " + dsn
	}
	if u, err := url.Parse(dsn); err == nil {
		return " at " + u.Host
	}
	return ""
}

// lastLine keeps the most specific part of a multi-line driver error.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// Dialect reports the database engine.
func (db *DB) Dialect() Dialect { return db.dialect }

// Gorm exposes the GORM handle to other store files and to store extensions
// in this package.
func (db *DB) Gorm() *gorm.DB { return db.gorm }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

// Close closes the connection pool.
func (db *DB) Close() error { return db.sql.Close() }

// Now returns the store's clock reading in UTC.
func (db *DB) Now() time.Time { return db.now() }

// newID returns a fresh random identifier.
func newID() string { return uuid.NewString() }

// notFound maps GORM's record-not-found to scheduling.ErrNotFound.
func notFound(err error, what string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", what, scheduling.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// isUnique reports whether err is a unique-constraint violation.
func isUnique(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return errors.Is(err, gorm.ErrDuplicatedKey) || strings.Contains(s, "UNIQUE constraint") ||
		strings.Contains(s, "duplicate key") || strings.Contains(s, "SQLSTATE 23505")
}

// isForeignKey reports whether err is a foreign-key violation: the row
// written names one that does not exist, or no longer does (a delete
// that locked it committed meanwhile; see locked).
func isForeignKey(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503" // foreign_key_violation
	}
	return errors.Is(err, gorm.ErrForeignKeyViolated) || strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// unknown is the answer to a row naming a what (team, site, queue) that
// does not exist: a ValidationError on field, the same whether the id
// never existed or its row was removed while this one was written.
func unknown(field, what, id string) error {
	return scheduling.Invalid(field, "unknown %s %q", what, id)
}
