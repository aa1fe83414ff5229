package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
)

type timeOffRow struct {
	ID        string `gorm:"primaryKey"`
	AgentID   string
	StartAt   time.Time
	EndAt     time.Time
	Kind      string
	Reason    string
	Status    string
	DecidedBy string
	CreatedAt time.Time
	// UpdatedAt is the last change of status.
	UpdatedAt time.Time
}

func (timeOffRow) TableName() string { return "time_off" }

func (r timeOffRow) domain() scheduling.TimeOff {
	return scheduling.TimeOff{ID: r.ID, AgentID: r.AgentID, Start: r.StartAt.UTC(), End: r.EndAt.UTC(), Kind: r.Kind,
		Reason: r.Reason, Status: scheduling.TimeOffStatus(r.Status), DecidedBy: r.DecidedBy, UpdatedAt: r.UpdatedAt.UTC()}
}

// CreateTimeOff validates and stores a time-off entry and sets its ID
// (status "requested" unless given).
func (db *DB) CreateTimeOff(ctx context.Context, t *scheduling.TimeOff) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if t.Status == "" {
		t.Status = scheduling.TimeOffRequested
	}
	now := db.now()
	row := timeOffRow{ID: newID(), AgentID: t.AgentID, StartAt: t.Start.UTC(), EndAt: t.End.UTC(), Kind: t.Kind,
		Reason: t.Reason, Status: string(t.Status), DecidedBy: t.DecidedBy, CreatedAt: now, UpdatedAt: now}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// One absence at a time: a second request over days already asked
		// for or granted would be decided twice and counted twice.
		var other timeOffRow
		err := tx.Where("agent_id = ? AND status IN ? AND start_at < ? AND end_at > ?", t.AgentID,
			[]string{string(scheduling.TimeOffRequested), string(scheduling.TimeOffApproved)}, row.EndAt, row.StartAt).
			Limit(1).Find(&other).Error
		if err != nil {
			return fmt.Errorf("find overlapping time off: %w", err)
		}
		if other.ID != "" {
			return scheduling.Conflict("time off %s (%s, %s to %s) already covers part of it", other.ID, scheduling.TimeOffStatus(other.Status),
				other.StartAt.Format(time.RFC3339), other.EndAt.Format(time.RFC3339))
		}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("create time off: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	t.ID, t.UpdatedAt = row.ID, now.UTC()
	return nil
}

// TimeOffFilter selects time-off entries; empty fields do not filter.
type TimeOffFilter struct {
	AgentIDs []string
	Status   scheduling.TimeOffStatus
	// From and To select entries overlapping [From, To).
	From, To time.Time
}

// FindTimeOff returns the entries matching f ordered by start.
func (db *DB) FindTimeOff(ctx context.Context, f TimeOffFilter) ([]scheduling.TimeOff, error) {
	q := db.gorm.WithContext(ctx).Order("start_at, id")
	if len(f.AgentIDs) > 0 {
		q = q.Where("agent_id IN ?", f.AgentIDs)
	}
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	if !f.From.IsZero() {
		q = q.Where("end_at > ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("start_at < ?", f.To.UTC())
	}
	var rows []timeOffRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find time off: %w", err)
	}
	out := make([]scheduling.TimeOff, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// FindTimeOffByID returns one time-off entry.
func (db *DB) FindTimeOffByID(ctx context.Context, id string) (scheduling.TimeOff, error) {
	var row timeOffRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return scheduling.TimeOff{}, notFound(err, "find time off "+id)
	}
	return row.domain(), nil
}

// WithdrawTimeOff takes back a request still waiting for a decision and
// returns it; a decided or withdrawn one stays as it is (ErrConflict).
func (db *DB) WithdrawTimeOff(ctx context.Context, id string) (scheduling.TimeOff, error) {
	return db.settleRequest(ctx, id, map[string]any{"status": string(scheduling.TimeOffWithdrawn)})
}

// settleRequest applies updates (a new status) to time off id if it is
// still requested, stamping the change, and returns it; otherwise it
// returns it unchanged with ErrConflict.
func (db *DB) settleRequest(ctx context.Context, id string, updates map[string]any) (scheduling.TimeOff, error) {
	updates["updated_at"] = db.now()
	res := db.gorm.WithContext(ctx).Model(&timeOffRow{}).Where("id = ? AND status = ?", id, string(scheduling.TimeOffRequested)).
		Updates(updates)
	if res.Error != nil {
		return scheduling.TimeOff{}, fmt.Errorf("settle time off: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		cur, err := db.FindTimeOffByID(ctx, id)
		if err != nil {
			return scheduling.TimeOff{}, err
		}
		return cur, scheduling.Conflict("time off %s is already %s", id, cur.Status)
	}
	return db.FindTimeOffByID(ctx, id)
}

// DecideTimeOff approves or declines a requested entry.
func (db *DB) DecideTimeOff(ctx context.Context, id string, status scheduling.TimeOffStatus, by string) (scheduling.TimeOff, error) {
	if status != scheduling.TimeOffApproved && status != scheduling.TimeOffDeclined {
		v := &scheduling.ValidationError{}
		v.Add("status", "must be approved or declined")
		return scheduling.TimeOff{}, v
	}
	return db.settleRequest(ctx, id, map[string]any{"status": string(status), "decided_by": by})
}
