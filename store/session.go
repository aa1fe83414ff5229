package store

import (
	"context"
	"fmt"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

type sessionRow struct {
	TokenHash string `gorm:"primaryKey"`
	UserID    string
	CSRFToken string `gorm:"column:csrf_token"`
	CreatedAt time.Time
	ExpiresAt time.Time
}

func (sessionRow) TableName() string { return "sessions" }

// Session is a browser login. The store never sees the cookie's token, only
// its hash.
type Session struct {
	UserID    string
	CSRFToken string
	ExpiresAt time.Time
}

// CreateSession stores a session under the hash of its token.
func (db *DB) CreateSession(ctx context.Context, tokenHash string, s Session) error {
	row := sessionRow{TokenHash: tokenHash, UserID: s.UserID, CSRFToken: s.CSRFToken, CreatedAt: db.now(), ExpiresAt: s.ExpiresAt.UTC()}
	if err := db.gorm.WithContext(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// FindSession returns the unexpired session with that token hash.
func (db *DB) FindSession(ctx context.Context, tokenHash string) (Session, error) {
	var row sessionRow
	if err := db.gorm.WithContext(ctx).First(&row, "token_hash = ? AND expires_at > ?", tokenHash, db.now()).Error; err != nil {
		return Session{}, notFound(err, "find session")
	}
	return Session{UserID: row.UserID, CSRFToken: row.CSRFToken, ExpiresAt: row.ExpiresAt.UTC()}, nil
}

// DeleteSession ends a session (logout); deleting a missing one is no error.
// Expired sessions are removed on the way.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	if err := db.gorm.WithContext(ctx).Where("token_hash = ? OR expires_at <= ?", tokenHash, db.now()).Delete(&sessionRow{}).Error; err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

type apiTokenRow struct {
	ID         string `gorm:"primaryKey"`
	UserID     string
	Name       string
	TokenHash  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (apiTokenRow) TableName() string { return "api_tokens" }

// APIToken is a bearer token for integrations; only its hash is stored.
type APIToken struct {
	ID         string
	UserID     string
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

func (r apiTokenRow) domain() APIToken {
	return APIToken{ID: r.ID, UserID: r.UserID, Name: r.Name, CreatedAt: r.CreatedAt.UTC(), LastUsedAt: r.LastUsedAt}
}

// CreateAPIToken stores a token's hash for a user.
func (db *DB) CreateAPIToken(ctx context.Context, userID, name, tokenHash string) (APIToken, error) {
	v := &scheduling.ValidationError{}
	if name == "" {
		v.Add("name", "is required")
	}
	v.Text("name", name, scheduling.MaxNameLength)
	if err := v.Err(); err != nil {
		return APIToken{}, err
	}
	row := apiTokenRow{ID: newID(), UserID: userID, Name: name, TokenHash: tokenHash, CreatedAt: db.now()}
	if err := db.gorm.WithContext(ctx).Create(&row).Error; err != nil {
		return APIToken{}, fmt.Errorf("create API token: %w", err)
	}
	return row.domain(), nil
}

// FindAPITokenUser returns the user of an unrevoked token and notes its use.
func (db *DB) FindAPITokenUser(ctx context.Context, tokenHash string) (string, error) {
	var row apiTokenRow
	if err := db.gorm.WithContext(ctx).First(&row, "token_hash = ? AND revoked_at IS NULL", tokenHash).Error; err != nil {
		return "", notFound(err, "find API token")
	}
	now := db.now()
	db.gorm.WithContext(ctx).Model(&apiTokenRow{}).Where("id = ?", row.ID).Update("last_used_at", now)
	return row.UserID, nil
}

// FindAPITokens lists a user's unrevoked tokens, newest first.
func (db *DB) FindAPITokens(ctx context.Context, userID string) ([]APIToken, error) {
	var rows []apiTokenRow
	if err := db.gorm.WithContext(ctx).Where("user_id = ? AND revoked_at IS NULL", userID).Order("created_at DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find API tokens: %w", err)
	}
	out := make([]APIToken, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// RevokeAPIToken revokes one of a user's tokens.
func (db *DB) RevokeAPIToken(ctx context.Context, userID, id string) error {
	res := db.gorm.WithContext(ctx).Model(&apiTokenRow{}).Where("id = ? AND user_id = ? AND revoked_at IS NULL", id, userID).
		Update("revoked_at", db.now())
	if res.Error != nil {
		return fmt.Errorf("revoke API token: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("revoke API token %s: %w", id, scheduling.ErrNotFound)
	}
	return nil
}
