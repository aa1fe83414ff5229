package staffing

import (
	"fmt"
	"math"
)

// marginExtra is how many agents beyond the requirement the marginal-value
// curve covers.
const marginExtra = 3

// Agents returns the requirement of live queue q (phone or chat) for one
// interval of load l: the smallest N meeting every goal of q.Target, with
// its explanation, fractional value and marginal curve.
//
// Phone queues use Erlang C, or Erlang A when q.Patience > 0. Chat queues use
// the concurrency model of [ChatLoad]. E-mail queues are deferred work and
// cannot be staffed interval by interval: use [Requirements] or [PlanBacklog].
//
// The search walks N = 0, 1, 2, … with the Erlang B recursion, so its cost is
// linear in N; every goal is monotone in N, so the first N meeting them all
// is the answer. It returns ErrInvalid for bad input (including a chat
// concurrency growth or an occupancy cap that would need more than
// MaxErlangs agents) and ErrInfeasible if no N up to
// max(A + 100·√A + 1000, A/MaxOccupancy + 1) meets the goals.
func Agents(l Load, q Queue) (Requirement, error) {
	if err := l.Validate(); err != nil {
		return Requirement{}, err
	}
	if err := q.Validate(); err != nil {
		return Requirement{}, err
	}
	if q.Skill.Channel == Email {
		return Requirement{}, invalid("Skill.Channel", "e-mail is deferred work: staff it over a horizon with Requirements or PlanBacklog")
	}
	k := q.concurrency()
	model := "erlang-c"
	if q.Patience > 0 {
		model = "erlang-a"
	}
	if q.Skill.Channel == Chat {
		// AHT(k)/AHT, computed apart from ChatLoad's Duration, which saturates.
		slower := 1 + q.ConcurrencyGrowth*float64(k-1)
		if busy := l.Erlangs() * slower / float64(k); !(busy <= MaxErlangs) {
			return Requirement{}, invalid("ConcurrencyGrowth", "%d chats at once with a growth of %v make every chat %.3g times longer: %.3g agents busy at once, more than the %d one queue can carry",
				k, q.ConcurrencyGrowth, slower, busy, MaxErlangs)
		}
		l = ChatLoad(l, k, q.ConcurrencyGrowth)
		model = "chat"
	}
	a := l.Erlangs()
	aht := l.AHT.Seconds()
	t := q.Target.AnswerWithin.Seconds()
	limit := int(a/float64(k)+100*math.Sqrt(a)) + 1000
	// The occupancy cap alone needs A/(k·cap) agents (fewer under Erlang A,
	// which carries less than it is offered).
	if byOcc := a / (float64(k) * q.Target.maxOccupancy()); byOcc > MaxErlangs {
		return Requirement{}, invalid("Target.MaxOccupancy", "a cap of %v on %.2f erlangs needs %.0f agents, more than the %d one queue can carry",
			q.Target.MaxOccupancy, l.Erlangs(), byOcc, MaxErlangs)
	} else if byOcc >= float64(limit) {
		limit = int(byOcc) + 1
	}

	var curve []Performance
	found := -1
	visit := func(p Performance) bool {
		curve = append(curve, p)
		if found < 0 && q.Target.meets(p) {
			found = p.Agents
		}
		if found < 0 {
			return p.Agents < limit
		}
		return p.Agents < found+marginExtra
	}
	if q.Patience > 0 {
		curveA(a, aht, t, 1/q.Patience.Seconds(), k, visit)
	} else {
		curveC(a, aht, t, k, visit)
	}
	if found < 0 {
		return Requirement{}, fmt.Errorf("staffing: queue %q, %.2f erlangs: no staffing up to %d agents meets the target: %w", q.Name, a, limit, ErrInfeasible)
	}
	return explain(l, q, model, curve, found), nil
}

// explain builds the requirement of found agents from the performance curve
// (curve[n] is the performance at n agents, n = 0 … found+marginExtra).
func explain(l Load, q Queue, model string, curve []Performance, found int) Requirement {
	r := Requirement{
		Queue:       q.Name,
		Volume:      l.Volume,
		AHT:         l.AHT,
		Erlangs:     l.Erlangs(),
		Target:      q.Target,
		Model:       model,
		Agents:      found,
		Performance: curve[found],
		Binding:     "none",
		Marginal:    make([]float64, len(curve)),
	}
	if found > 0 {
		r.AtNMinus1 = curve[found-1]
	}
	for n := 1; n < len(curve); n++ {
		r.Marginal[n] = l.Volume * (curve[n].ServiceLevel - curve[n-1].ServiceLevel)
	}

	// Each goal alone: its smallest N and its fractional N, interpolating a
	// quantity that is linear or nearly so in N: SL, 1/ASA, 1/occupancy
	// (= N/A under Erlang C, so the fractional is exactly A/MaxOccupancy)
	// and P(abandon).
	t := q.Target
	maxOcc := t.maxOccupancy()
	goals := []struct {
		name  string
		on    bool
		value func(Performance) float64 // increasing in N
		need  float64
	}{
		{"service level", t.ServiceLevel > 0, func(p Performance) float64 { return p.ServiceLevel }, t.ServiceLevel},
		{"asa", t.ASA > 0, func(p Performance) float64 { return inverseWait(p) }, 1 / t.ASA.Seconds()},
		{"occupancy", found > 0, inverseOccupancy, 1 / (maxOcc + occupancyTol)},
		{"abandon", t.MaxAbandon > 0, func(p Performance) float64 { return -p.PAbandon }, -t.MaxAbandon},
	}
	for _, g := range goals {
		if !g.on {
			continue
		}
		n := 0
		for n < found && g.value(curve[n]) < g.need {
			n++
		}
		frac := float64(n)
		if n > 0 {
			lo, hi := g.value(curve[n-1]), g.value(curve[n])
			if hi > lo {
				frac = float64(n-1) + math.Min(1, math.Max(0, (g.need-lo)/(hi-lo)))
			}
			if frac == float64(n-1) {
				frac = math.Nextafter(frac, math.Inf(1)) // stay in (n−1, n]
			}
		}
		if n == found && (r.Binding == "none" || frac > r.Fractional) {
			r.Binding = g.name
		}
		r.Fractional = math.Max(r.Fractional, frac)
	}
	if r.Binding == "none" && found > 0 {
		// No goal binds: N is the smallest stable staffing (N > A).
		r.Binding = "stability"
		r.Fractional = float64(found)
	}
	return r
}

// inverseOccupancy is 1/occupancy, which rises with N. Nobody staffed (N = 0)
// carries nothing, so its occupancy reads 0 under Erlang A, yet it meets no
// cap of a load that needs agents: it is 0 there.
func inverseOccupancy(p Performance) float64 {
	if p.Agents == 0 || p.Occupancy == 0 {
		return 0
	}
	return 1 / p.Occupancy
}

// inverseWait is 1/ASA in 1/s (0 when unstable), which rises with N.
func inverseWait(p Performance) float64 {
	if !p.Stable() {
		return 0
	}
	if p.ASA == 0 {
		return math.Inf(1)
	}
	return 1 / p.ASA.Seconds()
}
