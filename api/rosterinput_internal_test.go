package api

import (
	"context"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestRosterContext_ContractsAhead: an agent of 20 h whose change to 30 h
// starts on Monday 6 April 2026 is rostered at 20 h in the week of
// 30 March and at 30 h from the week of 6 April, before the change has
// become their contract.
func TestRosterContext_ContractsAhead(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t, store.SQLite)
	org := scheduling.Organisation{Name: "Test"}
	must(t, db.CreateOrganisation(ctx, &org))
	site := scheduling.Site{OrganisationID: org.ID, Name: "Berlin", TimeZone: "Europe/Berlin", HolidayRegion: "DE-BE"}
	must(t, db.CreateSite(ctx, &site))
	team := scheduling.Team{SiteID: site.ID, Name: "A"}
	must(t, db.CreateTeam(ctx, &team))
	a := scheduling.Agent{TeamID: team.ID, FirstName: "Anna", LastName: "Test",
		Contract: scheduling.Contract{Kind: scheduling.PartTime, WeeklyHours: 20, WeeklyMaxHours: 30}, HourlyRate: 20}
	must(t, db.CreateAgent(ctx, &a))
	more := a
	more.Contract.WeeklyHours, more.Contract.WeeklyMaxHours = 30, 40
	must(t, db.ScheduleContract(ctx, more, time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)))

	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, c := range []struct {
		monday time.Time
		hours  float64
	}{
		{time.Date(2026, 3, 30, 0, 0, 0, 0, berlin), 20},
		{time.Date(2026, 4, 6, 0, 0, 0, 0, berlin), 30},
		{time.Date(2026, 4, 13, 0, 0, 0, 0, berlin), 30},
	} {
		r := scheduling.Roster{TeamID: team.ID, PeriodStart: c.monday, PeriodEnd: c.monday.AddDate(0, 0, 7)}
		must(t, db.CreateRoster(ctx, &r))
		rc, err := loadRosterContext(ctx, db, r)
		must(t, err)
		if got := rc.agents[a.ID].Contract.WeeklyHours; got != c.hours || rc.in.Agents[0].Contract.WeeklyHours != c.hours {
			t.Errorf("week of %s: rostered at %v h (input %v h), want %v", c.monday.Format(time.DateOnly), got,
				rc.in.Agents[0].Contract.WeeklyHours, c.hours)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
