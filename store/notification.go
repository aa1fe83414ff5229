package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Notification is a stored message for one login (UserID), or team-wide
// (UserID "") for the people who run team TeamID ("" = every team), such
// as a reminder that next week's roster is unpublished.
type Notification struct {
	ID   string
	Kind string
	// UserID is the login it is addressed to; "" makes it team-wide.
	UserID string
	TeamID string
	// Params are the values its text needs: ids, names, civil dates
	// (YYYY-MM-DD) and instants as RFC 3339 UTC strings, never local
	// times written out, so that readers can word it in their language
	// and zone.
	Params map[string]any
	// Message is the text in English, for API clients.
	Message string
	// Key makes a notification unique: a second one with the same key is
	// not stored.
	Key string
	// Read says whether the reader the notification was found for has
	// read it (FindNotifications only).
	Read      bool
	CreatedAt time.Time
}

type notificationRow struct {
	ID        string `gorm:"primaryKey"`
	Kind      string
	UserID    string
	TeamID    string
	Params    string
	Message   string
	Key       string
	CreatedAt time.Time
}

func (notificationRow) TableName() string { return "notifications" }

type notificationReadRow struct {
	NotificationID string `gorm:"primaryKey"`
	UserID         string `gorm:"primaryKey"`
	ReadAt         time.Time
}

func (notificationReadRow) TableName() string { return "notification_reads" }

// CreateNotification stores n unless one with its key exists; it reports
// whether it stored it.
func (db *DB) CreateNotification(ctx context.Context, n *Notification) (bool, error) {
	params := n.Params
	if params == nil {
		params = map[string]any{}
	}
	row := notificationRow{ID: newID(), Kind: n.Kind, UserID: n.UserID, TeamID: n.TeamID, Params: toJSON(params), Message: n.Message,
		Key: n.Key, CreatedAt: db.now()}
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

// NotificationFilter selects what one reader sees: the notifications
// addressed to them and the team-wide ones of some teams.
type NotificationFilter struct {
	// UserID is the reader: their own notifications are selected, and
	// Read and UnreadOnly speak of their reading. "" selects team-wide
	// notifications only, all unread.
	UserID string
	// TeamIDs selects the team-wide notifications of these teams and
	// those for every team; AllTeams selects every team-wide one.
	TeamIDs  []string
	AllTeams bool
	// UnreadOnly leaves out what the reader has read.
	UnreadOnly bool
	// After, when set, keeps only the notifications after it in the
	// newest-first order: the page after one that ended on After. Paging
	// by position rather than by offset, a notification read (under
	// UnreadOnly) or stored between two pages neither skips nor repeats
	// one.
	After *NotificationCursor
	// Limit bounds the result (0 = all).
	Limit int
}

// NotificationCursor is a notification's place in the newest-first order
// of FindNotifications: created_at descending, then ID ascending.
type NotificationCursor struct {
	CreatedAt time.Time
	ID        string
}

// Cursor returns n's place in the newest-first order.
func (n Notification) Cursor() NotificationCursor {
	return NotificationCursor{CreatedAt: n.CreatedAt, ID: n.ID}
}

// pastCursor keeps the notifications of q after c in the newest-first order,
// and c itself when with is set.
func pastCursor(q *gorm.DB, c NotificationCursor, with bool) *gorm.DB {
	op := ">"
	if with {
		op = ">="
	}
	t := c.CreatedAt.UTC()
	return q.Where("(n.created_at < ? OR (n.created_at = ? AND n.id "+op+" ?))", t, t, c.ID)
}

// query selects the notifications of f joined to the reader's read marks.
func (db *DB) notificationQuery(ctx context.Context, f NotificationFilter) *gorm.DB {
	q := db.gorm.WithContext(ctx).Table("notifications AS n").
		Joins("LEFT JOIN notification_reads AS r ON r.notification_id = n.id AND r.user_id = ?", f.UserID)
	var conds []string
	var args []any
	if f.UserID != "" {
		conds, args = append(conds, "n.user_id = ?"), append(args, f.UserID)
	}
	switch {
	case f.AllTeams:
		conds = append(conds, "n.user_id = ''")
	case len(f.TeamIDs) > 0:
		conds, args = append(conds, "(n.user_id = '' AND n.team_id IN ?)"), append(args, append([]string{""}, f.TeamIDs...))
	}
	if len(conds) == 0 {
		return q.Where("1 = 0")
	}
	q = q.Where("("+strings.Join(conds, " OR ")+")", args...)
	if f.UnreadOnly {
		q = q.Where("r.user_id IS NULL")
	}
	if f.After != nil {
		q = pastCursor(q, *f.After, false)
	}
	return q
}

// FindNotifications returns the notifications f selects, newest first.
func (db *DB) FindNotifications(ctx context.Context, f NotificationFilter) ([]Notification, error) {
	q := db.notificationQuery(ctx, f).Select("n.*, r.user_id IS NOT NULL AS is_read").Order("n.created_at DESC, n.id")
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []notificationRead
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("find notifications: %w", err)
	}
	out := make([]Notification, len(rows))
	for i, r := range rows {
		n, err := r.domain()
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

// notificationRead is a notification as read for one reader.
type notificationRead struct {
	ID, Kind, UserID, TeamID, Params, Message, Key string
	CreatedAt                                      time.Time
	IsRead                                         bool
}

func (r notificationRead) domain() (Notification, error) {
	n := Notification{ID: r.ID, Kind: r.Kind, UserID: r.UserID, TeamID: r.TeamID, Params: map[string]any{}, Message: r.Message,
		Key: r.Key, Read: r.IsRead, CreatedAt: r.CreatedAt.UTC()}
	if err := fromJSON(r.Params, &n.Params); err != nil {
		return n, fmt.Errorf("decode notification %s params: %w", r.ID, err)
	}
	return n, nil
}

// CountNotifications returns how many notifications f selects (Limit
// aside).
func (db *DB) CountNotifications(ctx context.Context, f NotificationFilter) (int, error) {
	var n int64
	if err := db.notificationQuery(ctx, f).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count notifications: %w", err)
	}
	return int(n), nil
}

// MarkNotificationRead records that f's reader has read notification id.
// It returns ErrNotFound when f does not select it: another login's
// notification is not theirs to mark.
func (db *DB) MarkNotificationRead(ctx context.Context, f NotificationFilter, id string) error {
	if !possibleID(id) {
		return notFound(gorm.ErrRecordNotFound, "find notification "+id)
	}
	return db.Tx(ctx, func(tx *DB) error {
		f.UnreadOnly, f.After, f.Limit = false, nil, 0
		var n int64
		if err := tx.notificationQuery(ctx, f).Where("n.id = ?", id).Count(&n).Error; err != nil {
			return fmt.Errorf("find notification: %w", err)
		}
		if n == 0 || f.UserID == "" {
			return notFound(gorm.ErrRecordNotFound, "find notification "+id)
		}
		return tx.markRead(ctx, f.UserID, []string{id})
	})
}

// MarkNotificationsRead records that f's reader has read every
// notification f selects up to upTo, and returns how many were unread.
// upTo is the ID of the newest notification the reader was shown: it and
// those after it in the newest-first order are marked, newer ones (stored
// since) stay unread; "" marks every one. It returns ErrNotFound when f
// does not select upTo.
func (db *DB) MarkNotificationsRead(ctx context.Context, f NotificationFilter, upTo string) (int, error) {
	if f.UserID == "" {
		return 0, nil
	}
	if !possibleID(upTo) {
		return 0, notFound(gorm.ErrRecordNotFound, "find notification "+upTo)
	}
	var ids []string
	err := db.Tx(ctx, func(tx *DB) error {
		f.UnreadOnly, f.After, f.Limit = false, nil, 0
		q := tx.notificationQuery(ctx, f)
		if upTo != "" {
			var seen []struct {
				ID        string
				CreatedAt time.Time
			}
			if err := tx.notificationQuery(ctx, f).Where("n.id = ?", upTo).Select("n.id, n.created_at").Scan(&seen).Error; err != nil {
				return fmt.Errorf("find notification %s: %w", upTo, err)
			}
			if len(seen) == 0 {
				return notFound(gorm.ErrRecordNotFound, "find notification "+upTo)
			}
			q = pastCursor(q, NotificationCursor{CreatedAt: seen[0].CreatedAt, ID: seen[0].ID}, true)
		}
		if err := q.Where("r.user_id IS NULL").Pluck("n.id", &ids).Error; err != nil {
			return fmt.Errorf("find unread notifications: %w", err)
		}
		return tx.markRead(ctx, f.UserID, ids)
	})
	return len(ids), err
}

// possibleID reports whether some row could have id: IDs are UUIDs, and
// PostgreSQL answers text holding a NUL byte or invalid UTF-8 with an
// error rather than with no rows.
func possibleID(id string) bool {
	return utf8.ValidString(id) && !strings.ContainsRune(id, 0)
}

// markRead stores read marks of user for ids (those already there stay).
func (db *DB) markRead(ctx context.Context, user string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	now := db.now()
	rows := make([]notificationReadRow, len(ids))
	for i, id := range ids {
		rows[i] = notificationReadRow{NotificationID: id, UserID: user, ReadAt: now}
	}
	err := db.gorm.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, 200).Error
	if err != nil {
		return fmt.Errorf("mark notifications read: %w", err)
	}
	return nil
}
