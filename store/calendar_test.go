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

// TestCalendarFeed_SetAndFind: an agent has no feed until one is set; the
// feed is found by its token's hash and says when it was made; setting a
// new hash replaces the old one.
func TestCalendarFeed_SetAndFind(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, _, agent := fixture(t, db)
		clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		db = db.WithClock(func() time.Time { return clock })
		if _, err := db.FindCalendarFeed(ctx, agent.ID); !errors.Is(err, scheduling.ErrNotFound) {
			t.Fatalf("feed before any: %v, want ErrNotFound", err)
		}
		feed, err := db.SetCalendarToken(ctx, agent.ID, "hash-1")
		must(t, err)
		if got, err := db.FindCalendarFeed(ctx, agent.ID); err != nil || !got.CreatedAt.Equal(clock) || got != feed {
			t.Errorf("feed = %+v, %v; want %+v made at %v", got, err, feed, clock)
		}
		if id, err := db.FindCalendarAgent(ctx, "hash-1"); err != nil || id != agent.ID {
			t.Errorf("agent of hash-1 = %q, %v; want %q", id, err, agent.ID)
		}
		clock = clock.Add(time.Hour)
		_, err = db.SetCalendarToken(ctx, agent.ID, "hash-2")
		must(t, err)
		if _, err := db.FindCalendarAgent(ctx, "hash-1"); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("replaced hash-1: %v, want ErrNotFound", err)
		}
		if got, err := db.FindCalendarFeed(ctx, agent.ID); err != nil || !got.CreatedAt.Equal(clock) {
			t.Errorf("after rotation: %+v, %v; want made at %v", got, err, clock)
		}
	})
}
