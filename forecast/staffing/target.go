package staffing

import (
	"math"
	"time"
)

// Target is a service goal. Zero fields mean "no goal of that kind"; every
// goal set must hold at the required number of agents. A phone or chat
// queue needs at least one of ServiceLevel, ASA, MaxAbandon and a
// MaxOccupancy below 1; an e-mail queue needs ResponseWithin.
type Target struct {
	// ServiceLevel is the fraction of offered contacts, in [0, 1), to be
	// answered within AnswerWithin (0.8 for "80/20"). Abandoned contacts count
	// as not answered. Zero means no service-level goal.
	ServiceLevel float64
	// AnswerWithin is the answer-time threshold T of ServiceLevel. It is also
	// the T at which the service level is reported.
	AnswerWithin time.Duration
	// ASA is the largest acceptable average speed of answer of answered
	// contacts. Zero means no ASA goal.
	ASA time.Duration
	// MaxOccupancy caps occupancy (carried load per agent), in (0, 1]. Zero
	// means 1 (no cap).
	MaxOccupancy float64
	// MaxAbandon caps the abandonment probability, in (0, 1]; it needs a
	// patience (Erlang A). Zero means no cap.
	MaxAbandon float64
	// ResponseWithin is the deadline of deferred work (e-mail, back office):
	// every contact is to be handled within this time of its arrival.
	ResponseWithin time.Duration
}

// Validate reports the first field of t that is out of range.
func (t Target) Validate() error {
	switch {
	case !inRange(t.ServiceLevel, 0, 1) || t.ServiceLevel == 1:
		return invalid("Target.ServiceLevel", "must be a fraction in [0, 1), got %v", t.ServiceLevel)
	case t.AnswerWithin < 0:
		return invalid("Target.AnswerWithin", "must not be negative, got %v", t.AnswerWithin)
	case t.ASA < 0:
		return invalid("Target.ASA", "must not be negative, got %v", t.ASA)
	case !inRange(t.MaxOccupancy, 0, 1):
		return invalid("Target.MaxOccupancy", "must be a fraction in (0, 1], got %v", t.MaxOccupancy)
	case !inRange(t.MaxAbandon, 0, 1):
		return invalid("Target.MaxAbandon", "must be a fraction in (0, 1], got %v", t.MaxAbandon)
	case t.ResponseWithin < 0:
		return invalid("Target.ResponseWithin", "must not be negative, got %v", t.ResponseWithin)
	}
	return nil
}

// live reports whether t has a goal a phone or chat queue can be staffed
// to: a service level, an ASA, an abandonment cap or an occupancy cap
// below 1.
func (t Target) live() bool {
	return t.ServiceLevel > 0 || t.ASA > 0 || t.MaxAbandon > 0 || t.maxOccupancy() < 1
}

func (t Target) maxOccupancy() float64 {
	if t.MaxOccupancy == 0 {
		return 1
	}
	return t.MaxOccupancy
}

// meets reports whether p satisfies every goal of t.
func (t Target) meets(p Performance) bool {
	if !p.Stable() {
		return false // includes N ≤ A under Erlang C and nobody answering
	}
	if p.Agents == 0 {
		return p.Occupancy == 0 && p.PAbandon == 0 // only a zero load needs nobody
	}
	if t.ServiceLevel > 0 && p.ServiceLevel < t.ServiceLevel {
		return false
	}
	if t.ASA > 0 && p.ASA > t.ASA {
		return false
	}
	if p.Occupancy > t.maxOccupancy()+occupancyTol {
		return false
	}
	if t.MaxAbandon > 0 && p.PAbandon > t.MaxAbandon {
		return false
	}
	return true
}

// occupancyTol absorbs rounding in A/N so that, e.g., A = 10 erlangs with a
// 0.8 cap needs exactly 12.5 → 13 agents and 8.5/0.85 needs exactly 10.
const occupancyTol = 1e-12

func inRange(x, lo, hi float64) bool { return !math.IsNaN(x) && x >= lo && x <= hi }
