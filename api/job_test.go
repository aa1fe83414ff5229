package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestJob_SolveSurvivesRestart queues a solve through the API; a first
// worker claims it and dies (its lease runs out without renewal); a worker
// started afterwards takes the job over as its second attempt and stores
// the roster, the job's result and an audit entry together.
func TestJob_SolveSurvivesRestart(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	lead := f.login(t, "leadA")
	res, body := lead.do("POST", "/api/v1/rosters", map[string]string{"team_id": f.teamA.ID, "period_start": "2026-03-09", "period_end": "2026-03-16"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create roster: %d %s", res.StatusCode, body)
	}
	draft := decode[map[string]any](t, body)
	rid := draft["id"].(string)
	res, body = lead.do("POST", "/api/v1/rosters/"+rid+"/solve", map[string]any{"time_limit_seconds": 0.3, "seed": 7}, nil)
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("solve: %d %s", res.StatusCode, body)
	}
	jobID := decode[map[string]string](t, body)["job_id"]

	// The first process claims the job and is killed: it never renews its
	// lease, which (claimed with a lease already over) has run out.
	dead, err := f.db.ClaimJob(ctx, "killed-process", []string{"solve", "forecast", "reforecast", "publish_reminder"}, -time.Second)
	must(t, err)
	if dead.ID != jobID {
		t.Fatalf("claimed %s, want the solve job %s", dead.ID, jobID)
	}
	_, body = lead.do("GET", "/api/v1/jobs/"+jobID, nil, nil)
	if st := decode[map[string]any](t, body)["status"]; st != "running" {
		t.Fatalf("job after the claim is %v, want running", st)
	}

	w := api.NewWorker(f.db, quietLog(), api.WorkerConfig{ID: "restarted", Lease: 30 * time.Second})
	ran, err := w.RunOnce(ctx)
	must(t, err)
	if !ran {
		t.Fatal("the restarted worker found no job to take over")
	}
	_, body = lead.do("GET", "/api/v1/jobs/"+jobID, nil, nil)
	job := decode[struct {
		Status   string
		Attempts int
		Error    string
		Result   struct {
			RosterID string `json:"roster_id"`
			Version  int
		}
	}](t, body)
	if job.Status != "succeeded" || job.Attempts != 2 || job.Result.RosterID != rid {
		t.Fatalf("job = %+v (%s), want succeeded on attempt 2 for roster %s", job, body, rid)
	}
	r, err := f.db.FindRosterByID(ctx, rid)
	must(t, err)
	// Created at version 1; the solve's write is version 2.
	if r.Version != 2 || job.Result.Version != 2 {
		t.Errorf("roster version %d, result version %d, want 2", r.Version, job.Result.Version)
	}
	audit, err := f.db.FindAudit(ctx, rid)
	must(t, err)
	if last := audit[len(audit)-1]; last.Action != "solve" || last.UserID != f.users["leadA"].ID {
		t.Errorf("last audit entry %+v, want the lead's solve", last)
	}
	// The event stream of a finished job is its final state.
	res, body = lead.do("GET", "/api/v1/jobs/"+jobID+"/events", nil, nil)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") || !strings.HasPrefix(string(body), "event: done\n") {
		t.Errorf("events: %s %q", ct, body)
	}
}

// TestPeriodic_FiresOnceAcrossProcesses runs two workers on two connections
// to one PostgreSQL database (two server processes) and fires the publish
// reminder of one scheduled minute from both at once: one job is queued,
// one worker runs it, and the reminder is stored once, for the team whose
// next week is unpublished.
func TestPeriodic_FiresOnceAcrossProcesses(t *testing.T) {
	url := dbtest.URL(t, store.Postgres)
	ctx := context.Background()
	open := func() *store.DB {
		db, err := store.Open(ctx, store.Config{URL: url})
		must(t, err)
		t.Cleanup(func() { db.Close() })
		_, err = db.Migrate(ctx)
		must(t, err)
		return db
	}
	db1, db2 := open(), open()
	f := newFixture(t, db1)
	// Wednesday 25 February 2026: next week starts Monday 2 March, the
	// fixture's published roster of team A; team B has none.
	now := func() time.Time { return time.Date(2026, 2, 25, 9, 0, 0, 0, time.UTC) }
	w1 := api.NewWorker(db1, quietLog(), api.WorkerConfig{ID: "process-1", Now: now})
	w2 := api.NewWorker(db2, quietLog(), api.WorkerConfig{ID: "process-2", Now: now})
	slot := time.Date(2026, 2, 25, 9, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	fired := make([]bool, 2)
	for i, w := range []*api.Worker{w1, w2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := w.Fire(ctx, "publish_reminder", slot)
			if err != nil {
				t.Error(err)
			}
			fired[i] = ok
		}()
	}
	wg.Wait()
	if fired[0] == fired[1] {
		t.Fatalf("fired = %v, want exactly one process to enqueue the run", fired)
	}
	jobs, err := db1.FindJobs(ctx, "publish_reminder", 0)
	must(t, err)
	if len(jobs) != 1 {
		t.Fatalf("%d publish_reminder jobs, want 1", len(jobs))
	}
	var ran [2]bool
	for i, w := range []*api.Worker{w1, w2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := w.RunOnce(ctx)
			if err != nil {
				t.Error(err)
			}
			ran[i] = ok
		}()
	}
	wg.Wait()
	if ran[0] == ran[1] {
		t.Errorf("ran = %v, want exactly one worker to run the job", ran)
	}
	ns, err := db2.FindNotifications(ctx, store.NotificationFilter{AllTeams: true})
	must(t, err)
	if len(ns) != 1 || ns[0].TeamID != f.teamB.ID || ns[0].Kind != "roster_unpublished" {
		t.Errorf("notifications = %+v, want one for team B", ns)
	} else if p := ns[0].Params; p["team_id"] != f.teamB.ID || p["team_name"] != "B" || p["week_start"] != "2026-03-02" {
		t.Errorf("params = %v, want team B and the week of Monday 2 March", p)
	}
	j, err := db2.FindJobByID(ctx, jobs[0].ID)
	must(t, err)
	var res struct{ Teams []string }
	must(t, json.Unmarshal(j.Result, &res))
	if j.Status != store.JobSucceeded || len(res.Teams) != 1 || res.Teams[0] != f.teamB.ID {
		t.Errorf("job = %s %s, want succeeded naming team B", j.Status, j.Result)
	}
}
