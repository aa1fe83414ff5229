package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
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
		ctx := context.Background()
		for i := range 10 {
			a := scheduling.Agent{TeamID: f.teamA.ID, FirstName: fmt.Sprintf("Extra%d", i), LastName: "Test", EmployeeNo: fmt.Sprintf("X%d", i),
				Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40, WeeklyMaxHours: 48}, HourlyRate: 20, Skills: []string{"phone"}}
			must(t, db.CreateAgent(ctx, &a))
		}
		admin := f.login(t, "admin")
		var reads int
		count := func(tx *gorm.DB) {
			if tx.Statement.Table == "shifts" {
				reads++
			}
		}
		must(t, db.Gorm().Callback().Query().Before("gorm:query").Register("test:count_shift_reads", count))
		defer func() { must(t, db.Gorm().Callback().Query().Remove("test:count_shift_reads")) }()
		res, body := admin.do("GET", "/api/v1/reports/hours?from=2026-03-02&to=2026-03-09&team="+f.teamA.ID, nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /reports/hours: %d %s", res.StatusCode, body)
		}
		if reads != 2 {
			t.Errorf("the report of a team of 12 read shifts %d times, want 2", reads)
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
