package api_test

import (
	"context"
	"net/http"
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
	for _, b := range before {
		a, ok := byID[b.ID]
		if !ok {
			t.Errorf("begun shift %s of %s at %v is gone", b.ID, b.AgentID, b.Start)
			continue
		}
		if !a.Start.Equal(b.Start) || !a.End.Equal(b.End) || a.AgentID != b.AgentID || a.Status != b.Status || a.Version != b.Version {
			t.Errorf("begun shift changed:\n before %+v\n after  %+v", b, a)
		}
		delete(byID, b.ID)
	}
	for _, s := range byID {
		if s.Start.Before(now) {
			t.Errorf("new shift of %s at %v, before the re-solve's %v", s.AgentID, s.Start, now)
		}
	}
}
