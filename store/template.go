package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/shiftplan/shiftplan/scheduling"
)

type templateRow struct {
	ID             string `gorm:"primaryKey"`
	SiteID         string
	Code           string
	Name           string
	EarliestStartS int64 `gorm:"column:earliest_start_s"`
	LatestStartS   int64 `gorm:"column:latest_start_s"`
	StartStepS     int64 `gorm:"column:start_step_s"`
	LengthS        int64 `gorm:"column:length_s"`
	Breaks         string
	Night          bool
	Color          string
	CreatedAt      time.Time
}

func (templateRow) TableName() string { return "shift_templates" }

type breakRuleJSON struct {
	Name          string `json:"name"`
	LengthS       int64  `json:"length_s"`
	Paid          bool   `json:"paid"`
	EarliestAfter int64  `json:"earliest_after_s"`
	LatestAfter   int64  `json:"latest_after_s"`
}

func templateToRow(t scheduling.ShiftTemplate) templateRow {
	brs := make([]breakRuleJSON, len(t.Breaks))
	for i, b := range t.Breaks {
		brs[i] = breakRuleJSON{Name: b.Name, LengthS: secs(b.Length), Paid: b.Paid, EarliestAfter: secs(b.EarliestAfter), LatestAfter: secs(b.LatestAfter)}
	}
	return templateRow{ID: t.ID, SiteID: t.SiteID, Code: t.Code, Name: t.Name, EarliestStartS: secs(t.EarliestStart),
		LatestStartS: secs(t.LatestStart), StartStepS: secs(t.StartStep), LengthS: secs(t.Length), Breaks: toJSON(brs),
		Night: t.Night, Color: t.Color}
}

func (r templateRow) domain() (scheduling.ShiftTemplate, error) {
	t := scheduling.ShiftTemplate{ID: r.ID, SiteID: r.SiteID, Code: r.Code, Name: r.Name, EarliestStart: dur(r.EarliestStartS),
		LatestStart: dur(r.LatestStartS), StartStep: dur(r.StartStepS), Length: dur(r.LengthS), Night: r.Night, Color: r.Color}
	var brs []breakRuleJSON
	if err := fromJSON(r.Breaks, &brs); err != nil {
		return t, fmt.Errorf("shift template %s breaks: %w", r.ID, err)
	}
	for _, b := range brs {
		t.Breaks = append(t.Breaks, scheduling.BreakRule{Name: b.Name, Length: dur(b.LengthS), Paid: b.Paid,
			EarliestAfter: dur(b.EarliestAfter), LatestAfter: dur(b.LatestAfter)})
	}
	return t, nil
}

// CreateShiftTemplate validates and stores a new shift template and sets
// its ID. A site_id no site has is refused (ValidationError).
func (db *DB) CreateShiftTemplate(ctx context.Context, t *scheduling.ShiftTemplate) error {
	if err := t.Validate(); err != nil {
		return err
	}
	row := templateToRow(*t)
	row.ID, row.CreatedAt = newID(), db.now()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := templateCodeFree(tx, t.SiteID, t.Code, ""); err != nil {
			return err
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		if isUnique(err) {
			return templateCodeTaken(t.Code)
		}
		if isForeignKey(err) {
			return unknown("site_id", "site", t.SiteID)
		}
		if errors.Is(err, scheduling.ErrConflict) {
			return err
		}
		return fmt.Errorf("create shift template: %w", err)
	}
	t.ID = row.ID
	return nil
}

// templateCodeFree refuses (ErrConflict, naming the template) a code
// that another template of the site than exceptID has already, compared
// ignoring case and surrounding spaces: imports, the web app and the
// roster views read a code as naming one template of the site. The
// unique index on (site_id, lower(trim(code))) (migration 13) refuses
// one written meanwhile (templateCodeTaken).
func templateCodeFree(tx *gorm.DB, siteID, code, exceptID string) error {
	var rows []templateRow
	if err := tx.Select("id", "code", "name").Where("site_id = ? AND id <> ?", siteID, exceptID).Find(&rows).Error; err != nil {
		return fmt.Errorf("find the site's shift templates: %w", err)
	}
	for _, r := range rows {
		if sameName(r.Code, code) {
			if r.Name != "" {
				return scheduling.Conflict("code %q: the site has shift template %q (%s) already (codes differing only in case or spaces name one template)",
					code, r.Code, r.Name)
			}
			return scheduling.Conflict("code %q: the site has shift template %q already (codes differing only in case or spaces name one template)",
				code, r.Code)
		}
	}
	return nil
}

// templateCodeTaken is the conflict of a code the unique index refused.
func templateCodeTaken(code string) error {
	return scheduling.Conflict("code %q: the site has a shift template of that code already (codes differing only in case or spaces name one template)", code)
}

// FindShiftTemplates returns a site's shift templates ("" = all), ordered by earliest start.
func (db *DB) FindShiftTemplates(ctx context.Context, siteID string) ([]scheduling.ShiftTemplate, error) {
	q := db.gorm.WithContext(ctx).Order("earliest_start_s, code")
	if siteID != "" {
		q = q.Where("site_id = ?", siteID)
	}
	var rows []templateRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find shift templates: %w", err)
	}
	out := make([]scheduling.ShiftTemplate, 0, len(rows))
	for _, r := range rows {
		t, err := r.domain()
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// UpdateShiftTemplate validates and replaces a template's fields (not its
// site). Shifts already rostered keep their times; later solves use the
// new template.
func (db *DB) UpdateShiftTemplate(ctx context.Context, t scheduling.ShiftTemplate) error {
	if err := t.Validate(); err != nil {
		return err
	}
	row := templateToRow(t)
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := templateCodeFree(tx, t.SiteID, t.Code, t.ID); err != nil {
			return err
		}
		res := tx.Model(&templateRow{}).Where("id = ? AND site_id = ?", t.ID, t.SiteID).
			Select("code", "name", "earliest_start_s", "latest_start_s", "start_step_s", "length_s", "breaks", "night", "color").Updates(&row)
		if isUnique(res.Error) {
			return templateCodeTaken(t.Code)
		}
		return updated(res, "shift template", t.Code, t.ID)
	})
}

// FindShiftTemplateByID returns one shift template.
func (db *DB) FindShiftTemplateByID(ctx context.Context, id string) (scheduling.ShiftTemplate, error) {
	var row templateRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return scheduling.ShiftTemplate{}, notFound(err, "find shift template")
	}
	return row.domain()
}

// DeleteShiftTemplate removes a shift template that nothing uses: one
// added by mistake, which every later roster of its site would otherwise
// offer. A template shifts were built from stays (their code and colour
// come from it), as does one an agent's wishes name; ErrConflict says
// which. The template's row is locked first (see locked and
// knownShiftRefs): a shift naming it written meanwhile waits, and is
// either counted here or refused there.
func (db *DB) DeleteShiftTemplate(ctx context.Context, id string) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row templateRow
		if err := locked(tx).Select("id", "code").First(&row, "id = ?", id).Error; err != nil {
			return notFound(err, "find shift template "+id)
		}
		shifts := tx.Model(&shiftRow{}).Where("template_id = ?", id)
		if err := unused(shifts, row.Code, "shift template %q: 1 shift was built from it", "shift template %q: %d shifts were built from it"); err != nil {
			return err
		}
		// Preferences are stored as encoding/json writes them.
		wishes := tx.Model(&preferenceRow{}).Where("kind = ? AND doc LIKE ?", "preferences", `%"template_id":"`+id+`"%`)
		if err := unused(wishes, row.Code, "shift template %q: 1 agent wishes for it", "shift template %q: %d agents wish for it"); err != nil {
			return err
		}
		return updated(tx.Delete(&templateRow{}, "id = ?", id), "shift template", "", id)
	})
}
