package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// TestSolve_RosterUnderway solves the fixture's published week again on
// its Tuesday at 10:00 in Berlin, after Anna's Tuesday shift was cancelled
// and Arno moved to team B. What had begun is paid from and stays as it
// was: the four shifts of Monday and Tuesday (07:00–15:00) keep their IDs,
// times, status and versions, Arno's included though he is no longer in
// the team, and no new shift starts before 10:00 on Tuesday.
func TestSolve_RosterUnderway(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	lead, admin := f.login(t, "leadA"), f.login(t, "admin")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	now := time.Date(2026, 3, 3, 10, 0, 0, 0, berlin)

	before, err := f.db.FindShifts(ctx, store.ShiftFilter{RosterID: f.roster.ID})
	must(t, err)
	if len(before) != 4 {
		t.Fatalf("fixture roster has %d shifts, want 4", len(before))
	}
	var annaTue scheduling.Shift
	for _, s := range before {
		if s.AgentID == f.agentA.ID && s.Start.Equal(time.Date(2026, 3, 3, 7, 0, 0, 0, berlin)) {
			annaTue = s
		}
	}
	annaTue.Status = scheduling.ShiftCancelled
	_, err = f.db.UpdateShift(ctx, annaTue)
	must(t, err)
	// Anna also works Thursday 07:00–15:00, still to come, and is off sick
	// that day (approved in the store, which leaves the shift): the solve
	// must drop it, and tell her.
	sick := scheduling.TimeOff{AgentID: f.agentA.ID, Start: time.Date(2026, 3, 5, 0, 0, 0, 0, berlin), End: time.Date(2026, 3, 6, 0, 0, 0, 0, berlin), Kind: "sick"}
	must(t, f.db.CreateTimeOff(ctx, &sick))
	_, err = f.db.DecideTimeOff(ctx, sick.ID, scheduling.TimeOffApproved, f.users["leadA"].ID)
	must(t, err)
	thu := time.Date(2026, 3, 5, 7, 0, 0, 0, berlin)
	all, err := f.db.FindShifts(ctx, store.ShiftFilter{RosterID: f.roster.ID, WithCancelled: true})
	must(t, err)
	r, err := f.db.FindRosterByID(ctx, f.roster.ID)
	must(t, err)
	_, err = f.db.ReplaceRosterShifts(ctx, f.roster.ID, r.Version, append(all, scheduling.Shift{AgentID: f.agentA.ID, TemplateID: f.tmpl.ID,
		Start: thu, End: thu.Add(8 * time.Hour), Activity: "work", Status: scheduling.ShiftActive}))
	must(t, err)
	before, err = f.db.FindShifts(ctx, store.ShiftFilter{RosterID: f.roster.ID, WithCancelled: true})
	must(t, err)
	if res, body := admin.do("PATCH", "/api/v1/agents/"+f.agentA2.ID, map[string]any{"team_id": f.teamB.ID}, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("move Arno: %d %s", res.StatusCode, body)
	}

	res, body := lead.do("POST", "/api/v1/rosters/"+f.roster.ID+"/solve", map[string]any{"time_limit_seconds": 0.5, "seed": 3}, nil)
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("solve: %d %s", res.StatusCode, body)
	}
	jobID := decode[map[string]string](t, body)["job_id"]
	w := api.NewWorker(f.db, quietLog(), api.WorkerConfig{Now: func() time.Time { return now }})
	if _, err := w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	_, body = lead.do("GET", "/api/v1/jobs/"+jobID, nil, nil)
	if job := decode[struct{ Status, Error string }](t, body); job.Status != "succeeded" {
		t.Fatalf("job %s, want succeeded", body)
	}

	after, err := f.db.FindShifts(ctx, store.ShiftFilter{RosterID: f.roster.ID, WithCancelled: true})
	must(t, err)
	byID := map[string]scheduling.Shift{}
	for _, s := range after {
		byID[s.ID] = s
	}
	removed := 0
	for _, b := range before {
		a, ok := byID[b.ID]
		if !b.Start.Before(now) {
			if !ok && b.AgentID == f.agentA.ID {
				removed++
			}
			delete(byID, b.ID)
			continue
		}
		if !ok {
			t.Errorf("begun shift %s of %s at %v is gone", b.ID, b.AgentID, b.Start)
			continue
		}
		if !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.AgentID != b.AgentID || a.Status != b.Status || a.Version != b.Version {
			t.Errorf("begun shift changed:\n before %+v\n after  %+v", b, a)
		}
		delete(byID, b.ID)
	}
	added := 0
	for _, s := range byID {
		if s.Start.Before(now) {
			t.Errorf("new shift of %s at %v, before the re-solve's %v", s.AgentID, s.Start, now)
		}
		if s.AgentID == f.agentA.ID && s.Status == scheduling.ShiftActive {
			added++
		}
	}

	// The roster is published: Anna is told how many of her shifts to come
	// are new and how many are gone; her lead, who asked for the solve, is
	// not told.
	_, body = f.login(t, "agentA").do("GET", "/api/v1/notifications", nil, nil)
	inbox := decode[struct {
		Items []struct {
			Kind   string
			Params map[string]any
		}
	}](t, body)
	var told []map[string]any
	for _, n := range inbox.Items {
		if n.Kind == "roster_resolved" {
			told = append(told, n.Params)
		}
	}
	if removed != 1 {
		t.Errorf("%d of Anna's shifts to come are gone, want Thursday's", removed)
	}
	// Thursday's shift is gone, so she is told once, with the counts.
	if len(told) != 1 || told[0]["added"] != float64(added) || told[0]["removed"] != float64(removed) || told[0]["roster_id"] != f.roster.ID {
		t.Errorf("Anna has %d new shifts and %d gone; told %v", added, removed, told)
	}
	_, body = lead.do("GET", "/api/v1/notifications", nil, nil)
	if strings.Contains(string(body), "roster_resolved") {
		t.Errorf("the lead who asked for the solve is told of it: %s", body)
	}
	t.Logf("Anna: %d new shifts, %d gone", added, removed)
}

// TestSolve_QueueNoAgentCanServe: a French queue (phone and lang:fr) with
// three weeks of hourly history, in a site whose team A speaks no French.
// Team A's solve leaves it out: no figure of the roster names it, and the
// result's unmet says why. Once Arno speaks French, the next solve counts
// it.
func TestSolve_QueueNoAgentCanServe(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	admin, lead := f.login(t, "admin"), f.login(t, "leadA")
	if res, body := admin.do("PUT", "/api/v1/skills/lang:fr", map[string]any{"kind": "language", "name": "French"}, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("skill: %d %s", res.StatusCode, body)
	}
	res, body := admin.do("POST", "/api/v1/queues", map[string]any{"site_id": f.site.ID, "name": "French", "channel": "phone",
		"required_skills": []string{"phone", "lang:fr"}, "aht_seconds": 300, "target": map[string]any{"service_level": 0.8, "answer_within_seconds": 20}}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("queue: %d %s", res.StatusCode, body)
	}
	french := decode[map[string]any](t, body)["id"].(string)
	var csv strings.Builder
	csv.WriteString("interval_start,offered\n")
	for d := 0; d < 21; d++ { // 16 February to 8 March 2026, 08:00–17:00
		day := time.Date(2026, 2, 16, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d)
		for h := 8; h < 17; h++ {
			fmt.Fprintf(&csv, "%sT%02d:00,%d\n", day.Format(time.DateOnly), h, 20+h)
		}
	}
	if res, body := admin.do("POST", "/api/v1/queues/"+french+"/history", csv.String(), nil); res.StatusCode != http.StatusOK {
		t.Fatalf("history: %d %s", res.StatusCode, body)
	}
	res, body = lead.do("POST", "/api/v1/rosters", map[string]string{"team_id": f.teamA.ID, "period_start": "2026-03-09", "period_end": "2026-03-16"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("roster: %d %s", res.StatusCode, body)
	}
	rid := decode[map[string]any](t, body)["id"].(string)
	w := api.NewWorker(f.db, quietLog(), api.WorkerConfig{Now: func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) }})
	type result struct {
		Status string
		Result struct {
			Unmet []string
			KPIs  struct {
				Queues []struct {
					QueueID       string  `json:"queue_id"`
					RequiredHours float64 `json:"required_hours"`
				}
			} `json:"kpis"`
		}
	}
	solve := func() result {
		t.Helper()
		res, body := lead.do("POST", "/api/v1/rosters/"+rid+"/solve", map[string]any{"time_limit_seconds": 0.5, "seed": 1}, nil)
		if res.StatusCode != http.StatusAccepted {
			t.Fatalf("solve: %d %s", res.StatusCode, body)
		}
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		_, body = lead.do("GET", "/api/v1/jobs/"+decode[map[string]string](t, body)["job_id"], nil, nil)
		r := decode[result](t, body)
		if r.Status != "succeeded" {
			t.Fatalf("job %s", body)
		}
		return r
	}
	counted := func(r result) bool {
		for _, q := range r.Result.KPIs.Queues {
			if q.QueueID == french {
				return q.RequiredHours > 0
			}
		}
		return false
	}
	r := solve()
	if counted(r) || len(r.Result.Unmet) == 0 || !strings.Contains(r.Result.Unmet[0], "queue French (phone, lang:fr)") {
		t.Errorf("without a French speaker: queues %+v, unmet %q; want French left out and named", r.Result.KPIs.Queues, r.Result.Unmet)
	}
	if res, body := lead.do("PATCH", "/api/v1/agents/"+f.agentA2.ID, map[string]any{"skills": []string{"phone", "lang:fr"}}, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("Arno learns French: %d %s", res.StatusCode, body)
	}
	if r := solve(); !counted(r) {
		t.Errorf("with a French speaker: queues %+v, want French counted", r.Result.KPIs.Queues)
	}
}
