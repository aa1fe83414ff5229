package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestTimeOff_UpdatedAt: time off is stamped when filed and again when
// decided, the change the calendar feed stamps its event with.
func TestTimeOff_UpdatedAt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, _, a := fixture(t, db)
		clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		db = db.WithClock(func() time.Time { return clock })
		to := scheduling.TimeOff{AgentID: a.ID, Start: clock.AddDate(0, 0, 7), End: clock.AddDate(0, 0, 8), Kind: "vacation"}
		must(t, db.CreateTimeOff(ctx, &to))
		if got, err := db.FindTimeOffByID(ctx, to.ID); err != nil || !got.UpdatedAt.Equal(clock) || !to.UpdatedAt.Equal(clock) {
			t.Errorf("filed: stored %v (%v), returned %v; want %v", got.UpdatedAt, err, to.UpdatedAt, clock)
		}
		clock = clock.Add(90 * time.Minute)
		got, err := db.DecideTimeOff(ctx, to.ID, scheduling.TimeOffApproved, "lead")
		if err != nil || !got.UpdatedAt.Equal(clock) {
			t.Errorf("approved: %v (%v), want %v", got.UpdatedAt, err, clock)
		}
		ts, err := db.FindTimeOff(ctx, store.TimeOffFilter{AgentIDs: []string{a.ID}})
		if err != nil || len(ts) != 1 || !ts[0].UpdatedAt.Equal(clock) {
			t.Errorf("found %+v (%v), want one updated at %v", ts, err, clock)
		}
	})
}
