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
