package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

type calendarTokenRow struct {
	AgentID   string `gorm:"primaryKey"`
	Token     string
	CreatedAt time.Time
}

func (calendarTokenRow) TableName() string { return "calendar_tokens" }

// CalendarToken returns the agent's secret calendar-feed token, or
// ErrNotFound when the agent has none yet.
func (db *DB) CalendarToken(ctx context.Context, agentID string) (string, error) {
	var row calendarTokenRow
	if err := db.gorm.WithContext(ctx).First(&row, "agent_id = ?", agentID).Error; err != nil {
		return "", notFound(err, "find calendar token")
	}
	return row.Token, nil
}

// SetCalendarToken gives the agent a new feed token; the old one stops working.
func (db *DB) SetCalendarToken(ctx context.Context, agentID, token string) error {
	row := calendarTokenRow{AgentID: agentID, Token: token, CreatedAt: db.now()}
	err := db.gorm.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "agent_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"token", "created_at"})}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("set calendar token: %w", err)
	}
	return nil
}

// FindCalendarAgent returns the agent whose feed token this is.
func (db *DB) FindCalendarAgent(ctx context.Context, token string) (string, error) {
	var row calendarTokenRow
	if err := db.gorm.WithContext(ctx).First(&row, "token = ?", token).Error; err != nil {
		return "", notFound(err, "find calendar token")
	}
	return row.AgentID, nil
}
