package scheduling

import (
	"math"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ContractKind distinguishes full-time from part-time contracts.
type ContractKind string

// Contract kinds.
const (
	FullTime ContractKind = "full_time"
	PartTime ContractKind = "part_time"
)

// Contract is what an agent is employed for.
type Contract struct {
	Kind ContractKind
	// WeeklyHours is the contracted paid hours per week (overtime starts above it).
	WeeklyHours float64
	// WeeklyMinHours and WeeklyMaxHours bound the scheduled hours per week.
	WeeklyMinHours float64
	WeeklyMaxHours float64
	// PeriodMinHours and PeriodMaxHours bound the paid hours over a whole
	// roster period, whatever its length; 0 means no bound.
	PeriodMinHours float64
	PeriodMaxHours float64
	// MaxDaysPerWeek bounds working days per week; 0 means 5 for full-time and
	// 5 for part-time.
	MaxDaysPerWeek int
	// FixedDaysOff are weekdays the agent never works.
	FixedDaysOff []time.Weekday
	// VacationDays are the paid vacation days a year, in working days
	// (VacationOf); 0: not kept.
	VacationDays float64
}

// Agent is a person who answers contacts.
type Agent struct {
	ID     string
	TeamID string
	// EmployeeNo is the payroll number HR knows the agent by.
	EmployeeNo string
	FirstName  string
	LastName   string
	Email      string
	Contract   Contract
	// HourlyRate is the base pay per hour in the site's currency.
	HourlyRate float64
	// Skills are skill codes (see Skill) such as "phone", "lang:de", "licence:insurance".
	Skills []string
	// HireDate is the first working day and LeaveDate the last (civil
	// dates, at 00:00 UTC; zero: not set). No roster schedules the agent
	// outside them.
	HireDate  time.Time
	LeaveDate time.Time
}

// PastContract is a contract and hourly rate an agent had before the
// current ones.
type PastContract struct {
	Contract   Contract
	HourlyRate float64
	// Until is the first day the contract no longer held (a civil date in
	// the site's zone, at 00:00 UTC).
	Until time.Time
}

// ScheduledContract is a contract and hourly rate an agent is to have
// from a day after today on; on that day it becomes the agent's contract.
type ScheduledContract struct {
	Contract   Contract
	HourlyRate float64
	// From is the first day it holds (a civil date in the site's zone, at
	// 00:00 UTC).
	From time.Time
}

// ContractOn returns the contract and hourly rate a holds on the civil
// date day by its scheduled changes (in order of From): the last one
// from on or before day, else a's own.
func ContractOn(a Agent, scheduled []ScheduledContract, day time.Time) (Contract, float64) {
	c, rate, _ := ContractsOver(ContractSpells(a, nil, scheduled), day, day)
	return c, rate
}

// ContractSpell is a contract and hourly rate with the days they hold:
// from From (zero: from the start) until the day before Until (zero: from
// then on). Scheduled marks a change that has not started.
type ContractSpell struct {
	From, Until time.Time
	Contract    Contract
	HourlyRate  float64
	Scheduled   bool
}

// ContractSpells lays a's contracts out in time, oldest first: its past
// ones (in order of Until), its own, and its scheduled changes (in order
// of From), the last without an Until.
func ContractSpells(a Agent, past []PastContract, scheduled []ScheduledContract) []ContractSpell {
	out := make([]ContractSpell, 0, len(past)+1+len(scheduled))
	var from time.Time
	for _, p := range past {
		out = append(out, ContractSpell{From: from, Until: p.Until, Contract: p.Contract, HourlyRate: p.HourlyRate})
		from = p.Until
	}
	cur := ContractSpell{From: from, Contract: a.Contract, HourlyRate: a.HourlyRate}
	for _, s := range scheduled {
		cur.Until = s.From
		out = append(out, cur)
		cur = ContractSpell{From: s.From, Contract: s.Contract, HourlyRate: s.HourlyRate, Scheduled: true}
	}
	return append(out, cur)
}

// ContractsOver returns, from an agent's spells (ContractSpells), the
// contract and hourly rate of the civil date first and the changes that
// start after it up to last: what a roster of those days holds the agent
// to.
func ContractsOver(spells []ContractSpell, first, last time.Time) (Contract, float64, []ScheduledContract) {
	var c Contract
	var rate float64
	var changes []ScheduledContract
	for _, s := range spells {
		switch {
		case !s.Until.IsZero() && !s.Until.After(first):
		case !s.From.After(first):
			c, rate = s.Contract, s.HourlyRate
		case !s.From.After(last):
			changes = append(changes, ScheduledContract{Contract: s.Contract, HourlyRate: s.HourlyRate, From: s.From})
		}
	}
	return c, rate, changes
}

// Name is the agent's display name.
func (a Agent) Name() string { return strings.TrimSpace(a.FirstName + " " + a.LastName) }

// HasSkills reports whether the agent holds every skill in need.
func (a Agent) HasSkills(need []string) bool {
	for _, n := range need {
		found := false
		for _, s := range a.Skills {
			if s == n {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// MaxHourlyRate bounds an agent's hourly rate: above any wage in any
// currency (10 million), and low enough that a roster's cost stays finite
// (at 10³⁰⁸ for every agent the cost KPI was +Inf, which JSON cannot carry).
const MaxHourlyRate = 10_000_000

// ValidHourlyRate reports whether r lies in [0, MaxHourlyRate] (NaN does not).
func ValidHourlyRate(r float64) bool { return r >= 0 && r <= MaxHourlyRate }

// notCodeRune reports whether r may not appear in a skill code.
func notCodeRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(":._-", r))
}

// Validate checks the agent's fields.
func (a Agent) Validate() error {
	var v ValidationError
	if a.TeamID == "" {
		v.Add("team_id", "is required")
	}
	if a.FirstName == "" && a.LastName == "" {
		v.Add("last_name", "a name is required")
	}
	v.Text("first_name", a.FirstName, MaxNameLength)
	v.Text("last_name", a.LastName, MaxNameLength)
	v.Text("employee_no", a.EmployeeNo, MaxNameLength)
	if _, err := mail.ParseAddress(a.Email); err != nil && a.Email != "" {
		// Optional, but what is there is an address, as a login's is.
		v.Add("email", "must be an e-mail address")
	}
	v.Text("email", a.Email, MaxEmailLength)
	switch a.Contract.Kind {
	case FullTime, PartTime:
	default:
		v.Add("contract.kind", "must be full_time or part_time")
	}
	c := a.Contract
	if c.WeeklyHours <= 0 || c.WeeklyHours > 60 {
		v.Add("contract.weekly_hours", "must be in (0, 60]")
	}
	if c.WeeklyMinHours < 0 || (c.WeeklyMaxHours > 0 && c.WeeklyMinHours > c.WeeklyMaxHours) {
		v.Add("contract.weekly_min_hours", "must be between 0 and weekly_max_hours")
	}
	if c.WeeklyMaxHours > 60 {
		v.Add("contract.weekly_max_hours", "must be at most 60")
	}
	if c.PeriodMinHours < 0 || (c.PeriodMaxHours > 0 && c.PeriodMinHours > c.PeriodMaxHours) {
		v.Add("contract.period_min_hours", "must be between 0 and period_max_hours")
	}
	if c.PeriodMaxHours < 0 {
		v.Add("contract.period_max_hours", "must not be negative")
	}
	if math.IsNaN(c.VacationDays) || c.VacationDays < 0 || c.VacationDays > MaxVacationDays {
		v.Add("contract.vacation_days", "must be in [0, %d]", MaxVacationDays)
	}
	if c.MaxDaysPerWeek < 0 || c.MaxDaysPerWeek > 7 {
		v.Add("contract.max_days_per_week", "must be 0..7")
	}
	if !a.HireDate.IsZero() && !a.LeaveDate.IsZero() && a.LeaveDate.Before(a.HireDate) {
		v.Add("leave_date", "is before hire_date %s", a.HireDate.Format(time.DateOnly))
	}
	if !ValidHourlyRate(a.HourlyRate) {
		v.Add("hourly_rate", "must be in [0, %d] (in the site's currency), got %v", MaxHourlyRate, a.HourlyRate)
	}
	return v.Err()
}

// SkillKind groups skills.
type SkillKind string

// Skill kinds.
const (
	SkillChannel  SkillKind = "channel"
	SkillLanguage SkillKind = "language"
	SkillLicence  SkillKind = "licence"
)

// SkillKinds lists the kinds a skill may have.
var SkillKinds = []SkillKind{SkillChannel, SkillLanguage, SkillLicence}

// Valid reports whether k is one of SkillKinds.
func (k SkillKind) Valid() bool { return slices.Contains(SkillKinds, k) }

// Skill is something an agent can do and a queue can require.
type Skill struct {
	// Code is the stable identifier, e.g. "phone", "lang:de", "licence:insurance".
	Code string
	Kind SkillKind
	Name string
}

// Validate checks the skill's fields.
func (s Skill) Validate() error {
	var v ValidationError
	if s.Code == "" {
		v.Add("code", "is required")
	}
	v.Text("code", s.Code, MaxNameLength)
	if i := strings.IndexFunc(s.Code, notCodeRune); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s.Code[i:])
		v.Add("code", "may hold only letters, digits and : . _ - (it names the skill in addresses and files), found %q", r)
	}
	v.Text("name", s.Name, MaxNameLength)
	if !s.Kind.Valid() {
		v.Add("kind", "must be one of %v", SkillKinds)
	}
	return v.Err()
}
