package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestSiteHolidays: a site's own days are kept per date, in date order; a
// day put again on its date replaces the stored one; removing one leaves
// the others; removing a date without one is ErrNotFound; a site that
// does not exist takes none; and removing the site removes its days.
func TestSiteHolidays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		site, _, _ := fixture(t, db)
		eve := holiday.Day{Year: 2026, Month: time.December, Day: 24, Name: "Heiligabend"}
		newYearsEve := holiday.Day{Year: 2026, Month: time.December, Day: 31, Name: "Silvester", From: 14 * time.Hour}
		worked := holiday.Day{Year: 2026, Month: time.October, Day: 3, Working: true}
		for _, d := range []holiday.Day{newYearsEve, eve, worked} {
			must(t, db.PutSiteHoliday(ctx, site.ID, d))
		}
		eve.Name = "Heiligabend (ganztags)"
		must(t, db.PutSiteHoliday(ctx, site.ID, eve))
		got, err := db.FindSiteHolidays(ctx, site.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []holiday.Day{worked, eve, newYearsEve}
		if len(got) != len(want) {
			t.Fatalf("stored %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("day %d = %+v, want %+v", i, got[i], want[i])
			}
		}

		must(t, db.DeleteSiteHoliday(ctx, site.ID, eve.Date()))
		if err := db.DeleteSiteHoliday(ctx, site.ID, eve.Date()); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("remove a removed day: %v, want ErrNotFound", err)
		}
		if got, _ := db.FindSiteHolidays(ctx, site.ID); len(got) != 2 || got[0] != worked || got[1] != newYearsEve {
			t.Errorf("after removing 24 Dec: %+v", got)
		}
		if err := db.PutSiteHoliday(ctx, "no-such-site", eve); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("day of a missing site: %v, want ErrNotFound", err)
		}

		other := scheduling.Site{OrganisationID: site.OrganisationID, Name: "Leipzig", TimeZone: "Europe/Berlin"}
		must(t, db.CreateSite(ctx, &other))
		must(t, db.PutSiteHoliday(ctx, other.ID, eve))
		if got, _ := db.FindSiteHolidays(ctx, site.ID); len(got) != 2 {
			t.Errorf("another site's day shows at this one: %+v", got)
		}
		must(t, db.DeleteSite(ctx, other.ID))
		if got, _ := db.FindSiteHolidays(ctx, other.ID); len(got) != 0 {
			t.Errorf("days of a removed site stay: %+v", got)
		}
	})
}
