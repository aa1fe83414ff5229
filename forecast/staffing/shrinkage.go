package staffing

import "math"

// Shrinkage is the share of paid time in which agents cannot take contacts,
// split so that nothing is counted twice:
//
//   - Planned shrinkage (breaks, meetings, training, coaching) is placed by
//     the roster itself, activity by activity. A roster that models it must
//     be given [Shrinkage.Rostered] coverage, which leaves it out.
//   - Unplanned shrinkage (sickness, lateness, unplanned absence) cannot be
//     placed; it is a factor on the agents to roster.
//
// [Shrinkage.Scheduled] applies both, for a single-interval estimate with no
// roster (what `shiftplan erlang --shrinkage` prints). Components combine
// multiplicatively: unplanned absence removes whole agents, planned
// activities a share of the time of those present, so the total is
// 1 − (1 − Planned)(1 − Unplanned).
type Shrinkage struct {
	// Planned is the fraction of a present agent's paid time spent in planned
	// activities, in [0, MaxShrinkage].
	Planned float64
	// Unplanned is the fraction of rostered agents lost to unplanned absence,
	// in [0, MaxShrinkage].
	Unplanned float64
}

// MaxShrinkage is the largest shrinkage accepted, alone or combined
// (Total): it schedules 100 agents for each one taking contacts. Closer to 1
// the factor 1/(1 − Total) grows without bound (and 1 − Total rounds to 0
// in floating point), so the agents to schedule overflow.
const MaxShrinkage = 0.99

// Validate reports the first field out of [0, MaxShrinkage], or the pair
// ("Shrinkage") when together they exceed MaxShrinkage.
func (s Shrinkage) Validate() error {
	switch {
	case !inRange(s.Planned, 0, MaxShrinkage):
		return invalid("Shrinkage.Planned", "must be a fraction in [0, %v], got %v", MaxShrinkage, s.Planned)
	case !inRange(s.Unplanned, 0, MaxShrinkage):
		return invalid("Shrinkage.Unplanned", "must be a fraction in [0, %v], got %v", MaxShrinkage, s.Unplanned)
	case s.Total() > MaxShrinkage:
		return invalid("Shrinkage", "planned %v and unplanned %v together are %.4g, more than %v", s.Planned, s.Unplanned, s.Total(), MaxShrinkage)
	}
	return nil
}

// Total is the combined shrinkage 1 − (1 − Planned)(1 − Unplanned).
func (s Shrinkage) Total() float64 { return 1 - (1-s.Planned)*(1-s.Unplanned) }

// Scheduled returns ⌈agents / (1 − Total)⌉: the agents to schedule so that
// agents remain on the phones after all shrinkage.
func (s Shrinkage) Scheduled(agents int) int { return ceilTol(s.ScheduledFractional(float64(agents))) }

// ScheduledFractional is agents / (1 − Total), unrounded.
func (s Shrinkage) ScheduledFractional(agents float64) float64 { return agents / (1 - s.Total()) }

// Rostered returns ⌈agents / (1 − Unplanned)⌉: the coverage to ask of a
// roster that places breaks, meetings and training itself.
func (s Shrinkage) Rostered(agents int) int { return ceilTol(s.RosteredFractional(float64(agents))) }

// RosteredFractional is agents / (1 − Unplanned), unrounded.
func (s Shrinkage) RosteredFractional(agents float64) float64 { return agents / (1 - s.Unplanned) }

// ceilTol rounds up, ignoring floating-point noise: 14/0.7 is
// 20.000000000000004 in binary floating point but 20 agents.
func ceilTol(x float64) int { return int(math.Ceil(x - 1e-9)) }
