package store

import (
	"context"
	"fmt"
	"slices"
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

// ShiftOrigin is where a shift comes from and when it last changed: what
// an agent's own views of their shifts (the calendar feed, GET /me/shifts)
// need beyond the shift itself.
type ShiftOrigin struct {
	// TeamID is the team of the shift's roster, whose site the shift is
	// worked at (the agent may have moved to another team since).
	TeamID string
	// UpdatedAt is when the shift was last stored: added, edited,
	// cancelled, or changed by a solve. The calendar feed writes it as the
	// event's DTSTAMP and LAST-MODIFIED, so that the feed reads the same
	// until its shifts change.
	UpdatedAt time.Time
}

// FindShiftOrigins returns, by ID, the roster team and change time of
// each of the shifts ids. IDs no shift has are left out.
func (db *DB) FindShiftOrigins(ctx context.Context, ids []string) (map[string]ShiftOrigin, error) {
	out := make(map[string]ShiftOrigin, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		var rows []struct {
			ID        string
			UpdatedAt time.Time
			TeamID    string
		}
		err := db.gorm.WithContext(ctx).Table("shifts AS s").Joins("JOIN rosters AS r ON r.id = s.roster_id").
			Select("s.id, s.updated_at, r.team_id").Where("s.id IN ?", chunk).Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("find shift origins: %w", err)
		}
		for _, r := range rows {
			out[r.ID] = ShiftOrigin{TeamID: r.TeamID, UpdatedAt: r.UpdatedAt.UTC()}
		}
	}
	return out, nil
}
