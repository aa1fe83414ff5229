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

// TestNotification_FindReplaceDelete: FindUnreadNotification takes its
// prefix literally (an underscore or percent sign matches only itself),
// finds the reader's own unread notice only, the newest first; a replaced
// notice keeps its ID with the new content and key; a deleted one is gone
// with its read marks.
func TestNotification_FindReplaceDelete(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		users, team, _, _ := inboxFixture(t, db)
		// Each notice a minute after the one before, so "newest" is one.
		clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		db = db.WithClock(func() time.Time { clock = clock.Add(time.Minute); return clock })
		agent, lead := users["agent"].ID, users["lead1"].ID
		add := func(user, key string) store.Notification {
			t.Helper()
			n := store.Notification{Kind: "shift_changed", UserID: user, TeamID: team.ID, Key: key, Message: key}
			if _, err := db.CreateNotification(ctx, &n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		add(agent, "shiftXchanged:s1@1:"+agent) // not the prefix: _ is no wildcard
		add(agent, "shift_changed:s10@1:"+agent)
		add(agent, "shift_changed:s1@0:"+agent) // matches, but older than first
		first := add(agent, "shift_changed:s1@1:"+agent)
		add(lead, "shift_changed:s1@1:"+lead)
		find := func(user string) (store.Notification, bool) {
			t.Helper()
			n, ok, err := db.FindUnreadNotification(ctx, user, "shift_changed:s1@")
			if err != nil {
				t.Fatal(err)
			}
			return n, ok
		}
		if n, ok := find(agent); !ok || n.ID != first.ID {
			t.Fatalf("found %+v (%v), want %s", n, ok, first.Key)
		}
		if _, ok, err := db.FindUnreadNotification(ctx, agent, "shift%"); err != nil || ok {
			t.Errorf("prefix shift%%: found %v (%v), want none: %% is no wildcard", ok, err)
		}

		next := store.Notification{ID: first.ID, Kind: "shift_changed", Params: map[string]any{"change": "times"}, Message: "moved",
			Key: "shift_changed:s1@2:" + agent}
		must(t, db.ReplaceNotification(ctx, &next))
		if n, ok := find(agent); !ok || n.ID != first.ID || n.Key != next.Key || n.Message != "moved" || n.Params["change"] != "times" {
			t.Errorf("after replace found %+v, want %+v", n, next)
		}
		if _, err := db.MarkNotificationsRead(ctx, store.NotificationFilter{UserID: agent}, ""); err != nil {
			t.Fatal(err)
		}
		if n, ok := find(agent); ok {
			t.Errorf("read notices are not found: got %+v", n)
		}
		must(t, db.DeleteNotification(ctx, first.ID))
		all, err := db.FindNotifications(ctx, store.NotificationFilter{UserID: agent})
		must(t, err)
		for _, n := range all {
			if n.ID == first.ID {
				t.Errorf("deleted notice still listed: %+v", n)
			}
		}
		gone := store.Notification{ID: first.ID, Kind: "shift_changed", Key: "x"}
		if err := db.ReplaceNotification(ctx, &gone); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("replace of a deleted notice: %v, want ErrNotFound", err)
		}
	})
}
