package roster

import (
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// Settings tune Solve. The zero value means defaults.
type Settings struct {
	// TimeLimit bounds the whole solve, from the model's build to the
	// measured roster (default 10 s unless MaxIterations is set). The
	// search stops early enough for breaks, the final check and the KPIs
	// to finish within it.
	TimeLimit time.Duration
	// Seed makes the search reproducible.
	Seed uint64
	// Threads is the number of parallel searches (default 2).
	Threads int
	// MaxIterations, if positive, bounds the iterations of each thread;
	// without a TimeLimit the result then depends on Seed alone.
	MaxIterations int64
	// Progress, if set, is called now and then from Solve's goroutine.
	Progress func(Progress)
}

// Progress reports a running solve.
type Progress struct {
	Elapsed    time.Duration
	Iterations int64
	// Objective is the best soft objective so far and Hard its hard units.
	Objective, Hard int64
}

// Result is a roster with its coverage, KPIs and any broken rule.
type Result struct {
	// Shifts are the roster's shifts in order of agent and start, with
	// breaks placed and QueueID set to the queue each mainly serves.
	// Pinned shifts are returned unchanged.
	Shifts []scheduling.Shift
	// Coverage is the scheduled headcount per queue and interval.
	Coverage []IntervalCoverage
	KPIs     KPIs
	// Violations are the hard rules the roster breaks (none when Solve
	// returns a nil error).
	Violations []Violation
	// Unmet names demand no available agent can serve (coverage that no
	// roster can deliver), e.g. "no agent with lang:de is available for
	// 22:00–06:00 on 24 Dec".
	Unmet []string
	// Objective is the solver's soft objective, Iterations the search's
	// effort and Elapsed the whole solve's wall time.
	Objective  int64
	Iterations int64
	Elapsed    time.Duration
}

// IntervalCoverage is one queue in one interval.
type IntervalCoverage struct {
	Start   time.Time
	QueueID string
	// Required and Scheduled are agents on the queue (Scheduled counts
	// time on the phones: breaks and training excluded, pro rata).
	Required, Scheduled float64
	// ServiceLevel is the expected fraction in [0,1] answered within the
	// queue's target at the scheduled headcount (Erlang C, or Erlang A
	// with a patience); -1 when the volume is unknown or the queue is
	// deferred work.
	ServiceLevel float64
}

// KPIs summarise a roster. Hours are agent-hours of elapsed time.
type KPIs struct {
	// RequiredHours and ScheduledHours per queue: required and on-phone
	// agent-hours; UnderHours and OverHours are their shortfall and surplus
	// summed interval by interval.
	Queues []QueueKPI
	// Totals over all queues.
	RequiredHours, ScheduledHours, UnderHours, OverHours float64
	// PaidHours is all paid time; Cost the labour cost with premiums.
	PaidHours, Cost, PremiumCost float64
	// UnderLowerBound is a lower bound on UnderHours of any roster: per
	// interval, demand beyond what the agents able to work then could
	// cover. HoursLowerBound is a lower bound on the on-phone hours a
	// roster needs to meet the coverable requirement as far as this one
	// does (all of it when UnderHours equals UnderLowerBound): the LP
	// over shift counts with breaks in their windows (see the package
	// doc), at least Σ min(required, coverable, scheduled), and never
	// above ScheduledHours. Gap is (ScheduledHours − HoursLowerBound) /
	// HoursLowerBound ≥ 0, the share by which the scheduled on-phone
	// agent-hours exceed it (benchmark target ≤ 0.02).
	UnderLowerBound, HoursLowerBound, Gap float64
	// ServiceLevel is the volume-weighted expected service level, -1 when
	// no volume is known.
	ServiceLevel float64
	// Fairness spread: max − min over agents of nights, weekend days and
	// holiday hours per 40 contracted hours, ledger included.
	NightSpread, WeekendSpread, HolidaySpread float64
	// HardViolations counts Violations.
	HardViolations int
}

// QueueKPI is one queue's hours.
type QueueKPI struct {
	QueueID                                              string
	RequiredHours, ScheduledHours, UnderHours, OverHours float64
}

// Violation is one broken hard rule.
type Violation struct {
	// Rule names the rule: min_daily_rest, weekly_rest,
	// max_consecutive_days, max_consecutive_nights, max_nights_per_period,
	// min_weekends_off, max_average_weekly_hours, max_weekly_hours,
	// min_weekly_hours, period_hours, max_days_per_week, fixed_day_off, time_off,
	// unavailable, training, overlap, skills, breaks, max_daily_work.
	Rule    string
	AgentID string
	// At is the instant the violation concerns (a shift's start, a
	// window's start).
	At time.Time
	// Message says what is broken, in English.
	Message string
	// format and args are what Message was made from (Source).
	format string
	args   []any
}

// Source returns the format and arguments Message was made from, for
// saying it in another language: the arguments' types are those of
// words.go, numbers, names given by users (queues, trainings,
// unavailability reasons) and skill codes. A message not made from a
// format (rule "input") returns itself as the format, without arguments.
func (v Violation) Source() (string, []any) {
	if v.format == "" {
		return v.Message, nil
	}
	return v.format, v.args
}

func (v Violation) String() string { return v.Rule + ": " + v.Message }
