package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// calendarTokenRow is an agent's calendar feed. Like sessions and API
// tokens it keeps only the SHA-256 of the feed's secret token, so the
// database (a backup, a replica) does not give the feeds away.
type calendarTokenRow struct {
	AgentID   string `gorm:"primaryKey"`
	TokenHash string
	CreatedAt time.Time
}

func (calendarTokenRow) TableName() string { return "calendar_tokens" }

// CalendarFeed is an agent's calendar feed; its address is not kept.
type CalendarFeed struct {
	AgentID   string
	CreatedAt time.Time
}

// FindCalendarFeed returns the agent's calendar feed, or ErrNotFound when
// the agent has none.
func (db *DB) FindCalendarFeed(ctx context.Context, agentID string) (CalendarFeed, error) {
	var row calendarTokenRow
	if err := db.gorm.WithContext(ctx).First(&row, "agent_id = ?", agentID).Error; err != nil {
		return CalendarFeed{}, notFound(err, "find calendar feed")
	}
	return CalendarFeed{AgentID: row.AgentID, CreatedAt: row.CreatedAt.UTC()}, nil
}

// SetCalendarToken gives the agent a feed with a new token, of which it
// stores tokenHash; the old token stops working.
func (db *DB) SetCalendarToken(ctx context.Context, agentID, tokenHash string) (CalendarFeed, error) {
	row := calendarTokenRow{AgentID: agentID, TokenHash: tokenHash, CreatedAt: db.now()}
	err := db.gorm.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "agent_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"token_hash", "created_at"})}).Create(&row).Error
	if err != nil {
		return CalendarFeed{}, fmt.Errorf("set calendar token: %w", err)
	}
	return CalendarFeed{AgentID: agentID, CreatedAt: row.CreatedAt.UTC()}, nil
}

// FindCalendarAgent returns the agent whose feed token has this hash.
func (db *DB) FindCalendarAgent(ctx context.Context, tokenHash string) (string, error) {
	var row calendarTokenRow
	if err := db.gorm.WithContext(ctx).First(&row, "token_hash = ?", tokenHash).Error; err != nil {
		return "", notFound(err, "find calendar token")
	}
	return row.AgentID, nil
}
