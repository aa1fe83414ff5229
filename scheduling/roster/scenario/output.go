package scenario

import (
	"time"

	"github.com/shiftplan/shiftplan/scheduling/roster"
)

// Output is the roster file `shiftplan plan` writes. Instants are RFC 3339
// with the site's offset.
type Output struct {
	Scenario    string       `json:"scenario"`
	TimeZone    string       `json:"time_zone"`
	PeriodStart string       `json:"period_start"`
	Days        int          `json:"days"`
	Interval    string       `json:"interval"`
	Shifts      []Shift      `json:"shifts"`
	Coverage    []Coverage   `json:"coverage"`
	KPIs        KPIs         `json:"kpis"`
	Violations  []Violation  `json:"violations"`
	Unmet       []string     `json:"unmet"`
	Solve       SolveSummary `json:"solve"`
}

// Shift is one shift of the roster.
type Shift struct {
	Agent    string    `json:"agent"`
	Template string    `json:"template,omitempty"`
	Queue    string    `json:"queue,omitempty"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	PaidH    float64   `json:"paid_hours"`
	Breaks   []Pause   `json:"breaks"`
}

// Pause is a placed break.
type Pause struct {
	Name  string    `json:"name"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Paid  bool      `json:"paid"`
}

// Coverage is one queue in one interval.
type Coverage struct {
	Start        time.Time `json:"start"`
	Queue        string    `json:"queue"`
	Required     float64   `json:"required"`
	Scheduled    float64   `json:"scheduled"`
	ServiceLevel *float64  `json:"service_level,omitempty"`
}

// KPIs are roster.KPIs with JSON names.
type KPIs struct {
	Queues          []QueueKPI `json:"queues"`
	RequiredHours   float64    `json:"required_hours"`
	ScheduledHours  float64    `json:"scheduled_hours"`
	UnderHours      float64    `json:"under_hours"`
	OverHours       float64    `json:"over_hours"`
	PaidHours       float64    `json:"paid_hours"`
	Cost            float64    `json:"cost"`
	PremiumCost     float64    `json:"premium_cost"`
	UnderLowerBound float64    `json:"under_lower_bound"`
	HoursLowerBound float64    `json:"hours_lower_bound"`
	Gap             float64    `json:"gap"`
	ServiceLevel    *float64   `json:"service_level,omitempty"`
	NightSpread     float64    `json:"night_spread"`
	WeekendSpread   float64    `json:"weekend_spread"`
	HolidaySpread   float64    `json:"holiday_spread"`
	HardViolations  int        `json:"hard_violations"`
}

// QueueKPI is one queue's hours.
type QueueKPI struct {
	Queue          string  `json:"queue"`
	RequiredHours  float64 `json:"required_hours"`
	ScheduledHours float64 `json:"scheduled_hours"`
	UnderHours     float64 `json:"under_hours"`
	OverHours      float64 `json:"over_hours"`
}

// Violation is a broken hard rule.
type Violation struct {
	Rule    string    `json:"rule"`
	Agent   string    `json:"agent"`
	At      time.Time `json:"at"`
	Message string    `json:"message"`
}

// SolveSummary is the search effort.
type SolveSummary struct {
	Seconds    float64 `json:"seconds"`
	Iterations int64   `json:"iterations"`
	Objective  int64   `json:"objective"`
}

// NewOutput renders a result in the site's zone.
func NewOutput(name string, in *roster.Input, res *roster.Result) Output {
	loc := in.Location
	o := Output{Scenario: name, TimeZone: loc.String(), PeriodStart: in.PeriodStart.In(loc).Format(time.DateOnly), Days: in.Days,
		Interval: in.Interval.String(), Unmet: res.Unmet, Shifts: []Shift{}, Violations: []Violation{}}
	if o.Unmet == nil {
		o.Unmet = []string{}
	}
	for _, s := range res.Shifts {
		os := Shift{Agent: s.AgentID, Template: s.TemplateID, Queue: s.QueueID, Start: s.Start.In(loc), End: s.End.In(loc),
			PaidH: s.Paid().Hours(), Breaks: []Pause{}}
		for _, b := range s.Breaks {
			os.Breaks = append(os.Breaks, Pause{Name: b.Name, Start: b.Start.In(loc), End: b.End.In(loc), Paid: b.Paid})
		}
		o.Shifts = append(o.Shifts, os)
	}
	for _, c := range res.Coverage {
		oc := Coverage{Start: c.Start.In(loc), Queue: c.QueueID, Required: c.Required, Scheduled: c.Scheduled}
		if c.ServiceLevel >= 0 {
			sl := c.ServiceLevel
			oc.ServiceLevel = &sl
		}
		o.Coverage = append(o.Coverage, oc)
	}
	k := res.KPIs
	o.KPIs = KPIs{RequiredHours: k.RequiredHours, ScheduledHours: k.ScheduledHours, UnderHours: k.UnderHours, OverHours: k.OverHours,
		PaidHours: k.PaidHours, Cost: k.Cost, PremiumCost: k.PremiumCost, UnderLowerBound: k.UnderLowerBound, HoursLowerBound: k.HoursLowerBound,
		Gap: k.Gap, NightSpread: k.NightSpread, WeekendSpread: k.WeekendSpread, HolidaySpread: k.HolidaySpread, HardViolations: k.HardViolations}
	if k.ServiceLevel >= 0 {
		sl := k.ServiceLevel
		o.KPIs.ServiceLevel = &sl
	}
	for _, q := range k.Queues {
		o.KPIs.Queues = append(o.KPIs.Queues, QueueKPI{Queue: q.QueueID, RequiredHours: q.RequiredHours, ScheduledHours: q.ScheduledHours,
			UnderHours: q.UnderHours, OverHours: q.OverHours})
	}
	for _, v := range res.Violations {
		o.Violations = append(o.Violations, Violation{Rule: v.Rule, Agent: v.AgentID, At: v.At.In(loc), Message: v.Message})
	}
	o.Solve = SolveSummary{Seconds: res.Elapsed.Seconds(), Iterations: res.Iterations, Objective: res.Objective}
	return o
}
