package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// waitForLockWait returns once a session of db's PostgreSQL database waits
// for a row lock: the other process's write has reached the lock held here.
func waitForLockWait(t *testing.T, db *store.DB) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var n int64
		must(t, db.Gorm().Raw(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n).Error)
		if n > 0 {
			return
		}
	}
	t.Fatal("no session came to wait for a lock")
}

// awaitLocked returns true once process B's transaction holds its locks
// (locked closed), so that A's write, started after it, must wait for
// them; false, the test failed, when B's transaction ended first.
func awaitLocked(t *testing.T, locked <-chan struct{}, errB <-chan error) bool {
	t.Helper()
	select {
	case <-locked:
		return true
	case err := <-errB:
		t.Errorf("B's transaction ended before it held its locks: %v", err)
		return false
	}
}

// twoShiftRoster is a roster of team with two shifts of agent, on the
// Monday and Tuesday of the week of 2 March 2026.
func twoShiftRoster(t *testing.T, db *store.DB, team, agent string) (scheduling.Roster, []scheduling.Shift) {
	t.Helper()
	ctx := context.Background()
	monday := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	r := scheduling.Roster{TeamID: team, PeriodStart: monday, PeriodEnd: monday.AddDate(0, 0, 7)}
	must(t, db.CreateRoster(ctx, &r))
	var shifts []scheduling.Shift
	for d := range 2 {
		start := monday.AddDate(0, 0, d).Add(7 * time.Hour)
		shifts = append(shifts, scheduling.Shift{AgentID: agent, Start: start, End: start.Add(8 * time.Hour)})
	}
	_, err := db.ReplaceRosterShifts(ctx, r.ID, 0, shifts)
	must(t, err)
	r, err = db.FindRosterByID(ctx, r.ID)
	must(t, err)
	return r, shifts
}

// TestShift_EditsOfTwoShiftsAtOnce: processes A and B edit different
// shifts of one roster, B's transaction still open while A's reaches the
// roster: both edits are stored (neither is stale: each was at the
// version its editor read), and the roster's version went up twice.
func TestShift_EditsOfTwoShiftsAtOnce(t *testing.T) {
	a, b := openPostgresTwice(t)
	ctx := context.Background()
	_, team, jana := fixture(t, a)
	r, shifts := twoShiftRoster(t, a, team.ID, jana.ID)
	release, locked := make(chan struct{}), make(chan struct{})
	errB := make(chan error, 1)
	go func() {
		errB <- b.Tx(ctx, func(tx *store.DB) error {
			s := shifts[1]
			s.Activity = "training"
			if _, err := tx.UpdateShift(ctx, s); err != nil {
				return err
			}
			close(locked)
			<-release
			return nil
		})
	}()
	if !awaitLocked(t, locked, errB) {
		return
	}
	errA := make(chan error, 1)
	go func() {
		s := shifts[0]
		s.Activity = "meeting"
		_, err := a.UpdateShift(ctx, s)
		errA <- err
	}()
	waitForLockWait(t, a)
	close(release)
	if err := <-errB; err != nil {
		t.Fatalf("edit on B: %v", err)
	}
	if err := <-errA; err != nil {
		t.Fatalf("edit on A of another shift: %v, want it stored", err)
	}
	got, err := a.FindRosterByID(ctx, r.ID)
	must(t, err)
	if got.Version != r.Version+2 {
		t.Errorf("roster version %d, want %d", got.Version, r.Version+2)
	}
}

// TestShift_EditWhileShiftsReplaced: process B replaces a roster's shifts
// (as a solve's result is stored: the roster first, then its shifts) while
// process A edits one of them. A's edit is refused as stale (the shift it
// read is gone) and B's result is stored: no deadlock, which PostgreSQL
// would end by failing one of them with an internal error.
func TestShift_EditWhileShiftsReplaced(t *testing.T) {
	a, b := openPostgresTwice(t)
	ctx := context.Background()
	_, team, jana := fixture(t, a)
	r, shifts := twoShiftRoster(t, a, team.ID, jana.ID)
	release, locked := make(chan struct{}), make(chan struct{})
	errB := make(chan error, 1)
	go func() {
		errB <- b.Tx(ctx, func(tx *store.DB) error {
			// The roster row is locked here, as ReplaceRosterShifts's
			// version bump does before it deletes the shifts.
			extra := scheduling.Shift{RosterID: r.ID, AgentID: jana.ID, Start: shifts[1].Start.AddDate(0, 0, 1), End: shifts[1].End.AddDate(0, 0, 1)}
			if _, _, err := tx.CreateShift(ctx, extra); err != nil {
				return err
			}
			close(locked)
			<-release
			_, err := tx.ReplaceRosterShifts(ctx, r.ID, 0, []scheduling.Shift{{AgentID: jana.ID, Start: shifts[0].Start, End: shifts[0].End}})
			return err
		})
	}()
	if !awaitLocked(t, locked, errB) {
		return
	}
	errA := make(chan error, 1)
	go func() {
		s := shifts[0]
		s.Activity = "meeting"
		_, err := a.UpdateShift(ctx, s)
		errA <- err
	}()
	waitForLockWait(t, a)
	close(release)
	if err := <-errB; err != nil {
		t.Errorf("replace on B: %v, want it stored", err)
	}
	if err := <-errA; !errors.Is(err, scheduling.ErrStale) {
		t.Errorf("edit on A of a replaced shift: %v, want ErrStale", err)
	}
	got, err := a.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
	must(t, err)
	if len(got) != 1 || got[0].ID == shifts[0].ID {
		t.Errorf("shifts after the replace = %+v, want B's one new shift", got)
	}
}
