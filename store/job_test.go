package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestJob_LeaseExpiry simulates a process killed mid-job: worker A claims the
// job with a lease that has already run out (as if A stopped renewing it),
// worker B claims the same job as its second attempt, A can neither renew
// nor finish it, and B's result is stored.
func TestJob_LeaseExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		j := store.Job{Kind: "solve", Payload: json.RawMessage(`{"roster_id":"r1"}`), MaxAttempts: 2}
		must(t, db.EnqueueJob(ctx, &j))
		a, err := db.ClaimJob(ctx, "worker-a", []string{"solve"}, -time.Second)
		must(t, err)
		if a.ID != j.ID || a.Attempts != 1 || a.Status != store.JobRunning {
			t.Fatalf("first claim = %+v", a)
		}
		b, err := db.ClaimJob(ctx, "worker-b", []string{"solve"}, time.Minute)
		must(t, err)
		// The second claim is the job's second attempt (one per claim).
		if b.ID != j.ID || b.Attempts != 2 || b.LockedBy != "worker-b" {
			t.Fatalf("second claim = %+v, want the same job held by worker-b at attempt 2", b)
		}
		if err := db.RenewJob(ctx, j.ID, "worker-a", time.Minute, nil); !errors.Is(err, scheduling.ErrStale) {
			t.Errorf("renew by the old worker: err = %v, want ErrStale", err)
		}
		wrote := false
		err = db.FinishJob(ctx, j.ID, "worker-a", func(*store.DB) (json.RawMessage, error) { wrote = true; return json.RawMessage(`{"by":"a"}`), nil })
		if !errors.Is(err, scheduling.ErrStale) || wrote {
			t.Errorf("finish by the old worker: err = %v, wrote = %v; want ErrStale and nothing written", err, wrote)
		}
		must(t, db.RenewJob(ctx, j.ID, "worker-b", time.Minute, json.RawMessage(`{"best_score":12}`)))
		must(t, db.FinishJob(ctx, j.ID, "worker-b", func(*store.DB) (json.RawMessage, error) { return json.RawMessage(`{"by":"b"}`), nil }))
		got, err := db.FindJobByID(ctx, j.ID)
		must(t, err)
		if got.Status != store.JobSucceeded || string(got.Result) != `{"by":"b"}` || string(got.Progress) != `{"best_score":12}` {
			t.Errorf("finished job = %+v", got)
		}
		if _, err := db.ClaimJob(ctx, "worker-c", []string{"solve"}, time.Minute); !errors.Is(err, scheduling.ErrNotFound) {
			t.Errorf("claim with nothing due: err = %v, want ErrNotFound", err)
		}
	})
}

// TestJob_LeaseOnDatabaseClock: leases are reckoned on the database's
// clock, so a worker whose clock runs 60 s ahead does not take over a job
// (nor fail one out of attempts) whose holder renewed its 30 s lease just
// now, and a worker whose clock runs 60 s behind takes a job over as
// soon as its lease has run out, not 60 s later.
func TestJob_LeaseOnDatabaseClock(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		fast := db.WithClock(func() time.Time { return time.Now().Add(60 * time.Second) })
		slow := db.WithClock(func() time.Time { return time.Now().Add(-60 * time.Second) })
		j := store.Job{Kind: "solve", MaxAttempts: 2}
		must(t, db.EnqueueJob(ctx, &j))
		last := store.Job{Kind: "forecast", MaxAttempts: 1}
		must(t, db.EnqueueJob(ctx, &last))
		for _, id := range []string{j.ID, last.ID} {
			held, err := db.ClaimJob(ctx, "holder", []string{"solve", "forecast"}, 30*time.Second)
			must(t, err)
			if held.ID != id {
				t.Fatalf("holder claimed %s, want %s", held.ID, id)
			}
			must(t, db.RenewJob(ctx, id, "holder", 30*time.Second, nil))
		}
		if got, err := fast.ClaimJob(ctx, "fast", []string{"solve", "forecast"}, 30*time.Second); !errors.Is(err, scheduling.ErrNotFound) {
			t.Fatalf("claim by the fast worker: %+v, %v; want ErrNotFound while the holder's lease runs", got, err)
		}
		for _, id := range []string{j.ID, last.ID} {
			got, err := db.FindJobByID(ctx, id)
			must(t, err)
			if got.Status != store.JobRunning || got.LockedBy != "holder" {
				t.Errorf("job %s: %s by %q, want running by the holder", got.Kind, got.Status, got.LockedBy)
			}
			must(t, db.RenewJob(ctx, id, "holder", 30*time.Second, nil))
		}
		// The holder stops renewing: its last renewal ran out at once.
		must(t, db.RenewJob(ctx, j.ID, "holder", -time.Second, nil))
		took, err := slow.ClaimJob(ctx, "slow", []string{"solve"}, 30*time.Second)
		must(t, err)
		if took.ID != j.ID || took.Attempts != 2 || took.LeaseUntil == nil {
			t.Fatalf("claim by the slow worker: %+v, want the lapsed job at attempt 2", took)
		}
		// The lease runs 30 s from the database's clock, not the slow
		// worker's (60 s behind).
		if d := took.LeaseUntil.Sub(time.Now()); d < 20*time.Second || d > 40*time.Second {
			t.Errorf("lease runs out in %v, want about 30s", d)
		}
	})
}

// TestJob_AbandonedFails checks that a job whose every attempt lost its
// worker ends failed, never running forever.
func TestJob_AbandonedFails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		j := store.Job{Kind: "forecast", MaxAttempts: 1}
		must(t, db.EnqueueJob(ctx, &j))
		_, err := db.ClaimJob(ctx, "worker-a", []string{"forecast"}, -time.Second)
		must(t, err)
		if _, err := db.ClaimJob(ctx, "worker-b", []string{"forecast"}, time.Minute); !errors.Is(err, scheduling.ErrNotFound) {
			t.Fatalf("claim of an exhausted job: err = %v, want ErrNotFound", err)
		}
		got, err := db.FindJobByID(ctx, j.ID)
		must(t, err)
		if got.Status != store.JobFailed || got.Error == "" || got.FinishedAt == nil {
			t.Errorf("abandoned job = %+v, want failed with an error", got)
		}
	})
}

// TestJob_FailRetries checks the retry path and the unique key.
func TestJob_FailRetries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		j := store.Job{Kind: "reforecast", UniqueKey: "reforecast@2026-03-01T02:00:00Z", MaxAttempts: 2}
		must(t, db.EnqueueJob(ctx, &j))
		dup := store.Job{Kind: "reforecast", UniqueKey: j.UniqueKey}
		if err := db.EnqueueJob(ctx, &dup); !errors.Is(err, scheduling.ErrConflict) {
			t.Fatalf("second enqueue with the same key: err = %v, want ErrConflict", err)
		}
		_, err := db.ClaimJob(ctx, "w", []string{"reforecast"}, time.Minute)
		must(t, err)
		must(t, db.FailJob(ctx, j.ID, "w", "boom", true, 0))
		got, _ := db.FindJobByID(ctx, j.ID)
		if got.Status != store.JobQueued || got.Error != "boom" {
			t.Fatalf("after a failed first attempt: %+v, want queued again", got)
		}
		_, err = db.ClaimJob(ctx, "w", []string{"reforecast"}, time.Minute)
		must(t, err)
		must(t, db.FailJob(ctx, j.ID, "w", "boom again", true, 0))
		got, _ = db.FindJobByID(ctx, j.ID)
		if got.Status != store.JobFailed || got.Attempts != 2 {
			t.Errorf("after the last attempt: %+v, want failed after 2 attempts", got)
		}
	})
}

// openPostgresTwice returns two handles on one fresh, migrated PostgreSQL
// database: two server processes sharing it. Skipped without PostgreSQL.
func openPostgresTwice(t *testing.T) (*store.DB, *store.DB) {
	t.Helper()
	url := dbtest.URL(t, store.Postgres)
	open := func() *store.DB {
		db, err := store.Open(context.Background(), store.Config{URL: url})
		must(t, err)
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	_, err := a.Migrate(context.Background())
	must(t, err)
	return a, b
}

// TestJob_ClaimBurstAcrossProcesses queues 20 jobs and lets eight workers,
// four on each of two connections to one PostgreSQL database, claim until
// nothing is due: every job is claimed exactly once, at attempt 1.
func TestJob_ClaimBurstAcrossProcesses(t *testing.T) {
	a, b := openPostgresTwice(t)
	ctx := context.Background()
	const n = 20
	queued := map[string]bool{}
	for range n {
		j := store.Job{Kind: "forecast"}
		must(t, a.EnqueueJob(ctx, &j))
		queued[j.ID] = true
	}
	var mu sync.Mutex
	claims := map[string]int{}
	var wg sync.WaitGroup
	for i := range 8 {
		db := []*store.DB{a, b}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j, err := db.ClaimJob(ctx, fmt.Sprintf("worker-%d", i), []string{"forecast"}, time.Minute)
				if errors.Is(err, scheduling.ErrNotFound) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				if j.Attempts != 1 {
					t.Errorf("job %s claimed at attempt %d, want 1", j.ID, j.Attempts)
				}
				mu.Lock()
				claims[j.ID]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for id := range queued {
		if claims[id] != 1 {
			t.Errorf("job %s claimed %d times, want once", id, claims[id])
		}
	}
	if len(claims) != n {
		t.Errorf("%d jobs claimed, want %d", len(claims), n)
	}
}

// TestJob_CancelAndRelease: a cancelled running job is failed, and its
// worker can neither renew, finish nor fail it; cancelling it again is a
// conflict. A job released by its worker's shutdown is queued again, due
// at once, with its attempt given back.
func TestJob_CancelAndRelease(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		j := store.Job{Kind: "solve"}
		must(t, db.EnqueueJob(ctx, &j))
		_, err := db.ClaimJob(ctx, "w", []string{"solve"}, time.Minute)
		must(t, err)
		got, err := db.CancelJob(ctx, j.ID, "cancelled by Lead")
		must(t, err)
		if got.Status != store.JobFailed || got.Error != "cancelled by Lead" || got.FinishedAt == nil {
			t.Errorf("cancelled job = %+v", got)
		}
		if err := db.RenewJob(ctx, j.ID, "w", time.Minute, nil); !errors.Is(err, scheduling.ErrStale) {
			t.Errorf("renew of a cancelled job: %v, want ErrStale", err)
		}
		err = db.FinishJob(ctx, j.ID, "w", func(*store.DB) (json.RawMessage, error) { return nil, errors.New("must not run") })
		if !errors.Is(err, scheduling.ErrStale) {
			t.Errorf("finish of a cancelled job: %v, want ErrStale", err)
		}
		if err := db.FailJob(ctx, j.ID, "w", "boom", true, 0); !errors.Is(err, scheduling.ErrStale) {
			t.Errorf("fail of a cancelled job: %v, want ErrStale", err)
		}
		if _, err := db.CancelJob(ctx, j.ID, "again"); !errors.Is(err, scheduling.ErrConflict) {
			t.Errorf("second cancel: %v, want ErrConflict", err)
		}

		k := store.Job{Kind: "solve", MaxAttempts: 1}
		must(t, db.EnqueueJob(ctx, &k))
		_, err = db.ClaimJob(ctx, "w", []string{"solve"}, time.Minute)
		must(t, err)
		must(t, db.ReleaseJob(ctx, k.ID, "w", "stopped by shutdown"))
		if err := db.ReleaseJob(ctx, k.ID, "w", "twice"); !errors.Is(err, scheduling.ErrStale) {
			t.Errorf("second release: %v, want ErrStale", err)
		}
		again, err := db.ClaimJob(ctx, "v", []string{"solve"}, time.Minute)
		must(t, err)
		if again.ID != k.ID || again.Attempts != 1 {
			t.Errorf("claim after the release: %s at attempt %d, want %s at 1", again.ID, again.Attempts, k.ID)
		}
	})
}
