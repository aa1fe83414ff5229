package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestInvitation_Lifecycle: a login without a password is invited; the
// token is found until it expires; inviting again replaces it; accepting
// sets the password once, after which the token is unknown and the login
// cannot be invited again.
func TestInvitation_Lifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, _, agent := fixture(t, db)
		clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		db = db.WithClock(func() time.Time { return clock })
		admin := scheduling.User{Email: "admin@example.com", Role: scheduling.RoleAdmin, PasswordHash: "x"}
		must(t, db.CreateUser(ctx, &admin))
		u := scheduling.User{Email: agent.Email, Name: agent.Name(), Role: scheduling.RoleAgent, AgentID: agent.ID}
		must(t, db.CreateUser(ctx, &u))
		expires := clock.Add(14 * 24 * time.Hour)

		inv, err := db.InviteUser(ctx, u.ID, admin.ID, "hash-1", expires)
		must(t, err)
		if inv.UserID != u.ID || inv.InvitedBy != admin.ID || !inv.ExpiresAt.Equal(expires) {
			t.Errorf("invitation = %+v, want user %s by %s until %v", inv, u.ID, admin.ID, expires)
		}
		got, err := db.FindInvitation(ctx, "hash-1")
		must(t, err)
		if got.UserID != u.ID || !got.ExpiresAt.Equal(expires) {
			t.Errorf("found %+v, want user %s until %v", got, u.ID, expires)
		}

		// Inviting again replaces the token.
		_, err = db.InviteUser(ctx, u.ID, admin.ID, "hash-2", expires)
		must(t, err)
		if _, err := db.FindInvitation(ctx, "hash-1"); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("the replaced token: err %v, want ErrNotFound", err)
		}

		// Expired: neither found nor accepted.
		clock = expires
		if _, err := db.FindInvitation(ctx, "hash-2"); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("at its expiry: err %v, want ErrNotFound", err)
		}
		if _, err := db.AcceptInvitation(ctx, "hash-2", "pw-hash"); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("accept at its expiry: err %v, want ErrNotFound", err)
		}
		clock = expires.Add(-time.Minute)
		acc, err := db.AcceptInvitation(ctx, "hash-2", "pw-hash")
		must(t, err)
		if acc.UserID != u.ID {
			t.Errorf("accepted for %s, want %s", acc.UserID, u.ID)
		}
		after, err := db.FindUserByID(ctx, u.ID)
		must(t, err)
		if after.PasswordHash != "pw-hash" {
			t.Errorf("password hash after accepting = %q, want pw-hash", after.PasswordHash)
		}
		if _, err := db.AcceptInvitation(ctx, "hash-2", "other"); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("second accept: err %v, want ErrNotFound", err)
		}
		if _, err := db.FindInvitation(ctx, "hash-2"); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("used token: err %v, want ErrNotFound", err)
		}
		if _, err := db.InviteUser(ctx, u.ID, admin.ID, "hash-3", expires); !errors.Is(err, scheduling.ErrConflict) {
			t.Errorf("inviting a login with a password: err %v, want ErrConflict", err)
		}
	})
}

// TestInvitation_Voided: an admin setting the password or switching the
// login off ends a pending invitation.
func TestInvitation_Voided(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		fixture(t, db)
		expires := db.Now().Add(time.Hour)
		for _, c := range []struct {
			name string
			void func(userID string) error
		}{
			{"SetPassword", func(id string) error { return db.SetPassword(ctx, id, "admin-set") }},
			{"DisableUser", func(id string) error { return db.DisableUser(ctx, id) }},
		} {
			t.Run(c.name, func(t *testing.T) {
				u := scheduling.User{Email: c.name + "@example.com", Role: scheduling.RoleHR}
				must(t, db.CreateUser(ctx, &u))
				_, err := db.InviteUser(ctx, u.ID, "", "hash-"+c.name, expires)
				must(t, err)
				must(t, c.void(u.ID))
				if _, err := db.FindInvitation(ctx, "hash-"+c.name); !errors.Is(err, scheduling.ErrNotFound) {
					t.Errorf("after %s: err %v, want ErrNotFound", c.name, err)
				}
				if _, err := db.AcceptInvitation(ctx, "hash-"+c.name, "pw"); !errors.Is(err, scheduling.ErrNotFound) {
					t.Errorf("accept after %s: err %v, want ErrNotFound", c.name, err)
				}
			})
		}
	})
}
