// Package roster builds the contact-centre roster a team lead publishes:
// who works which shift, with breaks and the queue each shift serves, for a
// period of whole local days — legal, fair, cheap and as close to the
// required coverage as it can get, and able to say how close.
//
// # API
//
//	Solve(ctx, Input, Settings) (*Result, error)
//	    the roster: Result.Shifts (instants, placed breaks, QueueID),
//	    Coverage per queue and interval, KPIs, Violations, Unmet. A nil
//	    error means 0 hard violations; errors.Is(err,
//	    scheduling.ErrInfeasible) comes with the best roster and its
//	    Violations; invalid input is a *scheduling.ValidationError.
//	Check(Input, []scheduling.Shift) []Violation
//	    every hard rule a roster breaks (a manual edit: pass the whole
//	    edited roster), each with Rule, AgentID, At and a message such as
//	    "min_daily_rest: 9h between 22:00 shift on 24 Dec and 07:00 shift
//	    on 25 Dec, 11h required".
//	DemandFromHistory(queues, map[queueID][]scheduling.IntervalVolume,
//	    DemandOptions) ([]QueueDemand, error)
//	    forecast.Run and staffing.Requirements per queue; StaffQueue does
//	    the staffing step for known volumes.
//
// Input holds the site and zone, the period (PeriodStart, Days, Interval),
// agents, shift templates, queues and their per-interval Demand, approved
// TimeOff, Unavailable windows (hard or weighted), Preferences, Training
// sessions, the carry-in of the previous period (Previous), Pinned shifts
// that must not change, a Reference draft to stay close to (re-solve),
// LabourRules (zero fields = documented defaults), pay.Rules, the fairness
// Ledger and objective Weights. Settings are TimeLimit, Seed, Threads,
// MaxIterations and a Progress callback.
//
// # Model
//
// Each template's start window is expanded into concrete shift types, one
// per start time; a type on a day is a pair of real instants in the site's
// zone: a 22:00–06:00 template lasts 7 h on the spring-forward night and
// 9 h on the fall-back night, and a shift belongs to the local day it
// starts. A start or end the clock skips moves forward by the gap (02:30
// on the spring-forward night is 03:30), one it shows twice is the first
// of the two instants, in every zone (scheduling.LocalTime). The generic
// local-search solver (scheduling/solver) assigns one type or a day off
// per agent and day. Plugged into it are
//
//   - coverage per queue and interval, weighted by the marginal value of
//     each agent (staffing.Requirement.Marginal normalised to a mean of 1
//     per required agent): the cost of x agents in an interval is
//     Cover·Δh·(V(K) − V(x)), V the cumulated weighted value, so a missing
//     agent costs what it would have added to the service;
//   - labour cost: paid hours × rate × (1 + night, Saturday, Sunday and
//     holiday premiums of pay.Rules), scaled so an average paid hour costs
//     Weights.Cost;
//   - the labour rules as successions (daily rest in elapsed time between
//     the instants of consecutive days), unavailable cells (time off,
//     unavailability, fixed days off, rest after the carry-in, training
//     days) and a row rule for weekly rest in rolling 7-day windows, nights,
//     weekly days and hours and the 48-hour average;
//   - fairness: Σ count²/share over nights, weekend days and holiday hours
//     (ledger included), which for a fixed total is smallest when every
//     agent's count is proportional to the contract hours;
//   - preferences and soft unavailability as weighted requests, pinned
//     cells, and a disruption weight per agent-day changed against Reference.
//
// The search is followed by a steepest descent over moves the generic
// solver does not make (polish.go): on a worked day a shift may start up
// to 2 hours earlier or later, take another template (so its length
// changes), serve another of the agent's queues or be dropped, when the
// row's hard violations do not grow and the objective strictly falls.
// Over-cover is priced by the paid hours it costs, under-cover by the
// marginal values. When the time limit cuts the search short of a legal
// roster, repair.go mends the rows that still break a rule instead:
// shifts removed, then trades that take off a weekend or a day the
// violations name while one or two days of the same week take a shift,
// so that the week's minimum hours still hold.
//
// Breaks are placed after the search, shift by shift, where the queue can
// best spare the agent given the breaks already placed (so they stagger),
// within each break's window. Every result is re-checked with Check.
//
// KPIs include lower bounds. In each interval no roster can put more
// agents on a queue than the agents holding its skills who may work then,
// so Σ max(0, required − coverable) bounds the under-cover. The on-phone
// hours needed to meet every coverable requirement are bounded by the LP
// over shift counts (bound.go): per queue and local day, how many agents
// work each shift type, each taking its breaks at some position in their
// windows, so that every interval's min(required, coverable) — rounded up
// where the agents on the phone are whole — is met, at the least on-phone
// time. Its dual proves the bound and is checked over the whole period;
// it is never below Σ min(required, coverable), and it charges what
// whole shifts cost on a curve's ramps and around its breaks. A roster
// that leaves some coverable requirement open (its team short of agents
// or hours) is bounded, with the same duals, on what it covers of it, so
// the bound never exceeds its hours. Gap =
// (ScheduledHours − HoursLowerBound) / HoursLowerBound: how many per cent
// the scheduled on-phone agent-hours lie above that bound (the benchmark
// target is ≤ 2 %). The bound takes, over every partition of the queues,
// the larger of the LP and the contract floor per part (floor.go): the
// on-phone hours the weekly minimum hours force on the agents who serve
// only that part's queues, for a roster without hard violations. What
// it leaves out — how those hours fall in the week, days and rest, and
// the split at midnight — is still part of the gap.
package roster
