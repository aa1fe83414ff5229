package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// TestCoverCandidates: Anna is off sick on Wednesday 4 March 2026 and her
// lead looks for cover of her early (07:00–15:00, 8 h). Team A also has
// Arno (earlies on Monday and Tuesday: 16 h that week, 40 h contract),
// Abe (12 h a week, one early on Thursday: 8 h, so the shift would take
// him to 16 h, overtime) and Ada (approved vacation on Wednesday). Abe and
// Arno may take it, Abe first for the fewer hours; Ada's vacation would
// be broken. Anna herself is not listed. Giving the shift away breaks
// nothing for her until her contract asks for at least 24 h a week: then
// her Monday and Tuesday alone fall short, and the answer says so.
func TestCoverCandidates(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	early := func(d int) time.Time { return time.Date(2026, 3, d, 7, 0, 0, 0, berlin) }
	mk := func(first string, hours float64) scheduling.Agent {
		a := scheduling.Agent{TeamID: f.teamA.ID, FirstName: first, LastName: "Test", EmployeeNo: first,
			Contract: scheduling.Contract{Kind: scheduling.PartTime, WeeklyHours: hours, WeeklyMaxHours: 48}, HourlyRate: 20, Skills: []string{"phone"}}
		must(t, f.db.CreateAgent(ctx, &a))
		return a
	}
	abe, ada := mk("Abe", 12), mk("Ada", 40)
	vac := scheduling.TimeOff{AgentID: ada.ID, Kind: "vacation", Start: time.Date(2026, 3, 4, 0, 0, 0, 0, berlin), End: time.Date(2026, 3, 5, 0, 0, 0, 0, berlin),
		Status: scheduling.TimeOffApproved}
	must(t, f.db.CreateTimeOff(ctx, &vac))
	lead := f.login(t, "leadA")
	add := func(agent string, day int) string {
		t.Helper()
		res, body := lead.do("POST", "/api/v1/rosters/"+f.roster.ID+"/shifts", map[string]any{"agent_id": agent, "template_id": f.tmpl.ID,
			"start": early(day), "end": early(day).Add(8 * time.Hour)}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("add a shift: %d %s", res.StatusCode, body)
		}
		return decode[struct{ Shift struct{ ID string } }](t, body).Shift.ID
	}
	wed := add(f.agentA.ID, 4)
	add(abe.ID, 5)
	res, body := lead.do("GET", "/api/v1/rosters/"+f.roster.ID+"/shifts/"+wed+"/candidates", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("candidates: %d %s", res.StatusCode, body)
	}
	type candidate struct {
		AgentID    string  `json:"agent_id"`
		WeekHours  float64 `json:"week_hours"`
		Overtime   bool
		Violations []struct{ Rule string }
	}
	got := decode[struct{ Items []candidate }](t, body).Items
	if len(got) != 3 {
		t.Fatalf("candidates %s, want Abe, Arno and Ada", body)
	}
	want := []struct {
		id    string
		hours float64
		over  bool
		rule  string
	}{{abe.ID, 8, true, ""}, {f.agentA2.ID, 16, false, ""}, {ada.ID, 0, false, "time_off"}}
	for i, w := range want {
		g := got[i]
		rule := ""
		if len(g.Violations) > 0 {
			rule = g.Violations[0].Rule
		}
		if g.AgentID != w.id || g.WeekHours != w.hours || g.Overtime != w.over || rule != w.rule || len(g.Violations) > 1 {
			t.Errorf("candidate %d = %+v, want %+v", i, g, w)
		}
	}
	giver := func() []struct{ Rule string } {
		t.Helper()
		res, body := lead.do("GET", "/api/v1/rosters/"+f.roster.ID+"/shifts/"+wed+"/candidates", nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("candidates: %d %s", res.StatusCode, body)
		}
		return decode[struct {
			Giver []struct{ Rule string } `json:"giver_violations"`
		}](t, body).Giver
	}
	if g := giver(); len(g) != 0 {
		t.Errorf("giving the shift away breaks %v for Anna, want nothing", g)
	}
	if res, body := lead.do("PATCH", "/api/v1/agents/"+f.agentA.ID, map[string]any{"contract_from": "",
		"contract": map[string]any{"kind": "full_time", "weekly_hours": 40, "weekly_min_hours": 24, "weekly_max_hours": 48}}, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("PATCH Anna: %d %s", res.StatusCode, body)
	}
	if g := giver(); len(g) != 1 || g[0].Rule != "min_weekly_hours" {
		t.Errorf("giving the shift away breaks %v for Anna, want min_weekly_hours", g)
	}
}
