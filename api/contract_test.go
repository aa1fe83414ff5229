package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestAgentContract_PayKeepsPastRate: agent Anna (rate 20) works the
// fixture's 8 h shifts on 2 and 3 March 2026. A raise to 30 from 3 March
// pays the first at 8 × 20 and the second at 8 × 30: base 400 in her
// row, whose rate is the period's last day's (30). Her contracts list
// both; a change from before the raise, or more than three years ahead, is refused
// on contract_from and stores nothing; one without contract_from holds
// from today, after the period, and leaves March's pay as it was.
func TestAgentContract_PayKeepsPastRate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		admin := f.login(t, "admin")
		agent := "/api/v1/agents/" + f.agentA.ID
		patch := func(body map[string]any, want int) {
			t.Helper()
			res, b := admin.do("PATCH", agent, body, nil)
			if res.StatusCode != want {
				t.Fatalf("PATCH %v: %d %s, want %d", body, res.StatusCode, b, want)
			}
			if want == http.StatusUnprocessableEntity && !strings.Contains(string(b), `"contract_from"`) {
				t.Errorf("PATCH %v: %s does not name contract_from", body, b)
			}
		}
		type row struct {
			AgentID    string  `json:"agent_id"`
			ShiftID    string  `json:"shift_id"`
			HourlyRate float64 `json:"hourly_rate"`
			BasePay    float64 `json:"base_pay"`
		}
		report := func() (agents, shifts map[string]row) {
			t.Helper()
			res, b := admin.do("GET", "/api/v1/reports/hours?from=2026-03-02&to=2026-03-08&team="+f.teamA.ID, nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET /reports/hours: %d %s", res.StatusCode, b)
			}
			rep := decode[struct{ Agents, Shifts []row }](t, b)
			agents, shifts = map[string]row{}, map[string]row{}
			for _, r := range rep.Agents {
				agents[r.AgentID] = r
			}
			for _, r := range rep.Shifts {
				if r.AgentID == f.agentA.ID {
					shifts[r.ShiftID] = r
				}
			}
			return agents, shifts
		}
		check := func(when string) {
			t.Helper()
			agents, shifts := report()
			if a := agents[f.agentA.ID]; a.BasePay != 400 || a.HourlyRate != 30 {
				t.Errorf("%s: Anna's row pays %v at %v, want 400 at 30", when, a.BasePay, a.HourlyRate)
			}
			for _, sh := range f.shifts {
				if sh.AgentID != f.agentA.ID {
					continue
				}
				want := 20.0
				if sh.Start.Day() == 3 {
					want = 30
				}
				if got := shifts[sh.ID]; got.HourlyRate != want || got.BasePay != 8*want {
					t.Errorf("%s: shift of %s paid %v at %v, want %v at %v", when, sh.Start.Format("Jan 2"), got.BasePay, got.HourlyRate, 8*want, want)
				}
			}
		}

		patch(map[string]any{"hourly_rate": 30, "contract_from": "2026-03-03"}, http.StatusOK)
		check("after the raise")
		patch(map[string]any{"hourly_rate": 31, "contract_from": "2026-03-02"}, http.StatusUnprocessableEntity)
		patch(map[string]any{"hourly_rate": 31, "contract_from": "2999-01-01"}, http.StatusUnprocessableEntity)
		patch(map[string]any{"hourly_rate": 31, "contract_from": "3 March"}, http.StatusUnprocessableEntity)
		check("after refused changes")

		res, b := admin.do("GET", agent+"/contracts", nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET contracts: %d %s", res.StatusCode, b)
		}
		got := decode[struct {
			Items []struct {
				From, Until string
				HourlyRate  float64 `json:"hourly_rate"`
			}
		}](t, b)
		if len(got.Items) != 2 || got.Items[0].From != "" || got.Items[0].Until != "2026-03-03" || got.Items[0].HourlyRate != 20 ||
			got.Items[1].From != "2026-03-03" || got.Items[1].Until != "" || got.Items[1].HourlyRate != 30 {
			t.Errorf("contracts %s, want 20 until 2026-03-03, then 30", b)
		}

		patch(map[string]any{"contract": map[string]any{"kind": "full_time", "weekly_hours": 20, "weekly_max_hours": 48}}, http.StatusOK)
		check("after a change from today")
		if res, b := f.login(t, "agentB").do("GET", agent+"/contracts", nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("another team's agent reads Anna's contracts: %d %s", res.StatusCode, b)
		}
	})
}
