package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestRosterInput_WishesReadTogether: reading a roster, or checking an
// edit, reads the availability and preferences of the team's agents in
// one query each, however many agents the team has (here the fixture's 2
// and 10 more), and each agent's wishes stay theirs: Arno's unavailability
// on Thursday 5 March breaks a rule for a shift added for him then, not
// for one added for Anna.
func TestRosterInput_WishesReadTogether(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		for i := range 10 {
			a := scheduling.Agent{TeamID: f.teamA.ID, FirstName: fmt.Sprintf("Extra%d", i), LastName: "Test", EmployeeNo: fmt.Sprintf("X%d", i),
				Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40, WeeklyMaxHours: 48}, HourlyRate: 20, Skills: []string{"phone"}}
			must(t, db.CreateAgent(ctx, &a))
		}
		lead := f.login(t, "leadA")
		// The fixture's shifts are on Monday and Tuesday, 07:00–15:00 in
		// Berlin; Thursday is free for both.
		thuStart, thuEnd := f.shifts[0].Start.AddDate(0, 0, 3), f.shifts[0].End.AddDate(0, 0, 3)
		away := map[string]any{"windows": []any{map[string]any{"start": thuStart, "end": thuEnd, "hard": true}}}
		if res, body := lead.do("PUT", "/api/v1/availability?agent="+f.agentA2.ID, away, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("PUT /availability: %d %s", res.StatusCode, body)
		}

		var reads int
		count := func(tx *gorm.DB) {
			if tx.Statement.Table == "agent_preferences" {
				reads++
			}
		}
		must(t, db.Gorm().Callback().Query().Before("gorm:query").Register("test:count_wish_reads", count))
		defer func() { must(t, db.Gorm().Callback().Query().Remove("test:count_wish_reads")) }()
		if res, body := lead.do("GET", "/api/v1/rosters/"+f.roster.ID, nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /rosters/{id}: %d %s", res.StatusCode, body)
		}
		if reads != 2 {
			t.Errorf("GET /rosters/{id} of a team of 12 read availability and preferences %d times, want 2 (once each)", reads)
		}

		type checked struct {
			Violations []struct {
				Rule    string
				AgentID string `json:"agent_id"`
			}
		}
		for _, c := range []struct {
			agent string
			want  bool
		}{{f.agentA2.ID, true}, {f.agentA.ID, false}} {
			res, body := lead.do("POST", "/api/v1/rosters/"+f.roster.ID+"/check",
				map[string]any{"agent_id": c.agent, "start": thuStart, "end": thuEnd}, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("check a shift of %s: %d %s", c.agent, res.StatusCode, body)
			}
			got := slices.ContainsFunc(decode[checked](t, body).Violations, func(v struct {
				Rule    string
				AgentID string `json:"agent_id"`
			}) bool {
				return v.Rule == "unavailable" && v.AgentID == c.agent
			})
			if got != c.want {
				t.Errorf("check a Thursday shift of %s: unavailable %v, want %v\n%s", c.agent, got, c.want, body)
			}
		}
	})
}
