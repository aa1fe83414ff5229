package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/shiftplan/shiftplan/scheduling"
)

// RemovedShiftsKept is how long after its end a removed shift is kept:
// longer than the calendar feed looks back (60 days).
const RemovedShiftsKept = 92 * 24 * time.Hour

// RemovedShift is a shift of a published roster that is no longer an
// agent's: a re-solve removed it, or it went to another agent (a swap, a
// lead's edit). The agent's calendar feed keeps it a while as cancelled,
// so that calendars which imported it drop it.
type RemovedShift struct {
	ShiftID string
	AgentID string
	// SiteID is the site of the shift's roster's team.
	SiteID     string
	TemplateID string
	QueueID    string
	Start, End time.Time
	// Version is the shift's version when the agent last had it.
	Version   int
	RemovedAt time.Time
}

type removedShiftRow struct {
	ShiftID    string `gorm:"primaryKey"`
	AgentID    string `gorm:"primaryKey"`
	SiteID     string
	TemplateID string
	QueueID    string
	StartAt    time.Time
	EndAt      time.Time
	Version    int
	RemovedAt  time.Time
}

func (removedShiftRow) TableName() string { return "removed_shifts" }

// FindRemovedShifts returns the shifts removed from the agent that overlap
// [from, to), ordered by start and shift ID. A shift that came back to
// the agent may be among them; the agent's shifts tell the rest.
func (db *DB) FindRemovedShifts(ctx context.Context, agentID string, from, to time.Time) ([]RemovedShift, error) {
	var rows []removedShiftRow
	err := db.gorm.WithContext(ctx).Where("agent_id = ? AND start_at < ? AND end_at > ?", agentID, to.UTC(), from.UTC()).
		Order("start_at, shift_id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("find removed shifts: %w", err)
	}
	out := make([]RemovedShift, len(rows))
	for i, r := range rows {
		out[i] = RemovedShift{ShiftID: r.ShiftID, AgentID: r.AgentID, SiteID: r.SiteID, TemplateID: r.TemplateID, QueueID: r.QueueID,
			Start: r.StartAt.UTC(), End: r.EndAt.UTC(), Version: r.Version, RemovedAt: r.RemovedAt.UTC()}
	}
	return out, nil
}

// recordRemovedShifts notes, on tx, that the stored shifts gone of roster
// rosterID are no longer their agents' (as of now), if the roster is
// published: drafts were never in a feed. A shift removed from one agent
// twice keeps the later removal. The agents' removals of shifts that
// ended more than RemovedShiftsKept ago are deleted.
func recordRemovedShifts(tx *gorm.DB, rosterID string, gone []shiftRow, now time.Time) error {
	if len(gone) == 0 {
		return nil
	}
	var r rosterRow
	if err := tx.First(&r, "id = ?", rosterID).Error; err != nil {
		return notFound(err, "find roster "+rosterID)
	}
	if r.Status != string(scheduling.Published) {
		return nil
	}
	var team teamRow
	if err := tx.First(&team, "id = ?", r.TeamID).Error; err != nil {
		return notFound(err, "find team "+r.TeamID)
	}
	rows := make([]removedShiftRow, len(gone))
	agents := make([]string, len(gone))
	for i, s := range gone {
		rows[i] = removedShiftRow{ShiftID: s.ID, AgentID: s.AgentID, SiteID: team.SiteID, TemplateID: s.TemplateID, QueueID: s.QueueID,
			StartAt: s.StartAt.UTC(), EndAt: s.EndAt.UTC(), Version: s.Version, RemovedAt: now}
		agents[i] = s.AgentID
	}
	if err := tx.Where("agent_id IN ? AND end_at < ?", agents, now.Add(-RemovedShiftsKept)).Delete(&removedShiftRow{}).Error; err != nil {
		return fmt.Errorf("delete old removed shifts: %w", err)
	}
	err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "shift_id"}, {Name: "agent_id"}}, UpdateAll: true}).
		CreateInBatches(&rows, 200).Error
	if err != nil {
		return fmt.Errorf("record removed shifts: %w", err)
	}
	return nil
}

// forgetRemovedShift deletes, on tx, the removal of shift id from agent:
// it is the agent's again.
func forgetRemovedShift(tx *gorm.DB, id, agent string) error {
	if err := tx.Where("shift_id = ? AND agent_id = ?", id, agent).Delete(&removedShiftRow{}).Error; err != nil {
		return fmt.Errorf("forget removed shift: %w", err)
	}
	return nil
}
