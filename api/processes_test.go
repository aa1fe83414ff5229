package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// twoProcesses is the fixture on a fresh PostgreSQL database served by
// two servers with their own connections, as two shiftplan processes
// sharing one database would be: process A is the fixture's server and
// db, process B is srvB on dbB. Skipped without PostgreSQL.
type twoProcesses struct {
	*fixture
	dbB *store.DB
	tsB *httptest.Server
}

func newTwoProcesses(t *testing.T) *twoProcesses {
	t.Helper()
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
	p := &twoProcesses{fixture: newFixture(t, open()), dbB: open()}
	p.tsB = httptest.NewServer(api.NewServer(api.Config{Version: "test"}, p.dbB, quietLog()).Handler())
	t.Cleanup(p.tsB.Close)
	return p
}

// onB returns a copy of c (logged in on A) that sends its requests to B:
// the session lives in the shared database.
func (p *twoProcesses) onB(c *client) *client {
	b := *c
	b.base = p.tsB.URL
	return &b
}

// waitJob polls the job until it has finished or the test's patience
// (not a speed expectation) runs out.
func waitJob(t *testing.T, db *store.DB, id string) store.Job {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); ; {
		j, err := db.FindJobByID(context.Background(), id)
		must(t, err)
		if j.Status == store.JobSucceeded || j.Status == store.JobFailed || time.Now().After(deadline) {
			return j
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// runWorker runs w until the test ends.
func runWorker(t *testing.T, w *api.Worker) {
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
}

// longSolve queues, as leadA, a solve of team A's week of 9 March 2026
// that has demand to work on for up to two minutes, and returns the
// roster's and the job's IDs.
func (p *twoProcesses) longSolve(t *testing.T, lead *client) (rosterID, jobID string) {
	t.Helper()
	// Four weeks of calls give the solve demand to work on for its time.
	berlin, _ := time.LoadLocation("Europe/Berlin")
	var csv strings.Builder
	csv.WriteString("interval_start,offered,aht_seconds\n")
	for d := time.Date(2026, 2, 2, 0, 0, 0, 0, berlin); d.Before(time.Date(2026, 3, 2, 0, 0, 0, 0, berlin)); d = d.AddDate(0, 0, 1) {
		for m := 8 * 60; m < 18*60; m += 15 {
			fmt.Fprintf(&csv, "%sT%02d:%02d,20,300\n", d.Format("2006-01-02"), m/60, m%60)
		}
	}
	res, body := lead.do("POST", "/api/v1/queues/"+p.queue.ID+"/history", csv.String(), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import history: %d %s", res.StatusCode, body)
	}
	res, body = lead.do("POST", "/api/v1/rosters", map[string]string{"team_id": p.teamA.ID, "period_start": "2026-03-09", "period_end": "2026-03-16"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create roster: %d %s", res.StatusCode, body)
	}
	rid := decode[map[string]any](t, body)["id"].(string)
	res, body = lead.do("POST", "/api/v1/rosters/"+rid+"/solve", map[string]any{"time_limit_seconds": 120, "seed": 1}, nil)
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("solve: %d %s", res.StatusCode, body)
	}
	return rid, decode[map[string]string](t, body)["job_id"]
}

// TestProcesses_JobBurstRunsOnce queues 20 periodic runs while a worker
// polls in each of two processes: every job succeeds after exactly one
// attempt (a second claim would count a second attempt), and the
// reminder they all would store is stored once.
func TestProcesses_JobBurstRunsOnce(t *testing.T) {
	p := newTwoProcesses(t)
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 2, 25, 9, 0, 0, 0, time.UTC) }
	wA := api.NewWorker(p.db, quietLog(), api.WorkerConfig{ID: "process-a", Concurrency: 2, Poll: 10 * time.Millisecond, Now: now})
	wB := api.NewWorker(p.dbB, quietLog(), api.WorkerConfig{ID: "process-b", Concurrency: 2, Poll: 10 * time.Millisecond, Now: now})
	runWorker(t, wA)
	runWorker(t, wB)
	var ids []string
	for i := range 20 {
		slot := now().Add(time.Duration(i) * time.Minute)
		ok, err := []*api.Worker{wA, wB}[i%2].Fire(ctx, "publish_reminder", slot)
		must(t, err)
		if !ok {
			t.Fatalf("slot %v: not enqueued", slot)
		}
	}
	jobs, err := p.db.FindJobs(ctx, "publish_reminder", 0)
	must(t, err)
	if len(jobs) != 20 {
		t.Fatalf("%d jobs queued, want 20", len(jobs))
	}
	for _, j := range jobs {
		ids = append(ids, j.ID)
	}
	for _, id := range ids {
		j := waitJob(t, p.db, id)
		if j.Status != store.JobSucceeded || j.Attempts != 1 {
			t.Errorf("job %s: %s after %d attempts (%s), want succeeded after 1", id, j.Status, j.Attempts, j.Error)
		}
	}
	ns, err := p.dbB.FindNotifications(ctx, store.NotificationFilter{AllTeams: true})
	must(t, err)
	if len(ns) != 1 || ns[0].TeamID != p.teamB.ID {
		t.Errorf("%d notifications (%+v), want one for team B", len(ns), ns)
	}
}

// TestProcesses_DeadWorkerJobTakenOver: process A claims a solve and
// dies (it never renews its short lease); process B's polling worker takes
// the job over once the lease has run out and stores the roster, and A,
// were it to come back, can store nothing.
func TestProcesses_DeadWorkerJobTakenOver(t *testing.T) {
	p := newTwoProcesses(t)
	ctx := context.Background()
	lead := p.login(t, "leadA")
	res, body := lead.do("POST", "/api/v1/rosters", map[string]string{"team_id": p.teamA.ID, "period_start": "2026-03-09", "period_end": "2026-03-16"}, nil)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create roster: %d %s", res.StatusCode, body)
	}
	rid := decode[map[string]any](t, body)["id"].(string)
	res, body = lead.do("POST", "/api/v1/rosters/"+rid+"/solve", map[string]any{"time_limit_seconds": 0.2, "seed": 1}, nil)
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("solve: %d %s", res.StatusCode, body)
	}
	jobID := decode[map[string]string](t, body)["job_id"]
	dead, err := p.db.ClaimJob(ctx, "process-a", []string{"solve"}, 300*time.Millisecond)
	must(t, err)
	if dead.ID != jobID {
		t.Fatalf("process A claimed %s, want %s", dead.ID, jobID)
	}
	runWorker(t, api.NewWorker(p.dbB, quietLog(), api.WorkerConfig{ID: "process-b", Poll: 20 * time.Millisecond, Lease: 30 * time.Second}))
	j := waitJob(t, p.dbB, jobID)
	if j.Status != store.JobSucceeded || j.Attempts != 2 || j.LockedBy != "process-b" {
		t.Fatalf("job %s after %d attempts by %q (%s), want succeeded on attempt 2 by process-b", j.Status, j.Attempts, j.LockedBy, j.Error)
	}
	err = p.db.FinishJob(ctx, jobID, "process-a", func(*store.DB) (json.RawMessage, error) { return nil, errors.New("must not run") })
	if !errors.Is(err, scheduling.ErrStale) {
		t.Errorf("finish by the dead process: %v, want ErrStale", err)
	}
	r, err := p.dbB.FindRosterByID(ctx, rid)
	must(t, err)
	if r.Version != 2 {
		t.Errorf("roster version %d, want 2 (one solve stored)", r.Version)
	}
}

// sseEvent is one server-sent event.
type sseEvent struct {
	name string
	job  map[string]any
}

// readEvents reads a job's event stream until its "done" event.
func readEvents(t *testing.T, c *client, jobID string) <-chan sseEvent {
	t.Helper()
	req, err := http.NewRequest("GET", c.base+"/api/v1/jobs/"+jobID+"/events", nil)
	must(t, err)
	res, err := c.http.Do(req)
	must(t, err)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("events: %d", res.StatusCode)
	}
	out := make(chan sseEvent, 16)
	go func() {
		defer res.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(res.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.job)
			case line == "" && ev.name != "":
				out <- ev
				if ev.name == "done" {
					return
				}
				ev = sseEvent{}
			}
		}
	}()
	return out
}

// TestProcesses_EventsReachOtherProcess: a job runs on process A (its
// worker claims it, reports progress and finishes) while the client
// follows its events on process B: B streams A's progress, then "done"
// with the result.
func TestProcesses_EventsReachOtherProcess(t *testing.T) {
	p := newTwoProcesses(t)
	ctx := context.Background()
	admin := p.login(t, "admin")
	j := store.Job{Kind: "forecast", CreatedBy: p.users["admin"].ID}
	must(t, p.db.EnqueueJob(ctx, &j))
	events := readEvents(t, p.onB(admin), j.ID)
	next := func() sseEvent {
		t.Helper()
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("event stream ended early")
			}
			return ev
		case <-time.After(30 * time.Second):
			t.Fatal("no event")
		}
		return sseEvent{}
	}
	if ev := next(); ev.name != "progress" || ev.job["status"] != "queued" {
		t.Fatalf("first event %+v, want progress of the queued job", ev)
	}
	_, err := p.db.ClaimJob(ctx, "process-a", []string{"forecast"}, time.Minute)
	must(t, err)
	must(t, p.db.RenewJob(ctx, j.ID, "process-a", time.Minute, json.RawMessage(`{"stage":"fitting models"}`)))
	for {
		ev := next()
		if ev.name != "progress" {
			t.Fatalf("event %+v before the progress of process A", ev)
		}
		if pr, _ := ev.job["progress"].(map[string]any); pr["stage"] == "fitting models" && ev.job["status"] == "running" {
			break
		}
	}
	must(t, p.db.FinishJob(ctx, j.ID, "process-a", func(*store.DB) (json.RawMessage, error) { return json.RawMessage(`{"forecast_id":"f1"}`), nil }))
	for {
		ev := next()
		if ev.name == "done" {
			if res, _ := ev.job["result"].(map[string]any); ev.job["status"] != "succeeded" || res["forecast_id"] != "f1" {
				t.Errorf("done event %+v, want the succeeded job with its result", ev.job)
			}
			break
		}
	}
}

// TestProcesses_CancelStopsJobOnOtherProcess: a solve runs on process
// A's worker (short lease, so that it looks at its job often); the lead
// cancels it on process B: the job ends failed as cancelled, A's worker
// stops it without storing its result, and a second cancel is a
// conflict.
func TestProcesses_CancelStopsJobOnOtherProcess(t *testing.T) {
	p := newTwoProcesses(t)
	ctx := context.Background()
	lead := p.login(t, "leadA")
	rid, jobID := p.longSolve(t, lead)
	wA := api.NewWorker(p.db, quietLog(), api.WorkerConfig{ID: "process-a", Poll: 10 * time.Millisecond, Lease: 300 * time.Millisecond})
	ctxA, stopA := context.WithCancel(ctx)
	stoppedA := make(chan struct{})
	go func() { wA.Run(ctxA); close(stoppedA) }()
	defer func() { stopA(); <-stoppedA }()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		j, err := p.dbB.FindJobByID(ctx, jobID)
		must(t, err)
		if j.Status == store.JobRunning {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s, want it running on A", j.Status)
		}
	}
	onB := p.onB(lead)
	res, body := onB.do("POST", "/api/v1/jobs/"+jobID+"/cancel", nil, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("cancel on B: %d %s", res.StatusCode, body)
	}
	if j := decode[map[string]any](t, body); j["status"] != "failed" || !strings.Contains(j["error"].(string), "cancelled") {
		t.Errorf("cancelled job %v, want failed as cancelled", j)
	}
	// A's worker, running one job at a time, lets go of the solve: it
	// runs a job queued after it.
	if _, err := wA.Fire(ctx, "publish_reminder", time.Date(2026, 2, 25, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	next, err := p.db.FindJobs(ctx, "publish_reminder", 1)
	must(t, err)
	if j := waitJob(t, p.db, next[0].ID); j.Status != store.JobSucceeded || j.LockedBy != "process-a" {
		t.Fatalf("job queued after the cancel: %s by %q, want run by process A", j.Status, j.LockedBy)
	}
	j, err := p.dbB.FindJobByID(ctx, jobID)
	must(t, err)
	if j.Status != store.JobFailed || !strings.Contains(j.Error, "cancelled") || j.Result != nil {
		t.Errorf("job after A stopped: %s %q result %s, want failed as cancelled without a result", j.Status, j.Error, j.Result)
	}
	r, err := p.db.FindRosterByID(ctx, rid)
	must(t, err)
	if r.Version != 1 {
		t.Errorf("roster version %d, want 1: the cancelled solve stored nothing", r.Version)
	}
	if res, body := onB.do("POST", "/api/v1/jobs/"+jobID+"/cancel", nil, nil); res.StatusCode != http.StatusConflict {
		t.Errorf("second cancel: %d %s, want 409", res.StatusCode, body)
	}
}

// TestProcesses_ShutdownHandsJobBack: process A is stopped (a rolling
// restart) twice while it runs a solve allowed two attempts: each time the
// job goes back to the queue, due at once, without using up an attempt,
// so process B can still run it.
func TestProcesses_ShutdownHandsJobBack(t *testing.T) {
	p := newTwoProcesses(t)
	ctx := context.Background()
	_, jobID := p.longSolve(t, p.login(t, "leadA"))
	for restart := range 2 {
		wA := api.NewWorker(p.db, quietLog(), api.WorkerConfig{ID: fmt.Sprint("process-a-", restart), Poll: 10 * time.Millisecond})
		ctxA, stopA := context.WithCancel(ctx)
		stoppedA := make(chan struct{})
		go func() { wA.Run(ctxA); close(stoppedA) }()
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			j, err := p.db.FindJobByID(ctx, jobID)
			must(t, err)
			if j.Status == store.JobRunning {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("restart %d: job %s, want it running on A", restart, j.Status)
			}
		}
		stopA()
		<-stoppedA
		j, err := p.dbB.FindJobByID(ctx, jobID)
		must(t, err)
		if j.Status != store.JobQueued || j.Attempts != 0 || j.RunAt.After(p.dbB.Now()) {
			t.Fatalf("after stopping A (%d): %s at attempt %d due %v (%s), want queued again, no attempt used, due now",
				restart, j.Status, j.Attempts, j.RunAt, j.Error)
		}
	}
	j, err := p.dbB.ClaimJob(ctx, "process-b", []string{"solve"}, time.Minute)
	must(t, err)
	if j.ID != jobID || j.Attempts != 1 {
		t.Errorf("B claimed %s at attempt %d, want the solve at its first counted attempt", j.ID, j.Attempts)
	}
}
