package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/shiftplan/shiftplan/scheduling"
)

type invitationRow struct {
	UserID    string `gorm:"primaryKey"`
	TokenHash string
	InvitedBy *string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

func (invitationRow) TableName() string { return "invitations" }

// Invitation lets the holder of a secret token choose the first password
// of a login that has none. The store keeps only the token's hash.
type Invitation struct {
	UserID string
	// InvitedBy is the login that sent the invitation ("" once removed).
	InvitedBy string
	CreatedAt time.Time
	// ExpiresAt is when the token stops working unused.
	ExpiresAt time.Time
}

func (r invitationRow) domain() Invitation {
	inv := Invitation{UserID: r.UserID, CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC()}
	if r.InvitedBy != nil {
		inv.InvitedBy = *r.InvitedBy
	}
	return inv
}

// InviteUser gives a login an invitation under tokenHash, valid until
// expires; an earlier token of the login stops working. Only a login that
// never had a password and is switched on can be invited (ErrConflict
// otherwise; ErrNotFound for no such login).
func (db *DB) InviteUser(ctx context.Context, userID, invitedBy, tokenHash string, expires time.Time) (Invitation, error) {
	row := invitationRow{UserID: userID, TokenHash: tokenHash, CreatedAt: db.now(), ExpiresAt: expires.UTC()}
	if invitedBy != "" {
		row.InvitedBy = &invitedBy
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var u userRow
		if err := tx.First(&u, "id = ?", userID).Error; err != nil {
			return notFound(err, "find user")
		}
		if u.PasswordHash != "" || u.DisabledAt != nil {
			return scheduling.Conflict("user %s has a password or is switched off", userID)
		}
		err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "user_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"token_hash", "invited_by", "created_at", "expires_at", "used_at"})}).
			Create(&row).Error
		if err != nil {
			return fmt.Errorf("invite user: %w", err)
		}
		return nil
	})
	if err != nil {
		return Invitation{}, err
	}
	return row.domain(), nil
}

// FindInvitation returns the invitation with that token hash while it can
// be accepted: unused, unexpired, its login without a password and
// switched on. Otherwise it returns ErrNotFound, whichever the reason.
func (db *DB) FindInvitation(ctx context.Context, tokenHash string) (Invitation, error) {
	g := db.gorm.WithContext(ctx)
	var row invitationRow
	if err := g.First(&row, "token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash, db.now()).Error; err != nil {
		return Invitation{}, notFound(err, "find invitation")
	}
	var u userRow
	if err := g.First(&u, "id = ? AND password_hash = '' AND disabled_at IS NULL", row.UserID).Error; err != nil {
		return Invitation{}, notFound(err, "find invited user")
	}
	return row.domain(), nil
}

// PendingInvitations returns, by login ID, the invitations not yet
// accepted of every login that still has no password and is switched on,
// expired ones included: one query for the users list.
func (db *DB) PendingInvitations(ctx context.Context) (map[string]Invitation, error) {
	var rows []invitationRow
	err := db.gorm.WithContext(ctx).Model(&invitationRow{}).Select("invitations.*").
		Joins("JOIN users ON users.id = invitations.user_id").
		Where("invitations.used_at IS NULL AND users.password_hash = '' AND users.disabled_at IS NULL").
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("find pending invitations: %w", err)
	}
	out := make(map[string]Invitation, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.domain()
	}
	return out, nil
}

// AcceptInvitation sets the invited login's password hash and marks the
// invitation used, both or neither: a token works once. A token that
// FindInvitation would not return is ErrNotFound.
func (db *DB) AcceptInvitation(ctx context.Context, tokenHash, passwordHash string) (Invitation, error) {
	now := db.now()
	var row invitationRow
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The conditional update claims the token, so of two accepts at
		// once only one succeeds.
		res := tx.Model(&invitationRow{}).Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash, now).
			Update("used_at", now)
		if res.Error != nil {
			return fmt.Errorf("accept invitation: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("accept invitation: %w", scheduling.ErrNotFound)
		}
		if err := tx.First(&row, "token_hash = ?", tokenHash).Error; err != nil {
			return notFound(err, "find invitation")
		}
		res = tx.Model(&userRow{}).Where("id = ? AND password_hash = '' AND disabled_at IS NULL", row.UserID).
			Update("password_hash", passwordHash)
		if res.Error != nil {
			return fmt.Errorf("set password: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("accept invitation: %w", scheduling.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return Invitation{}, err
	}
	return row.domain(), nil
}

// voidInvitation removes a login's invitation: its token stops working.
func voidInvitation(tx *gorm.DB, userID string) error {
	if err := tx.Where("user_id = ?", userID).Delete(&invitationRow{}).Error; err != nil {
		return fmt.Errorf("void invitation: %w", err)
	}
	return nil
}
