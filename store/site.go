package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/shiftplan/shiftplan/scheduling"
)

type organisationRow struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	CreatedAt time.Time
}

func (organisationRow) TableName() string { return "organisations" }

type siteRow struct {
	ID             string `gorm:"primaryKey"`
	OrganisationID string
	Name           string
	TimeZone       string
	HolidayRegion  string
	PayRules       string
	LabourRules    string
	CreatedAt      time.Time
}

func (siteRow) TableName() string { return "sites" }

func (r siteRow) domain() scheduling.Site {
	return scheduling.Site{ID: r.ID, OrganisationID: r.OrganisationID, Name: r.Name, TimeZone: r.TimeZone, HolidayRegion: r.HolidayRegion}
}

type teamRow struct {
	ID        string `gorm:"primaryKey"`
	SiteID    string
	Name      string
	CreatedAt time.Time
}

func (teamRow) TableName() string { return "teams" }

func (r teamRow) domain() scheduling.Team {
	return scheduling.Team{ID: r.ID, SiteID: r.SiteID, Name: r.Name}
}

// CreateOrganisation stores a new organisation and sets its ID.
func (db *DB) CreateOrganisation(ctx context.Context, o *scheduling.Organisation) error {
	v := &scheduling.ValidationError{}
	if o.Name == "" {
		v.Add("name", "is required")
	}
	v.Text("name", o.Name, scheduling.MaxNameLength)
	if err := v.Err(); err != nil {
		return err
	}
	row := organisationRow{ID: newID(), Name: o.Name, CreatedAt: db.now()}
	if err := db.gorm.WithContext(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create organisation: %w", err)
	}
	o.ID = row.ID
	return nil
}

// CreateSite validates and stores a new site and sets its ID.
func (db *DB) CreateSite(ctx context.Context, s *scheduling.Site) error {
	if err := s.Validate(); err != nil {
		return err
	}
	row := siteRow{ID: newID(), OrganisationID: s.OrganisationID, Name: s.Name, TimeZone: s.TimeZone,
		HolidayRegion: s.HolidayRegion, PayRules: "{}", LabourRules: "{}", CreatedAt: db.now()}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := siteNameFree(tx, s.OrganisationID, s.Name, ""); err != nil {
			return err
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		if isUnique(err) {
			return siteNameTaken(s.Name)
		}
		if errors.Is(err, scheduling.ErrConflict) {
			return err
		}
		return fmt.Errorf("create site: %w", err)
	}
	s.ID = row.ID
	return nil
}

// sameName reports whether two names (or codes) name one thing: equal
// ignoring case and surrounding spaces.
func sameName(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// siteNameFree refuses (ErrConflict, naming the site) a name that another
// site of the organisation than exceptID has already, compared ignoring
// case and surrounding spaces, as team names are. The unique index on
// (organisation_id, lower(trim(name))) (migration 13) refuses one written
// meanwhile (siteNameTaken).
func siteNameFree(tx *gorm.DB, orgID, name, exceptID string) error {
	var rows []siteRow
	if err := tx.Select("id", "name").Where("organisation_id = ? AND id <> ?", orgID, exceptID).Find(&rows).Error; err != nil {
		return fmt.Errorf("find the organisation's sites: %w", err)
	}
	for _, r := range rows {
		if sameName(r.Name, name) {
			return scheduling.Conflict("name %q: site %q has it already (names differing only in case or spaces name one site)",
				name, r.Name)
		}
	}
	return nil
}

// siteNameTaken is the conflict of a name the unique index refused.
func siteNameTaken(name string) error {
	return scheduling.Conflict("name %q: another site has it already (names differing only in case or spaces name one site)", name)
}

// FindSiteByID returns one site.
func (db *DB) FindSiteByID(ctx context.Context, id string) (scheduling.Site, error) {
	var row siteRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return scheduling.Site{}, notFound(err, "find site "+id)
	}
	return row.domain(), nil
}

// FindSites returns all sites ordered by name.
func (db *DB) FindSites(ctx context.Context) ([]scheduling.Site, error) {
	var rows []siteRow
	if err := db.gorm.WithContext(ctx).Order("name").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find sites: %w", err)
	}
	out := make([]scheduling.Site, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// SiteRules returns the site's pay rules and labour rules as stored JSON documents.
func (db *DB) SiteRules(ctx context.Context, siteID string) (pay, labour []byte, err error) {
	var row siteRow
	if err := db.gorm.WithContext(ctx).Select("id", "pay_rules", "labour_rules").First(&row, "id = ?", siteID).Error; err != nil {
		return nil, nil, notFound(err, "find site rules "+siteID)
	}
	return []byte(row.PayRules), []byte(row.LabourRules), nil
}

// SetSiteRules replaces the site's pay rules and/or labour rules (nil keeps the stored value).
func (db *DB) SetSiteRules(ctx context.Context, siteID string, pay, labour []byte) error {
	up := map[string]any{}
	if pay != nil {
		up["pay_rules"] = string(pay)
	}
	if labour != nil {
		up["labour_rules"] = string(labour)
	}
	if len(up) == 0 {
		return nil
	}
	res := db.gorm.WithContext(ctx).Model(&siteRow{}).Where("id = ?", siteID).Updates(up)
	if res.Error != nil {
		return fmt.Errorf("update site rules: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("update site rules %s: %w", siteID, scheduling.ErrNotFound)
	}
	return nil
}

// CreateTeam validates and stores a new team and sets its ID. A site_id
// no site has is refused (ValidationError).
func (db *DB) CreateTeam(ctx context.Context, t *scheduling.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	row := teamRow{ID: newID(), SiteID: t.SiteID, Name: t.Name, CreatedAt: db.now()}
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := db.teamNameFree(tx, t.SiteID, t.Name, ""); err != nil {
			return err
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		if isUnique(err) {
			return nameTaken("team", t.Name)
		}
		if isForeignKey(err) {
			return unknown("site_id", "site", t.SiteID)
		}
		if errors.Is(err, scheduling.ErrConflict) {
			return err
		}
		return fmt.Errorf("create team: %w", err)
	}
	t.ID = row.ID
	return nil
}

// teamNameFree refuses (ErrConflict) a name that another team of the
// site than exceptID has already, compared as the agent import matches
// team names: ignoring case and surrounding spaces. On PostgreSQL it
// first locks the site's row against other team writes (foreign keys to
// it still pass), so of two teams named alike at once the second waits
// and then sees the first.
func (db *DB) teamNameFree(tx *gorm.DB, siteID, name, exceptID string) error {
	if db.dialect == Postgres {
		if err := tx.Exec("SELECT id FROM sites WHERE id = ? FOR NO KEY UPDATE", siteID).Error; err != nil {
			return fmt.Errorf("lock site: %w", err)
		}
	}
	var rows []teamRow
	if err := tx.Where("site_id = ? AND id <> ?", siteID, exceptID).Find(&rows).Error; err != nil {
		return fmt.Errorf("find the site's teams: %w", err)
	}
	for _, r := range rows {
		if sameName(r.Name, name) {
			return scheduling.Conflict("team %q: the site has team %q (names differing only in case or spaces name one team)",
				name, r.Name)
		}
	}
	return nil
}

// FindTeamByID returns one team.
func (db *DB) FindTeamByID(ctx context.Context, id string) (scheduling.Team, error) {
	var row teamRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return scheduling.Team{}, notFound(err, "find team "+id)
	}
	return row.domain(), nil
}

// FindTeams returns the teams of a site ("" = all sites), ordered by name.
func (db *DB) FindTeams(ctx context.Context, siteID string) ([]scheduling.Team, error) {
	q := db.gorm.WithContext(ctx).Order("name")
	if siteID != "" {
		q = q.Where("site_id = ?", siteID)
	}
	var rows []teamRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find teams: %w", err)
	}
	out := make([]scheduling.Team, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// Organisation returns the organisation, creating it with name when the
// database holds none yet. shiftplan serves one organisation per database.
func (db *DB) Organisation(ctx context.Context, name string) (scheduling.Organisation, error) {
	var row organisationRow
	err := db.gorm.WithContext(ctx).Order("created_at, id").First(&row).Error
	switch {
	case err == nil:
		return scheduling.Organisation{ID: row.ID, Name: row.Name}, nil
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return scheduling.Organisation{}, fmt.Errorf("find organisation: %w", err)
	}
	o := scheduling.Organisation{Name: name}
	return o, db.CreateOrganisation(ctx, &o)
}

// UpdateSite validates and stores a site's name, time zone and holiday
// region. The zone may change only while the site has no roster: shifts
// are stored as instants, and their local days, nights and pay would
// move under them.
func (db *DB) UpdateSite(ctx context.Context, s scheduling.Site) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row siteRow
		if err := tx.First(&row, "id = ?", s.ID).Error; err != nil {
			return notFound(err, "find site "+s.ID)
		}
		if row.TimeZone != s.TimeZone {
			var n int64
			err := tx.Model(&rosterRow{}).Joins("JOIN teams ON teams.id = rosters.team_id").Where("teams.site_id = ?", s.ID).Count(&n).Error
			if err != nil {
				return fmt.Errorf("count the site's rosters: %w", err)
			}
			switch {
			case n == 1:
				return scheduling.Conflict("site %s has 1 roster in %s; its time zone stays", row.Name, row.TimeZone)
			case n > 1:
				return scheduling.Conflict("site %s has %d rosters in %s; its time zone stays", row.Name, n, row.TimeZone)
			}
		}
		if err := siteNameFree(tx, row.OrganisationID, s.Name, s.ID); err != nil {
			return err
		}
		res := tx.Model(&siteRow{}).Where("id = ?", s.ID).
			Updates(map[string]any{"name": s.Name, "time_zone": s.TimeZone, "holiday_region": s.HolidayRegion})
		if isUnique(res.Error) {
			return siteNameTaken(s.Name)
		}
		return updated(res, "site", s.Name, s.ID)
	})
}

// UpdateTeam renames a team.
func (db *DB) UpdateTeam(ctx context.Context, t scheduling.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := db.teamNameFree(tx, t.SiteID, t.Name, t.ID); err != nil {
			return err
		}
		res := tx.Model(&teamRow{}).Where("id = ? AND site_id = ?", t.ID, t.SiteID).Update("name", t.Name)
		return updated(res, "team", t.Name, t.ID)
	})
}

// locked makes tx's next read hold the rows it reads until tx ends
// (PostgreSQL; SQLite runs one writing transaction at a time). A delete
// reads what it removes this way first: a row inserted meanwhile with a
// foreign key to it waits, and fails once it is gone; one committed
// before is counted.
func locked(tx *gorm.DB) *gorm.DB {
	return tx.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
}

// DeleteTeam removes a team added by mistake, with its team-wide
// notifications and its place in users' team lists. A team that agents
// belong to (also those who have left: their shifts and paid hours stay
// theirs) or that has rosters stays (ErrConflict, saying how many).
func (db *DB) DeleteTeam(ctx context.Context, id string) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row teamRow
		if err := locked(tx).First(&row, "id = ?", id).Error; err != nil {
			return notFound(err, "find team "+id)
		}
		err := belonging(row.Name, "team %q: %s belongs to it; move or remove it first", "team %q: %s belong to it; move or remove them first",
			counted(tx.Model(&agentRow{}).Where("team_id = ?", id), "1 agent", "%d agents"),
			counted(tx.Model(&rosterRow{}).Where("team_id = ?", id), "1 roster", "%d rosters"))
		if err != nil {
			return err
		}
		// Notifications addressed to one login stay theirs.
		if err := tx.Delete(&notificationRow{}, "team_id = ? AND user_id = ''", id).Error; err != nil {
			return fmt.Errorf("delete the team's notifications: %w", err)
		}
		if err := tx.Delete(&userTeamRow{}, "team_id = ?", id).Error; err != nil {
			return fmt.Errorf("delete the team from users: %w", err)
		}
		return updated(tx.Delete(&teamRow{}, "id = ?", id), "team", "", id)
	})
}

// DeleteSite removes a site added by mistake, with its labour and pay
// rules. A site with teams, queues or shift templates stays (ErrConflict,
// saying how many).
func (db *DB) DeleteSite(ctx context.Context, id string) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row siteRow
		if err := locked(tx).Select("id", "name").First(&row, "id = ?", id).Error; err != nil {
			return notFound(err, "find site "+id)
		}
		err := belonging(row.Name, "site %q: %s belongs to it; remove it first", "site %q: %s belong to it; remove them first",
			counted(tx.Model(&teamRow{}).Where("site_id = ?", id), "1 team", "%d teams"),
			counted(tx.Model(&queueRow{}).Where("site_id = ?", id), "1 queue", "%d queues"),
			counted(tx.Model(&templateRow{}).Where("site_id = ?", id), "1 shift template", "%d shift templates"))
		if err != nil {
			return err
		}
		return updated(tx.Delete(&siteRow{}, "id = ?", id), "site", "", id)
	})
}
