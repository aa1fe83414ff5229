package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

type rosterRow struct {
	ID          string `gorm:"primaryKey"`
	TeamID      string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Status      string
	Version     int
	PublishedAt *time.Time
	KPIs        string `gorm:"column:kpis"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (rosterRow) TableName() string { return "rosters" }

func (r rosterRow) domain() scheduling.Roster {
	out := scheduling.Roster{ID: r.ID, TeamID: r.TeamID, PeriodStart: civil(r.PeriodStart), PeriodEnd: civil(r.PeriodEnd),
		Status: scheduling.RosterStatus(r.Status), Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if r.PublishedAt != nil {
		p := r.PublishedAt.UTC()
		out.PublishedAt = &p
	}
	return out
}

// CreateRoster validates and stores a new draft roster (version 1) and
// sets its ID. A team_id no team has is refused (ValidationError).
func (db *DB) CreateRoster(ctx context.Context, r *scheduling.Roster) error {
	if err := r.Validate(); err != nil {
		return err
	}
	now := db.now()
	row := rosterRow{ID: newID(), TeamID: r.TeamID, PeriodStart: civil(r.PeriodStart), PeriodEnd: civil(r.PeriodEnd),
		Status: string(scheduling.Draft), Version: 1, KPIs: "{}", CreatedAt: now, UpdatedAt: now}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if db.dialect == Postgres {
			// Two leads creating rosters of one team at once: the second
			// waits here and then sees the first's.
			if err := tx.Exec("SELECT id FROM teams WHERE id = ? FOR UPDATE", r.TeamID).Error; err != nil {
				return fmt.Errorf("lock team: %w", err)
			}
		}
		var other rosterRow
		err := tx.Where("team_id = ? AND period_start < ? AND period_end > ?", r.TeamID, row.PeriodEnd, row.PeriodStart).
			Order("period_start").Limit(1).Find(&other).Error
		if err != nil {
			return fmt.Errorf("find overlapping roster: %w", err)
		}
		if other.ID != "" {
			// Two rosters of one team on one day would schedule its agents
			// twice and pay them twice.
			return scheduling.Conflict("the team's roster %s (%s to %s, %s) already covers part of this period", other.ID,
				pay.DateOf(other.PeriodStart), pay.DateOf(other.PeriodEnd.AddDate(0, 0, -1)), scheduling.RosterStatus(other.Status))
		}
		if err := tx.Create(&row).Error; err != nil {
			if isForeignKey(err) {
				return unknown("team_id", "team", r.TeamID)
			}
			return fmt.Errorf("create roster: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	*r = row.domain()
	return nil
}

// DeleteDraftRoster removes a roster that was never published, with its
// shifts, versions and audit entries. A roster once published stays: its
// shifts were shown to agents and may be paid.
func (db *DB) DeleteDraftRoster(ctx context.Context, id string) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row rosterRow
		if err := tx.First(&row, "id = ?", id).Error; err != nil {
			return notFound(err, "find roster "+id)
		}
		if row.Status != string(scheduling.Draft) || row.PublishedAt != nil {
			return scheduling.Conflict("roster %s has been published and stays", id)
		}
		if err := tx.Delete(&rosterRow{}, "id = ?", id).Error; err != nil {
			return fmt.Errorf("delete roster: %w", err)
		}
		return nil
	})
}

// FindRosterByID returns one roster.
func (db *DB) FindRosterByID(ctx context.Context, id string) (scheduling.Roster, error) {
	var row rosterRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return scheduling.Roster{}, notFound(err, "find roster "+id)
	}
	return row.domain(), nil
}

// RosterFilter selects rosters; empty fields do not filter.
type RosterFilter struct {
	TeamID string
	Status scheduling.RosterStatus
	// From and To select rosters whose period overlaps [From, To).
	From, To time.Time
}

// FindRosters returns the rosters matching f, newest period first.
func (db *DB) FindRosters(ctx context.Context, f RosterFilter) ([]scheduling.Roster, error) {
	q := db.gorm.WithContext(ctx).Order("period_start DESC, created_at DESC")
	if f.TeamID != "" {
		q = q.Where("team_id = ?", f.TeamID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", string(f.Status))
	}
	if !f.From.IsZero() {
		q = q.Where("period_end > ?", civil(f.From))
	}
	if !f.To.IsZero() {
		q = q.Where("period_start < ?", civil(f.To))
	}
	var rows []rosterRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find rosters: %w", err)
	}
	out := make([]scheduling.Roster, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// bumpRoster raises a roster's version if it still is expectVersion
// (0 = any), and returns the new version. Its update locks the roster row
// until tx ends; writers of a roster's shifts call it before touching
// them, so that they all lock in one order (roster, then shifts) and two
// of them never deadlock. With expectVersion 0 the version goes up from
// whatever it is when the lock is had: an edit committed meanwhile by
// another transaction is no conflict.
func bumpRoster(tx *gorm.DB, id string, expectVersion int, now time.Time, extra map[string]any) (int, error) {
	up := map[string]any{"version": gorm.Expr("version + 1"), "updated_at": now}
	for k, v := range extra {
		up[k] = v
	}
	q := tx.Model(&rosterRow{}).Where("id = ?", id)
	if expectVersion != 0 {
		q = q.Where("version = ?", expectVersion)
	}
	res := q.Updates(up)
	if res.Error != nil {
		return 0, fmt.Errorf("update roster: %w", res.Error)
	}
	var row rosterRow
	if err := tx.Select("id", "version").First(&row, "id = ?", id).Error; err != nil {
		return 0, notFound(err, "find roster "+id)
	}
	if res.RowsAffected == 0 {
		return 0, fmt.Errorf("roster %s is at version %d, not %d: %w", id, row.Version, expectVersion, scheduling.ErrStale)
	}
	return row.Version, nil
}

// PublishRoster marks a roster published if it is at expectVersion, and
// returns it.
func (db *DB) PublishRoster(ctx context.Context, id string, expectVersion int) (scheduling.Roster, error) {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := db.now()
		_, err := bumpRoster(tx, id, expectVersion, now, map[string]any{"status": string(scheduling.Published), "published_at": now})
		return err
	})
	if err != nil {
		return scheduling.Roster{}, err
	}
	return db.FindRosterByID(ctx, id)
}

// SetRosterKPIs stores the roster's KPI document (JSON) without changing its version.
func (db *DB) SetRosterKPIs(ctx context.Context, id string, kpis []byte) error {
	res := db.gorm.WithContext(ctx).Model(&rosterRow{}).Where("id = ?", id).Update("kpis", string(kpis))
	if res.Error != nil {
		return fmt.Errorf("store roster KPIs: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store roster KPIs %s: %w", id, scheduling.ErrNotFound)
	}
	return nil
}

// RosterKPIs returns the roster's stored KPI document (JSON).
func (db *DB) RosterKPIs(ctx context.Context, id string) ([]byte, error) {
	var row rosterRow
	if err := db.gorm.WithContext(ctx).Select("id", "kpis").First(&row, "id = ?", id).Error; err != nil {
		return nil, notFound(err, "find roster "+id)
	}
	return []byte(row.KPIs), nil
}
