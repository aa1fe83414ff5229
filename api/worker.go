package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// jobHandler runs one job. It reports progress (any JSON-encodable value)
// through progress, and returns the job's result and a write that stores its
// effects; the worker runs write in the same transaction that marks the job
// succeeded, so a job's effects are stored whole or not at all.
type jobHandler func(ctx context.Context, j store.Job, progress func(any)) (result any, write func(tx *store.DB) error, err error)

// WorkerConfig tunes a Worker. The zero value means defaults.
type WorkerConfig struct {
	// ID names the worker in job leases (default: a random id).
	ID string
	// Concurrency is the number of jobs run at once (default 1).
	Concurrency int
	// Lease is how long a claim lasts without renewal (default 30 s); the
	// worker renews it every Lease/3 while the job runs. A job whose
	// worker died is claimed again once its lease has run out.
	Lease time.Duration
	// Poll is the wait between looks for work when idle (default 1 s).
	Poll time.Duration
	// Now is the clock used for periodic schedules (nil: time.Now).
	Now func() time.Time
}

// Worker claims and runs background jobs from the database. Several
// workers, in one process or many sharing a PostgreSQL database, may run at
// once: a job is claimed by one of them at a time.
type Worker struct {
	db       *store.DB
	log      *slog.Logger
	cfg      WorkerConfig
	handlers map[string]jobHandler
	wg       sync.WaitGroup
}

// Job kinds.
const (
	jobSolve           = "solve"
	jobForecast        = "forecast"
	jobReforecast      = "reforecast"
	jobPublishReminder = "publish_reminder"
	jobApplyContracts  = "apply_contracts"
)

// NewWorker returns a worker for every job kind of the API.
func NewWorker(db *store.DB, log *slog.Logger, cfg WorkerConfig) *Worker {
	if cfg.ID == "" {
		cfg.ID = "worker-" + randomToken(6)
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 1
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 30 * time.Second
	}
	if cfg.Poll <= 0 {
		cfg.Poll = time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	w := &Worker{db: db, log: log, cfg: cfg}
	w.handlers = map[string]jobHandler{
		jobSolve:           w.solve,
		jobForecast:        w.forecast,
		jobReforecast:      w.reforecast,
		jobPublishReminder: w.publishReminder,
		jobApplyContracts:  w.applyContracts,
	}
	return w
}

func (w *Worker) kinds() []string {
	out := make([]string, 0, len(w.handlers))
	for k := range w.handlers {
		out = append(out, k)
	}
	return out
}

// Run claims and runs jobs until ctx is cancelled, then waits for the
// running jobs: they are cancelled, and handed back to the queue so that
// another worker (or this one after a restart) runs them again.
func (w *Worker) Run(ctx context.Context) {
	sem := make(chan struct{}, w.cfg.Concurrency)
	for {
		select {
		case <-ctx.Done():
			w.wg.Wait()
			return
		case sem <- struct{}{}:
		}
		j, err := w.db.ClaimJob(context.WithoutCancel(ctx), w.cfg.ID, w.kinds(), w.cfg.Lease)
		if err != nil {
			<-sem
			if !errors.Is(err, scheduling.ErrNotFound) {
				w.log.Error("claim job", "worker", w.cfg.ID, "err", err)
			}
			select {
			case <-ctx.Done():
			case <-time.After(w.cfg.Poll):
			}
			continue
		}
		w.wg.Add(1)
		go func() {
			defer func() { <-sem; w.wg.Done() }()
			w.execute(ctx, j)
		}()
	}
}

// RunOnce claims one due job and runs it to the end; it reports whether
// there was one.
func (w *Worker) RunOnce(ctx context.Context) (bool, error) {
	j, err := w.db.ClaimJob(ctx, w.cfg.ID, w.kinds(), w.cfg.Lease)
	if errors.Is(err, scheduling.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	w.execute(ctx, j)
	return true, nil
}

// execute runs a claimed job, renewing its lease and storing its progress
// until it ends.
func (w *Worker) execute(parent context.Context, j store.Job) {
	log := w.log.With("job_id", j.ID, "kind", j.Kind, "attempt", j.Attempts, "worker", w.cfg.ID)
	log.Info("job started")
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var mu sync.Mutex
	var latest json.RawMessage
	progress := func(p any) {
		b, err := json.Marshal(p)
		if err != nil {
			return
		}
		mu.Lock()
		latest = b
		mu.Unlock()
	}
	lost := make(chan struct{})
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(w.cfg.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				mu.Lock()
				p := latest
				latest = nil
				mu.Unlock()
				if err := w.db.RenewJob(context.WithoutCancel(ctx), j.ID, w.cfg.ID, w.cfg.Lease, p); errors.Is(err, scheduling.ErrStale) {
					log.Warn("job lost (cancelled, or its lease taken over); stopping")
					close(lost)
					cancel()
					return
				} else if err != nil {
					log.Error("renew job lease", "err", err)
				}
			}
		}
	}()
	h := w.handlers[j.Kind]
	result, write, err := h(ctx, j, progress)
	close(done)
	select {
	case <-lost:
		return
	default:
	}
	bg := context.WithoutCancel(ctx)
	if parent.Err() != nil {
		// Stopped by shutdown, whatever the handler made of it: the job
		// goes back to the queue with its attempt unused.
		if rerr := w.db.ReleaseJob(bg, j.ID, w.cfg.ID, "stopped by shutdown; queued again"); rerr != nil {
			log.Error("hand job back to the queue", "err", rerr)
		}
		log.Info("job handed back to the queue (shutdown)")
		return
	}
	if err != nil {
		w.fail(bg, log, j, err, "job failed")
		return
	}
	mu.Lock()
	if latest != nil {
		w.db.RenewJob(bg, j.ID, w.cfg.ID, w.cfg.Lease, latest)
	}
	mu.Unlock()
	finish := func(tx *store.DB) (json.RawMessage, error) {
		if write != nil {
			if err := write(tx); err != nil {
				return nil, err
			}
		}
		return json.Marshal(result)
	}
	if err := w.db.FinishJob(bg, j.ID, w.cfg.ID, finish); err != nil {
		w.fail(bg, log, j, err, "job result not stored")
		return
	}
	log.Info("job succeeded")
}

// fail records that the worker's attempt at j ended in err, and logs it
// as what. A job the worker no longer holds (cancelled, or taken over by
// another worker once its lease ran out, while its handler ran) is not
// its to fail: FailJob reports ErrStale, which tells it apart from a
// write that failed on a stale version, and the job is logged once as
// lost.
func (w *Worker) fail(ctx context.Context, log *slog.Logger, j store.Job, err error, what string) {
	retry := !isPermanent(err)
	ferr := w.db.FailJob(ctx, j.ID, w.cfg.ID, oneLineErr(err), retry, 5*time.Second)
	switch {
	case errors.Is(ferr, scheduling.ErrStale):
		log.Warn("job lost (cancelled, or its lease taken over) while it ran; its outcome is discarded", "outcome", what, "err", err)
	case ferr != nil:
		log.Error("record job failure", "err", ferr, "job_err", err)
	default:
		log.Warn(what, "err", err, "retry", retry)
	}
}

// isPermanent reports errors that a retry cannot fix.
func isPermanent(err error) bool {
	var ve *scheduling.ValidationError
	return errors.As(err, &ve) || errors.Is(err, scheduling.ErrNotFound) || errors.Is(err, scheduling.ErrStale) ||
		errors.Is(err, scheduling.ErrConflict) || errors.Is(err, scheduling.ErrInfeasible)
}

func oneLineErr(err error) string {
	s := err.Error()
	if len(s) > 2000 {
		s = s[:2000]
	}
	return s
}
