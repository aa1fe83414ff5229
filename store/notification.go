package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Notification is a stored message for the people of a team ("" = everyone),
// such as a reminder that next period's roster is unpublished.
type Notification struct {
	ID      string
	Kind    string
	TeamID  string
	Message string
	// Key makes a notification unique: a second one with the same key is
	// not stored.
	Key       string
	CreatedAt time.Time
}

type notificationRow struct {
	ID        string `gorm:"primaryKey"`
	Kind      string
	TeamID    string
	Message   string
	Key       string
	CreatedAt time.Time
}

func (notificationRow) TableName() string { return "notifications" }

// CreateNotification stores n unless one with its key exists; it reports
// whether it stored it.
func (db *DB) CreateNotification(ctx context.Context, n *Notification) (bool, error) {
	row := notificationRow{ID: newID(), Kind: n.Kind, TeamID: n.TeamID, Message: n.Message, Key: n.Key, CreatedAt: db.now()}
	res := db.gorm.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).Create(&row)
	if res.Error != nil {
		return false, fmt.Errorf("store notification: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return false, nil
	}
	n.ID, n.CreatedAt = row.ID, row.CreatedAt
	return true, nil
}

// FindNotifications returns the notifications for teamIDs and for everyone
// (nil teamIDs = all), newest first.
func (db *DB) FindNotifications(ctx context.Context, teamIDs []string, limit int) ([]Notification, error) {
	q := db.gorm.WithContext(ctx).Order("created_at DESC, id")
	if teamIDs != nil {
		q = q.Where("team_id = '' OR team_id IN ?", append([]string{""}, teamIDs...))
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []notificationRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find notifications: %w", err)
	}
	out := make([]Notification, len(rows))
	for i, r := range rows {
		out[i] = Notification{ID: r.ID, Kind: r.Kind, TeamID: r.TeamID, Message: r.Message, Key: r.Key, CreatedAt: r.CreatedAt.UTC()}
	}
	return out, nil
}
