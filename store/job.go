package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/shiftplan/shiftplan/scheduling"
)

// JobStatus is a background job's stage.
type JobStatus string

// Job statuses. A job goes queued → running → succeeded or failed; a running
// job whose worker stopped renewing its lease goes back to running under
// another worker, or to failed once its attempts are used up.
const (
	JobQueued    JobStatus = "queued"
	JobRunning   JobStatus = "running"
	JobSucceeded JobStatus = "succeeded"
	JobFailed    JobStatus = "failed"
)

// Job is one unit of background work (a roster solve, a forecast run, a
// periodic task). Payload, Progress and Result are JSON documents whose shape
// depends on Kind.
type Job struct {
	ID          string
	Kind        string
	Status      JobStatus
	Payload     json.RawMessage
	Progress    json.RawMessage
	Result      json.RawMessage
	Error       string
	Attempts    int
	MaxAttempts int
	// UniqueKey, when set, makes a second job with the same key a no-op
	// (EnqueueJob reports ErrConflict): a periodic run fires once.
	UniqueKey string
	// TeamID and CreatedBy say whose the job is, for access checks.
	TeamID    string
	CreatedBy string
	RunAt     time.Time
	// LockedBy names the worker holding the job; LeaseUntil is when its
	// claim lapses unless renewed.
	LockedBy   string
	LeaseUntil *time.Time
	CreatedAt  time.Time
	StartedAt  *time.Time
	FinishedAt *time.Time
	UpdatedAt  time.Time
}

type jobRow struct {
	ID          string `gorm:"primaryKey"`
	Kind        string
	Status      string
	Payload     string
	Progress    string
	Result      string
	Error       string
	Attempts    int
	MaxAttempts int
	UniqueKey   *string
	TeamID      string
	CreatedBy   string
	RunAt       time.Time
	LockedBy    string
	LeaseUntil  *time.Time
	CreatedAt   time.Time
	StartedAt   *time.Time
	FinishedAt  *time.Time
	UpdatedAt   time.Time
}

func (jobRow) TableName() string { return "jobs" }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func rawOr(s, def string) json.RawMessage {
	if s == "" {
		s = def
	}
	return json.RawMessage(s)
}

func (r jobRow) domain() Job {
	j := Job{ID: r.ID, Kind: r.Kind, Status: JobStatus(r.Status), Payload: rawOr(r.Payload, "{}"), Progress: rawOr(r.Progress, "{}"),
		Error: r.Error, Attempts: r.Attempts, MaxAttempts: r.MaxAttempts, TeamID: r.TeamID, CreatedBy: r.CreatedBy,
		RunAt: r.RunAt.UTC(), LockedBy: r.LockedBy, LeaseUntil: utcPtr(r.LeaseUntil), CreatedAt: r.CreatedAt.UTC(),
		StartedAt: utcPtr(r.StartedAt), FinishedAt: utcPtr(r.FinishedAt), UpdatedAt: r.UpdatedAt.UTC()}
	if r.Result != "" {
		j.Result = json.RawMessage(r.Result)
	}
	if r.UniqueKey != nil {
		j.UniqueKey = *r.UniqueKey
	}
	return j
}

// EnqueueJob stores a queued job and sets its ID, status and times. A job
// whose UniqueKey is already taken is not stored: the error wraps ErrConflict.
func (db *DB) EnqueueJob(ctx context.Context, j *Job) error {
	if j.Kind == "" {
		v := &scheduling.ValidationError{}
		v.Add("kind", "is required")
		return v
	}
	now := db.now()
	row := jobRow{ID: newID(), Kind: j.Kind, Status: string(JobQueued), Payload: string(rawOr(string(j.Payload), "{}")),
		Progress: "{}", MaxAttempts: j.MaxAttempts, TeamID: j.TeamID, CreatedBy: j.CreatedBy, RunAt: j.RunAt.UTC(),
		CreatedAt: now, UpdatedAt: now}
	if row.MaxAttempts <= 0 {
		row.MaxAttempts = 3
	}
	if row.RunAt.IsZero() {
		row.RunAt = now
	}
	if j.UniqueKey != "" {
		k := j.UniqueKey
		row.UniqueKey = &k
	}
	res := db.gorm.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "unique_key"}}, DoNothing: true}).Create(&row)
	if res.Error != nil {
		return fmt.Errorf("enqueue %s job: %w", j.Kind, res.Error)
	}
	if res.RowsAffected == 0 {
		return scheduling.Conflict("job %q exists already", j.UniqueKey)
	}
	*j = row.domain()
	return nil
}

// FindJobByID returns one job.
func (db *DB) FindJobByID(ctx context.Context, id string) (Job, error) {
	var row jobRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return Job{}, notFound(err, "find job "+id)
	}
	return row.domain(), nil
}

// FindJobs returns the jobs of the given kinds ("" = all), newest first.
func (db *DB) FindJobs(ctx context.Context, kind string, limit int) ([]Job, error) {
	q := db.gorm.WithContext(ctx).Order("created_at DESC, id")
	if kind != "" {
		q = q.Where("kind = ?", kind)
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []jobRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find jobs: %w", err)
	}
	out := make([]Job, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// ClaimJob hands the oldest due job of the given kinds to worker for lease:
// a queued job whose run time has come, or a running job whose lease ran out
// (its worker died), which counts as a new attempt. Running jobs whose lease
// ran out with no attempts left are marked failed first. On PostgreSQL the
// claim uses FOR UPDATE SKIP LOCKED, so several processes never claim the
// same job. It returns ErrNotFound when nothing is due.
//
// Leases (their end, and whether one has run out) are reckoned on the
// database's clock, so that processes whose clocks differ agree on them;
// run times and stamps on the store's.
func (db *DB) ClaimJob(ctx context.Context, worker string, kinds []string, lease time.Duration) (Job, error) {
	now := db.now()
	lapsed := db.leaseLapsed()
	err := db.gorm.WithContext(ctx).Model(&jobRow{}).
		Where("status = ? AND attempts >= max_attempts", string(JobRunning)).Where(lapsed).
		Updates(map[string]any{"status": string(JobFailed), "error": "worker stopped (lease expired) and no attempts are left",
			"locked_by": "", "lease_until": nil, "finished_at": now, "updated_at": now}).Error
	if err != nil {
		return Job{}, fmt.Errorf("fail abandoned jobs: %w", err)
	}
	lock := ""
	if db.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	var ids []string
	err = db.gorm.WithContext(ctx).Raw(`UPDATE jobs SET status = ?, locked_by = ?, lease_until = ?, attempts = attempts + 1,
		started_at = COALESCE(started_at, ?), updated_at = ?
		WHERE id = (SELECT id FROM jobs WHERE kind IN ? AND ((status = ? AND run_at <= ?) OR (status = ? AND ?))
			ORDER BY run_at, created_at LIMIT 1`+lock+`)
		RETURNING id`,
		string(JobRunning), worker, db.leaseEnd(lease), now, now, kinds, string(JobQueued), now, string(JobRunning), lapsed).Scan(&ids).Error
	if err != nil {
		return Job{}, fmt.Errorf("claim job: %w", err)
	}
	if len(ids) == 0 {
		return Job{}, fmt.Errorf("claim job: nothing due: %w", scheduling.ErrNotFound)
	}
	return db.FindJobByID(ctx, ids[0])
}

// RenewJob extends worker's lease on a running job and stores its progress
// (nil keeps it). It returns ErrStale when the worker no longer holds the
// job (its lease ran out and another worker took it, or it was failed).
// The lease runs for lease from now by the database's clock.
func (db *DB) RenewJob(ctx context.Context, id, worker string, lease time.Duration, progress json.RawMessage) error {
	now := db.now()
	up := map[string]any{"lease_until": db.leaseEnd(lease), "updated_at": now}
	if progress != nil {
		up["progress"] = string(progress)
	}
	res := db.gorm.WithContext(ctx).Model(&jobRow{}).Where("id = ? AND locked_by = ? AND status = ?", id, worker, string(JobRunning)).Updates(up)
	if res.Error != nil {
		return fmt.Errorf("renew job lease: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("job %s is no longer held by %s: %w", id, worker, scheduling.ErrStale)
	}
	return nil
}

// FinishJob runs write (which stores the job's effects and returns its
// result document) and marks worker's job succeeded with that result, in one
// transaction, so a job's effects are stored whole or not at all. It returns
// ErrStale, writing nothing, when worker no longer holds the job.
func (db *DB) FinishJob(ctx context.Context, id, worker string, write func(tx *DB) (json.RawMessage, error)) error {
	return db.Tx(ctx, func(tx *DB) error {
		var row jobRow
		if err := tx.gorm.First(&row, "id = ? AND locked_by = ? AND status = ?", id, worker, string(JobRunning)).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fmt.Errorf("job %s is no longer held by %s: %w", id, worker, scheduling.ErrStale)
			}
			return fmt.Errorf("finish job: %w", err)
		}
		result, err := write(tx)
		if err != nil {
			return err
		}
		now := db.now()
		res := tx.gorm.Model(&jobRow{}).Where("id = ? AND locked_by = ? AND status = ?", id, worker, string(JobRunning)).
			Updates(map[string]any{"status": string(JobSucceeded), "result": string(rawOr(string(result), "{}")), "error": "",
				"lease_until": nil, "finished_at": now, "updated_at": now})
		if res.Error != nil {
			return fmt.Errorf("finish job: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("job %s is no longer held by %s: %w", id, worker, scheduling.ErrStale)
		}
		return nil
	})
}

// FailJob records that worker's attempt failed. With retry and attempts
// left the job is queued again to run after backoff; otherwise it is failed
// for good. It returns ErrStale, recording nothing, when worker no longer
// holds the job (it was cancelled, or another worker took it over).
func (db *DB) FailJob(ctx context.Context, id, worker, msg string, retry bool, backoff time.Duration) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row jobRow
		if err := tx.First(&row, "id = ? AND locked_by = ? AND status = ?", id, worker, string(JobRunning)).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fmt.Errorf("job %s is no longer held by %s: %w", id, worker, scheduling.ErrStale)
			}
			return fmt.Errorf("find held job %s: %w", id, err)
		}
		now := db.now()
		up := map[string]any{"error": msg, "locked_by": "", "lease_until": nil, "updated_at": now}
		if retry && row.Attempts < row.MaxAttempts {
			up["status"], up["run_at"] = string(JobQueued), now.Add(backoff)
		} else {
			up["status"], up["finished_at"] = string(JobFailed), now
		}
		// Held still: a cancel committed since the read must not be
		// overwritten (a cancelled job queued again).
		res := tx.Model(&jobRow{}).Where("id = ? AND locked_by = ? AND status = ?", id, worker, string(JobRunning)).Updates(up)
		if res.Error != nil {
			return fmt.Errorf("fail job: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("job %s is no longer held by %s: %w", id, worker, scheduling.ErrStale)
		}
		return nil
	})
}

// CancelJob ends a queued or running job as failed with msg (say who
// cancelled it) and returns it. The worker running it loses its hold on
// it: its next lease renewal reports ErrStale, which stops it, and it can
// store nothing. A job that has already finished is left alone: the error
// wraps ErrConflict.
func (db *DB) CancelJob(ctx context.Context, id, msg string) (Job, error) {
	now := db.now()
	res := db.gorm.WithContext(ctx).Model(&jobRow{}).Where("id = ? AND status IN ?", id, []string{string(JobQueued), string(JobRunning)}).
		Updates(map[string]any{"status": string(JobFailed), "error": msg, "lease_until": nil, "finished_at": now, "updated_at": now})
	if res.Error != nil {
		return Job{}, fmt.Errorf("cancel job: %w", res.Error)
	}
	j, err := db.FindJobByID(ctx, id)
	if err != nil {
		return Job{}, err
	}
	if res.RowsAffected == 0 {
		return j, scheduling.Conflict("job %s has %s already", id, j.Status)
	}
	return j, nil
}

// ReleaseJob hands worker's running job back to the queue, due at once,
// without counting the attempt: for a worker stopped by its process's
// shutdown (a restart), whose job another worker, or itself once
// restarted, runs again from the start. msg says why. It returns ErrStale
// when worker no longer holds the job.
func (db *DB) ReleaseJob(ctx context.Context, id, worker, msg string) error {
	now := db.now()
	res := db.gorm.WithContext(ctx).Model(&jobRow{}).Where("id = ? AND locked_by = ? AND status = ?", id, worker, string(JobRunning)).
		Updates(map[string]any{"status": string(JobQueued), "attempts": gorm.Expr("attempts - 1"), "error": msg, "locked_by": "",
			"lease_until": nil, "run_at": now, "updated_at": now})
	if res.Error != nil {
		return fmt.Errorf("release job: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("job %s is no longer held by %s: %w", id, worker, scheduling.ErrStale)
	}
	return nil
}
