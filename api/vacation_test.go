package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestVacation: Anna's lead corrects her contract to 30 vacation days a
// year (for every day, not from today on, which would count pro rata). In 2026
// she asks for Monday 13 to Friday 17 April (5 working days, Easter Monday
// being the 6th), which her lead approves, and for Tuesday 5 May from
// 12:00 (half a day), which waits. She and her lead read 30 days, 5
// approved, ½ asked for and 25 remaining. A later edit of her contract
// that leaves vacation_days out keeps the 30; 400 days a year are refused.
func TestVacation(t *testing.T) {
	f := sqliteFixture(t)
	lead, anna := f.login(t, "leadA"), f.login(t, "agentA")
	patch := func(contract map[string]any, want int) string {
		t.Helper()
		// contract_from "": a correction that holds for every day.
		res, body := lead.do("PATCH", "/api/v1/agents/"+f.agentA.ID, map[string]any{"contract": contract, "contract_from": ""}, nil)
		if res.StatusCode != want {
			t.Fatalf("PATCH %v: %d %s, want %d", contract, res.StatusCode, body, want)
		}
		return string(body)
	}
	patch(map[string]any{"kind": "full_time", "weekly_hours": 40, "weekly_max_hours": 48, "vacation_days": 30}, http.StatusOK)
	berlin, _ := time.LoadLocation("Europe/Berlin")
	ask := func(start, end time.Time) string {
		t.Helper()
		res, body := anna.do("POST", "/api/v1/time-off", map[string]any{"start": start, "end": end, "kind": "vacation"}, nil)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("ask for time off: %d %s", res.StatusCode, body)
		}
		return decode[struct{ ID string }](t, body).ID
	}
	spring := ask(time.Date(2026, 4, 13, 0, 0, 0, 0, berlin), time.Date(2026, 4, 18, 0, 0, 0, 0, berlin))
	if res, body := lead.do("POST", "/api/v1/time-off/"+spring+"/approve", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d %s", res.StatusCode, body)
	}
	half := ask(time.Date(2026, 5, 5, 12, 0, 0, 0, berlin), time.Date(2026, 5, 6, 0, 0, 0, 0, berlin))
	type vacation struct {
		Year                                        int
		Entitlement, Approved, Requested, Remaining float64
		Requests                                    []struct {
			ID     string
			Status string
			Days   float64
		}
	}
	for who, path := range map[string]string{"agentA": "/api/v1/me/vacation?year=2026", "leadA": "/api/v1/agents/" + f.agentA.ID + "/vacation?year=2026"} {
		res, body := f.login(t, who).do("GET", path, nil, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s GET %s: %d %s", who, path, res.StatusCode, body)
		}
		v := decode[vacation](t, body)
		if v.Year != 2026 || v.Entitlement != 30 || v.Approved != 5 || v.Requested != 0.5 || v.Remaining != 25 || len(v.Requests) != 2 ||
			v.Requests[0].ID != spring || v.Requests[0].Days != 5 || v.Requests[1].ID != half || v.Requests[1].Days != 0.5 {
			t.Errorf("%s reads %s, want 30 days, 5 approved, ½ asked for, 25 remaining", who, body)
		}
	}
	if body := patch(map[string]any{"kind": "full_time", "weekly_hours": 38, "weekly_max_hours": 48}, http.StatusOK); !strings.Contains(body, `"vacation_days":30`) {
		t.Errorf("an edit without vacation_days: %s, want the 30 kept", body)
	}
	if body := patch(map[string]any{"kind": "full_time", "weekly_hours": 38, "weekly_max_hours": 48, "vacation_days": 400}, http.StatusUnprocessableEntity); !strings.Contains(body, `"field":"contract.vacation_days"`) {
		t.Errorf("400 vacation days: %s, want 422 on contract.vacation_days", body)
	}
	if res, body := anna.do("GET", "/api/v1/me/vacation?year=12", nil, nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"field":"year"`) {
		t.Errorf("year 12: %d %s, want 422 on year", res.StatusCode, body)
	}
}
