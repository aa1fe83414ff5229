package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestAgent_PeriodHours sends a contract with period hours, reads them back,
// keeps them when a later contract leaves them out and refuses a minimum
// above the maximum.
func TestAgent_PeriodHours(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.login(t, "admin")
		type contract struct {
			Kind           string   `json:"kind"`
			WeeklyHours    float64  `json:"weekly_hours"`
			PeriodMinHours *float64 `json:"period_min_hours,omitempty"`
			PeriodMaxHours *float64 `json:"period_max_hours,omitempty"`
		}
		type agent struct {
			ID       string   `json:"id"`
			Contract contract `json:"contract"`
		}
		num := func(v float64) *float64 { return &v }
		path := "/api/v1/agents/" + f.agentA.ID
		check := func(body []byte, min, max float64) {
			t.Helper()
			a := decode[agent](t, body)
			if a.Contract.PeriodMinHours == nil || a.Contract.PeriodMaxHours == nil ||
				*a.Contract.PeriodMinHours != min || *a.Contract.PeriodMaxHours != max {
				t.Fatalf("contract %s, want period hours %v and %v", body, min, max)
			}
		}
		_, body := c.do("GET", path, nil, nil)
		check(body, 0, 0)
		res, body := c.do("PATCH", path, map[string]any{"contract": contract{Kind: "full_time", WeeklyHours: 40,
			PeriodMinHours: num(120), PeriodMaxHours: num(176)}}, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("PATCH: %d %s", res.StatusCode, body)
		}
		check(body, 120, 176)
		_, body = c.do("GET", path, nil, nil)
		check(body, 120, 176)
		res, body = c.do("PATCH", path, map[string]any{"contract": contract{Kind: "full_time", WeeklyHours: 38}}, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("PATCH without period hours: %d %s", res.StatusCode, body)
		}
		check(body, 120, 176)
		res, body = c.do("PATCH", path, map[string]any{"contract": contract{Kind: "full_time", WeeklyHours: 38,
			PeriodMinHours: num(200)}}, nil)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("PATCH min above max: %d %s, want 422", res.StatusCode, body)
		}
	})
}

// TestAgent_LeaveDateKeepsThemOffTheRoster: A2 leaves on Monday 2 March;
// giving them A's Tuesday shift breaks a rule (422), while Monday is still
// theirs to work. A leave date before the hire date is refused.
func TestAgent_LeaveDateKeepsThemOffTheRoster(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	lead := f.login(t, "leadA")
	if res, body := lead.do("PATCH", "/api/v1/agents/"+f.agentA2.ID, map[string]any{"leave_date": "2026-03-02"}, nil); res.StatusCode != http.StatusOK ||
		!strings.Contains(string(body), `"leave_date":"2026-03-02"`) {
		t.Fatalf("PATCH leave_date: %d %s", res.StatusCode, body)
	}
	a2Tuesday := f.shifts[3]
	a2Tuesday.Status = scheduling.ShiftCancelled
	_, err := f.db.UpdateShift(ctx, a2Tuesday)
	must(t, err)
	aTuesday := f.shifts[2]
	res, body := lead.do("PATCH", "/api/v1/rosters/"+f.roster.ID+"/shifts/"+aTuesday.ID, map[string]any{"agent_id": f.agentA2.ID},
		map[string]string{"If-Match": `"1"`})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"rule":"unavailable"`) ||
		!strings.Contains(string(body), "after the last working day, 2 Mar 2026") {
		t.Errorf("Tuesday to A2 after they left: %d %s, want 422 breaking the unavailable rule after the last working day", res.StatusCode, body)
	}
	// In order: each step starts from the dates the one before left.
	for _, c := range []struct {
		name   string
		body   map[string]any
		status int
		want   string // in the answer
		absent string // not in the answer
	}{
		{"hire after leave", map[string]any{"hire_date": "2026-03-05"}, http.StatusUnprocessableEntity, `"field":"leave_date"`, ""},
		{"clearing leave_date", map[string]any{"leave_date": ""}, http.StatusOK, `"id"`, "leave_date"},
		{"hire date with no leave date", map[string]any{"hire_date": "2026-03-05"}, http.StatusOK, `"hire_date":"2026-03-05"`, ""},
		{"clearing hire_date", map[string]any{"hire_date": ""}, http.StatusOK, `"id"`, "hire_date"},
		{"hire date not a date", map[string]any{"hire_date": "5 March"}, http.StatusUnprocessableEntity, `"field":"hire_date"`, ""},
	} {
		res, body := lead.do("PATCH", "/api/v1/agents/"+f.agentA2.ID, c.body, nil)
		if res.StatusCode != c.status || !strings.Contains(string(body), c.want) || c.absent != "" && strings.Contains(string(body), c.absent) {
			t.Errorf("%s: %d %s, want %d with %s", c.name, res.StatusCode, body, c.status, c.want)
		}
	}
	a, err := f.db.FindAgentByID(ctx, f.agentA2.ID)
	must(t, err)
	if !a.HireDate.IsZero() || !a.LeaveDate.IsZero() {
		t.Errorf("a refused PATCH changed the stored dates: hire %v, leave %v", a.HireDate, a.LeaveDate)
	}
}

// TestAgent_UnknownTeam: an agent added to, or moved to, a team that does
// not exist is refused on team_id, and the agent stays where they were.
func TestAgent_UnknownTeam(t *testing.T) {
	f := sqliteFixture(t)
	admin := f.login(t, "admin")
	for _, c := range []struct{ method, path string }{
		{"POST", "/api/v1/agents"},
		{"PATCH", "/api/v1/agents/" + f.agentA2.ID},
	} {
		body := map[string]any{"team_id": "no-such-team", "last_name": "Neu", "contract": map[string]any{"kind": "full_time", "weekly_hours": 40}}
		res, got := admin.do(c.method, c.path, body, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(got), `"field":"team_id"`) {
			t.Errorf("%s %s to an unknown team: %d %s, want 422 on team_id", c.method, c.path, res.StatusCode, got)
		}
	}
	a, err := f.db.FindAgentByID(context.Background(), f.agentA2.ID)
	must(t, err)
	if a.TeamID != f.agentA2.TeamID {
		t.Errorf("the refused move changed the team to %q", a.TeamID)
	}
}
