package store

import (
	"context"
	"fmt"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// SwapStatus is a swap request's stage: an agent proposes, the colleague
// accepts, a team lead approves (the shifts change hands) or someone declines.
type SwapStatus string

// Swap statuses.
const (
	SwapProposed SwapStatus = "proposed"
	SwapAccepted SwapStatus = "accepted"
	SwapApproved SwapStatus = "approved"
	SwapDeclined SwapStatus = "declined"
)

// Swap is a request by FromAgentID to give ShiftID to WithAgentID, in
// exchange for TheirShiftID when set.
type Swap struct {
	ID           string
	ShiftID      string
	FromAgentID  string
	WithAgentID  string
	TheirShiftID string
	// ShiftVersion and TheirShiftVersion are the shifts' versions when the
	// swap was proposed (0: not recorded, for swaps stored before).
	ShiftVersion      int
	TheirShiftVersion int
	Status            SwapStatus
	DecidedBy         string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

type swapRow struct {
	ID                string `gorm:"primaryKey"`
	ShiftID           string
	FromAgentID       string
	WithAgentID       string
	TheirShiftID      string
	ShiftVersion      int
	TheirShiftVersion int
	Status            string
	DecidedBy         string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (swapRow) TableName() string { return "swaps" }

func (r swapRow) domain() Swap {
	return Swap{ID: r.ID, ShiftID: r.ShiftID, FromAgentID: r.FromAgentID, WithAgentID: r.WithAgentID, TheirShiftID: r.TheirShiftID,
		ShiftVersion: r.ShiftVersion, TheirShiftVersion: r.TheirShiftVersion, Status: SwapStatus(r.Status), DecidedBy: r.DecidedBy, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

// CreateSwap stores a proposed swap, with the versions of its shifts it
// names, and sets its ID.
func (db *DB) CreateSwap(ctx context.Context, s *Swap) error {
	var v scheduling.ValidationError
	if s.ShiftID == "" {
		v.Add("shift_id", "is required")
	}
	if s.WithAgentID == "" {
		v.Add("with_agent_id", "is required")
	} else if s.WithAgentID == s.FromAgentID {
		v.Add("with_agent_id", "must be another agent")
	}
	if err := v.Err(); err != nil {
		return err
	}
	now := db.now()
	row := swapRow{ID: newID(), ShiftID: s.ShiftID, FromAgentID: s.FromAgentID, WithAgentID: s.WithAgentID, TheirShiftID: s.TheirShiftID,
		ShiftVersion: s.ShiftVersion, TheirShiftVersion: s.TheirShiftVersion, Status: string(SwapProposed), CreatedAt: now, UpdatedAt: now}
	if err := db.gorm.WithContext(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create swap: %w", err)
	}
	*s = row.domain()
	return nil
}

// FindSwapByID returns one swap request.
func (db *DB) FindSwapByID(ctx context.Context, id string) (Swap, error) {
	var row swapRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return Swap{}, notFound(err, "find swap "+id)
	}
	return row.domain(), nil
}

// FindSwaps returns swaps involving any of agentIDs (nil = all), newest first.
func (db *DB) FindSwaps(ctx context.Context, agentIDs []string) ([]Swap, error) {
	q := db.gorm.WithContext(ctx).Order("created_at DESC, id")
	if agentIDs != nil {
		q = q.Where("from_agent_id IN ? OR with_agent_id IN ?", agentIDs, agentIDs)
	}
	var rows []swapRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find swaps: %w", err)
	}
	out := make([]Swap, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// FindSwapsOfTeams returns the swaps offering a shift of a roster of one
// of teamIDs, newest first: a swap is the roster's team's, whichever team
// its agents are in now. A swap whose shift a re-solve replaced is not
// among them.
func (db *DB) FindSwapsOfTeams(ctx context.Context, teamIDs []string) ([]Swap, error) {
	if len(teamIDs) == 0 {
		return []Swap{}, nil
	}
	rosters := db.gorm.WithContext(ctx).Model(&rosterRow{}).Select("id").Where("team_id IN ?", teamIDs)
	shifts := db.gorm.WithContext(ctx).Model(&shiftRow{}).Select("id").Where("roster_id IN (?)", rosters)
	var rows []swapRow
	if err := db.gorm.WithContext(ctx).Where("shift_id IN (?)", shifts).Order("created_at DESC, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find swaps of teams: %w", err)
	}
	out := make([]Swap, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// FindOpenSwapsOfRoster returns the swaps still open (proposed or
// accepted) that offer or ask for a shift of roster rosterID, oldest first.
func (db *DB) FindOpenSwapsOfRoster(ctx context.Context, rosterID string) ([]Swap, error) {
	shifts := db.gorm.WithContext(ctx).Model(&shiftRow{}).Select("id").Where("roster_id = ?", rosterID)
	var rows []swapRow
	err := db.gorm.WithContext(ctx).Where("status IN ?", []string{string(SwapProposed), string(SwapAccepted)}).
		Where("shift_id IN (?) OR their_shift_id IN (?)", shifts, shifts).Order("created_at, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("find open swaps of roster %s: %w", rosterID, err)
	}
	out := make([]Swap, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// MoveSwap changes a swap's status from one of from to to. It returns
// ErrConflict when the swap is in another state.
func (db *DB) MoveSwap(ctx context.Context, id string, from []SwapStatus, to SwapStatus, by string) (Swap, error) {
	fs := make([]string, len(from))
	for i, f := range from {
		fs[i] = string(f)
	}
	res := db.gorm.WithContext(ctx).Model(&swapRow{}).Where("id = ? AND status IN ?", id, fs).
		Updates(map[string]any{"status": string(to), "decided_by": by, "updated_at": db.now()})
	if res.Error != nil {
		return Swap{}, fmt.Errorf("update swap: %w", res.Error)
	}
	cur, err := db.FindSwapByID(ctx, id)
	if err != nil {
		return Swap{}, err
	}
	if res.RowsAffected == 0 {
		return cur, scheduling.Conflict("swap %s is %s", id, cur.Status)
	}
	return cur, nil
}
