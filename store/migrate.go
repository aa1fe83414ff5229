package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations are written in PostgreSQL's dialect; sqliteMigrations
// translates the few column types SQLite spells differently.
//
//go:embed migrations/*.sql
var migrations embed.FS

// sqliteTypes maps PostgreSQL column types to the SQLite type names the
// driver recognises (DATETIME columns are read back as time.Time).
var sqliteTypes = strings.NewReplacer("TIMESTAMPTZ", "DATETIME", "DOUBLE PRECISION", "REAL")

// migrationFS returns the migrations for a dialect.
func migrationFS(d Dialect) (fs.FS, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil || d == Postgres {
		return sub, err
	}
	out := fstest.MapFS{}
	err = fs.WalkDir(sub, ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, path)
		if err != nil {
			return err
		}
		out[path] = &fstest.MapFile{Data: []byte(sqliteTypes.Replace(string(b))), Mode: 0o444}
		return nil
	})
	return out, err
}

// Migrate applies every pending schema migration. On PostgreSQL it holds an
// advisory lock, so several processes migrating at once apply each migration
// exactly once and all succeed.
func (db *DB) Migrate(ctx context.Context) (applied int, err error) {
	p, err := db.migrator()
	if err != nil {
		return 0, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("apply migrations: %w", err)
	}
	return len(res), nil
}

// MigrateTo applies the pending migrations up to and including version,
// leaving later ones pending (tests use it to build an older schema).
func (db *DB) MigrateTo(ctx context.Context, version int64) (applied int, err error) {
	p, err := db.migrator()
	if err != nil {
		return 0, err
	}
	res, err := p.UpTo(ctx, version)
	if err != nil {
		return len(res), fmt.Errorf("apply migrations: %w", err)
	}
	return len(res), nil
}

// MigrateDownTo rolls back the applied migrations newer than version,
// newest first (tests use it to take a database filled under today's
// schema back to an older one).
func (db *DB) MigrateDownTo(ctx context.Context, version int64) (undone int, err error) {
	p, err := db.migrator()
	if err != nil {
		return 0, err
	}
	res, err := p.DownTo(ctx, version)
	if err != nil {
		return len(res), fmt.Errorf("roll back migrations: %w", err)
	}
	return len(res), nil
}

// migrator prepares goose with the SQL migrations of the dialect and the
// Go migrations (goMigrations).
func (db *DB) migrator() (*goose.Provider, error) {
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{goose.WithGoMigrations(goMigrations(db.dialect)...)}
	if db.dialect == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	sub, err := migrationFS(db.dialect)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	p, err := goose.NewProvider(dialect, db.sql, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("prepare migrations: %w", err)
	}
	return p, nil
}

// SchemaVersion returns the newest applied migration version.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.gorm.WithContext(ctx).Raw("SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version").Scan(&v).Error
	return v, err
}
