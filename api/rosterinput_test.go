package api_test

import (
	"net/http"
	"slices"
	"testing"

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
		addAgents(t, db, f.teamA.ID, 10)
		lead := f.login(t, "leadA")
		// The fixture's shifts are on Monday and Tuesday, 07:00–15:00 in
		// Berlin; Thursday is free for both.
		thuStart, thuEnd := f.shifts[0].Start.AddDate(0, 0, 3), f.shifts[0].End.AddDate(0, 0, 3)
		away := map[string]any{"windows": []any{map[string]any{"start": thuStart, "end": thuEnd, "hard": true}}}
		if res, body := lead.do("PUT", "/api/v1/availability?agent="+f.agentA2.ID, away, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("PUT /availability: %d %s", res.StatusCode, body)
		}

		reads := countReads(t, db, "agent_preferences")
		if res, body := lead.do("GET", "/api/v1/rosters/"+f.roster.ID, nil, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /rosters/{id}: %d %s", res.StatusCode, body)
		}
		if *reads != 2 {
			t.Errorf("GET /rosters/{id} of a team of 12 read availability and preferences %d times, want 2 (once each)", *reads)
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
