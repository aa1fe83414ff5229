package store

import (
	"context"
	"fmt"

	"github.com/shiftplan/shiftplan/scheduling"
)

// AgentLogins returns, for each of agentIDs that has one, the ids of the
// logins linked to the agent (switched-off logins left out), in id order:
// those a notification about the agent is addressed to.
func (db *DB) AgentLogins(ctx context.Context, agentIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(agentIDs) == 0 {
		return out, nil
	}
	var rows []struct{ ID, AgentID string }
	err := db.gorm.WithContext(ctx).Model(&userRow{}).Select("id", "agent_id").
		Where("agent_id IN ? AND disabled_at IS NULL", agentIDs).Order("id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("find agents' logins: %w", err)
	}
	for _, r := range rows {
		out[r.AgentID] = append(out[r.AgentID], r.ID)
	}
	return out, nil
}

// TeamLeadLogins returns the ids of the team-lead logins of team (switched-
// off logins left out), in id order.
func (db *DB) TeamLeadLogins(ctx context.Context, team string) ([]string, error) {
	ids := []string{}
	err := db.gorm.WithContext(ctx).Table("users AS u").Joins("JOIN user_teams AS ut ON ut.user_id = u.id").
		Where("ut.team_id = ? AND u.role = ? AND u.disabled_at IS NULL", team, string(scheduling.RoleTeamLead)).
		Order("u.id").Pluck("u.id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("find team leads' logins: %w", err)
	}
	return ids, nil
}
