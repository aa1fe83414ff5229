package staffing

import (
	"fmt"
	"strings"
	"time"
)

// Requirement is the staffing need of one queue in one interval, with its
// working shown.
type Requirement struct {
	Queue   string        // Queue.Name
	Start   time.Time     // start of the interval (zero for a lone Agents call)
	Volume  float64       // contacts offered in the interval
	AHT     time.Duration // mean handle time used (AHT(k) for chat)
	Erlangs float64       // offered load A = Volume·AHT/Period, in erlangs
	Target  Target        // the goal the requirement meets
	// Model names the queueing model: "erlang-c", "erlang-a", "chat" or
	// "backlog".
	Model string
	// Agents is N, the smallest whole number of agents taking contacts that
	// meets every goal of Target. Shrinkage is not included.
	Agents int
	// Fractional is the continuous requirement, in (Agents−1, Agents]: each
	// goal's metric interpolated linearly between N−1 and N (1/ASA for the
	// ASA goal), taking the largest. A roster can trade fractions between
	// intervals instead of rounding every one up.
	Fractional float64
	// Binding names the goal that sets Agents: "service level", "asa",
	// "occupancy", "abandon", "stability" (the smallest N > A under Erlang
	// C), "deadline" or "none" (no load).
	Binding string
	// Performance is what Agents achieve (ServiceLevel, ASA, Occupancy, …).
	Performance
	// AtNMinus1 is what Agents−1 would achieve: why one fewer is not enough.
	// Zero when Agents is 0. For deferred work it only records that the
	// interval's planned work would not fit (Occupancy 1).
	AtNMinus1 Performance
	// Marginal[k], for k = 0 … Agents+3, is the service gained by the k-th
	// agent (going from k−1 to k agents): the extra contacts answered within
	// Target.AnswerWithin in the interval, Volume·(SL(k) − SL(k−1)). For
	// deferred work it is the contacts the k-th agent handles. Marginal[0] is
	// 0.
	Marginal []float64
}

// Explain returns a one-line account of the requirement, e.g.
// "14 agents for 10.00 erlangs (erlang-c): service level 88.8% ≥ 80% in 20s … ".
func (r Requirement) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d agents (%.2f) for %.2f erlangs (%s), bound by %s: ", r.Agents, r.Fractional, r.Erlangs, r.Model, r.Binding)
	fmt.Fprintf(&b, "at %d %s", r.Agents, r.Performance.summary())
	if r.Agents > 0 {
		fmt.Fprintf(&b, "; at %d %s", r.Agents-1, r.AtNMinus1.summary())
	}
	return b.String()
}

func (p Performance) summary() string {
	asa := "∞"
	if p.Stable() {
		asa = p.ASA.Round(100 * time.Millisecond).String()
	}
	s := fmt.Sprintf("SL %.1f%%, ASA %s, occupancy %.1f%%, P(wait) %.1f%%", 100*p.ServiceLevel, asa, 100*p.Occupancy, 100*p.PWait)
	if p.PAbandon > 0 {
		s += fmt.Sprintf(", abandon %.2f%%", 100*p.PAbandon)
	}
	return s
}
