package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// TestShifts_AgentMovedTeam: agent A2 moves from team A to team B after
// working team A's published roster of the fixture's week (A2's shifts on
// Monday and Tuesday). The shifts stay team A's: lead A lists all four of
// the roster's shifts (A's and A2's, Monday and Tuesday), lead B none of
// them. Lead B, now A2's lead, approves A2's Monday off: A2's Monday
// shift in team A's roster is cancelled (A2 will not work it), but the
// approval does not show lead B that roster's shift, nor suggest
// re-solving a roster lead B does not plan.
func TestShifts_AgentMovedTeam(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	moved := f.agentA2
	moved.TeamID = f.teamB.ID
	must(t, f.db.UpdateAgent(ctx, moved))
	leadA, leadB, a2 := f.login(t, "leadA"), f.login(t, "leadB"), f.login(t, "agentA2")

	type list struct {
		Items []struct {
			ID       string
			RosterID string `json:"roster_id"`
		}
	}
	for name, tc := range map[string]struct {
		c    *client
		want int
	}{"lead A": {leadA, len(f.shifts)}, "lead B": {leadB, 0}} {
		res, body := tc.c.do("GET", "/api/v1/shifts?from=2026-03-02&to=2026-03-04&limit=100", nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s lists shifts: %d %s", name, res.StatusCode, body)
		}
		got := decode[list](t, body)
		if len(got.Items) != tc.want {
			t.Errorf("%s lists %d shifts of the week, want %d: %s", name, len(got.Items), tc.want, body)
		}
		for _, sh := range got.Items {
			if sh.RosterID != f.roster.ID {
				t.Errorf("%s lists shift %s of roster %s, want only team A's roster %s", name, sh.ID, sh.RosterID, f.roster.ID)
			}
		}
	}

	berlin, _ := time.LoadLocation("Europe/Berlin")
	res, body := a2.do("POST", "/api/v1/time-off", map[string]any{"start": time.Date(2026, 3, 2, 0, 0, 0, 0, berlin),
		"end": time.Date(2026, 3, 3, 0, 0, 0, 0, berlin), "kind": "sick"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("ask: %d %s", res.StatusCode, body)
	}
	id := decode[map[string]any](t, body)["id"].(string)
	res, body = leadB.do("POST", "/api/v1/time-off/"+id+"/approve", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d %s", res.StatusCode, body)
	}
	d := decode[struct {
		ResolveSuggested bool             `json:"resolve_suggested"`
		AffectedShifts   []map[string]any `json:"affected_shifts"`
		AffectedRosters  []string         `json:"affected_rosters"`
	}](t, body)
	if d.ResolveSuggested || len(d.AffectedShifts) != 0 || len(d.AffectedRosters) != 0 {
		t.Errorf("lead B's approval = %s, want no shift or roster of team A's and no re-solve suggested", body)
	}
	monday, err := f.db.FindShiftByID(ctx, f.shifts[1].ID)
	must(t, err)
	if monday.AgentID != moved.ID || monday.Status != scheduling.ShiftCancelled {
		t.Errorf("A2's Monday shift in team A's roster is %s's and %s after the approval, want A2's, cancelled", monday.AgentID, monday.Status)
	}
}

// TestSwap_AgentsMovedTeam: a week before the fixture's week, A offers
// their Monday shift in team A's roster to A2 (whose Monday shift is
// cancelled); then both move to team B, and A2 accepts. The swap is still
// team A's roster's to decide: lead A is told it awaits approval, lists
// it, and approves it; lead B (now the agents' lead) sees it but may not
// approve a change to team A's roster.
func TestSwap_AgentsMovedTeam(t *testing.T) {
	f := a2FreeMonday(t)
	ctx := context.Background()
	a, a2, leadA, leadB := f.login(t, "agentA"), f.login(t, "agentA2"), f.login(t, "leadA"), f.login(t, "leadB")
	id := proposeSwap(t, a, map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID})
	for _, ag := range []scheduling.Agent{f.agentA, f.agentA2} {
		ag.TeamID = f.teamB.ID
		must(t, f.db.UpdateAgent(ctx, ag))
	}
	if res, body := a2.do("POST", "/api/v1/swaps/"+id+"/accept", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("accept: %d %s", res.StatusCode, body)
	}
	if n := strings.Count(strings.Join(kinds(inbox(t, leadA, "?limit=100")), " "), "swap_accepted"); n != 1 {
		t.Errorf("lead A has %d swap_accepted notifications, want 1 (the roster is team A's)", n)
	}
	for name, c := range map[string]*client{"lead A": leadA, "lead B": leadB} {
		_, body := c.do("GET", "/api/v1/swaps", nil, nil)
		if !strings.Contains(string(body), id) {
			t.Errorf("%s does not list swap %s: %s", name, id, body)
		}
	}
	if res, _ := leadB.do("POST", "/api/v1/swaps/"+id+"/approve", nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("approval by lead B: %d, want 403 (team A's roster)", res.StatusCode)
	}
	if res, body := leadA.do("POST", "/api/v1/swaps/"+id+"/approve", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("approval by lead A: %d %s, want 200", res.StatusCode, body)
	}
}

// TestTimeOff_MovedAgentRosterLeadsTold: A2 moves from team A to team B;
// lead B approves A2's Monday off, which cancels A2's Monday shift in team
// A's roster. Team A's leads are told (lead A, and a lead of both teams
// once, not once per team); lead B, who approved, is not, nor is anyone
// of a team whose roster lost nothing.
func TestTimeOff_MovedAgentRosterLeadsTold(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	moved := f.agentA2
	moved.TeamID = f.teamB.ID
	must(t, f.db.UpdateAgent(ctx, moved))
	both := scheduling.User{Email: "leadab@example.com", Name: "leadAB", Role: scheduling.RoleTeamLead, TeamIDs: []string{f.teamA.ID, f.teamB.ID},
		PasswordHash: f.users["leadA"].PasswordHash}
	must(t, f.db.CreateUser(ctx, &both))
	f.users["leadAB"] = both
	cl := map[string]*client{}
	for _, name := range []string{"leadA", "leadB", "leadAB", "agentA2", "agentA", "agentB"} {
		cl[name] = f.login(t, name)
	}

	berlin, _ := time.LoadLocation("Europe/Berlin")
	res, body := cl["agentA2"].do("POST", "/api/v1/time-off", map[string]any{"start": time.Date(2026, 3, 2, 0, 0, 0, 0, berlin),
		"end": time.Date(2026, 3, 3, 0, 0, 0, 0, berlin), "kind": "sick"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("ask: %d %s", res.StatusCode, body)
	}
	id := decode[map[string]any](t, body)["id"].(string)
	if res, body := cl["leadB"].do("POST", "/api/v1/time-off/"+id+"/approve", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d %s", res.StatusCode, body)
	}
	expectInboxes(t, f, cl, map[string][]string{
		"leadA":   {"time_off_cancelled_shifts"},
		"leadAB":  {"time_off_cancelled_shifts", "time_off_requested"},
		"leadB":   {"time_off_requested"},
		"agentA2": {"time_off_approved"},
		"agentA":  {}, "agentB": {},
	})
	got := inbox(t, cl["leadA"], "")[0]
	want := map[string]any{"time_off_id": id, "agent_id": moved.ID, "agent_name": "Arno Test", "time_off_kind": "sick",
		"start": "2026-03-01T23:00:00Z", "end": "2026-03-02T23:00:00Z", "team_id": f.teamA.ID, "roster_ids": []any{f.roster.ID}, "shifts": float64(1)}
	if fmt.Sprint(got.Params) != fmt.Sprint(want) || got.TeamID != f.teamA.ID {
		t.Errorf("lead A's notification = %+v, want params %v, team A", got, want)
	}
	if wantMsg := "Arno Test's approved time off (sick) on Mon 2 Mar 2026 cancelled 1 shift in your team's roster."; got.Message != wantMsg {
		t.Errorf("message %q, want %q", got.Message, wantMsg)
	}
}
