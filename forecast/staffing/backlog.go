package staffing

import (
	"fmt"
	"math"
	"time"
)

// Backlog is a deferred-work staffing problem: e-mail or back-office items
// that need not be answered live but each within ResponseWithin of its
// arrival. It is solved over a whole horizon, not interval by interval.
type Backlog struct {
	// Intervals are the arrivals, consecutive and Period apart.
	Intervals []Interval
	// Period is the interval length.
	Period time.Duration
	// ResponseWithin is the deadline; it must be at least one Period.
	// An item arriving in interval i is due by the end of interval
	// i + ⌊ResponseWithin/Period⌋ − 1 (arrivals are taken at the start of
	// their interval, which is conservative), or by the end of the horizon
	// if that comes first: the next horizon's plan does not know of work
	// left over from this one, so none is left over.
	ResponseWithin time.Duration
	// Live, if not nil, holds the agents already required by live queues in
	// each interval (fractional allowed). Deferred work is placed in the
	// troughs of Live: the plan minimises the peak of Live + deferred agents.
	Live []float64
	// Open, if not nil, marks the intervals in which deferred work may be
	// done (opening hours of the back office).
	Open []bool
}

// BacklogPlan is the solution of a Backlog.
type BacklogPlan struct {
	// Level is the lowest peak of Live + deferred agents meeting every
	// deadline: the "water level" of the plan.
	Level float64
	// Agents[i] is the (fractional) number of agents working the backlog in
	// interval i.
	Agents []float64
	// Handled[i] is the number of items handled in interval i.
	Handled []float64
	// Backlog[i] is the number of items waiting at the end of interval i.
	Backlog []float64
	// Wait[i] is the mean response time of the items that arrived in
	// interval i, measured from the start of their interval to the end of
	// the interval in which they were handled (an upper bound); items still
	// waiting at the end of the horizon are left out.
	Wait []time.Duration
	// Late[i] is the number of items arriving in interval i that miss their
	// deadline or the end of the horizon: zero in a feasible plan.
	Late []float64
}

// PlanBacklog staffs deferred work. The model: work is handled first in,
// first out (with a common deadline this is earliest-deadline-first, which
// meets every deadline whenever any order does — Jackson 1955); at level h
// the backlog may use max(0, h − Live[i]) agents in open interval i, and it
// uses them as soon as there is work. Feasibility is monotone in h, so the
// lowest feasible h is found by bisection; the plan then holds the agents
// actually used, which fill the troughs of live work and clear the
// cumulative backlog within the target. Work is conserved: every item
// arriving in the horizon is handled within it (a deadline past the end of
// the horizon is cut to the end), so the agents of the plan sum to the
// workload, Σ Agents[i] = Σ Volume[i]·AHT[i]/Period, and the final backlog
// is zero.
//
// It returns ErrInvalid for bad input and ErrInfeasible when some items
// have no open interval between their arrival and their deadline (or the
// end of the horizon).
func PlanBacklog(b Backlog) (BacklogPlan, error) {
	if err := b.validate(); err != nil {
		return BacklogPlan{}, err
	}
	n := len(b.Intervals)
	work := make([]float64, n) // agent-intervals of work arriving
	total := 0.0
	for i, iv := range b.Intervals {
		work[i] = iv.Volume * iv.AHT.Seconds() / b.Period.Seconds()
		total += work[i]
	}
	hi := total
	for _, x := range b.Live {
		hi = math.Max(hi, x+total)
	}
	hi++
	if _, ok := b.simulate(work, hi); !ok {
		return BacklogPlan{}, fmt.Errorf("staffing: backlog: a deadline of %v (or the end of the horizon) falls entirely in closed intervals: %w", b.ResponseWithin, ErrInfeasible)
	}
	lo := 0.0
	for i := 0; i < 200 && hi-lo > 1e-13*(1+hi); i++ {
		m := (lo + hi) / 2
		if _, ok := b.simulate(work, m); ok {
			hi = m
		} else {
			lo = m
		}
	}
	plan, _ := b.simulate(work, hi)
	plan.Level = hi
	return plan, nil
}

func (b Backlog) deadline() int { return int(b.ResponseWithin / b.Period) }

func (b Backlog) validate() error {
	switch {
	case b.Period <= 0:
		return invalid("Period", "must be positive, got %v", b.Period)
	case b.ResponseWithin < b.Period:
		return invalid("ResponseWithin", "%v is shorter than the %v period: staff it as a live queue", b.ResponseWithin, b.Period)
	case b.Live != nil && len(b.Live) != len(b.Intervals):
		return invalid("Live", "has %d values for %d intervals", len(b.Live), len(b.Intervals))
	case b.Open != nil && len(b.Open) != len(b.Intervals):
		return invalid("Open", "has %d values for %d intervals", len(b.Open), len(b.Intervals))
	}
	for i, iv := range b.Intervals {
		if err := (Load{Volume: iv.Volume, Period: b.Period, AHT: iv.AHT}).Validate(); err != nil {
			ve := err.(*ValidationError)
			return invalid(fmt.Sprintf("Intervals[%d].%s", i, ve.Field), "%s", ve.Message)
		}
		if i > 0 && !iv.Start.IsZero() && iv.Start.Sub(b.Intervals[i-1].Start) != b.Period {
			return invalid(fmt.Sprintf("Intervals[%d].Start", i), "%v is not one period after the previous interval", iv.Start)
		}
	}
	for i, x := range b.Live {
		if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
			return invalid(fmt.Sprintf("Live[%d]", i), "must be a finite number ≥ 0, got %v", x)
		}
	}
	return nil
}

// simulate runs the first-in-first-out backlog at water level h and reports
// whether every deadline inside the horizon is met. work[i] is in
// agent-intervals.
func (b Backlog) simulate(work []float64, h float64) (BacklogPlan, bool) {
	n := len(work)
	p := BacklogPlan{
		Agents:  make([]float64, n),
		Handled: make([]float64, n),
		Backlog: make([]float64, n),
		Wait:    make([]time.Duration, n),
		Late:    make([]float64, n),
	}
	d := b.deadline()
	left := make([]float64, n)    // work of interval i not yet handled
	waitSum := make([]float64, n) // Σ work handled · intervals waited
	ok := true
	head := 0      // oldest interval with work left
	waiting := 0.0 // items waiting
	for t := 0; t < n; t++ {
		left[t] = work[t]
		waiting += b.Intervals[t].Volume
		capacity := 0.0
		if b.Open == nil || b.Open[t] {
			capacity = h
			if b.Live != nil {
				capacity = math.Max(0, h-b.Live[t])
			}
		}
		for head <= t && capacity > 0 {
			x := math.Min(capacity, left[head])
			left[head] -= x
			capacity -= x
			p.Agents[t] += x
			items := x / b.perItem(head)
			p.Handled[t] += items
			waiting -= items
			waitSum[head] += x * float64(t-head+1)
			if left[head] <= workTol*(1+work[head]) {
				left[head] = 0
				head++
			}
		}
		due := t - d + 1 // the arrivals due by the end of interval t
		if due >= 0 && left[due] > workTol*(1+work[due]) {
			ok = false
			p.Late[due] = left[due] / b.perItem(due)
		}
		if t == n-1 { // the end of the horizon: the rest is due too
			for i := max(due+1, 0); i < n; i++ {
				if left[i] > workTol*(1+work[i]) {
					ok = false
					p.Late[i] = left[i] / b.perItem(i)
				}
			}
		}
		p.Backlog[t] = math.Max(0, waiting)
	}
	for i := range work {
		if done := work[i] - left[i]; done > 0 {
			p.Wait[i] = seconds(waitSum[i] / done * b.Period.Seconds())
		}
	}
	return p, ok
}

// workTol is the relative amount of work treated as nothing (rounding).
const workTol = 1e-12

// perItem is the work of one item of interval i, in agent-intervals.
func (b Backlog) perItem(i int) float64 {
	return b.Intervals[i].AHT.Seconds() / b.Period.Seconds()
}
