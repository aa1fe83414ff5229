package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/shiftplan/shiftplan/scheduling"
)

// likeEscaper escapes the LIKE wildcards of a literal prefix (with ESCAPE '\').
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// FindUnreadNotification returns the newest notification of user whose
// key starts with prefix and that user has not read, and whether there
// is one: the notice of an occurrence a later one may stand in for.
func (db *DB) FindUnreadNotification(ctx context.Context, user, prefix string) (Notification, bool, error) {
	q := db.notificationQuery(ctx, NotificationFilter{UserID: user, UnreadOnly: true}).
		Where(`n.key LIKE ? ESCAPE '\'`, likeEscaper.Replace(prefix)+"%").
		Select("n.*, false AS is_read").Order("n.created_at DESC, n.id").Limit(1)
	var rows []notificationRead
	if err := q.Scan(&rows).Error; err != nil {
		return Notification{}, false, fmt.Errorf("find unread notification: %w", err)
	}
	if len(rows) == 0 {
		return Notification{}, false, nil
	}
	n, err := rows[0].domain()
	return n, err == nil, err
}

// ReplaceNotification gives notification n.ID n's kind, params, message
// and key, as stored now: it moves to the top of its reader's inbox,
// unread.
func (db *DB) ReplaceNotification(ctx context.Context, n *Notification) error {
	n.CreatedAt = db.now()
	res := db.gorm.WithContext(ctx).Model(&notificationRow{}).Where("id = ?", n.ID).Updates(map[string]any{
		"kind": n.Kind, "params": toJSON(n.Params), "message": n.Message, "key": n.Key, "created_at": n.CreatedAt})
	if res.Error != nil {
		return fmt.Errorf("replace notification: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("find notification %s: %w", n.ID, scheduling.ErrNotFound)
	}
	return nil
}

// DeleteNotification removes notification id and its read marks.
func (db *DB) DeleteNotification(ctx context.Context, id string) error {
	return db.Tx(ctx, func(tx *DB) error {
		if err := tx.gorm.WithContext(ctx).Where("notification_id = ?", id).Delete(&notificationReadRow{}).Error; err != nil {
			return fmt.Errorf("delete notification reads: %w", err)
		}
		if err := tx.gorm.WithContext(ctx).Where("id = ?", id).Delete(&notificationRow{}).Error; err != nil {
			return fmt.Errorf("delete notification: %w", err)
		}
		return nil
	})
}
