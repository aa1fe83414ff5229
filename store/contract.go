package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
)

type agentContractRow struct {
	ID         string `gorm:"primaryKey"`
	AgentID    string
	Until      time.Time
	Contract   string
	HourlyRate float64
	CreatedAt  time.Time
}

func (agentContractRow) TableName() string { return "agent_contracts" }

// UpdateAgentFrom stores a's changes as UpdateAgent does, and where a's
// contract or hourly rate differ from the stored ones, keeps those as a
// past contract until the civil date from: pay of the days before from
// stays at them. A from equal to the last past contract's Until corrects
// that change (the past contract stays as it is); an earlier one is
// refused on contract_from, as the contracts would no longer follow one
// another.
func (db *DB) UpdateAgentFrom(ctx context.Context, a scheduling.Agent, from time.Time) error {
	from = civil(from)
	return db.Tx(ctx, func(tx *DB) error {
		old, err := tx.FindAgentByID(ctx, a.ID)
		if err != nil {
			return err
		}
		if sameContract(old, a) {
			return tx.UpdateAgent(ctx, a)
		}
		var last agentContractRow
		err = tx.gorm.WithContext(ctx).Where("agent_id = ?", a.ID).Order("until DESC").Limit(1).Find(&last).Error
		if err != nil {
			return fmt.Errorf("read past contracts: %w", err)
		}
		if last.ID != "" && from.Before(civil(last.Until)) {
			return scheduling.Invalid("contract_from", "%s is before %s, from which the contract last changed",
				from.Format(time.DateOnly), civil(last.Until).Format(time.DateOnly))
		}
		if err := tx.UpdateAgent(ctx, a); err != nil {
			return err
		}
		if last.ID != "" && from.Equal(civil(last.Until)) {
			return nil
		}
		row := agentContractRow{ID: newID(), AgentID: a.ID, Until: from, Contract: toJSON(old.Contract), HourlyRate: old.HourlyRate,
			CreatedAt: db.now()}
		if err := tx.gorm.WithContext(ctx).Create(&row).Error; err != nil {
			return fmt.Errorf("keep past contract: %w", err)
		}
		return nil
	})
}

// sameContract reports whether a and b have the same contract and rate.
func sameContract(a, b scheduling.Agent) bool {
	x, y := a.Contract, b.Contract
	return a.HourlyRate == b.HourlyRate && slices.Equal(x.FixedDaysOff, y.FixedDaysOff) &&
		x.Kind == y.Kind && x.WeeklyHours == y.WeeklyHours && x.WeeklyMinHours == y.WeeklyMinHours &&
		x.WeeklyMaxHours == y.WeeklyMaxHours && x.PeriodMinHours == y.PeriodMinHours &&
		x.PeriodMaxHours == y.PeriodMaxHours && x.MaxDaysPerWeek == y.MaxDaysPerWeek && x.VacationDays == y.VacationDays
}

// FindPastContracts returns the past contracts of the agents with the
// given IDs (see UpdateAgentFrom), by agent ID, each agent's in order of
// Until; agents without any are absent.
func (db *DB) FindPastContracts(ctx context.Context, agentIDs []string) (map[string][]scheduling.PastContract, error) {
	out := map[string][]scheduling.PastContract{}
	for ids := range slices.Chunk(agentIDs, 500) {
		var rows []agentContractRow
		if err := db.gorm.WithContext(ctx).Where("agent_id IN ?", ids).Order("agent_id, until").Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("find past contracts: %w", err)
		}
		for _, r := range rows {
			p := scheduling.PastContract{HourlyRate: r.HourlyRate, Until: civil(r.Until)}
			if err := fromJSON(r.Contract, &p.Contract); err != nil {
				return nil, fmt.Errorf("past contract %s of agent %s: %w", r.ID, r.AgentID, err)
			}
			out[r.AgentID] = append(out[r.AgentID], p)
		}
	}
	return out, nil
}

type agentContractChangeRow struct {
	AgentID    string    `gorm:"primaryKey"`
	Starts     time.Time `gorm:"primaryKey"`
	Contract   string
	HourlyRate float64
	CreatedAt  time.Time
}

func (agentContractChangeRow) TableName() string { return "agent_contract_changes" }

// ScheduleContract stores a's changes as UpdateAgent does, except its
// contract and hourly rate: they are kept as the change that starts on
// the civil date from (a day after today; ApplyScheduledContract makes it
// the agent's contract then), replacing one the agent had from that day.
// Where they are the contract the agent will have the day before (their
// own, or an earlier change's), no change is kept from that day.
func (db *DB) ScheduleContract(ctx context.Context, a scheduling.Agent, from time.Time) error {
	from = civil(from)
	return db.Tx(ctx, func(tx *DB) error {
		old, err := tx.FindAgentByID(ctx, a.ID)
		if err != nil {
			return err
		}
		sched, err := tx.FindScheduledContracts(ctx, []string{a.ID}, from.AddDate(0, 0, -1))
		if err != nil {
			return err
		}
		before := old
		before.Contract, before.HourlyRate = scheduling.ContractOn(old, sched[a.ID], from.AddDate(0, 0, -1))
		if err := tx.gorm.WithContext(ctx).Delete(&agentContractChangeRow{}, "agent_id = ? AND starts = ?", a.ID, from).Error; err != nil {
			return fmt.Errorf("replace contract change: %w", err)
		}
		if !sameContract(before, a) {
			row := agentContractChangeRow{AgentID: a.ID, Starts: from, Contract: toJSON(a.Contract), HourlyRate: a.HourlyRate, CreatedAt: db.now()}
			if err := tx.gorm.WithContext(ctx).Create(&row).Error; err != nil {
				return fmt.Errorf("keep contract change: %w", err)
			}
		}
		a.Contract, a.HourlyRate = old.Contract, old.HourlyRate
		return tx.UpdateAgent(ctx, a)
	})
}

// FindScheduledContracts returns the contract changes of the agents with
// the given IDs that have not started (ScheduleContract), by agent ID,
// each agent's in order of From; agents without any are absent. A zero
// upTo returns all, else those starting on or before it.
func (db *DB) FindScheduledContracts(ctx context.Context, agentIDs []string, upTo time.Time) (map[string][]scheduling.ScheduledContract, error) {
	out := map[string][]scheduling.ScheduledContract{}
	for ids := range slices.Chunk(agentIDs, 500) {
		if err := db.findContractChanges(ctx, db.gorm.Where("agent_id IN ?", ids), upTo, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FindDueContracts returns every contract change starting on or before
// the civil date upTo, of any agent, by agent ID (the callers check each
// against today at the agent's site).
func (db *DB) FindDueContracts(ctx context.Context, upTo time.Time) (map[string][]scheduling.ScheduledContract, error) {
	out := map[string][]scheduling.ScheduledContract{}
	if err := db.findContractChanges(ctx, db.gorm, upTo, out); err != nil {
		return nil, err
	}
	return out, nil
}

// findContractChanges adds to out the contract changes q selects that
// start on or before upTo (zero: all), by agent ID in order of From.
func (db *DB) findContractChanges(ctx context.Context, q *gorm.DB, upTo time.Time, out map[string][]scheduling.ScheduledContract) error {
	q = q.WithContext(ctx)
	if !upTo.IsZero() {
		q = q.Where("starts <= ?", civil(upTo))
	}
	var rows []agentContractChangeRow
	if err := q.Order("agent_id, starts").Find(&rows).Error; err != nil {
		return fmt.Errorf("find contract changes: %w", err)
	}
	for _, r := range rows {
		s, err := r.domain()
		if err != nil {
			return err
		}
		out[r.AgentID] = append(out[r.AgentID], s)
	}
	return nil
}

func (r agentContractChangeRow) domain() (scheduling.ScheduledContract, error) {
	s := scheduling.ScheduledContract{HourlyRate: r.HourlyRate, From: civil(r.Starts)}
	if err := fromJSON(r.Contract, &s.Contract); err != nil {
		return s, fmt.Errorf("contract change of agent %s from %s: %w", r.AgentID, s.From.Format(time.DateOnly), err)
	}
	return s, nil
}

// CancelScheduledContract removes the agent's contract change starting on
// the civil date from (ErrNotFound if there is none).
func (db *DB) CancelScheduledContract(ctx context.Context, agentID string, from time.Time) error {
	from = civil(from)
	res := db.gorm.WithContext(ctx).Delete(&agentContractChangeRow{}, "agent_id = ? AND starts = ?", agentID, from)
	if res.Error != nil {
		return fmt.Errorf("cancel contract change: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("agent %s has no contract change from %s: %w", agentID, from.Format(time.DateOnly), scheduling.ErrNotFound)
	}
	return nil
}

// ApplyScheduledContract makes the agent's contract change starting on
// the civil date from the agent's contract, keeping the one before as a
// past contract until from (UpdateAgentFrom). A change already applied
// (by another process) or cancelled is no error.
func (db *DB) ApplyScheduledContract(ctx context.Context, agentID string, from time.Time) error {
	from = civil(from)
	return db.Tx(ctx, func(tx *DB) error {
		var rows []agentContractChangeRow
		if err := locked(tx.gorm.WithContext(ctx)).Where("agent_id = ? AND starts = ?", agentID, from).Find(&rows).Error; err != nil {
			return fmt.Errorf("read contract change: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		s, err := rows[0].domain()
		if err != nil {
			return err
		}
		a, err := tx.FindAgentByID(ctx, agentID)
		if err != nil {
			return err
		}
		a.Contract, a.HourlyRate = s.Contract, s.HourlyRate
		if err := tx.UpdateAgentFrom(ctx, a, from); err != nil {
			return err
		}
		return tx.CancelScheduledContract(ctx, agentID, from)
	})
}
