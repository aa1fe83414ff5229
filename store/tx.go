package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Tx runs f in one transaction with a DB bound to it: every store method
// called on tx takes part in the transaction (their own transactions become
// savepoints), and nothing is written unless f returns nil.
func (db *DB) Tx(ctx context.Context, f func(tx *DB) error) error {
	return db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		return f(db.bound(g))
	})
}

// WithClock returns a copy of db that reads the time from now: for its
// stamps, session expiry and job run times. For a server whose clock is
// set (api.Config.Now), so that both agree. Job leases follow the
// database's clock whatever now says (see ClaimJob).
func (db *DB) WithClock(now func() time.Time) *DB {
	return &DB{gorm: db.gorm, sql: db.sql, dialect: db.dialect, now: now}
}

// bound returns a copy of db whose queries run on g.
func (db *DB) bound(g *gorm.DB) *DB {
	return &DB{gorm: g, sql: db.sql, dialect: db.dialect, now: db.now}
}

// agentNumbersLock is the PostgreSQL advisory lock key of LockAgentNumbers
// ("agentno" in ASCII).
const agentNumbersLock = 0x6167656e746e6f

// LockAgentNumbers makes the rest of the transaction db is bound to (see
// Tx) the only one that matches and writes agents by employee number
// until it ends: two agent imports at once, or two agents added by hand,
// would otherwise both find a number unused and both create an agent
// with it. On PostgreSQL it is a transaction-scoped advisory lock; SQLite
// runs one transaction at a time anyway.
func (db *DB) LockAgentNumbers(ctx context.Context) error {
	if db.dialect != Postgres {
		return nil
	}
	if err := db.gorm.WithContext(ctx).Exec("SELECT pg_advisory_xact_lock(?)", agentNumbersLock).Error; err != nil {
		return fmt.Errorf("lock agent numbers: %w", err)
	}
	return nil
}
