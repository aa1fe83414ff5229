package roster

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// Holidays reports public holidays by local civil date; *holiday.Calendar
// implements it. Nil means no public holidays.
type Holidays = pay.Holidays

// Input is one rostering problem: a team's agents, the shift templates they
// may work, the demand per queue and interval, and the rules and costs of
// the site, for Days local days from PeriodStart.
type Input struct {
	Site scheduling.Site
	// Location is the site's zone; nil loads Site.TimeZone.
	Location *time.Location
	// Holidays decides public-holiday premiums and fairness (nil = none).
	Holidays Holidays
	// PeriodStart is local midnight of the first day (any instant of that
	// local date is accepted and truncated to its midnight); the period runs
	// to local midnight Days days later, so it lasts Days·24 h ± 1 h across
	// a DST change.
	PeriodStart time.Time
	Days        int
	// Interval is the coverage granularity (15 or 30 minutes). Interval i
	// of queue demand starts at PeriodStart + i·Interval in elapsed time,
	// so a 23-hour spring-forward day holds 92 quarter-hours.
	Interval time.Duration

	Agents []scheduling.Agent
	// ContractChanges lists by agent ID the changes of contract that
	// start within the period, in order: an agent's Contract and
	// HourlyRate hold until the first, each change from its day on. Each
	// day's shifts cost its own rate and keep its fixed days off; the
	// limits of a week or of the period that a change splits are pro rata
	// temporis, as pay counts overtime (terms).
	ContractChanges map[string][]scheduling.ScheduledContract
	Templates       []scheduling.ShiftTemplate
	Queues          []scheduling.Queue
	// Demand is the requirement of each queue per interval.
	Demand []QueueDemand

	// TimeOff lists absences; only approved ones (or ones without a
	// status) are honoured.
	TimeOff []scheduling.TimeOff
	// Unavailable lists windows in which an agent cannot (Weight 0) or
	// would rather not (Weight > 0) work.
	Unavailable []Window
	// Preferences are weighted soft wishes for shifts or days off.
	Preferences []Preference
	// Training sessions are paid, off the phones, and must lie inside one
	// of the agent's shifts.
	Training []Training

	// Previous holds the agent's shifts of the preceding published period
	// (at least its last 7 days): the carry-in for rest, consecutive days
	// and nights, weekly rest and weekly hours.
	Previous []scheduling.Shift
	// Pinned shifts (published, past or locked by a lead) are kept as they
	// are; the agent works nothing else on their local day.
	Pinned []scheduling.Shift
	// Reference is the current draft; a re-solve pays
	// Weights.Disruption for every agent-day that differs from it, and a
	// shift of the result at the agent, start and end of a Reference
	// shift keeps that shift's ID (and its version, when its queue,
	// template, activity and breaks are the same too).
	Reference []scheduling.Shift
	// Frozen, when set, is the instant before which the roster no longer
	// changes (now, for a period under way): no shift but a pinned one
	// may start before it. The shifts that began before it belong in
	// Pinned.
	Frozen time.Time

	Rules LabourRules
	Pay   pay.Rules
	// Ledger carries fairness counts across periods, by agent ID.
	Ledger map[string]FairnessLedger
	// Weights of the soft objective; zero fields take defaults.
	Weights Weights
}

// QueueDemand is the staffing requirement of one queue per interval,
// usually from staffing.Requirements.
type QueueDemand struct {
	QueueID string
	// Required[i] is the agents needed on the queue in interval i (after
	// unplanned shrinkage; breaks and training are placed by the roster).
	Required []float64
	// Marginal[i][k], k ≥ 1, is the service gained by the k-th agent in
	// interval i (staffing.Requirement.Marginal). Nil weighs every missing
	// agent alike.
	Marginal [][]float64
	// Volume and AHT per interval, when known, let KPIs recompute the
	// expected service level on the scheduled headcount.
	Volume []float64
	AHT    []time.Duration
	// Unplanned is the unplanned shrinkage in [0,1) already in Required;
	// the service level is recomputed on Scheduled·(1 − Unplanned).
	Unplanned float64
	// Others[i], when known, is the agents of other teams on the queue
	// in interval i, already taken off Required: they answer the same
	// Volume, so the service level counts them with Scheduled.
	Others []float64
}

// Window is a span [Start, End) of one agent's time.
type Window struct {
	AgentID    string
	Start, End time.Time
	// Weight 0 makes the window hard; a positive weight is the soft
	// penalty per shift that overlaps it.
	Weight int64
	// StartsOnly makes the window forbid only the shifts that start in
	// it: a shift that began before it may run into it, as a night that
	// begins on an agent's last working day ends after it.
	StartsOnly bool
	// Reason, if set, says why the agent cannot work there, in the
	// violation a shift in the window breaks ("after the last working
	// day, 31 Mar").
	Reason string
}

// blocks reports whether the window rules out a shift from start to end.
func (w Window) blocks(start, end time.Time) bool {
	if w.StartsOnly {
		return !start.Before(w.Start) && start.Before(w.End)
	}
	return overlaps(start, end, w.Start, w.End)
}

// Preference is a soft wish of one agent for one local date: a template
// (or any shift when TemplateID is empty), or, with Off, a day off.
type Preference struct {
	AgentID string
	// Date is the civil date (its year, month and day are read as they
	// are, whatever its location).
	Date       time.Time
	TemplateID string
	Off        bool
	// Weight is due when the wish is not met (default Weights.Preference).
	Weight int64
}

// Training is a paid session off the phones.
type Training struct {
	AgentID    string
	Start, End time.Time
	Name       string
}

// FairnessLedger is what an agent has worked in earlier periods.
type FairnessLedger struct {
	Nights       int
	WeekendDays  int
	HolidayHours float64
}

// Weights of the soft objective, in objective units. One weighted
// agent-hour of under-cover costs Cover; the defaults make an average
// agent-hour of labour cost a tenth of that.
type Weights struct {
	Cover      int64 // per weighted under-covered agent-hour (default 20)
	Cost       int64 // per average-rate paid hour with premiums (default 2)
	Preference int64 // per unmet preference without its own weight (default 10)
	Disruption int64 // per agent-day changed against Reference (default 30)
	Fairness   int64 // per unit of the fairness spread terms (default 2)
}

// MaxWeight bounds each of Weights, and the weight of a preference or of
// a soft unavailable window.
const MaxWeight = 1_000_000

func (w Weights) withDefaults() Weights {
	def := func(v *int64, d int64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&w.Cover, 20)
	def(&w.Cost, 2)
	def(&w.Preference, 10)
	def(&w.Disruption, 30)
	def(&w.Fairness, 2)
	return w
}

// validate checks the input and fills the location.
func (in *Input) validate() error {
	var v scheduling.ValidationError
	if in.Location == nil {
		loc, err := in.Site.Location()
		if err != nil || in.Site.TimeZone == "" {
			v.Add("site.time_zone", "unknown IANA time zone %q", in.Site.TimeZone)
		} else {
			in.Location = loc
		}
	}
	for _, w := range []struct {
		name string
		v    int64
	}{{"cover", in.Weights.Cover}, {"cost", in.Weights.Cost}, {"preference", in.Weights.Preference},
		{"disruption", in.Weights.Disruption}, {"fairness", in.Weights.Fairness}} {
		// A negative weight rewards what it should price (a cover weight
		// of −5 left 2 608 agent-hours uncovered); past MaxWeight the
		// objective's sums can overflow.
		if w.v < 0 || w.v > MaxWeight {
			v.Add("weights."+w.name, "must be in 0..%d (0 takes the default), got %d", MaxWeight, w.v)
		}
	}
	if in.Days <= 0 || in.Days > scheduling.MaxRosterDays {
		v.Add("days", "must be in 1..%d, got %d", scheduling.MaxRosterDays, in.Days)
	}
	if in.Interval <= 0 || (24*time.Hour)%in.Interval != 0 || in.Interval%time.Minute != 0 {
		v.Add("interval", "must be whole minutes dividing a day (15m, 30m), got %v", in.Interval)
	}
	if in.PeriodStart.IsZero() {
		v.Add("period_start", "is required")
	}
	if len(in.Agents) == 0 {
		v.Add("agents", "at least one agent is required")
	}
	if len(in.Templates) == 0 {
		v.Add("templates", "at least one shift template is required")
	}
	ids := map[string]bool{}
	for i, a := range in.Agents {
		if a.ID == "" || ids[a.ID] {
			v.Add(fmt.Sprintf("agents[%d].id", i), "must be unique and non-empty, got %q", a.ID)
		}
		ids[a.ID] = true
		validContract(&v, fmt.Sprintf("agents[%d]", i), a.Contract, a.HourlyRate)
	}
	in.validateContractChanges(&v, ids)
	tids := map[string]bool{}
	for i, t := range in.Templates {
		if t.ID == "" || tids[t.ID] {
			v.Add(fmt.Sprintf("templates[%d].id", i), "must be unique and non-empty, got %q", t.ID)
		}
		tids[t.ID] = true
		if err := t.Validate(); err != nil {
			v.Add(fmt.Sprintf("templates[%d]", i), "%v", err)
		}
	}
	qids := map[string]bool{}
	for i, q := range in.Queues {
		if q.ID == "" || qids[q.ID] {
			v.Add(fmt.Sprintf("queues[%d].id", i), "must be unique and non-empty, got %q", q.ID)
		}
		qids[q.ID] = true
	}
	for i, d := range in.Demand {
		f := fmt.Sprintf("demand[%d]", i)
		if !qids[d.QueueID] {
			v.Add(f+".queue_id", "unknown queue %q", d.QueueID)
		}
		for j, r := range d.Required {
			if r < 0 || r != r {
				v.Add(fmt.Sprintf("%s.required[%d]", f, j), "must be a non-negative number, got %v", r)
				break
			}
		}
		if d.Marginal != nil && len(d.Marginal) != len(d.Required) {
			v.Add(f+".marginal", "has %d intervals, required has %d", len(d.Marginal), len(d.Required))
		}
	}
	check := func(kind string, i int, agent string, s, e time.Time) {
		f := fmt.Sprintf("%s[%d]", kind, i)
		if !ids[agent] {
			v.Add(f+".agent_id", "unknown agent %q", agent)
		}
		if !e.After(s) {
			v.Add(f+".end", "must be after start")
		}
	}
	for i, t := range in.TimeOff {
		check("time_off", i, t.AgentID, t.Start, t.End)
	}
	for i, w := range in.Unavailable {
		check("unavailable", i, w.AgentID, w.Start, w.End)
		if w.Weight < 0 || w.Weight > MaxWeight {
			v.Add(fmt.Sprintf("unavailable[%d].weight", i), "must be in 0..%d (0: hard), got %d", MaxWeight, w.Weight)
		}
	}
	for i, t := range in.Training {
		check("training", i, t.AgentID, t.Start, t.End)
	}
	for i, p := range in.Preferences {
		if !ids[p.AgentID] {
			v.Add(fmt.Sprintf("preferences[%d].agent_id", i), "unknown agent %q", p.AgentID)
		}
		if p.TemplateID != "" && !tids[p.TemplateID] {
			v.Add(fmt.Sprintf("preferences[%d].template_id", i), "unknown template %q", p.TemplateID)
		}
		if p.Weight < 0 || p.Weight > MaxWeight {
			v.Add(fmt.Sprintf("preferences[%d].weight", i), "must be in 0..%d (0 takes the default), got %d", MaxWeight, p.Weight)
		}
	}
	for _, set := range []struct {
		name   string
		shifts []scheduling.Shift
	}{{"previous", in.Previous}, {"pinned", in.Pinned}, {"reference", in.Reference}} {
		for i, s := range set.shifts {
			f := fmt.Sprintf("%s[%d]", set.name, i)
			if !s.End.After(s.Start) {
				v.Add(f+".end", "must be after start")
			}
			if set.name != "previous" && !ids[s.AgentID] {
				v.Add(f+".agent_id", "unknown agent %q", s.AgentID)
			}
		}
	}
	if err := in.Pay.Validate(); err != nil {
		v.Add("pay", "%v", err)
	}
	if err := in.Rules.Validate(); err != nil {
		var rv *scheduling.ValidationError
		errors.As(err, &rv)
		for _, f := range rv.Fields {
			f.Field = "rules." + f.Field
			v.Fields = append(v.Fields, f)
		}
	}
	return v.Err()
}

// validContract checks the hours and the hourly rate of a contract.
func validContract(v *scheduling.ValidationError, field string, c scheduling.Contract, rate float64) {
	if c.WeeklyHours < 0 || c.WeeklyMaxHours < 0 || c.WeeklyMinHours < 0 || c.PeriodMinHours < 0 || c.PeriodMaxHours < 0 {
		v.Add(field+".contract", "hours must not be negative")
	}
	if !scheduling.ValidHourlyRate(rate) {
		v.Add(field+".hourly_rate", "must be in [0, %d], got %v", scheduling.MaxHourlyRate, rate)
	}
}

// validateContractChanges checks that each change is of a known agent,
// starts on a day of the period after its first, after the change
// before it, and is a valid contract.
func (in *Input) validateContractChanges(v *scheduling.ValidationError, agents map[string]bool) {
	ids := slices.Sorted(maps.Keys(in.ContractChanges))
	first, last := 0, 0
	if in.Location != nil && !in.PeriodStart.IsZero() {
		first = civilDate(in.PeriodStart.In(in.Location))
		last = first + in.Days - 1
	}
	for _, id := range ids {
		f := fmt.Sprintf("contract_changes[%s]", id)
		if !agents[id] {
			v.Add(f, "unknown agent %q", id)
		}
		prev := first
		for i, c := range in.ContractChanges[id] {
			f := fmt.Sprintf("%s[%d]", f, i)
			switch day := civilDate(c.From); {
			case day <= prev || day > last:
				v.Add(f+".from", "must be a day of the period after its first and after the change before it, got %s", c.From.Format(time.DateOnly))
			default:
				prev = day
			}
			validContract(v, f, c.Contract, c.HourlyRate)
		}
	}
}

// templatesWork refuses, for Solve, the templates whose shifts hold more
// work than the labour rules allow a day: the solver would never use
// them. Check takes them, and flags each such shift (max_daily_work).
func (in *Input) templatesWork() error {
	var v scheduling.ValidationError
	if mw := in.Rules.DailyWork(); mw > 0 {
		for i, t := range in.Templates {
			if t.Work() > mw {
				v.Add(fmt.Sprintf("templates[%d]", i), "template %s has %s of work a shift, more than the %s a day of the labour rules (max_daily_work)",
					t.Code, Hours(t.Work()), Hours(mw))
			}
		}
	}
	return v.Err()
}

// For is the input narrowed to the agent with id: that agent alone, with
// their time off, windows, training, wishes, pinned, reference and
// carry-in shifts, fairness ledger and contract changes. Check of it
// checks that agent's shifts as Check of the whole input does, since
// every rule is one agent's: what a shift moved to them would break.
func (in Input) For(id string) Input {
	out := in
	out.Agents = slices.DeleteFunc(slices.Clone(in.Agents), func(a scheduling.Agent) bool { return a.ID != id })
	out.TimeOff = slices.DeleteFunc(slices.Clone(in.TimeOff), func(t scheduling.TimeOff) bool { return t.AgentID != id })
	out.Unavailable = slices.DeleteFunc(slices.Clone(in.Unavailable), func(w Window) bool { return w.AgentID != id })
	out.Training = slices.DeleteFunc(slices.Clone(in.Training), func(t Training) bool { return t.AgentID != id })
	out.Preferences = slices.DeleteFunc(slices.Clone(in.Preferences), func(p Preference) bool { return p.AgentID != id })
	other := func(s scheduling.Shift) bool { return s.AgentID != id }
	out.Pinned = slices.DeleteFunc(slices.Clone(in.Pinned), other)
	out.Reference = slices.DeleteFunc(slices.Clone(in.Reference), other)
	out.Previous = slices.DeleteFunc(slices.Clone(in.Previous), other)
	if l, ok := in.Ledger[id]; ok {
		out.Ledger = map[string]FairnessLedger{id: l}
	} else {
		out.Ledger = nil
	}
	if cs, ok := in.ContractChanges[id]; ok {
		out.ContractChanges = map[string][]scheduling.ScheduledContract{id: cs}
	} else {
		out.ContractChanges = nil
	}
	return out
}
