package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/shiftplan/shiftplan/scheduling"
)

// AuditEntry is one change to a roster: who did what, when, and the changed
// entity before and after (JSON; empty when it did not exist).
type AuditEntry struct {
	ID       string
	RosterID string
	// Version is the roster's version after the change.
	Version  int
	UserID   string
	UserName string
	// Action is e.g. "create", "solve", "edit_shift", "publish", "swap".
	Action string
	// Entity is "roster" or "shift"; EntityID its id.
	Entity   string
	EntityID string
	Before   json.RawMessage
	After    json.RawMessage
	At       time.Time
}

type auditRow struct {
	ID       string `gorm:"primaryKey"`
	RosterID string
	Version  int
	UserID   string
	UserName string
	Action   string
	Entity   string
	EntityID string
	Before   string
	After    string
	At       time.Time
}

func (auditRow) TableName() string { return "audit_log" }

// RosterVersion is a roster's shifts as they were at one version.
type RosterVersion struct {
	RosterID  string
	Version   int
	Status    scheduling.RosterStatus
	Shifts    []scheduling.Shift
	UserID    string
	Action    string
	CreatedAt time.Time
}

type rosterVersionRow struct {
	RosterID  string `gorm:"primaryKey"`
	Version   int    `gorm:"primaryKey"`
	Status    string
	Shifts    string
	UserID    string
	Action    string
	CreatedAt time.Time
}

func (rosterVersionRow) TableName() string { return "roster_versions" }

// RecordRosterChange appends e to the roster's audit log and stores a
// snapshot of the roster's shifts at its current version. Call it inside Tx,
// after the change, so the change, its audit entry and its snapshot are
// stored together.
func (db *DB) RecordRosterChange(ctx context.Context, e AuditEntry) error {
	r, err := db.FindRosterByID(ctx, e.RosterID)
	if err != nil {
		return err
	}
	shifts, err := db.FindShifts(ctx, ShiftFilter{RosterID: e.RosterID, WithCancelled: true})
	if err != nil {
		return err
	}
	now := db.now()
	row := auditRow{ID: newID(), RosterID: e.RosterID, Version: r.Version, UserID: e.UserID, UserName: e.UserName,
		Action: e.Action, Entity: e.Entity, EntityID: e.EntityID, Before: string(e.Before), After: string(e.After), At: now}
	if err := db.gorm.WithContext(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("write audit entry: %w", err)
	}
	snap := make([]shiftRow, len(shifts))
	for i, s := range shifts {
		snap[i] = shiftToRow(s)
	}
	v := rosterVersionRow{RosterID: r.ID, Version: r.Version, Status: string(r.Status), Shifts: toJSON(snap), UserID: e.UserID,
		Action: e.Action, CreatedAt: now}
	if err := db.gorm.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&v).Error; err != nil {
		return fmt.Errorf("store roster version: %w", err)
	}
	return nil
}

// FindAudit returns a roster's audit log, oldest first.
func (db *DB) FindAudit(ctx context.Context, rosterID string) ([]AuditEntry, error) {
	var rows []auditRow
	if err := db.gorm.WithContext(ctx).Where("roster_id = ?", rosterID).Order("at, version, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find audit log: %w", err)
	}
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = AuditEntry{ID: r.ID, RosterID: r.RosterID, Version: r.Version, UserID: r.UserID, UserName: r.UserName,
			Action: r.Action, Entity: r.Entity, EntityID: r.EntityID, At: r.At.UTC()}
		if r.Before != "" {
			out[i].Before = json.RawMessage(r.Before)
		}
		if r.After != "" {
			out[i].After = json.RawMessage(r.After)
		}
	}
	return out, nil
}

// FindRosterVersions lists a roster's stored versions, oldest first, without
// their shifts.
func (db *DB) FindRosterVersions(ctx context.Context, rosterID string) ([]RosterVersion, error) {
	var rows []rosterVersionRow
	if err := db.gorm.WithContext(ctx).Select("roster_id", "version", "status", "user_id", "action", "created_at").
		Where("roster_id = ?", rosterID).Order("version").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find roster versions: %w", err)
	}
	out := make([]RosterVersion, len(rows))
	for i, r := range rows {
		out[i] = RosterVersion{RosterID: r.RosterID, Version: r.Version, Status: scheduling.RosterStatus(r.Status), UserID: r.UserID,
			Action: r.Action, CreatedAt: r.CreatedAt.UTC()}
	}
	return out, nil
}

// FindRosterVersion returns one stored version of a roster with its shifts.
func (db *DB) FindRosterVersion(ctx context.Context, rosterID string, version int) (RosterVersion, error) {
	var row rosterVersionRow
	if err := db.gorm.WithContext(ctx).First(&row, "roster_id = ? AND version = ?", rosterID, version).Error; err != nil {
		return RosterVersion{}, notFound(err, fmt.Sprintf("find roster %s version %d", rosterID, version))
	}
	var snap []shiftRow
	if err := fromJSON(row.Shifts, &snap); err != nil {
		return RosterVersion{}, fmt.Errorf("roster version %d shifts: %w", version, err)
	}
	v := RosterVersion{RosterID: row.RosterID, Version: row.Version, Status: scheduling.RosterStatus(row.Status), UserID: row.UserID,
		Action: row.Action, CreatedAt: row.CreatedAt.UTC()}
	for _, r := range snap {
		s, err := r.domain()
		if err != nil {
			return v, err
		}
		v.Shifts = append(v.Shifts, s)
	}
	return v, nil
}
