package store

import (
	"context"

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

// bound returns a copy of db whose queries run on g.
func (db *DB) bound(g *gorm.DB) *DB {
	return &DB{gorm: g, sql: db.sql, dialect: db.dialect, now: db.now}
}
