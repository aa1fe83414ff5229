package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

type preferenceRow struct {
	AgentID   string `gorm:"primaryKey"`
	Kind      string `gorm:"primaryKey"`
	Doc       string
	UpdatedAt time.Time
}

func (preferenceRow) TableName() string { return "agent_preferences" }

// AgentDocument returns an agent's stored document of a kind
// ("availability" or "preferences"), or ErrNotFound.
func (db *DB) AgentDocument(ctx context.Context, agentID, kind string) (json.RawMessage, error) {
	var row preferenceRow
	if err := db.gorm.WithContext(ctx).First(&row, "agent_id = ? AND kind = ?", agentID, kind).Error; err != nil {
		return nil, notFound(err, "find agent "+kind)
	}
	return json.RawMessage(row.Doc), nil
}

// SetAgentDocument replaces an agent's document of a kind.
func (db *DB) SetAgentDocument(ctx context.Context, agentID, kind string, doc json.RawMessage) error {
	row := preferenceRow{AgentID: agentID, Kind: kind, Doc: string(doc), UpdatedAt: db.now()}
	err := db.gorm.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "agent_id"}, {Name: "kind"}},
		DoUpdates: clause.AssignmentColumns([]string{"doc", "updated_at"})}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("store agent %s: %w", kind, err)
	}
	return nil
}
