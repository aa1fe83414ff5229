package store_test

import (
	"context"
	"errors"
	"reflect"
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

// TestRemovedShifts_Recorded: a shift of a published roster that a
// replacement drops, or that goes to another agent, is recorded as
// removed from the agent who had it, at the version they last had, with
// its roster's site; one that comes back to an agent is theirs again. A
// draft's shifts are not recorded, and an agent's removals of shifts over
// for longer than store.RemovedShiftsKept are deleted with the next one.
func TestRemovedShifts_Recorded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, team, a := fixture(t, db)
		b := a
		b.ID, b.EmployeeNo, b.Email = "", "10018", "b@example.com"
		must(t, db.CreateAgent(ctx, &b))
		clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		db = db.WithClock(func() time.Time { return clock })
		all := func() []store.RemovedShift {
			t.Helper()
			var out []store.RemovedShift
			for _, ag := range []string{a.ID, b.ID} {
				got, err := db.FindRemovedShifts(ctx, ag, time.Time{}.Add(time.Hour), clock.AddDate(10, 0, 0))
				must(t, err)
				out = append(out, got...)
			}
			return out
		}
		r, shifts := twoShiftRoster(t, db, team.ID, a.ID)
		// A draft's shift dropped: nothing recorded.
		_, err := db.ReplaceRosterShifts(ctx, r.ID, 0, shifts[:1])
		must(t, err)
		if got := all(); len(got) != 0 {
			t.Fatalf("removals after a draft's replacement: %+v, want none", got)
		}
		_, err = db.ReplaceRosterShifts(ctx, r.ID, 0, shifts)
		must(t, err)
		r, err = db.FindRosterByID(ctx, r.ID)
		must(t, err)
		_, err = db.PublishRoster(ctx, r.ID, r.Version)
		must(t, err)

		// Published: the second shift dropped at 09:00Z.
		_, err = db.ReplaceRosterShifts(ctx, r.ID, 0, shifts[:1])
		must(t, err)
		want := []store.RemovedShift{{ShiftID: shifts[1].ID, AgentID: a.ID, SiteID: site.ID, Start: shifts[1].Start, End: shifts[1].End,
			Version: 1, RemovedAt: clock}}
		if got := all(); !reflect.DeepEqual(got, want) {
			t.Errorf("after the replacement:\n got %+v\nwant %+v", got, want)
		}
		// Out of the range asked for: not found.
		if got, err := db.FindRemovedShifts(ctx, a.ID, shifts[1].End, shifts[1].End.AddDate(0, 1, 0)); err != nil || len(got) != 0 {
			t.Errorf("removals after the shift's end: %+v, %v; want none", got, err)
		}

		// The first shift goes to b at 10:00Z, and back to a at 11:00Z.
		clock = clock.Add(time.Hour)
		first, err := db.FindShiftByID(ctx, shifts[0].ID)
		must(t, err)
		first.AgentID = b.ID
		first, err = db.UpdateShift(ctx, first)
		must(t, err)
		want = append([]store.RemovedShift{{ShiftID: shifts[0].ID, AgentID: a.ID, SiteID: site.ID, Start: shifts[0].Start,
			End: shifts[0].End, Version: 1, RemovedAt: clock}}, want...)
		if got := all(); !reflect.DeepEqual(got, want) {
			t.Errorf("after the move to b:\n got %+v\nwant %+v", got, want)
		}
		clock = clock.Add(time.Hour)
		first.AgentID = a.ID
		_, err = db.UpdateShift(ctx, first)
		must(t, err)
		want = []store.RemovedShift{want[1], {ShiftID: shifts[0].ID, AgentID: b.ID, SiteID: site.ID, Start: shifts[0].Start,
			End: shifts[0].End, Version: 2, RemovedAt: clock}}
		if got := all(); !reflect.DeepEqual(got, want) {
			t.Errorf("after the move back to a:\n got %+v\nwant %+v", got, want)
		}

		// A year on, a's old removal goes with the next one of a's.
		clock = clock.AddDate(1, 0, 0)
		_, err = db.ReplaceRosterShifts(ctx, r.ID, 0, nil)
		must(t, err)
		want = []store.RemovedShift{{ShiftID: shifts[0].ID, AgentID: a.ID, SiteID: site.ID, Start: shifts[0].Start, End: shifts[0].End,
			Version: 3, RemovedAt: clock}, want[1]}
		if got := all(); !reflect.DeepEqual(got, want) {
			t.Errorf("a year on:\n got %+v\nwant %+v", got, want)
		}
	})
}
