// Package dbtest gives tests a fresh, migrated shiftplan database: an
// SQLite file in a temporary directory, or a new PostgreSQL database created
// on the server named by SHIFTPLAN_TEST_DATABASE_URL and dropped afterwards.
//
// Without SHIFTPLAN_TEST_DATABASE_URL the PostgreSQL variants are skipped,
// except under CI=true, where they fail: CI must run them.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for creating test databases

	"github.com/shiftplan/shiftplan/store"
)

// EnvURL names the variable holding an administrative PostgreSQL URL.
const EnvURL = "SHIFTPLAN_TEST_DATABASE_URL"

// Dialects lists the engines every store test runs on.
var Dialects = []store.Dialect{store.SQLite, store.Postgres}

// Each runs f once per dialect as a subtest with a fresh migrated database.
func Each(t *testing.T, f func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(string(d), func(t *testing.T) {
			f(t, New(t, d))
		})
	}
}

// New returns a fresh, migrated database of the given dialect, closed (and
// for PostgreSQL dropped) when the test ends.
func New(t testing.TB, d store.Dialect) *store.DB {
	t.Helper()
	db := Empty(t, d)
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s test database: %v", d, err)
	}
	return db
}

// Empty returns a fresh database of the given dialect without its schema,
// for tests that migrate it themselves; closed (and for PostgreSQL
// dropped) when the test ends.
func Empty(t testing.TB, d store.Dialect) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), store.Config{URL: URL(t, d)})
	if err != nil {
		t.Fatalf("open %s test database: %v", d, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// URL creates an empty database of the given dialect and returns its URL,
// without migrating it.
func URL(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return "sqlite://" + t.TempDir() + "/test.db"
	}
	admin := os.Getenv(EnvURL)
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must run the PostgreSQL tests", EnvURL)
		}
		t.Skipf("PostgreSQL tests skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable)", EnvURL)
	}
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("connect %s: %v", EnvURL, err)
	}
	defer conn.Close()
	name := "shiftplan_test_" + randomHex(6)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer c.Close()
		c.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	pu, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvURL, err)
	}
	pu.Path = "/" + name
	return pu.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToLower(hex.EncodeToString(b))
}
