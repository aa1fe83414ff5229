package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/shiftplan/shiftplan/scheduling"
)

type skillRow struct {
	Code string `gorm:"primaryKey"`
	Kind string
	Name string
}

func (skillRow) TableName() string { return "skills" }

type agentRow struct {
	ID             string `gorm:"primaryKey"`
	TeamID         string
	EmployeeNo     string
	FirstName      string
	LastName       string
	Email          string
	ContractKind   string
	WeeklyHours    float64
	WeeklyMinHours float64
	WeeklyMaxHours float64
	PeriodMinHours float64
	PeriodMaxHours float64
	MaxDaysPerWeek int
	FixedDaysOff   string
	VacationDays   float64
	HourlyRate     float64
	HireDate       *time.Time
	LeaveDate      *time.Time
	CreatedAt      time.Time
}

func (agentRow) TableName() string { return "agents" }

type agentSkillRow struct {
	AgentID   string `gorm:"primaryKey"`
	SkillCode string `gorm:"primaryKey"`
}

func (agentSkillRow) TableName() string { return "agent_skills" }

func agentToRow(a scheduling.Agent) agentRow {
	r := agentRow{ID: a.ID, TeamID: a.TeamID, EmployeeNo: a.EmployeeNo, FirstName: a.FirstName, LastName: a.LastName,
		Email: a.Email, ContractKind: string(a.Contract.Kind), WeeklyHours: a.Contract.WeeklyHours,
		WeeklyMinHours: a.Contract.WeeklyMinHours, WeeklyMaxHours: a.Contract.WeeklyMaxHours,
		PeriodMinHours: a.Contract.PeriodMinHours, PeriodMaxHours: a.Contract.PeriodMaxHours,
		MaxDaysPerWeek: a.Contract.MaxDaysPerWeek, FixedDaysOff: toJSON(orEmpty(a.Contract.FixedDaysOff)), VacationDays: a.Contract.VacationDays,
		HourlyRate: a.HourlyRate}
	if !a.HireDate.IsZero() {
		d := civil(a.HireDate)
		r.HireDate = &d
	}
	if !a.LeaveDate.IsZero() {
		d := civil(a.LeaveDate)
		r.LeaveDate = &d
	}
	return r
}

func (r agentRow) domain(skills []string) (scheduling.Agent, error) {
	a := scheduling.Agent{ID: r.ID, TeamID: r.TeamID, EmployeeNo: r.EmployeeNo, FirstName: r.FirstName, LastName: r.LastName,
		Email: r.Email, HourlyRate: r.HourlyRate, Skills: skills,
		Contract: scheduling.Contract{Kind: scheduling.ContractKind(r.ContractKind), WeeklyHours: r.WeeklyHours,
			WeeklyMinHours: r.WeeklyMinHours, WeeklyMaxHours: r.WeeklyMaxHours,
			PeriodMinHours: r.PeriodMinHours, PeriodMaxHours: r.PeriodMaxHours, MaxDaysPerWeek: r.MaxDaysPerWeek, VacationDays: r.VacationDays}}
	if r.HireDate != nil {
		a.HireDate = civil(*r.HireDate)
	}
	if r.LeaveDate != nil {
		a.LeaveDate = civil(*r.LeaveDate)
	}
	if err := fromJSON(r.FixedDaysOff, &a.Contract.FixedDaysOff); err != nil {
		return a, fmt.Errorf("agent %s fixed_days_off: %w", r.ID, err)
	}
	if a.Skills == nil {
		a.Skills = []string{}
	}
	return a, nil
}

// civil returns the calendar date of t as 00:00 UTC.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// UpsertSkill stores a skill or updates its name and kind. A new code
// that differs from a stored one only in case is refused (ErrConflict,
// naming it): agents and queues match codes exactly, so "Phone" beside
// "phone" would leave a queue needing one without the agents holding the
// other.
func (db *DB) UpsertSkill(ctx context.Context, s scheduling.Skill) error {
	if err := s.Validate(); err != nil {
		return err
	}
	row := skillRow{Code: s.Code, Kind: string(s.Kind), Name: s.Name}
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if db.dialect == Postgres {
			// Skill writes one at a time; reads and the share locks
			// knownSkills takes still pass.
			if err := tx.Exec("LOCK TABLE skills IN SHARE ROW EXCLUSIVE MODE").Error; err != nil {
				return fmt.Errorf("lock skills: %w", err)
			}
		}
		var codes []string
		if err := tx.Model(&skillRow{}).Pluck("code", &codes).Error; err != nil {
			return fmt.Errorf("find skills: %w", err)
		}
		if !slices.Contains(codes, s.Code) {
			for _, c := range codes {
				if strings.EqualFold(c, s.Code) {
					return scheduling.Conflict("skill %q: skill %q exists (codes differing only in case would name two skills)",
						s.Code, c)
				}
			}
		}
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("save skill %s: %w", s.Code, err)
		}
		return nil
	})
}

// knownSkills refuses (ValidationError on field) a code no skill has. It
// holds the skills' rows (PostgreSQL) until tx ends, so that a skill
// being removed meanwhile is either still in use when DeleteSkill counts
// or already gone here.
func knownSkills(tx *gorm.DB, field string, codes []string) error {
	if len(codes) == 0 {
		return nil
	}
	var rows []skillRow
	if err := tx.Clauses(clause.Locking{Strength: clause.LockingStrengthShare}).Where("code IN ?", codes).Find(&rows).Error; err != nil {
		return fmt.Errorf("check skills: %w", err)
	}
	known := make(map[string]bool, len(rows))
	for _, r := range rows {
		known[r.Code] = true
	}
	v := &scheduling.ValidationError{}
	for _, code := range codes {
		if !known[code] {
			v.Add(field, "unknown skill %q", code)
		}
	}
	return v.Err()
}

// DeleteSkill removes a skill added by mistake. A skill agents hold or
// queues need stays (ErrConflict, saying how many agents and which
// queues).
func (db *DB) DeleteSkill(ctx context.Context, code string) error {
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row skillRow
		if err := locked(tx).First(&row, "code = ?", code).Error; err != nil {
			return notFound(err, "find skill "+code)
		}
		why, _, err := uses(counted(tx.Model(&agentSkillRow{}).Where("skill_code = ?", code), "1 agent holds it", "%d agents hold it"))
		if err != nil {
			return err
		}
		// Required skills are a JSON list: decoded here, as a LIKE
		// pattern would take the _ a code may hold for a wildcard.
		var queues []queueRow
		if err := tx.Select("id", "name", "required_skills").Order("name").Find(&queues).Error; err != nil {
			return fmt.Errorf("find queues needing skill %s: %w", code, err)
		}
		var names []string
		for _, r := range queues {
			q, err := r.domain()
			if err != nil {
				return err
			}
			if slices.Contains(q.RequiredSkills, code) {
				names = append(names, strconv.Quote(q.Name))
			}
		}
		switch {
		case len(names) == 1:
			why = append(why, scheduling.Say("queue %s needs it", names[0]))
		case len(names) > 1:
			why = append(why, scheduling.Say("queues %s need it", strings.Join(names, ", ")))
		}
		if len(why) > 0 {
			return scheduling.Conflict("skill %q: %s; take it off them first", code, why)
		}
		return updated(tx.Delete(&skillRow{}, "code = ?", code), "skill", "", code)
	})
}

// FindSkills returns all skills ordered by code.
func (db *DB) FindSkills(ctx context.Context) ([]scheduling.Skill, error) {
	var rows []skillRow
	if err := db.gorm.WithContext(ctx).Order("code").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find skills: %w", err)
	}
	out := make([]scheduling.Skill, len(rows))
	for i, r := range rows {
		out[i] = scheduling.Skill{Code: r.Code, Kind: scheduling.SkillKind(r.Kind), Name: r.Name}
	}
	return out, nil
}

// CreateAgent validates and stores a new agent with its skills and sets its ID.
// A team_id no team has and unknown skill codes are refused (ValidationError).
func (db *DB) CreateAgent(ctx context.Context, a *scheduling.Agent) error {
	if err := a.Validate(); err != nil {
		return err
	}
	row := agentToRow(*a)
	row.ID, row.CreatedAt = newID(), db.now()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			if isForeignKey(err) {
				return unknown("team_id", "team", a.TeamID)
			}
			return fmt.Errorf("create agent: %w", err)
		}
		return setAgentSkills(tx, row.ID, a.Skills)
	})
	if err != nil {
		return err
	}
	a.ID = row.ID
	return nil
}

// UpdateAgent replaces an agent's fields and skills. A team_id no team
// has and unknown skill codes are refused (ValidationError).
func (db *DB) UpdateAgent(ctx context.Context, a scheduling.Agent) error {
	if err := a.Validate(); err != nil {
		return err
	}
	row := agentToRow(a)
	return db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&agentRow{}).Where("id = ?", a.ID).Select("*").Omit("id", "created_at").Updates(&row)
		if isForeignKey(res.Error) {
			return unknown("team_id", "team", a.TeamID)
		}
		if res.Error != nil {
			return fmt.Errorf("update agent: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("update agent %s: %w", a.ID, scheduling.ErrNotFound)
		}
		return setAgentSkills(tx, a.ID, a.Skills)
	})
}

func setAgentSkills(tx *gorm.DB, agentID string, skills []string) error {
	if err := tx.Where("agent_id = ?", agentID).Delete(&agentSkillRow{}).Error; err != nil {
		return fmt.Errorf("clear agent skills: %w", err)
	}
	if err := knownSkills(tx, "skills", skills); err != nil {
		return err
	}
	for _, code := range skills {
		if err := tx.Create(&agentSkillRow{AgentID: agentID, SkillCode: code}).Error; err != nil {
			return fmt.Errorf("add agent skill: %w", err)
		}
	}
	return nil
}

// AgentFilter selects agents; empty fields do not filter.
type AgentFilter struct {
	IDs    []string
	TeamID string
	SiteID string
	Skill  string
	// EmployeeNo selects the agents with exactly this number.
	EmployeeNo string
}

// FindAgentByID returns one agent with its skills.
func (db *DB) FindAgentByID(ctx context.Context, id string) (scheduling.Agent, error) {
	as, err := db.FindAgents(ctx, AgentFilter{IDs: []string{id}})
	if err != nil {
		return scheduling.Agent{}, err
	}
	if len(as) == 0 {
		return scheduling.Agent{}, fmt.Errorf("find agent %s: %w", id, scheduling.ErrNotFound)
	}
	return as[0], nil
}

// FindAgents returns the agents matching f, ordered by last and first name.
func (db *DB) FindAgents(ctx context.Context, f AgentFilter) ([]scheduling.Agent, error) {
	q := db.gorm.WithContext(ctx).Model(&agentRow{}).Order("last_name, first_name, id")
	if len(f.IDs) > 0 {
		q = q.Where("id IN ?", f.IDs)
	}
	if f.TeamID != "" {
		q = q.Where("team_id = ?", f.TeamID)
	}
	if f.SiteID != "" {
		q = q.Where("team_id IN (?)", db.gorm.Model(&teamRow{}).Select("id").Where("site_id = ?", f.SiteID))
	}
	if f.Skill != "" {
		q = q.Where("id IN (?)", db.gorm.Model(&agentSkillRow{}).Select("agent_id").Where("skill_code = ?", f.Skill))
	}
	if f.EmployeeNo != "" {
		q = q.Where("employee_no = ?", f.EmployeeNo)
	}
	var rows []agentRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find agents: %w", err)
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	skills := map[string][]string{}
	if len(ids) > 0 {
		var links []agentSkillRow
		if err := db.gorm.WithContext(ctx).Where("agent_id IN ?", ids).Order("skill_code").Find(&links).Error; err != nil {
			return nil, fmt.Errorf("find agent skills: %w", err)
		}
		for _, l := range links {
			skills[l.AgentID] = append(skills[l.AgentID], l.SkillCode)
		}
	}
	out := make([]scheduling.Agent, len(rows))
	for i, r := range rows {
		a, err := r.domain(skills[r.ID])
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}
