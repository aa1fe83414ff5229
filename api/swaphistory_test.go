package api_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
)

// TestSwap_DecidedKeptWhenRosterResolved: a week before the fixture's
// week, A gives their Monday shift to A2 (whose Monday shift is
// cancelled), A2 accepts and the lead approves; A also offers their
// Tuesday shift to A2, who declines. The lead then solves the roster
// again, which replaces its shifts. Both decisions are history: GET
// /swaps still lists them, to the lead and to A, as they were decided.
func TestSwap_DecidedKeptWhenRosterResolved(t *testing.T) {
	f := a2FreeMonday(t)
	ctx := context.Background()
	a, a2, lead := f.login(t, "agentA"), f.login(t, "agentA2"), f.login(t, "leadA")
	step := func(c *client, method, path string, body any, want int) string {
		t.Helper()
		res, b := c.do(method, path, body, nil)
		if res.StatusCode != want {
			t.Fatalf("%s %s: %d %s, want %d", method, path, res.StatusCode, b, want)
		}
		return string(b)
	}
	approved := decode[map[string]any](t, []byte(step(a, "POST", "/api/v1/swaps",
		map[string]any{"shift_id": f.shifts[0].ID, "with_agent_id": f.agentA2.ID}, http.StatusCreated)))["id"].(string)
	step(a2, "POST", "/api/v1/swaps/"+approved+"/accept", nil, http.StatusOK)
	step(lead, "POST", "/api/v1/swaps/"+approved+"/approve", nil, http.StatusOK)
	declined := decode[map[string]any](t, []byte(step(a, "POST", "/api/v1/swaps",
		map[string]any{"shift_id": f.shifts[2].ID, "with_agent_id": f.agentA2.ID}, http.StatusCreated)))["id"].(string)
	step(a2, "POST", "/api/v1/swaps/"+declined+"/decline", nil, http.StatusOK)

	body := step(lead, "POST", "/api/v1/rosters/"+f.roster.ID+"/solve", map[string]any{"time_limit_seconds": 0.5, "seed": 1}, http.StatusAccepted)
	jobID := decode[map[string]string](t, []byte(body))["job_id"]
	w := api.NewWorker(f.db, quietLog(), api.WorkerConfig{Now: func() time.Time { return week.AddDate(0, 0, -7) }})
	if _, err := w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if job := decode[struct{ Status, Error string }](t, []byte(step(lead, "GET", "/api/v1/jobs/"+jobID, nil, http.StatusOK))); job.Status != "succeeded" {
		t.Fatalf("job %+v, want succeeded", job)
	}

	want := map[string]struct{ status, shift string }{approved: {"approved", f.shifts[0].ID}, declined: {"declined", f.shifts[2].ID}}
	for name, c := range map[string]*client{"lead": lead, "A": a} {
		got := decode[struct {
			Items []struct {
				ID, Status string
				ShiftID    string `json:"shift_id"`
			}
		}](t, []byte(step(c, "GET", "/api/v1/swaps", nil, http.StatusOK)))
		seen := map[string]bool{}
		for _, sw := range got.Items {
			if w, ok := want[sw.ID]; ok {
				seen[sw.ID] = true
				if sw.Status != w.status || sw.ShiftID != w.shift {
					t.Errorf("%s: swap %s after the solve is %s of shift %s, want %s of %s", name, sw.ID, sw.Status, sw.ShiftID, w.status, w.shift)
				}
			}
		}
		for id, w := range want {
			if !seen[id] {
				t.Errorf("%s: the %s swap %s is gone from GET /swaps after the solve", name, w.status, id)
			}
		}
	}

	// A solve that keeps none of the roster's shifts deletes them all;
	// the swaps still name them, and approving one again is the 409 of
	// a swap no longer accepted, not the 404 of a missing swap.
	_, err := f.db.ReplaceRosterShifts(ctx, f.roster.ID, 0, nil)
	must(t, err)
	if _, err := f.db.FindShiftByID(ctx, f.shifts[0].ID); !errors.Is(err, scheduling.ErrNotFound) {
		t.Fatalf("shift %s after a replace with none: %v, want ErrNotFound", f.shifts[0].ID, err)
	}
	step(lead, "POST", "/api/v1/swaps/"+approved+"/approve", nil, http.StatusConflict)
	got := decode[struct{ Items []struct{ ID string } }](t, []byte(step(lead, "GET", "/api/v1/swaps", nil, http.StatusOK)))
	if len(got.Items) != len(want) {
		t.Errorf("lead lists %d swaps once the roster has no shifts, want %d", len(got.Items), len(want))
	}
}
