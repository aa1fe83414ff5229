package api_test

import (
	"net/http"
	"testing"

	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestHoursReport_ReadsShiftsTogether: the hours report of a team reads
// shifts twice, however many agents the team has (here the fixture's 2
// and 10 more): once for its rosters' shifts and once for all its agents'
// shifts of the weeks; and it still pays the fixture's 4 shifts.
func TestHoursReport_ReadsShiftsTogether(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		addAgents(t, db, f.teamA.ID, 10)
		admin := f.login(t, "admin")
		reads := countReads(t, db, "shifts")
		res, body := admin.do("GET", "/api/v1/reports/hours?from=2026-03-02&to=2026-03-09&team="+f.teamA.ID, nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /reports/hours: %d %s", res.StatusCode, body)
		}
		if *reads != 2 {
			t.Errorf("the report of a team of 12 read shifts %d times, want 2", *reads)
		}
		rep := decode[struct {
			Agents []struct{ ID string }
			Shifts []struct{ ID string }
		}](t, body)
		if len(rep.Agents) != 12 || len(rep.Shifts) != len(f.shifts) {
			t.Errorf("report of %d agents and %d shifts, want 12 and %d\n%s", len(rep.Agents), len(rep.Shifts), len(f.shifts), body)
		}
	})
}
