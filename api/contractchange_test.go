package api_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestContractAhead: on 10 March 2026 Anna's lead enters her raise from
// 20 to 30 an hour from 1 April, then 35 weekly hours from the same day, and a
// further raise from 1 May that is cancelled again. Anna keeps her
// contract until 1 April, while her contracts list the change and the
// hours report pays her shift of 6 April at 30 (8 h: 240). The periodic
// job at 23:30 in Berlin on 31 March changes nothing; at 00:30 on 1 April
// it makes the change her contract, the one before it a past contract.
func TestContractAhead(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
		f := newFixtureAt(t, db, func() time.Time { return now })
		lead := f.login(t, "leadA")
		agent := "/api/v1/agents/" + f.agentA.ID
		patch := func(body map[string]any, want int) agentView {
			t.Helper()
			res, b := lead.do("PATCH", agent, body, nil)
			if res.StatusCode != want {
				t.Fatalf("PATCH %v: %d %s, want %d", body, res.StatusCode, b, want)
			}
			return decode[agentView](t, b)
		}
		if a := patch(map[string]any{"hourly_rate": 30, "contract_from": "2026-04-01"}, http.StatusOK); a.HourlyRate != 20 {
			t.Errorf("PATCH answers rate %v, want the current 20", a.HourlyRate)
		}
		// The hours apply to the contract as it will be: the rate stays 30.
		patch(map[string]any{"contract": map[string]any{"kind": "full_time", "weekly_hours": 35, "weekly_max_hours": 48},
			"contract_from": "2026-04-01"}, http.StatusOK)
		patch(map[string]any{"hourly_rate": 32, "contract_from": "2026-05-01"}, http.StatusOK)
		if res, b := lead.do("DELETE", agent+"/contracts/2026-05-01", nil, nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("cancel: %d %s", res.StatusCode, b)
		}
		if res, b := lead.do("DELETE", agent+"/contracts/2026-05-01", nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("cancel again: %d %s, want 404", res.StatusCode, b)
		}
		if res, b := lead.do("DELETE", agent+"/contracts/1 May", nil, nil); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("cancel 1 May: %d %s, want 422", res.StatusCode, b)
		}
		patch(map[string]any{"hourly_rate": 40, "contract_from": "2029-03-11"}, http.StatusUnprocessableEntity)

		spells := func() []contractSpell {
			t.Helper()
			res, b := lead.do("GET", agent+"/contracts", nil, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("GET contracts: %d %s", res.StatusCode, b)
			}
			return decode[struct{ Items []contractSpell }](t, b).Items
		}
		want := []contractSpell{
			{Until: "2026-04-01", HourlyRate: 20, Contract: contractHours{40}},
			{From: "2026-04-01", HourlyRate: 30, Contract: contractHours{35}, Scheduled: true},
		}
		if got := spells(); !sameSpells(got, want) {
			t.Fatalf("contracts on 10 March %+v, want %+v", got, want)
		}
		_, body := lead.do("GET", agent, nil, nil)
		if a := decode[agentView](t, body); a.ContractChange != "2026-04-01" {
			t.Errorf("GET agent: contract_change %q, want 2026-04-01", a.ContractChange)
		}
		_, body = lead.do("GET", "/api/v1/agents?team="+f.teamA.ID, nil, nil)
		changes := map[string]string{}
		for _, a := range decode[struct {
			Items []struct {
				ID             string `json:"id"`
				ContractChange string `json:"contract_change"`
			}
		}](t, body).Items {
			changes[a.ID] = a.ContractChange
		}
		if want := map[string]string{f.agentA.ID: "2026-04-01", f.agentA2.ID: ""}; !reflect.DeepEqual(changes, want) {
			t.Errorf("GET agents of team A: contract changes %v, want %v (Anna's only)", changes, want)
		}

		// A published shift on Monday 6 April, 09:00–17:00 in Berlin.
		berlin, _ := time.LoadLocation("Europe/Berlin")
		r := scheduling.Roster{TeamID: f.teamA.ID, PeriodStart: time.Date(2026, 4, 6, 0, 0, 0, 0, berlin), PeriodEnd: time.Date(2026, 4, 13, 0, 0, 0, 0, berlin)}
		must(t, db.CreateRoster(ctx, &r))
		start := time.Date(2026, 4, 6, 9, 0, 0, 0, berlin)
		v, err := db.ReplaceRosterShifts(ctx, r.ID, 0, []scheduling.Shift{{AgentID: f.agentA.ID, TemplateID: f.tmpl.ID, Start: start,
			End: start.Add(8 * time.Hour), Activity: "work", Status: scheduling.ShiftActive}})
		must(t, err)
		_, err = db.PublishRoster(ctx, r.ID, v)
		must(t, err)
		res, b := lead.do("GET", "/api/v1/reports/hours?format=json&detail=agents&from=2026-04-06&to=2026-04-13&team="+f.teamA.ID, nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("report: %d %s", res.StatusCode, b)
		}
		type payRow struct {
			AgentID    string  `json:"agent_id"`
			BasePay    float64 `json:"base_pay"`
			HourlyRate float64 `json:"hourly_rate"`
		}
		anna := payRow{}
		for _, a := range decode[struct{ Agents []payRow }](t, b).Agents {
			if a.AgentID == f.agentA.ID {
				anna = a
			}
		}
		if anna.AgentID == "" || anna.BasePay != 240 || anna.HourlyRate != 30 {
			t.Errorf("Anna's week of 6 April: %+v, want 240 at 30", anna)
		}

		w := api.NewWorker(db, quietLog(), api.WorkerConfig{Now: func() time.Time { return now }})
		apply := func(at time.Time) {
			t.Helper()
			now = at
			if _, err := w.Fire(ctx, "apply_contracts", at); err != nil {
				t.Fatal(err)
			}
			if _, err := w.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			lead = f.login(t, "leadA") // the session of 10 March has run out
		}
		apply(time.Date(2026, 3, 31, 21, 30, 0, 0, time.UTC)) // 23:30 in Berlin (CEST)
		if got := spells(); !sameSpells(got, want) {
			t.Errorf("contracts at 23:30 on 31 March %+v, want %+v", got, want)
		}
		// At 00:10 on 1 April, before the job has run, the lead changes
		// Anna's e-mail: the change of the day holds first.
		now = time.Date(2026, 3, 31, 22, 10, 0, 0, time.UTC)
		if a := patch(map[string]any{"email": "anna@example.com"}, http.StatusOK); a.HourlyRate != 30 {
			t.Errorf("PATCH at 00:10 on 1 April answers rate %v, want the day's 30", a.HourlyRate)
		}
		apply(time.Date(2026, 3, 31, 22, 30, 0, 0, time.UTC)) // 00:30 on 1 April
		a, err := db.FindAgentByID(ctx, f.agentA.ID)
		must(t, err)
		if a.HourlyRate != 30 || a.Contract.WeeklyHours != 35 {
			t.Errorf("Anna on 1 April: %v h at %v, want 35 h at 30", a.Contract.WeeklyHours, a.HourlyRate)
		}
		want[1].Scheduled = false
		if got := spells(); !sameSpells(got, want) {
			t.Errorf("contracts on 1 April %+v, want %+v", got, want)
		}
	})
}

type agentView struct {
	HourlyRate     float64 `json:"hourly_rate"`
	ContractChange string  `json:"contract_change"`
}

type contractHours struct {
	WeeklyHours float64 `json:"weekly_hours"`
}

type contractSpell struct {
	From       string        `json:"from"`
	Until      string        `json:"until"`
	HourlyRate float64       `json:"hourly_rate"`
	Contract   contractHours `json:"contract"`
	Scheduled  bool          `json:"scheduled"`
}

func sameSpells(a, b []contractSpell) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestContractAhead_MidRoster: on 20 February Anna's lead enters a
// change of her contract from Thursday 5 March, the middle of the
// fixture's roster week: Thursdays off, at most 3 days and 30 h a week
// (48 h before). In that
// roster, beside her shifts of Monday and Tuesday, a Wednesday early
// keeps every rule; a Thursday early falls on her fixed day off; and a
// Friday early is a fifth day and 40 h, more than the week's (3·5 +
// 4·3) / 7 = 3.86 days, rounded to 4, and (3·48 + 4·30) / 7 = 37.71 h
// allow: the change counts from its day, and the week pro rata, as pay
// counts the week's hours.
func TestContractAhead_MidRoster(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)
		f := newFixtureAt(t, db, func() time.Time { return now })
		lead := f.login(t, "leadA")
		res, b := lead.do("PATCH", "/api/v1/agents/"+f.agentA.ID, map[string]any{"contract_from": "2026-03-05",
			"contract": map[string]any{"kind": "part_time", "weekly_hours": 20, "weekly_max_hours": 30, "max_days_per_week": 3, "fixed_days_off": []string{"Thursday"}}}, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("PATCH: %d %s", res.StatusCode, b)
		}
		berlin, _ := time.LoadLocation("Europe/Berlin")
		add := func(day int) []string {
			t.Helper()
			start := time.Date(2026, 3, day, 7, 0, 0, 0, berlin)
			res, b := lead.do("POST", "/api/v1/rosters/"+f.roster.ID+"/shifts?force=true", map[string]any{"agent_id": f.agentA.ID, "template_id": f.tmpl.ID,
				"start": start, "end": start.Add(8 * time.Hour)}, nil)
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("add a shift on %d March: %d %s", day, res.StatusCode, b)
			}
			var rules []string
			for _, v := range decode[struct{ Violations []struct{ Rule string } }](t, b).Violations {
				rules = append(rules, v.Rule)
			}
			return rules
		}
		if got := add(4); len(got) != 0 {
			t.Errorf("Wednesday's early breaks %v, want no rule", got)
		}
		if got := add(5); !reflect.DeepEqual(got, []string{"fixed_day_off"}) {
			t.Errorf("Thursday's early breaks %v, want fixed_day_off", got)
		}
		if got := add(6); !reflect.DeepEqual(got, []string{"max_weekly_hours", "max_days_per_week"}) {
			t.Errorf("Friday's early breaks %v, want max_weekly_hours and max_days_per_week", got)
		}
	})
}
