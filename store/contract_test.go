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

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestUpdateAgentFrom_KeepsPastContracts: a raise from 1 March keeps the
// fixture's 20 h at 17.50 until then; a change of the e-mail alone keeps
// nothing; a correction from the same day replaces the raise without a
// second past contract; a change from before it is refused and stores
// nothing; a later change keeps the corrected contract until its day.
func TestUpdateAgentFrom_KeepsPastContracts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, _, a := fixture(t, db)
		first := a

		a.HourlyRate, a.Contract.WeeklyHours = 19, 24
		must(t, db.UpdateAgentFrom(ctx, a, day(2026, 3, 1)))
		a.Email = "jana.krueger@example.com"
		must(t, db.UpdateAgentFrom(ctx, a, day(2026, 4, 1)))
		a.HourlyRate = 19.5 // the raise was 19.50, not 19
		must(t, db.UpdateAgentFrom(ctx, a, day(2026, 3, 1)))
		corrected := a

		bad := a
		bad.HourlyRate, bad.Email = 30, "x@example.com"
		err := db.UpdateAgentFrom(ctx, bad, day(2026, 2, 27))
		var ve *scheduling.ValidationError
		if !errors.As(err, &ve) || ve.Fields[0].Field != "contract_from" {
			t.Fatalf("change from before the last: err = %v, want invalid contract_from", err)
		}
		got, err := db.FindAgentByID(ctx, a.ID)
		must(t, err)
		if !reflect.DeepEqual(got, corrected) {
			t.Errorf("a refused change stored\n got %+v\nwant %+v", got, corrected)
		}

		a.Contract.WeeklyHours = 30
		must(t, db.UpdateAgentFrom(ctx, a, day(2026, 9, 1)))
		past, err := db.FindPastContracts(ctx, []string{a.ID, "nobody"})
		must(t, err)
		want := []scheduling.PastContract{
			{Contract: first.Contract, HourlyRate: 17.5, Until: day(2026, 3, 1)},
			{Contract: corrected.Contract, HourlyRate: 19.5, Until: day(2026, 9, 1)},
		}
		if len(past) != 1 || !reflect.DeepEqual(past[a.ID], want) {
			t.Errorf("past contracts\n got %+v\nwant %+v", past, want)
		}
	})
}

// TestScheduleContract: a raise from 1 January entered before it leaves
// the agent's contract as it is and keeps the raise until its day; a
// change of the name alone, with the contract the agent will have then,
// schedules nothing, and an entry that the contract will already be
// removes one of its day; a second entry for the same day replaces the
// first; applied on its day, the raise becomes the
// contract and the one before it a past contract until that day, and
// applying it again changes nothing; a cancelled change is gone.
func TestScheduleContract(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, _, a := fixture(t, db)
		first := a

		raise := a
		raise.HourlyRate, raise.Contract.WeeklyHours, raise.Email = 19, 24, "jana@example.com"
		must(t, db.ScheduleContract(ctx, raise, day(2027, 1, 1)))
		raise.HourlyRate = 19.5
		must(t, db.ScheduleContract(ctx, raise, day(2027, 1, 1)))
		later := raise
		later.Contract.WeeklyHours = 30
		must(t, db.ScheduleContract(ctx, later, day(2027, 7, 1)))
		nameOnly := first
		nameOnly.FirstName = "Janina"
		nameOnly.Email = "jana@example.com"
		nameOnly.Contract, nameOnly.HourlyRate = raise.Contract, raise.HourlyRate
		must(t, db.ScheduleContract(ctx, nameOnly, day(2027, 3, 1)))
		// Back to the first contract from 1 April, then not after all.
		back := nameOnly
		back.Contract, back.HourlyRate = first.Contract, first.HourlyRate
		must(t, db.ScheduleContract(ctx, back, day(2027, 4, 1)))
		must(t, db.ScheduleContract(ctx, nameOnly, day(2027, 4, 1)))

		got, err := db.FindAgentByID(ctx, a.ID)
		must(t, err)
		if got.HourlyRate != first.HourlyRate || !reflect.DeepEqual(got.Contract, first.Contract) || got.FirstName != "Janina" || got.Email != "jana@example.com" {
			t.Fatalf("agent after scheduling: %+v; want the first contract, the new name and e-mail", got)
		}
		want := []scheduling.ScheduledContract{
			{Contract: raise.Contract, HourlyRate: 19.5, From: day(2027, 1, 1)},
			{Contract: later.Contract, HourlyRate: 19.5, From: day(2027, 7, 1)},
		}
		all, err := db.FindScheduledContracts(ctx, []string{a.ID, "nobody"}, time.Time{})
		must(t, err)
		if len(all) != 1 || !reflect.DeepEqual(all[a.ID], want) {
			t.Errorf("scheduled\n got %+v\nwant %+v", all, want)
		}
		if due, _ := db.FindScheduledContracts(ctx, []string{a.ID}, day(2027, 6, 30)); len(due[a.ID]) != 1 {
			t.Errorf("scheduled up to 30 June: %+v, want the raise only", due)
		}
		if due, _ := db.FindDueContracts(ctx, day(2026, 12, 31)); len(due) != 0 {
			t.Errorf("due on 31 December: %+v, want none", due)
		}
		due, err := db.FindDueContracts(ctx, day(2027, 1, 1))
		must(t, err)
		if len(due[a.ID]) != 1 || due[a.ID][0].From != day(2027, 1, 1) {
			t.Errorf("due on 1 January: %+v, want the raise", due)
		}

		must(t, db.ApplyScheduledContract(ctx, a.ID, day(2027, 1, 1)))
		must(t, db.ApplyScheduledContract(ctx, a.ID, day(2027, 1, 1)))
		got, err = db.FindAgentByID(ctx, a.ID)
		must(t, err)
		if got.HourlyRate != 19.5 || !reflect.DeepEqual(got.Contract, raise.Contract) {
			t.Errorf("after 1 January: %+v %v, want the raise", got.Contract, got.HourlyRate)
		}
		past, err := db.FindPastContracts(ctx, []string{a.ID})
		must(t, err)
		if wantPast := []scheduling.PastContract{{Contract: first.Contract, HourlyRate: first.HourlyRate, Until: day(2027, 1, 1)}}; !reflect.DeepEqual(past[a.ID], wantPast) {
			t.Errorf("past contracts\n got %+v\nwant %+v", past[a.ID], wantPast)
		}

		must(t, db.CancelScheduledContract(ctx, a.ID, day(2027, 7, 1)))
		if err := db.CancelScheduledContract(ctx, a.ID, day(2027, 7, 1)); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("cancel again: %v, want ErrNotFound", err)
		}
		if left, _ := db.FindScheduledContracts(ctx, []string{a.ID}, time.Time{}); len(left) != 0 {
			t.Errorf("left after applying and cancelling: %+v", left)
		}
	})
}

// TestContractOn: the contract on a day is the last change started by
// then, else the agent's own.
func TestContractOn(t *testing.T) {
	a := scheduling.Agent{Contract: scheduling.Contract{WeeklyHours: 20}, HourlyRate: 15}
	sched := []scheduling.ScheduledContract{
		{Contract: scheduling.Contract{WeeklyHours: 30}, HourlyRate: 16, From: day(2027, 1, 1)},
		{Contract: scheduling.Contract{WeeklyHours: 40}, HourlyRate: 17, From: day(2027, 7, 1)},
	}
	for _, c := range []struct {
		on    time.Time
		hours float64
		rate  float64
	}{{day(2026, 12, 31), 20, 15}, {day(2027, 1, 1), 30, 16}, {day(2027, 6, 30), 30, 16}, {day(2027, 7, 1), 40, 17}} {
		if ct, rate := scheduling.ContractOn(a, sched, c.on); ct.WeeklyHours != c.hours || rate != c.rate {
			t.Errorf("%s: %v h at %v, want %v at %v", c.on.Format(time.DateOnly), ct.WeeklyHours, rate, c.hours, c.rate)
		}
	}
}
