package store

import (
	"context"
	"fmt"
	"slices"
	"time"

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
		x.PeriodMaxHours == y.PeriodMaxHours && x.MaxDaysPerWeek == y.MaxDaysPerWeek
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
