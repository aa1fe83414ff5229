package api_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// TestMyHours: Anna sees her own row of the hours report for March 2026,
// as HR's report of her team pays it: her two published earlies of 8 h
// on 2 and 3 March, 16 paid hours, and none of Arno's. Without to, with
// more than a year, or for a login without an agent, she is refused.
func TestMyHours(t *testing.T) {
	f := sqliteFixture(t)
	type report struct {
		Agents []map[string]any `json:"agents"`
		Shifts []map[string]any `json:"shifts"`
	}
	res, body := f.login(t, "agentA").do("GET", "/api/v1/me/hours?from=2026-03-01&to=2026-04-01", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /me/hours: %d %s", res.StatusCode, body)
	}
	mine := decode[report](t, body)
	if len(mine.Agents) != 1 || mine.Agents[0]["agent_id"] != f.agentA.ID || mine.Agents[0]["paid_hours"] != 16.0 || len(mine.Shifts) != 2 {
		t.Fatalf("my hours = %s, want Anna's row of 16 h and her 2 shifts", body)
	}
	for _, s := range mine.Shifts {
		if s["agent_id"] != f.agentA.ID {
			t.Errorf("a shift of another agent in my hours: %v", s)
		}
	}
	res, body = f.login(t, "hr").do("GET", "/api/v1/reports/hours?format=json&team="+f.teamA.ID+"&from=2026-03-01&to=2026-04-01", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("HR report: %d %s", res.StatusCode, body)
	}
	var all report
	if err := json.Unmarshal(body, &all); err != nil {
		t.Fatal(err)
	}
	for _, row := range all.Agents {
		if row["agent_id"] == f.agentA.ID && !reflect.DeepEqual(row, mine.Agents[0]) {
			t.Errorf("HR pays Anna %v, she sees %v", row, mine.Agents[0])
		}
	}
	for q, field := range map[string]string{"from=2026-03-01": "from", "from=2026-03-01&to=2027-03-03": "to"} {
		if res, body := f.login(t, "agentA").do("GET", "/api/v1/me/hours?"+q, nil, nil); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(string(body), `"field":"`+field+`"`) {
			t.Errorf("GET /me/hours?%s: %d %s, want 422 on %s", q, res.StatusCode, body, field)
		}
	}
	if res, _ := f.login(t, "hr").do("GET", "/api/v1/me/hours?from=2026-03-01&to=2026-04-01", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("HR's own hours: %d, want 404 (no agent)", res.StatusCode)
	}
}
