package store

import (
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Job leases are reckoned on the database's clock, not the worker's: with
// several processes on one database, a host whose clock is off by seconds
// would otherwise shorten or lengthen the leases of the others (a host
// running fast would take over jobs whose holder is alive). The store's
// clock (Config.Now, WithClock) still stamps the other times of a job.

// sqliteLeaseEnd is SQLite's current time plus a modifier ("+30.000
// seconds"), in the format the driver writes (_time_format=sqlite), to
// the millisecond.
const sqliteLeaseEnd = "strftime('%Y-%m-%d %H:%M:%f+00:00', 'now', ?)"

// leaseEnd is the database's current time plus lease, for lease_until.
func (db *DB) leaseEnd(lease time.Duration) clause.Expr {
	if db.dialect == Postgres {
		return clause.Expr{SQL: "statement_timestamp() + make_interval(secs => ?)", Vars: []any{lease.Seconds()}}
	}
	return clause.Expr{SQL: sqliteLeaseEnd, Vars: []any{fmt.Sprintf("%+.3f seconds", lease.Seconds())}}
}

// leaseLapsed is the condition that a job's lease has run out by the
// database's clock.
func (db *DB) leaseLapsed() clause.Expr {
	if db.dialect == Postgres {
		return clause.Expr{SQL: "lease_until < statement_timestamp()"}
	}
	// julianday compares instants whatever the fraction digits of each.
	return clause.Expr{SQL: "julianday(lease_until) < julianday('now')"}
}
