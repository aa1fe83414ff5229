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

// TestSwap_OutlivesReplacedShifts: a re-solve (ReplaceRosterShifts) keeps
// the shift it leaves as it was (given with its ID, as the solver gives
// it) under its ID and version, deletes the one it moves, and keeps both
// swaps: the approved swap of the kept shift still names a stored shift,
// the declined one of the moved shift the shift as it was.
func TestSwap_OutlivesReplacedShifts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		_, team, jana := fixture(t, db)
		ctx := context.Background()
		ole := scheduling.Agent{TeamID: team.ID, EmployeeNo: "10018", FirstName: "Ole", LastName: "Brandt", Email: "ole@example.com",
			Contract: jana.Contract, HourlyRate: jana.HourlyRate, Skills: jana.Skills, HireDate: jana.HireDate}
		must(t, db.CreateAgent(ctx, &ole))
		r, shifts := twoShiftRoster(t, db, team.ID, jana.ID)
		swaps := make([]store.Swap, len(shifts))
		for i, sh := range shifts {
			swaps[i] = store.Swap{ShiftID: sh.ID, FromAgentID: jana.ID, WithAgentID: ole.ID, ShiftVersion: sh.Version}
			must(t, db.CreateSwap(ctx, &swaps[i]))
		}
		_, err := db.MoveSwap(ctx, swaps[0].ID, []store.SwapStatus{store.SwapProposed}, store.SwapApproved, "lead")
		must(t, err)
		_, err = db.MoveSwap(ctx, swaps[1].ID, []store.SwapStatus{store.SwapProposed}, store.SwapDeclined, "lead")
		must(t, err)

		// The solver's result: Monday's shift as it was, under its ID,
		// and Tuesday's an hour later, a new shift without ID.
		next := []scheduling.Shift{
			{ID: shifts[0].ID, AgentID: jana.ID, Start: shifts[0].Start, End: shifts[0].End, Version: shifts[0].Version},
			{AgentID: jana.ID, Start: shifts[1].Start.Add(time.Hour), End: shifts[1].End.Add(time.Hour)},
		}
		_, err = db.ReplaceRosterShifts(ctx, r.ID, r.Version, next)
		must(t, err)
		got, err := db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
		must(t, err)
		if len(got) != 2 || got[0].ID != shifts[0].ID || got[0].Version != shifts[0].Version || got[1].ID == shifts[1].ID {
			t.Errorf("shifts after the re-solve = %+v; want Monday's under ID %s at version %d, Tuesday's under a new ID",
				got, shifts[0].ID, shifts[0].Version)
		}
		if next[0].ID != shifts[0].ID || next[1].ID != got[1].ID {
			t.Errorf("IDs set in the given shifts = %s, %s; want %s, %s", next[0].ID, next[1].ID, shifts[0].ID, got[1].ID)
		}
		if _, err := db.FindShiftByID(ctx, shifts[1].ID); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("Tuesday's replaced shift %s: %v, want ErrNotFound", shifts[1].ID, err)
		}
		for i, want := range []store.SwapStatus{store.SwapApproved, store.SwapDeclined} {
			sw, err := db.FindSwapByID(ctx, swaps[i].ID)
			if err != nil {
				t.Errorf("swap of shift %d after the re-solve: %v", i, err)
				continue
			}
			if sw.Status != want || sw.ShiftID != shifts[i].ID {
				t.Errorf("swap of shift %d = %s of shift %s, want %s of %s", i, sw.Status, sw.ShiftID, want, shifts[i].ID)
			}
		}
		// The team's swaps by its rosters' shifts: the kept shift's only.
		ofTeam, err := db.FindSwapsOfTeams(ctx, []string{team.ID})
		must(t, err)
		if len(ofTeam) != 1 || ofTeam[0].ID != swaps[0].ID {
			t.Errorf("FindSwapsOfTeams = %+v, want only swap %s of the kept shift", ofTeam, swaps[0].ID)
		}
	})
}

// TestReplaceRosterShifts_ChangedShiftByID: a shift given with the ID of
// a stored one and other times is updated in place, one version up.
func TestReplaceRosterShifts_ChangedShiftByID(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		_, team, jana := fixture(t, db)
		ctx := context.Background()
		r, shifts := twoShiftRoster(t, db, team.ID, jana.ID)
		moved := shifts[1]
		moved.End = moved.End.Add(-time.Hour)
		_, err := db.ReplaceRosterShifts(ctx, r.ID, r.Version, []scheduling.Shift{moved})
		must(t, err)
		got, err := db.FindShifts(ctx, store.ShiftFilter{RosterID: r.ID})
		must(t, err)
		// Version 1 when stored by twoShiftRoster, one up for the change.
		if len(got) != 1 || got[0].ID != shifts[1].ID || got[0].Version != 2 || !got[0].End.Equal(moved.End) {
			t.Errorf("shifts after the replace = %+v; want only %s, at version 2, ending %v", got, shifts[1].ID, moved.End)
		}
	})
}
