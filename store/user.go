package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
)

type userRow struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	Name         string
	Role         string
	PasswordHash string
	AgentID      *string
	Locale       string
	CreatedAt    time.Time
	DisabledAt   *time.Time
}

func (userRow) TableName() string { return "users" }

type userTeamRow struct {
	UserID string `gorm:"primaryKey"`
	TeamID string `gorm:"primaryKey"`
}

func (userTeamRow) TableName() string { return "user_teams" }

func (r userRow) domain(teams []string) scheduling.User {
	u := scheduling.User{ID: r.ID, Email: r.Email, Name: r.Name, Role: scheduling.Role(r.Role), PasswordHash: r.PasswordHash,
		Locale: r.Locale, TeamIDs: teams, Disabled: r.DisabledAt != nil}
	if r.AgentID != nil {
		u.AgentID = *r.AgentID
	}
	if u.TeamIDs == nil {
		u.TeamIDs = []string{}
	}
	return u
}

// CreateUser validates and stores a new user with their teams and sets its ID.
// E-mail addresses are unique, compared in lower case.
func (db *DB) CreateUser(ctx context.Context, u *scheduling.User) error {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if err := u.Validate(); err != nil {
		return err
	}
	row := userRow{ID: newID(), Email: u.Email, Name: u.Name, Role: string(u.Role), PasswordHash: u.PasswordHash,
		Locale: u.Locale, CreatedAt: db.now()}
	if row.Locale == "" {
		row.Locale = "en"
	}
	if u.AgentID != "" {
		row.AgentID = &u.AgentID
	}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			if isUnique(err) {
				return scheduling.Conflict("a user with e-mail %s exists", u.Email)
			}
			return fmt.Errorf("create user: %w", err)
		}
		return linkTeams(tx, row.ID, u.TeamIDs)
	})
	if err != nil {
		return err
	}
	u.ID = row.ID
	return nil
}

func (db *DB) userTeams(ctx context.Context, userID string) ([]string, error) {
	var links []userTeamRow
	if err := db.gorm.WithContext(ctx).Where("user_id = ?", userID).Order("team_id").Find(&links).Error; err != nil {
		return nil, fmt.Errorf("find user teams: %w", err)
	}
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.TeamID
	}
	return out, nil
}

// FindUserByID returns one user.
func (db *DB) FindUserByID(ctx context.Context, id string) (scheduling.User, error) {
	var row userRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return scheduling.User{}, notFound(err, "find user")
	}
	teams, err := db.userTeams(ctx, row.ID)
	return row.domain(teams), err
}

// FindUserByEmail returns the user with that e-mail address (any case).
func (db *DB) FindUserByEmail(ctx context.Context, email string) (scheduling.User, error) {
	var row userRow
	if err := db.gorm.WithContext(ctx).First(&row, "email = ?", strings.ToLower(strings.TrimSpace(email))).Error; err != nil {
		return scheduling.User{}, notFound(err, "find user")
	}
	teams, err := db.userTeams(ctx, row.ID)
	return row.domain(teams), err
}

// FindUsers returns all users ordered by e-mail.
func (db *DB) FindUsers(ctx context.Context) ([]scheduling.User, error) {
	var rows []userRow
	if err := db.gorm.WithContext(ctx).Order("email").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	out := make([]scheduling.User, len(rows))
	for i, r := range rows {
		teams, err := db.userTeams(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		out[i] = r.domain(teams)
	}
	return out, nil
}

// UpdateUser stores a user's name, role, agent, teams and locale (not the
// e-mail address or password), validated; the teams are replaced.
func (db *DB) UpdateUser(ctx context.Context, u scheduling.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var agent *string
		if u.AgentID != "" {
			agent = &u.AgentID
		}
		res := tx.Model(&userRow{}).Where("id = ?", u.ID).
			Updates(map[string]any{"name": u.Name, "role": string(u.Role), "agent_id": agent, "locale": u.Locale})
		if res.Error != nil {
			return fmt.Errorf("update user: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("user %s: %w", u.ID, scheduling.ErrNotFound)
		}
		if err := tx.Where("user_id = ?", u.ID).Delete(&userTeamRow{}).Error; err != nil {
			return fmt.Errorf("unlink user teams: %w", err)
		}
		return linkTeams(tx, u.ID, u.TeamIDs)
	})
}

// linkTeams records the teams a user leads; a team no longer there is
// refused on team_ids[i] (ValidationError).
func linkTeams(tx *gorm.DB, userID string, teams []string) error {
	for i, t := range teams {
		if err := tx.Create(&userTeamRow{UserID: userID, TeamID: t}).Error; err != nil {
			if isForeignKey(err) {
				return unknown(fmt.Sprintf("team_ids[%d]", i), "team", t)
			}
			return fmt.Errorf("link user to team %s: %w", t, err)
		}
	}
	return nil
}

// endSessions logs a user out everywhere.
func endSessions(tx *gorm.DB, userID string) error {
	if err := tx.Where("user_id = ?", userID).Delete(&sessionRow{}).Error; err != nil {
		return fmt.Errorf("end sessions: %w", err)
	}
	return nil
}

// SetPassword replaces a user's password hash and ends their sessions, so
// that a changed password locks out whoever knew the old one; a pending
// invitation stops working.
func (db *DB) SetPassword(ctx context.Context, userID, hash string) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&userRow{}).Where("id = ?", userID).Update("password_hash", hash)
		if res.Error != nil {
			return fmt.Errorf("set password: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("user %s: %w", userID, scheduling.ErrNotFound)
		}
		if err := endSessions(tx, userID); err != nil {
			return err
		}
		return voidInvitation(tx, userID)
	})
}

// DisableUser switches a login off: it can no longer log in, its sessions
// end, its API tokens are revoked, its pending invitation and its agent's
// calendar feed address stop working, at once. Nothing it did is deleted.
// Disabling a disabled login changes nothing more.
func (db *DB) DisableUser(ctx context.Context, userID string) error {
	now := db.now()
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row userRow
		if err := tx.First(&row, "id = ?", userID).Error; err != nil {
			return notFound(err, "find user")
		}
		if row.DisabledAt == nil {
			if err := tx.Model(&userRow{}).Where("id = ?", userID).Update("disabled_at", now).Error; err != nil {
				return fmt.Errorf("disable user: %w", err)
			}
		}
		if err := endSessions(tx, userID); err != nil {
			return err
		}
		if err := voidInvitation(tx, userID); err != nil {
			return err
		}
		if err := tx.Model(&apiTokenRow{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", now).Error; err != nil {
			return fmt.Errorf("revoke tokens: %w", err)
		}
		if row.AgentID != nil {
			if err := tx.Where("agent_id = ?", *row.AgentID).Delete(&calendarTokenRow{}).Error; err != nil {
				return fmt.Errorf("revoke calendar feed: %w", err)
			}
		}
		return nil
	})
}

// EnableUser switches a disabled login back on, with the password it had.
func (db *DB) EnableUser(ctx context.Context, userID string) error {
	res := db.gorm.WithContext(ctx).Model(&userRow{}).Where("id = ?", userID).Update("disabled_at", nil)
	if res.Error != nil {
		return fmt.Errorf("enable user: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("user %s: %w", userID, scheduling.ErrNotFound)
	}
	return nil
}
