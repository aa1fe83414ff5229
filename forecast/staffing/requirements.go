package staffing

import (
	"fmt"
	"math"
	"time"
)

// Requirements returns the requirement of queue q in every interval of a
// horizon. Intervals must be in time order, a whole number of periods apart
// (their Start may be zero when unknown: then they are taken as
// consecutive). A gap of several periods is closed time: no contacts arrive
// and no deferred work is done. On a DST day a horizon of local days simply
// has 46 or 50 half-hours.
//
// Phone and chat queues are staffed interval by interval with [Agents].
// E-mail queues are deferred work: the whole horizon is planned at once with
// [PlanBacklog] (no live work to fill around; use PlanBacklog directly to
// pass it), and each interval's requirement is the agents working the
// backlog then, with Binding "deadline".
func Requirements(intervals []Interval, period time.Duration, q Queue) ([]Requirement, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if period <= 0 {
		return nil, invalid("period", "must be positive, got %v", period)
	}
	for i := 1; i < len(intervals); i++ {
		s0, s1 := intervals[i-1].Start, intervals[i].Start
		if d := s1.Sub(s0); !s0.IsZero() && !s1.IsZero() && (d <= 0 || d%period != 0) {
			return nil, invalid(fmt.Sprintf("intervals[%d].Start", i), "%s is not a whole number of %v periods after %s", s1.Format(time.RFC3339), period, s0.Format(time.RFC3339))
		}
	}
	if q.Skill.Channel == Email {
		return backlogRequirements(intervals, period, q, nil)
	}
	out := make([]Requirement, len(intervals))
	for i, iv := range intervals {
		r, err := Agents(Load{Volume: iv.Volume, Period: period, AHT: iv.AHT}, q)
		if err != nil {
			return nil, fmt.Errorf("interval %d (%s): %w", i, iv.Start.Format(time.RFC3339), err)
		}
		r.Start = iv.Start
		out[i] = r
	}
	return out, nil
}

// backlogRequirements turns a backlog plan into per-interval requirements,
// filling gaps between intervals with closed time. live, if not nil, is the
// live-work agents of each interval, whose troughs the backlog fills.
func backlogRequirements(intervals []Interval, period time.Duration, q Queue, live []float64) ([]Requirement, error) {
	b := Backlog{Period: period, ResponseWithin: q.Target.ResponseWithin}
	if live != nil {
		b.Live = []float64{}
	}
	at := make([]int, len(intervals)) // index of intervals[i] in b.Intervals
	for i, iv := range intervals {
		if i > 0 && !iv.Start.IsZero() && !intervals[i-1].Start.IsZero() {
			for gap := iv.Start.Sub(intervals[i-1].Start)/period - 1; gap > 0; gap-- {
				b.Intervals = append(b.Intervals, Interval{AHT: iv.AHT})
				b.Open = append(b.Open, false)
				if live != nil {
					b.Live = append(b.Live, 0)
				}
			}
		}
		at[i] = len(b.Intervals)
		b.Intervals = append(b.Intervals, Interval{Volume: iv.Volume, AHT: iv.AHT})
		b.Open = append(b.Open, true)
		if live != nil {
			b.Live = append(b.Live, live[i])
		}
	}
	plan, err := PlanBacklog(b)
	if err != nil {
		return nil, fmt.Errorf("queue %q: %w", q.Name, err)
	}
	out := make([]Requirement, len(intervals))
	for i, iv := range intervals {
		x := plan.Agents[at[i]]
		n := ceilTol(x)
		r := Requirement{
			Queue:      q.Name,
			Start:      iv.Start,
			Volume:     iv.Volume,
			AHT:        iv.AHT,
			Erlangs:    iv.Volume * iv.AHT.Seconds() / period.Seconds(),
			Target:     q.Target,
			Model:      "backlog",
			Agents:     n,
			Fractional: x,
			Binding:    "deadline",
			Performance: Performance{
				Agents:               n,
				ServiceLevel:         1, // every deadline in the horizon is met
				AnsweredServiceLevel: 1,
				ASA:                  plan.Wait[at[i]],
				MeanWait:             plan.Wait[at[i]],
				PWait:                1, // deferred work always waits in the backlog
			},
			Marginal: make([]float64, n+marginExtra+1),
		}
		if n > 0 {
			r.Occupancy = x / float64(n)
			r.AtNMinus1 = Performance{Agents: n - 1, Occupancy: 1, PWait: 1}
		}
		if x == 0 {
			r.Binding = "none"
		}
		perAgent := period.Seconds() / iv.AHT.Seconds() // items per agent per interval
		for k := 1; k < len(r.Marginal); k++ {
			r.Marginal[k] = math.Max(0, math.Min(1, x-float64(k-1))) * perAgent
		}
		out[i] = r
	}
	return out, nil
}
