package api_test

import (
	"net/http"
	"testing"

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
