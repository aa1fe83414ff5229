package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/shiftplan/shiftplan/scheduling"
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

// AgentDocuments returns the stored documents of a kind of those of
// agentIDs that have one, by agent ID, in one query per 1 000 agents.
func (db *DB) AgentDocuments(ctx context.Context, agentIDs []string, kind string) (map[string]json.RawMessage, error) {
	out := make(map[string]json.RawMessage, len(agentIDs))
	for ids := range slices.Chunk(agentIDs, 1000) {
		var rows []preferenceRow
		if err := db.gorm.WithContext(ctx).Where("kind = ? AND agent_id IN ?", kind, ids).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("find agents' %s: %w", kind, err)
		}
		for _, r := range rows {
			out[r.AgentID] = json.RawMessage(r.Doc)
		}
	}
	return out, nil
}

// SetAgentDocument replaces an agent's document of a kind.
func (db *DB) SetAgentDocument(ctx context.Context, agentID, kind string, doc json.RawMessage) error {
	return setDocument(db.gorm.WithContext(ctx), preferenceRow{AgentID: agentID, Kind: kind, Doc: string(doc), UpdatedAt: db.now()})
}

// SetAgentPreferences replaces an agent's "preferences" document, whose
// item i wishes for shift template templates[i] ("" none). A template no
// row has is refused on field(i) of the first item naming it
// (ValidationError), nothing stored. The templates named stay locked
// until the document is written, as for shifts (knownShiftRefs): a
// DeleteShiftTemplate meanwhile either waits and then finds the wish, or
// has removed the template, which this then does not find. So no wish
// names a removed template.
func (db *DB) SetAgentPreferences(ctx context.Context, agentID string, doc json.RawMessage, templates []string, field func(i int) string) error {
	refs := map[string]int{}
	for i := len(templates) - 1; i >= 0; i-- {
		if templates[i] != "" {
			refs[templates[i]] = i
		}
	}
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		v := &scheduling.ValidationError{}
		if err := knownRefs(tx, &templateRow{}, refs, "shift template", v, field); err != nil {
			return fmt.Errorf("check the wishes' shift templates: %w", err)
		}
		if err := v.Err(); err != nil {
			return err
		}
		return setDocument(tx, preferenceRow{AgentID: agentID, Kind: "preferences", Doc: string(doc), UpdatedAt: db.now()})
	})
}

// setDocument stores row, replacing the agent's document of its kind.
func setDocument(tx *gorm.DB, row preferenceRow) error {
	err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "agent_id"}, {Name: "kind"}},
		DoUpdates: clause.AssignmentColumns([]string{"doc", "updated_at"})}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("store agent %s: %w", row.Kind, err)
	}
	return nil
}
