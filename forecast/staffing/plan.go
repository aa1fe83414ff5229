package staffing

import (
	"fmt"
	"time"
)

// Problem is the staffing of a contact centre over one horizon: several
// queues, their forecasts, and the groups of queues that multi-skilled
// agents serve together.
type Problem struct {
	// Period is the interval length of every forecast.
	Period time.Duration
	// Queues are the queues to staff.
	Queues []Queue
	// Forecasts[i] is the forecast of Queues[i]; all cover the same
	// intervals.
	Forecasts [][]Interval
	// Pools lists groups of queue indices served by agents holding all their
	// skills; each gets a pooled requirement (see [Pooled]). Optional.
	Pools [][]int
	// Blended makes e-mail queues fill the troughs of the live queues
	// (phone and chat) of the problem, as when the same agents answer both;
	// otherwise e-mail is staffed on its own (a flat level).
	Blended bool
}

// Result holds the requirements of a Problem.
type Result struct {
	// Queues[i][t] is the requirement of Problem.Queues[i] in interval t.
	Queues [][]Requirement
	// Pools[j][t] is the pooled requirement of Problem.Pools[j].
	Pools [][]Requirement
	// Live[t] is the total fractional requirement of the live queues in
	// interval t: the profile blended e-mail work is fitted around.
	Live []float64
}

// Plan staffs every queue of p, live queues first, then e-mail queues
// (around the live profile when p.Blended), then the pools. It returns
// ErrInvalid for bad input and ErrInfeasible when a goal cannot be met.
func Plan(p Problem) (Result, error) {
	if len(p.Forecasts) != len(p.Queues) {
		return Result{}, invalid("Forecasts", "has %d forecasts for %d queues", len(p.Forecasts), len(p.Queues))
	}
	n := 0
	if len(p.Forecasts) > 0 {
		n = len(p.Forecasts[0])
	}
	res := Result{Queues: make([][]Requirement, len(p.Queues)), Live: make([]float64, n)}
	for pass := 0; pass < 2; pass++ { // live queues, then deferred work
		for i, q := range p.Queues {
			if (q.Skill.Channel == Email) != (pass == 1) {
				continue
			}
			if len(p.Forecasts[i]) != n {
				return Result{}, invalid(fmt.Sprintf("Forecasts[%d]", i), "has %d intervals, Forecasts[0] has %d", len(p.Forecasts[i]), n)
			}
			var rs []Requirement
			var err error
			if pass == 1 && p.Blended {
				if err = q.Validate(); err == nil {
					rs, err = backlogRequirements(p.Forecasts[i], p.Period, q, res.Live)
				}
			} else {
				rs, err = Requirements(p.Forecasts[i], p.Period, q)
			}
			if err != nil {
				return Result{}, fmt.Errorf("queue %q: %w", q.Name, err)
			}
			res.Queues[i] = rs
			if pass == 0 {
				for t, r := range rs {
					res.Live[t] += r.Fractional
				}
			}
		}
	}
	for j, pool := range p.Pools {
		qs := make([]Queue, len(pool))
		fs := make([][]Interval, len(pool))
		for k, i := range pool {
			if i < 0 || i >= len(p.Queues) {
				return Result{}, invalid(fmt.Sprintf("Pools[%d][%d]", j, k), "no queue %d", i)
			}
			qs[k], fs[k] = p.Queues[i], p.Forecasts[i]
		}
		rs, err := Pooled(qs, fs, p.Period)
		if err != nil {
			return Result{}, err
		}
		res.Pools = append(res.Pools, rs)
	}
	return res, nil
}
