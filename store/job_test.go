package store_test

import (
	"context"
	"encoding/json"
	"errors"
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
