package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"

	"github.com/pressly/goose/v3"
)

// goMigrations are the migrations SQL alone cannot write on both dialects;
// their versions continue the numbering of migrations/*.sql.
func goMigrations(d Dialect) []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(8, &goose.GoFunc{RunTx: hashCalendarTokens(d)}, &goose.GoFunc{RunTx: unhashCalendarTokens}),
	}
}

// hashCalendarTokens (version 8) replaces each calendar feed's plain token
// by its SHA-256 in hex, the hash the API looks feeds up by, and renames
// the column token_hash; the feeds keep their addresses. SQLite has no
// SHA-256 function, so the hashing is done here.
func hashCalendarTokens(d Dialect) func(context.Context, *sql.Tx) error {
	update := "UPDATE calendar_tokens SET token_hash = ? WHERE agent_id = ?"
	if d == Postgres {
		update = "UPDATE calendar_tokens SET token_hash = $1 WHERE agent_id = $2"
	}
	return func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "ALTER TABLE calendar_tokens RENAME COLUMN token TO token_hash"); err != nil {
			return fmt.Errorf("rename calendar_tokens.token: %w", err)
		}
		rows, err := tx.QueryContext(ctx, "SELECT agent_id, token_hash FROM calendar_tokens")
		if err != nil {
			return fmt.Errorf("read calendar tokens: %w", err)
		}
		plain := map[string]string{}
		for rows.Next() {
			var agent, tok string
			if err := rows.Scan(&agent, &tok); err != nil {
				rows.Close()
				return fmt.Errorf("read calendar tokens: %w", err)
			}
			plain[agent] = tok
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("read calendar tokens: %w", err)
		}
		for agent, tok := range plain {
			// The same hash as the API's hashToken.
			h := sha256.Sum256([]byte(tok))
			if _, err := tx.ExecContext(ctx, update, hex.EncodeToString(h[:]), agent); err != nil {
				return fmt.Errorf("hash calendar token: %w", err)
			}
		}
		return nil
	}
}

// unhashCalendarTokens undoes version 8 as far as it can: a hash gives no
// token back, so the feeds are deleted and agents make new ones.
func unhashCalendarTokens(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM calendar_tokens"); err != nil {
		return fmt.Errorf("delete calendar tokens: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "ALTER TABLE calendar_tokens RENAME COLUMN token_hash TO token"); err != nil {
		return fmt.Errorf("rename calendar_tokens.token_hash: %w", err)
	}
	return nil
}
