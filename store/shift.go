package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/shiftplan/shiftplan/scheduling"
)

type shiftRow struct {
	ID         string `gorm:"primaryKey"`
	RosterID   string
	AgentID    string
	TemplateID string
	StartAt    time.Time
	EndAt      time.Time
	Breaks     string
	QueueID    string
	Activity   string
	Status     string
	Version    int
	UpdatedAt  time.Time
}

func (shiftRow) TableName() string { return "shifts" }

type breakJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Paid  bool      `json:"paid"`
	Name  string    `json:"name,omitempty"`
}

func shiftToRow(s scheduling.Shift) shiftRow {
	brs := make([]breakJSON, len(s.Breaks))
	for i, b := range s.Breaks {
		brs[i] = breakJSON{Start: b.Start.UTC(), End: b.End.UTC(), Paid: b.Paid, Name: b.Name}
	}
	act, st := s.Activity, s.Status
	if act == "" {
		act = "work"
	}
	if st == "" {
		st = scheduling.ShiftActive
	}
	return shiftRow{ID: s.ID, RosterID: s.RosterID, AgentID: s.AgentID, TemplateID: s.TemplateID, StartAt: s.Start.UTC(),
		EndAt: s.End.UTC(), Breaks: toJSON(brs), QueueID: s.QueueID, Activity: act, Status: string(st), Version: s.Version}
}

func (r shiftRow) domain() (scheduling.Shift, error) {
	s := scheduling.Shift{ID: r.ID, RosterID: r.RosterID, AgentID: r.AgentID, TemplateID: r.TemplateID, Start: r.StartAt.UTC(),
		End: r.EndAt.UTC(), QueueID: r.QueueID, Activity: r.Activity, Status: scheduling.ShiftStatus(r.Status), Version: r.Version}
	var brs []breakJSON
	if err := fromJSON(r.Breaks, &brs); err != nil {
		return s, fmt.Errorf("shift %s breaks: %w", r.ID, err)
	}
	for _, b := range brs {
		s.Breaks = append(s.Breaks, scheduling.Break{Start: b.Start.UTC(), End: b.End.UTC(), Paid: b.Paid, Name: b.Name})
	}
	return s, nil
}

// ShiftFilter selects shifts; empty fields do not filter.
type ShiftFilter struct {
	RosterID string
	AgentID  string
	// AgentIDs, when set, keeps the shifts of these agents.
	AgentIDs []string
	// AgentTeamID keeps the shifts of the agents now in this team,
	// whichever team's roster holds them.
	AgentTeamID string
	TeamID      string
	// TeamIDs, when set, keeps the shifts of these teams' rosters.
	TeamIDs []string
	// From and To select shifts that overlap [From, To).
	From, To time.Time
	// PublishedOnly keeps shifts of published rosters.
	PublishedOnly bool
	// WithCancelled includes cancelled shifts.
	WithCancelled bool
	// After, when set, keeps the shifts that come after it in the order
	// FindShifts returns them: the last shift of the previous page.
	After *ShiftKey
	// Limit is the most shifts returned; 0 returns every match.
	Limit int
}

// ShiftKey is a shift's place in the order FindShifts returns shifts:
// by start, then agent, then ID.
type ShiftKey struct {
	Start   time.Time
	AgentID string
	ID      string
}

// KeyOf is the shift's place in the order FindShifts returns shifts.
func KeyOf(s scheduling.Shift) ShiftKey {
	return ShiftKey{Start: s.Start, AgentID: s.AgentID, ID: s.ID}
}

// FindShiftByID returns one shift.
func (db *DB) FindShiftByID(ctx context.Context, id string) (scheduling.Shift, error) {
	var row shiftRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return scheduling.Shift{}, notFound(err, "find shift "+id)
	}
	return row.domain()
}

// FindShifts returns the shifts matching f ordered by start, agent and ID.
func (db *DB) FindShifts(ctx context.Context, f ShiftFilter) ([]scheduling.Shift, error) {
	q := db.gorm.WithContext(ctx).Order("start_at, agent_id, id")
	if f.RosterID != "" {
		q = q.Where("roster_id = ?", f.RosterID)
	}
	if f.AgentID != "" {
		q = q.Where("agent_id = ?", f.AgentID)
	}
	if f.AgentIDs != nil {
		q = q.Where("agent_id IN ?", f.AgentIDs)
	}
	if f.AgentTeamID != "" {
		q = q.Where("agent_id IN (?)", db.gorm.Model(&agentRow{}).Select("id").Where("team_id = ?", f.AgentTeamID))
	}
	if f.TeamID != "" {
		q = q.Where("roster_id IN (?)", db.gorm.Model(&rosterRow{}).Select("id").Where("team_id = ?", f.TeamID))
	}
	if f.TeamIDs != nil {
		q = q.Where("roster_id IN (?)", db.gorm.Model(&rosterRow{}).Select("id").Where("team_id IN ?", f.TeamIDs))
	}
	if f.PublishedOnly {
		q = q.Where("roster_id IN (?)", db.gorm.Model(&rosterRow{}).Select("id").Where("status = ?", string(scheduling.Published)))
	}
	if !f.WithCancelled {
		q = q.Where("status = ?", string(scheduling.ShiftActive))
	}
	if !f.From.IsZero() {
		// A shift ending after From began at most MaxShiftLength before
		// it: the bound on start_at lets the index on it narrow the scan.
		q = q.Where("end_at > ? AND start_at > ?", f.From.UTC(), f.From.Add(-scheduling.MaxShiftLength).UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("start_at < ?", f.To.UTC())
	}
	if k := f.After; k != nil {
		q = q.Where("(start_at, agent_id, id) > (?, ?, ?)", k.Start.UTC(), k.AgentID, k.ID)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []shiftRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find shifts: %w", err)
	}
	out := make([]scheduling.Shift, 0, len(rows))
	for _, r := range rows {
		s, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// knownShiftRefs refuses (ValidationError) a queue_id or template_id of
// rows that no queue or template has, on field(i, "queue_id") of the first
// row naming it. Shifts have no foreign key to queues and templates ("" is
// none), so this is what keeps them from naming removed ones: the rows
// found stay locked FOR KEY SHARE until tx ends (PostgreSQL; the lock a
// foreign key takes, which lets edits of the queue through), so a
// DeleteQueue or DeleteShiftTemplate, which locks the row FOR UPDATE
// before counting the shifts that use it, either waits for tx and then
// counts its shifts, or has removed the row, which this then does not
// find. SQLite runs one writing transaction at a time. Each distinct id
// is read once: one query per table, whatever the number of rows.
func knownShiftRefs(tx *gorm.DB, rows []shiftRow, field func(i int, name string) string) error {
	queues, templates := map[string]int{}, map[string]int{}
	for i := len(rows) - 1; i >= 0; i-- {
		if id := rows[i].QueueID; id != "" {
			queues[id] = i
		}
		if id := rows[i].TemplateID; id != "" {
			templates[id] = i
		}
	}
	v := &scheduling.ValidationError{}
	for _, ref := range []struct {
		model      any
		ids        map[string]int
		name, what string
	}{
		{&queueRow{}, queues, "queue_id", "queue"},
		{&templateRow{}, templates, "template_id", "shift template"},
	} {
		err := knownRefs(tx, ref.model, ref.ids, ref.what, v, func(i int) string { return field(i, ref.name) })
		if err != nil {
			return fmt.Errorf("check the shifts' %ss: %w", ref.what, err)
		}
	}
	return v.Err()
}

// knownRefs adds to v, on field(i), each id of refs (id → i, the first
// item naming it) that model's table has no row of, and locks the rows it
// has FOR KEY SHARE until tx ends (see knownShiftRefs). It reads them in
// one query.
func knownRefs(tx *gorm.DB, model any, refs map[string]int, what string, v *scheduling.ValidationError, field func(i int) string) error {
	if len(refs) == 0 {
		return nil
	}
	ids := make([]string, 0, len(refs))
	for id := range refs {
		ids = append(ids, id)
	}
	var found []string
	if err := tx.Model(model).Clauses(clause.Locking{Strength: "KEY SHARE"}).Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
		return err
	}
	known := make(map[string]bool, len(found))
	for _, id := range found {
		known[id] = true
	}
	missing := make([]string, 0, len(refs))
	for id := range refs {
		if !known[id] {
			missing = append(missing, id)
		}
	}
	slices.SortFunc(missing, func(a, b string) int { return refs[a] - refs[b] })
	for _, id := range missing {
		v.Add(field(refs[id]), "unknown %s %q", what, id)
	}
	return nil
}

// ReplaceRosterShifts replaces every shift of a roster (e.g. with a solver's
// result) if the roster is at expectVersion (0 = any), bumping its version.
// It returns the roster's new version and sets each shift's ID and
// version as stored. A shift the replacement leaves as it was keeps its
// ID and version, so what names it (a swap, the audit log) still does:
// one given with the ID of a shift of the roster is that shift, updated
// in place (its version goes up by one if it changed; the solver gives
// a shift it does not move the ID it had). The roster's other stored
// shifts are deleted; the rest are added, at version 1 if given none.
// A queue_id or template_id no queue or template has is refused on
// shifts[i].queue_id or shifts[i].template_id (ValidationError), i the
// first shift naming it. In a published roster, a shift deleted or given
// to another agent is recorded as removed from its agent (RemovedShift).
func (db *DB) ReplaceRosterShifts(ctx context.Context, rosterID string, expectVersion int, shifts []scheduling.Shift) (int, error) {
	for i := range shifts {
		if err := shifts[i].Validate(); err != nil {
			return 0, fmt.Errorf("shift %d: %w", i, err)
		}
	}
	var version int
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := db.now()
		v, err := bumpRoster(tx, rosterID, expectVersion, now, nil)
		if err != nil {
			return err
		}
		version = v
		var stored []shiftRow
		if err := tx.Where("roster_id = ?", rosterID).Find(&stored).Error; err != nil {
			return fmt.Errorf("read roster shifts: %w", err)
		}
		rows := make([]shiftRow, len(shifts))
		for i := range shifts {
			shifts[i].RosterID = rosterID
			rows[i] = shiftToRow(shifts[i])
			rows[i].UpdatedAt = now
		}
		if err := knownShiftRefs(tx, rows, func(i int, name string) string { return fmt.Sprintf("shifts[%d].%s", i, name) }); err != nil {
			return err
		}
		keep, changed, added := matchStoredShifts(stored, rows)
		for i := range rows {
			shifts[i].ID, shifts[i].Version = rows[i].ID, rows[i].Version
		}
		// A changed shift is written again under its ID, in batches as the
		// new ones are: nothing refers to shifts by a foreign key that a
		// delete would cascade along.
		gone := make([]string, 0, len(stored))
		// removed are the shifts that leave their agent: those the
		// replacement drops, and those it gives to another agent.
		var removed []shiftRow
		was := make(map[string]shiftRow, len(stored))
		for _, r := range stored {
			was[r.ID] = r
			if !keep[r.ID] {
				gone = append(gone, r.ID)
				removed = append(removed, r)
			}
		}
		for _, r := range changed {
			gone = append(gone, r.ID)
			if old := was[r.ID]; old.AgentID != r.AgentID {
				removed = append(removed, old)
				if err := forgetRemovedShift(tx, r.ID, r.AgentID); err != nil {
					return err
				}
			}
		}
		if err := recordRemovedShifts(tx, rosterID, removed, now); err != nil {
			return err
		}
		added = append(added, changed...)
		for ids := range slices.Chunk(gone, 500) {
			if err := tx.Where("id IN ?", ids).Delete(&shiftRow{}).Error; err != nil {
				return fmt.Errorf("delete replaced roster shifts: %w", err)
			}
		}
		if len(added) > 0 {
			if err := tx.CreateInBatches(&added, 200).Error; err != nil {
				return fmt.Errorf("store roster shifts: %w", err)
			}
		}
		return nil
	})
	return version, err
}

// matchStoredShifts gives each of rows, the roster's shifts to be, the
// version it is stored at (see ReplaceRosterShifts): a row with the ID of
// a stored one is that one. It returns the IDs of the stored rows kept,
// the kept rows that differ from what is stored (their version one up)
// and the rows to add (a new ID when without, version 1 when 0).
func matchStoredShifts(stored, rows []shiftRow) (keep map[string]bool, changed, added []shiftRow) {
	byID := make(map[string]shiftRow, len(stored))
	for _, r := range stored {
		byID[r.ID] = r
	}
	keep = make(map[string]bool, len(rows))
	for i := range rows {
		cur, ok := byID[rows[i].ID]
		switch {
		case ok && !keep[cur.ID]:
			keep[cur.ID] = true
			if sameShift(cur, rows[i]) {
				rows[i].Version, rows[i].UpdatedAt = cur.Version, cur.UpdatedAt
			} else {
				rows[i].Version = cur.Version + 1
				changed = append(changed, rows[i])
			}
		case rows[i].ID == "":
			rows[i].ID, rows[i].Version = newID(), 1
			added = append(added, rows[i])
		default:
			// A new ID, or a second row with one ID, which the insert
			// refuses as the duplicate it is.
			if rows[i].Version == 0 {
				rows[i].Version = 1
			}
			added = append(added, rows[i])
		}
	}
	return keep, changed, added
}

// sameShift reports whether shift rows a and b say the same: agent,
// template, times, breaks, queue, activity and status.
func sameShift(a, b shiftRow) bool {
	return a.AgentID == b.AgentID && a.TemplateID == b.TemplateID && a.StartAt.Equal(b.StartAt) && a.EndAt.Equal(b.EndAt) &&
		a.Breaks == b.Breaks && a.QueueID == b.QueueID && a.Activity == b.Activity && a.Status == b.Status
}

// UpdateShift replaces a shift's times, breaks, queue, activity and status
// if it is still at s.Version; the stored shift's version and its roster's
// version go up by one. It returns the stored shift. A shift of a
// published roster given to another agent is recorded as removed from the
// one who had it (RemovedShift). A queue_id or template_id it changes to
// that no queue or template has is refused (ValidationError); one it keeps
// is not checked again: the stored shift already holds a delete of it off.
func (db *DB) UpdateShift(ctx context.Context, s scheduling.Shift) (scheduling.Shift, error) {
	if err := s.Validate(); err != nil {
		return scheduling.Shift{}, err
	}
	var out scheduling.Shift
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var cur shiftRow
		if err := tx.First(&cur, "id = ?", s.ID).Error; err != nil {
			return notFound(err, "find shift "+s.ID)
		}
		if cur.Version != s.Version {
			return fmt.Errorf("shift %s is at version %d, not %d: %w", s.ID, cur.Version, s.Version, scheduling.ErrStale)
		}
		now := db.now()
		row := shiftToRow(s)
		var named shiftRow
		if row.QueueID != cur.QueueID {
			named.QueueID = row.QueueID
		}
		if row.TemplateID != cur.TemplateID {
			named.TemplateID = row.TemplateID
		}
		if err := knownShiftRefs(tx, []shiftRow{named}, func(_ int, name string) string { return name }); err != nil {
			return err
		}
		// The roster first: every writer of its shifts locks it before them.
		if _, err := bumpRoster(tx, cur.RosterID, 0, now, nil); err != nil {
			return err
		}
		res := tx.Model(&shiftRow{}).Where("id = ? AND version = ?", s.ID, cur.Version).Updates(map[string]any{
			"agent_id": row.AgentID, "template_id": row.TemplateID, "start_at": row.StartAt, "end_at": row.EndAt,
			"breaks": row.Breaks, "queue_id": row.QueueID, "activity": row.Activity, "status": row.Status,
			"version": cur.Version + 1, "updated_at": now})
		if res.Error != nil {
			return fmt.Errorf("update shift: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("shift %s changed meanwhile: %w", s.ID, scheduling.ErrStale)
		}
		if row.AgentID != cur.AgentID {
			if err := recordRemovedShifts(tx, cur.RosterID, []shiftRow{cur}, now); err != nil {
				return err
			}
			if err := forgetRemovedShift(tx, s.ID, row.AgentID); err != nil {
				return err
			}
		}
		var fresh shiftRow
		if err := tx.First(&fresh, "id = ?", s.ID).Error; err != nil {
			return notFound(err, "reload shift "+s.ID)
		}
		d, err := fresh.domain()
		out = d
		return err
	})
	return out, err
}

// CreateShift adds one shift to its roster (s.RosterID) and returns it as
// stored, at version 1, with the roster's new version. A queue_id or
// template_id that no queue or template has is refused (ValidationError).
func (db *DB) CreateShift(ctx context.Context, s scheduling.Shift) (scheduling.Shift, int, error) {
	if err := s.Validate(); err != nil {
		return scheduling.Shift{}, 0, err
	}
	s.ID, s.Version = newID(), 1
	row := shiftToRow(s)
	var version int
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := knownShiftRefs(tx, []shiftRow{row}, func(_ int, name string) string { return name }); err != nil {
			return err
		}
		now := db.now()
		v, err := bumpRoster(tx, s.RosterID, 0, now, nil)
		if err != nil {
			return err
		}
		version, row.UpdatedAt = v, now
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("create shift: %w", err)
		}
		return nil
	})
	if err != nil {
		return scheduling.Shift{}, 0, err
	}
	out, err := row.domain()
	return out, version, err
}
