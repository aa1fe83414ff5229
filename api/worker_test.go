package api

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
	"github.com/shiftplan/shiftplan/store/dbtest"
)

// TestWorker_LostJobLoggedOnce: a job cancelled, or taken over by another
// worker after its lease ran out, while its handler runs (faster than the
// worker looks at its lease) is logged once as lost, at warning level,
// whether the handler then succeeds or fails; the worker neither fails it
// nor logs an error, and the job stays as the canceller or the new holder
// left it. A write that fails on a stale version, by contrast, fails the
// job.
func TestWorker_LostJobLoggedOnce(t *testing.T) {
	cancel := func(ctx context.Context, db *store.DB, j store.Job) {
		if _, err := db.CancelJob(ctx, j.ID, "cancelled by Lead"); err != nil {
			t.Error(err)
		}
	}
	takeOver := func(ctx context.Context, db *store.DB, j store.Job) {
		if err := db.RenewJob(ctx, j.ID, "w", -time.Second, nil); err != nil {
			t.Error(err)
		}
		if _, err := db.ClaimJob(ctx, "other", []string{"test"}, time.Minute); err != nil {
			t.Error(err)
		}
	}
	succeed := func(tx *store.DB) error { return nil }
	staleWrite := func(tx *store.DB) error { return scheduling.ErrStale }
	for _, c := range []struct {
		name   string
		lose   func(context.Context, *store.DB, store.Job)
		write  func(*store.DB) error
		err    error
		status store.JobStatus
		holder string
		lost   bool
	}{
		{"CancelledThenSucceeds", cancel, succeed, nil, store.JobFailed, "w", true},
		{"CancelledThenFails", cancel, nil, errors.New("boom"), store.JobFailed, "w", true},
		{"TakenOverThenSucceeds", takeOver, succeed, nil, store.JobRunning, "other", true},
		{"TakenOverThenFails", takeOver, nil, errors.New("boom"), store.JobRunning, "other", true},
		{"StaleWrite", nil, staleWrite, nil, store.JobFailed, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				var logs bytes.Buffer
				w := NewWorker(db, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
					WorkerConfig{ID: "w", Lease: time.Minute})
				w.handlers = map[string]jobHandler{"test": func(ctx context.Context, j store.Job, _ func(any)) (any, func(*store.DB) error, error) {
					if c.lose != nil {
						c.lose(ctx, db, j)
					}
					return map[string]int{"n": 1}, c.write, c.err
				}}
				j := store.Job{Kind: "test", MaxAttempts: 3}
				if err := db.EnqueueJob(ctx, &j); err != nil {
					t.Fatal(err)
				}
				if ran, err := w.RunOnce(ctx); err != nil || !ran {
					t.Fatalf("RunOnce = %v, %v", ran, err)
				}
				out := logs.String()
				if strings.Contains(out, "level=ERROR") {
					t.Errorf("error logged:\n%s", out)
				}
				if n := strings.Count(out, "job lost"); c.lost && n != 1 {
					t.Errorf("%d lines say the job was lost, want 1:\n%s", n, out)
				} else if !c.lost && n != 0 {
					t.Errorf("job logged as lost:\n%s", out)
				}
				got, err := db.FindJobByID(ctx, j.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != c.status || got.LockedBy != c.holder || got.Result != nil {
					t.Errorf("job %s held by %q (%s), result %s; want %s held by %q without a result",
						got.Status, got.LockedBy, got.Error, got.Result, c.status, c.holder)
				}
			})
		})
	}
}
