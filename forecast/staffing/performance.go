package staffing

import (
	"math"
	"time"
)

// InfiniteWait is the ASA and mean wait of an unstable queue (N ≤ A under
// Erlang C) or of a queue nobody answers.
const InfiniteWait = time.Duration(math.MaxInt64)

// Performance is what a queue achieves with a given number of agents.
type Performance struct {
	// Agents is N, the agents taking contacts (after shrinkage).
	Agents int
	// ServiceLevel is the fraction of offered contacts answered within the
	// target's AnswerWithin, in [0, 1]; abandoned contacts count as failures.
	ServiceLevel float64
	// AnsweredServiceLevel is the fraction of answered contacts answered
	// within AnswerWithin, in [0, 1]; it equals ServiceLevel without
	// abandonment.
	AnsweredServiceLevel float64
	// ASA is the average speed of answer of answered contacts (InfiniteWait
	// when the queue is unstable or nobody is answered).
	ASA time.Duration
	// MeanWait is the mean time in queue of all offered contacts, abandoned
	// ones included; it equals ASA without abandonment.
	MeanWait time.Duration
	// PWait is the probability that a contact waits at all, in [0, 1].
	PWait float64
	// PAbandon is the probability that a contact abandons, in [0, 1]; zero
	// under Erlang C.
	PAbandon float64
	// Occupancy is the carried load per agent (or per chat slot), in [0, 1].
	Occupancy float64
}

// Stable reports whether waits are finite.
func (p Performance) Stable() bool { return p.ASA != InfiniteWait }

// seconds converts seconds to a Duration, saturating at InfiniteWait.
func seconds(s float64) time.Duration {
	if math.IsInf(s, 1) || math.IsNaN(s) || s*1e9 >= float64(math.MaxInt64) {
		return InfiniteWait
	}
	return time.Duration(math.Round(s * 1e9))
}
