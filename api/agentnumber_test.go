package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// numberTaken reports whether a response is the 422 on employee_no that
// names holder, the agent who has the number.
func numberTaken(t *testing.T, res *http.Response, body []byte, holder scheduling.Agent) bool {
	t.Helper()
	msg, ok := employeeNoProblem(t, res, body)
	return ok && strings.Contains(msg, holder.Name()) && strings.Contains(msg, holder.ID)
}

// numberTakenAnonymously reports whether a response is the 422 on
// employee_no that says the number is taken without naming holder, an
// agent the caller may not see.
func numberTakenAnonymously(t *testing.T, res *http.Response, body []byte, holder scheduling.Agent) bool {
	t.Helper()
	msg, ok := employeeNoProblem(t, res, body)
	return ok && strings.Contains(msg, "already") &&
		!strings.Contains(string(body), holder.Name()) && !strings.Contains(string(body), holder.ID)
}

// employeeNoProblem returns the message of a response that is a 422 with
// one problem, on employee_no, and whether it is one.
func employeeNoProblem(t *testing.T, res *http.Response, body []byte) (string, bool) {
	t.Helper()
	if res.StatusCode != http.StatusUnprocessableEntity {
		return "", false
	}
	e := decode[struct {
		Error struct {
			Fields []struct{ Field, Message string }
		}
	}](t, body).Error
	if len(e.Fields) != 1 || e.Fields[0].Field != "employee_no" {
		return "", false
	}
	return e.Fields[0].Message, true
}

// newAgentBody is a POST /agents body for team with employee number no.
func newAgentBody(team, last, no string) map[string]any {
	return map[string]any{"team_id": team, "last_name": last, "employee_no": no,
		"contract": map[string]any{"kind": "full_time", "weekly_hours": 40}}
}

// TestAgent_EmployeeNoUnique: POST and PATCH /agents refuse a number
// another agent has, on employee_no and naming that agent, as the
// import's match key: the input trimmed, the case kept. Empty numbers
// repeat freely; a number the agent keeps passes even when an older
// duplicate has it too.
func TestAgent_EmployeeNoUnique(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		admin := f.login(t, "admin")
		numberOf := func(id string) string {
			t.Helper()
			a, err := db.FindAgentByID(ctx, id)
			must(t, err)
			return a.EmployeeNo
		}

		t.Run("Create", func(t *testing.T) {
			for _, no := range []string{"Anna", " Anna\t"} {
				res, body := admin.do("POST", "/api/v1/agents", newAgentBody(f.teamB.ID, "Copy", no), nil)
				if !numberTaken(t, res, body, f.agentA) {
					t.Errorf("POST with %q, Anna's number: %d %s, want 422 on employee_no naming her", no, res.StatusCode, body)
				}
			}
			// A lead learns who has it when the holder is of their team;
			// of another team, only that the number is taken.
			leadA, leadB := f.login(t, "leadA"), f.login(t, "leadB")
			res, body := leadA.do("POST", "/api/v1/agents", newAgentBody(f.teamA.ID, "Copy", "Arno"), nil)
			if !numberTaken(t, res, body, f.agentA2) {
				t.Errorf("lead A's POST with Arno's number: %d %s, want 422 on employee_no naming him", res.StatusCode, body)
			}
			res, body = leadB.do("POST", "/api/v1/agents", newAgentBody(f.teamB.ID, "Copy", "Arno"), nil)
			if !numberTakenAnonymously(t, res, body, f.agentA2) {
				t.Errorf("lead B's POST with Arno's number: %d %s, want 422 on employee_no naming nobody", res.StatusCode, body)
			}
			as, err := db.FindAgents(ctx, store.AgentFilter{TeamID: f.teamB.ID})
			must(t, err)
			if len(as) != 1 {
				t.Errorf("team B has %d agents after the refused POSTs, want 1", len(as))
			}
			// The import matches "anna" to no agent: another number.
			if res, body := admin.do("POST", "/api/v1/agents", newAgentBody(f.teamB.ID, "Lower", "anna"), nil); res.StatusCode != http.StatusCreated {
				t.Errorf("POST with \"anna\": %d %s, want 201", res.StatusCode, body)
			}
		})

		t.Run("Update", func(t *testing.T) {
			path := "/api/v1/agents/" + f.agentA2.ID
			res, body := admin.do("PATCH", path, map[string]any{"employee_no": "Bea"}, nil)
			if !numberTaken(t, res, body, f.agentB) {
				t.Errorf("PATCH to Bea's number: %d %s, want 422 on employee_no naming her", res.StatusCode, body)
			}
			if no := numberOf(f.agentA2.ID); no != "Arno" {
				t.Errorf("the refused PATCH left number %q, want Arno", no)
			}
			// Lead A changing Arno to Bea's number (team B) is not told whose it is.
			res, body = f.login(t, "leadA").do("PATCH", path, map[string]any{"employee_no": "Bea"}, nil)
			if !numberTakenAnonymously(t, res, body, f.agentB) {
				t.Errorf("lead A's PATCH to Bea's number: %d %s, want 422 on employee_no naming nobody", res.StatusCode, body)
			}
			// A number given up is free for the next agent.
			if res, body := admin.do("PATCH", "/api/v1/agents/"+f.agentB.ID, map[string]any{"employee_no": "Bea-2"}, nil); res.StatusCode != http.StatusOK {
				t.Fatalf("PATCH Bea to Bea-2: %d %s", res.StatusCode, body)
			}
			if res, body := admin.do("PATCH", path, map[string]any{"employee_no": "Bea"}, nil); res.StatusCode != http.StatusOK {
				t.Errorf("PATCH to the number Bea gave up: %d %s, want 200", res.StatusCode, body)
			}
		})

		t.Run("UnchangedDuplicate", func(t *testing.T) {
			// Stored before numbers were checked: a second "Anna".
			dup := scheduling.Agent{TeamID: f.teamB.ID, FirstName: "Anne", LastName: "Dup", EmployeeNo: "Anna",
				Contract: scheduling.Contract{Kind: scheduling.FullTime, WeeklyHours: 40}}
			must(t, db.CreateAgent(ctx, &dup))
			for _, c := range []struct {
				id   string
				body map[string]any
			}{
				{f.agentA.ID, map[string]any{"employee_no": "Anna", "hourly_rate": 25}},
				{f.agentA.ID, map[string]any{"hourly_rate": 26}},
				{dup.ID, map[string]any{"employee_no": "Anna", "last_name": "Duplicate"}},
			} {
				if res, body := admin.do("PATCH", "/api/v1/agents/"+c.id, c.body, nil); res.StatusCode != http.StatusOK {
					t.Errorf("PATCH %s %v keeping the duplicate number: %d %s, want 200", c.id, c.body, res.StatusCode, body)
				}
			}
			// Moving away and back is a change: refused while the other has it.
			if res, body := admin.do("PATCH", "/api/v1/agents/"+dup.ID, map[string]any{"employee_no": "Dup"}, nil); res.StatusCode != http.StatusOK {
				t.Fatalf("PATCH the duplicate to Dup: %d %s", res.StatusCode, body)
			}
			res, body := admin.do("PATCH", "/api/v1/agents/"+dup.ID, map[string]any{"employee_no": "Anna"}, nil)
			if !numberTaken(t, res, body, f.agentA) {
				t.Errorf("PATCH back to Anna: %d %s, want 422 on employee_no naming Anna", res.StatusCode, body)
			}
		})

		t.Run("Empty", func(t *testing.T) {
			for _, last := range []string{"NoNumber1", "NoNumber2"} {
				if res, body := admin.do("POST", "/api/v1/agents", newAgentBody(f.teamB.ID, last, ""), nil); res.StatusCode != http.StatusCreated {
					t.Errorf("POST %s without a number: %d %s, want 201", last, res.StatusCode, body)
				}
			}
			for _, a := range []scheduling.Agent{f.agentA, f.agentB} {
				if res, body := admin.do("PATCH", "/api/v1/agents/"+a.ID, map[string]any{"employee_no": " "}, nil); res.StatusCode != http.StatusOK ||
					!strings.Contains(string(body), `"employee_no":""`) {
					t.Errorf("PATCH %s to no number: %d %s, want 200 and \"\"", a.Name(), res.StatusCode, body)
				}
			}
		})
	})
}

// TestAgent_ConcurrentCreatesOneNumber: two POST /agents with the same
// number at once (a double click, two leads) add one agent; the other is
// told the number is taken. Without the lock PostgreSQL let both find the
// number unused.
func TestAgent_ConcurrentCreatesOneNumber(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		clients := []*client{f.login(t, "admin"), f.login(t, "leadB")}
		const rounds = 5
		for round := range rounds {
			no := fmt.Sprintf("C-%d", round)
			var wg sync.WaitGroup
			codes := make([]int, len(clients))
			for i, c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					res, _ := c.do("POST", "/api/v1/agents", newAgentBody(f.teamB.ID, fmt.Sprintf("Twin%d", i), no), nil)
					codes[i] = res.StatusCode
				}()
			}
			wg.Wait()
			as, err := db.FindAgents(ctx, store.AgentFilter{EmployeeNo: no})
			must(t, err)
			created := 0
			for _, code := range codes {
				if code == http.StatusCreated {
					created++
				} else if code != http.StatusUnprocessableEntity {
					t.Errorf("round %d: answer %d, want 201 or 422", round, code)
				}
			}
			if created != 1 || len(as) != 1 {
				t.Errorf("round %d: answers %v, %d agents with %s; want one 201 and one agent", round, codes, len(as), no)
			}
		}
	})
}
