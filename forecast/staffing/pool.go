package staffing

import (
	"fmt"
	"strings"
	"time"
)

// Pooled returns the requirement, per interval, of one pool of agents who
// each hold the skills of every queue given (for instance phone/fr and
// phone/en agents who speak both languages), next to the per-queue
// requirements of [Requirements]. horizons[i] is the forecast of queues[i];
// all horizons cover the same intervals.
//
// Approximation (full flexibility): the pool is one queue fed by the merged
// Poisson streams, λ = Σ λ_q, with the volume-weighted mean handle time, so
// the offered load is exactly Σ A_q; it is staffed against the strictest goal
// of each kind (highest service level with the shortest answer time,
// shortest ASA, lowest occupancy cap and abandonment cap, shortest response
// time). With equal handle times this is exact for first-come-first-served
// routing (every queue sees the pool's waiting times); with unequal ones the
// exponential service of the mean AHT is the usual approximation (Koole
// 2013, ch. 8; Wallace & Whitt 2005, "A staffing algorithm for call centers
// with skill-based routing", M&SOM 7(4), who find that agents with two
// skills already achieve most of this pooling). Because Erlang C has
// economies of scale, the pooled requirement is at most the sum of the
// separate ones when the queues share a target and a handle time; with
// unequal handle times this holds in practice (tested on a day of two
// queues) but is not a theorem.
//
// The queues must share a channel (and, for chat, a concurrency). Patience:
// Erlang C if any queue has none, else the volume-weighted mean.
func Pooled(queues []Queue, horizons [][]Interval, period time.Duration) ([]Requirement, error) {
	if len(queues) == 0 {
		return nil, invalid("queues", "no queue to pool")
	}
	if len(horizons) != len(queues) {
		return nil, invalid("horizons", "has %d forecasts for %d queues", len(horizons), len(queues))
	}
	n := len(horizons[0])
	pool := Queue{Skill: Skill{Channel: queues[0].Skill.Channel}, Concurrency: queues[0].Concurrency, ConcurrencyGrowth: queues[0].ConcurrencyGrowth}
	var names, skills []string
	var patienceVol, vol float64
	patient := false // some queue never abandons: Erlang C
	for i, q := range queues {
		if err := q.Validate(); err != nil {
			return nil, fmt.Errorf("queue %q: %w", q.Name, err)
		}
		if q.Skill.Channel != pool.Skill.Channel {
			return nil, invalid(fmt.Sprintf("queues[%d].Skill.Channel", i), "%s cannot be pooled with %s", q.Skill.Channel, pool.Skill.Channel)
		}
		if q.concurrency() != pool.concurrency() || q.ConcurrencyGrowth != pool.ConcurrencyGrowth {
			return nil, invalid(fmt.Sprintf("queues[%d].Concurrency", i), "chat queues in a pool must share concurrency and its growth")
		}
		if len(horizons[i]) != n {
			return nil, invalid(fmt.Sprintf("horizons[%d]", i), "has %d intervals, horizons[0] has %d", len(horizons[i]), n)
		}
		names = append(names, q.Name)
		skills = append(skills, q.Skill.String())
		pool.Target = strictest(pool.Target, q.Target, i == 0)
		v := 0.0
		for _, iv := range horizons[i] {
			v += iv.Volume
		}
		vol += v
		patienceVol += v * q.Patience.Seconds()
		patient = patient || q.Patience == 0
	}
	switch {
	case !patient && vol > 0:
		pool.Patience = seconds(patienceVol / vol)
	case !patient:
		pool.Patience = queues[0].Patience
	}
	pool.Name = strings.Join(names, "+")
	merged := make([]Interval, n)
	for t := range merged {
		merged[t].Start = horizons[0][t].Start
		work := 0.0
		for i := range queues {
			iv := horizons[i][t]
			if !iv.Start.Equal(merged[t].Start) {
				return nil, invalid(fmt.Sprintf("horizons[%d][%d].Start", i, t), "%v differs from the first queue's %v", iv.Start, merged[t].Start)
			}
			merged[t].Volume += iv.Volume
			work += iv.Volume * iv.AHT.Seconds()
		}
		if merged[t].Volume > 0 {
			merged[t].AHT = seconds(work / merged[t].Volume)
		} else {
			merged[t].AHT = horizons[0][t].AHT
		}
	}
	out, err := Requirements(merged, period, pool)
	if err != nil {
		return nil, fmt.Errorf("pool %s: %w", strings.Join(skills, ", "), err)
	}
	return out, nil
}

// strictest combines two targets goal by goal, keeping the stricter one.
func strictest(a, b Target, first bool) Target {
	if first {
		return b
	}
	if b.ServiceLevel > 0 && (a.ServiceLevel == 0 || b.AnswerWithin < a.AnswerWithin) {
		a.AnswerWithin = b.AnswerWithin
	}
	if b.ServiceLevel > a.ServiceLevel {
		a.ServiceLevel = b.ServiceLevel
	}
	a.ASA = minPositive(a.ASA, b.ASA)
	a.ResponseWithin = minPositive(a.ResponseWithin, b.ResponseWithin)
	if b.MaxOccupancy > 0 && (a.MaxOccupancy == 0 || b.MaxOccupancy < a.MaxOccupancy) {
		a.MaxOccupancy = b.MaxOccupancy
	}
	if b.MaxAbandon > 0 && (a.MaxAbandon == 0 || b.MaxAbandon < a.MaxAbandon) {
		a.MaxAbandon = b.MaxAbandon
	}
	return a
}

func minPositive(a, b time.Duration) time.Duration {
	if a == 0 || (b > 0 && b < a) {
		return b
	}
	return a
}
