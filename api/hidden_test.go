package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// unknownID is an ID nothing has.
const unknownID = "00000000-0000-4000-8000-000000000000"

// TestAccess_HiddenIsMissing: what a caller may not even see (another
// team's roster, shift, agent, time off, swap or job, a forecast of a site
// where a lead leads no team) is answered exactly as an ID nothing has:
// the same status and the same body but for the ID and the request id,
// so IDs cannot be probed through the answers.
func TestAccess_HiddenIsMissing(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	berlin, err := time.LoadLocation("Europe/Berlin")
	must(t, err)
	// A published roster of team B with a shift of agent B.
	rb := scheduling.Roster{TeamID: f.teamB.ID, PeriodStart: week, PeriodEnd: week.AddDate(0, 0, 7)}
	must(t, f.db.CreateRoster(ctx, &rb))
	start := time.Date(2026, 3, 4, 7, 0, 0, 0, berlin)
	bShifts := []scheduling.Shift{{AgentID: f.agentB.ID, TemplateID: f.tmpl.ID, Start: start, End: start.Add(8 * time.Hour), Activity: "work",
		Status: scheduling.ShiftActive}}
	v, err := f.db.ReplaceRosterShifts(ctx, rb.ID, 0, bShifts)
	must(t, err)
	_, err = f.db.PublishRoster(ctx, rb.ID, v)
	must(t, err)
	bShift := bShifts[0].ID
	off := scheduling.TimeOff{AgentID: f.agentA.ID, Start: week, End: week.AddDate(0, 0, 1), Kind: "vacation", Reason: "wedding"}
	must(t, f.db.CreateTimeOff(ctx, &off))
	sw := store.Swap{ShiftID: f.shifts[0].ID, FromAgentID: f.agentA.ID, WithAgentID: f.agentA2.ID}
	must(t, f.db.CreateSwap(ctx, &sw))
	job := store.Job{Kind: "test", TeamID: f.teamA.ID, CreatedBy: f.users["leadA"].ID}
	must(t, f.db.EnqueueJob(ctx, &job))
	hamburg := scheduling.Site{OrganisationID: f.site.OrganisationID, Name: "Hamburg", TimeZone: "Europe/Berlin", HolidayRegion: "DE-HH"}
	must(t, f.db.CreateSite(ctx, &hamburg))
	q := scheduling.Queue{SiteID: hamburg.ID, Name: "Phone HH", Channel: scheduling.Phone, RequiredSkills: []string{"phone"},
		Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}, AHT: 300 * time.Second}
	must(t, f.db.CreateQueue(ctx, &q))
	fc := store.Forecast{QueueID: q.ID, Model: "flat", Interval: 15 * time.Minute, Start: week, End: week.Add(time.Hour)}
	must(t, f.db.CreateForecast(ctx, &fc))

	day := map[string]any{"start": week.AddDate(0, 0, 3), "end": week.AddDate(0, 0, 4), "kind": "vacation"}
	with := func(m map[string]any, k string, v any) map[string]any {
		out := map[string]any{k: v}
		for key, val := range m {
			out[key] = val
		}
		return out
	}
	rid := "/rosters/" + f.roster.ID
	for _, c := range []struct {
		who, method, path string // "{id}" in path and body stands for the ID
		body              map[string]any
		hidden            string
		status            int
	}{
		{"leadB", "GET", "/rosters/{id}", nil, f.roster.ID, http.StatusNotFound},
		{"agentB", "GET", "/rosters/{id}", nil, f.roster.ID, http.StatusNotFound},
		{"leadB", "POST", "/rosters/{id}/solve", map[string]any{}, f.roster.ID, http.StatusNotFound},
		{"leadB", "GET", "/rosters/{id}/audit", nil, f.roster.ID, http.StatusNotFound},
		{"leadA", "PATCH", rid + "/shifts/{id}", map[string]any{"status": "cancelled"}, bShift, http.StatusNotFound},
		{"leadB", "GET", "/agents/{id}", nil, f.agentA.ID, http.StatusNotFound},
		{"agentB", "GET", "/agents/{id}", nil, f.agentA.ID, http.StatusNotFound},
		{"leadB", "PATCH", "/agents/{id}", map[string]any{}, f.agentA.ID, http.StatusNotFound},
		{"leadB", "GET", "/availability?agent={id}", nil, f.agentA.ID, http.StatusNotFound},
		{"leadB", "PUT", "/preferences?agent={id}", map[string]any{"items": []any{}}, f.agentA.ID, http.StatusNotFound},
		{"leadB", "GET", "/shifts?agent={id}", nil, f.agentA.ID, http.StatusNotFound},
		{"leadB", "POST", "/time-off", with(day, "agent_id", "{id}"), f.agentA.ID, http.StatusUnprocessableEntity},
		{"leadB", "POST", "/time-off/{id}/approve", nil, off.ID, http.StatusNotFound},
		{"agentA2", "POST", "/time-off/{id}/withdraw", nil, off.ID, http.StatusNotFound},
		{"leadB", "POST", "/swaps/{id}/decline", nil, sw.ID, http.StatusNotFound},
		{"agentB", "POST", "/swaps/{id}/accept", nil, sw.ID, http.StatusNotFound},
		{"leadB", "POST", "/swaps", map[string]any{"shift_id": "{id}", "with_agent_id": f.agentB.ID}, f.shifts[0].ID, http.StatusUnprocessableEntity},
		{"agentB", "POST", "/swaps", map[string]any{"shift_id": bShift, "with_agent_id": "{id}"}, f.agentA.ID, http.StatusUnprocessableEntity},
		{"agentB", "POST", "/swaps", map[string]any{"shift_id": bShift, "with_agent_id": f.agentB.ID, "their_shift_id": "{id}"}, f.shifts[0].ID, http.StatusUnprocessableEntity},
		{"leadB", "GET", "/jobs/{id}", nil, job.ID, http.StatusNotFound},
		{"hr", "POST", "/jobs/{id}/cancel", nil, job.ID, http.StatusNotFound},
		{"leadA", "GET", "/forecasts/{id}", nil, fc.ID, http.StatusNotFound},
	} {
		cl := f.login(t, c.who)
		answer := func(id string) (int, string) {
			var body any
			if c.body != nil {
				b := map[string]any{}
				for k, v := range c.body {
					if v == "{id}" {
						v = id
					}
					b[k] = v
				}
				body = b
			}
			res, raw := cl.do(c.method, "/api/v1"+strings.ReplaceAll(c.path, "{id}", id), body, map[string]string{"If-Match": `"1"`})
			var e map[string]map[string]any
			must(t, json.Unmarshal(raw, &e))
			delete(e["error"], "request_id")
			out, err := json.Marshal(e)
			must(t, err)
			return res.StatusCode, strings.ReplaceAll(string(out), id, "{id}")
		}
		t.Run(c.who+" "+c.method+" "+c.path, func(t *testing.T) {
			hs, hb := answer(c.hidden)
			ms, mb := answer(unknownID)
			if hs != c.status || ms != c.status || hb != mb {
				t.Errorf("hidden: %d %s\nmissing: %d %s\nwant both %d with the same body", hs, hb, ms, mb, c.status)
			}
		})
	}
}
