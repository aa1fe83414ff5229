package roster

import (
	"time"

	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// Moves of the contact-centre model that the generic search does not make,
// applied by polish as a steepest descent after it. On a day an agent
// works, the shift may
//
//   - move its start by up to polishReach (2 hours, on the templates'
//     start grid), keeping its template or taking another one, so its
//     length changes too (an 8-hour early becomes a 6-hour one starting
//     at the same time, a part-time shift slides into a ramp, a shift
//     that starts before its queue opens moves into the opening hours);
//   - serve another of the agent's queues;
//   - be dropped, when the agent's weekly minimum hours allow it.
//
// No move adds a working day, so the rules on working days, consecutive
// days and weekends cannot break; daily rest against the neighbouring
// days, availability and the row rules (weekly rest, minimum and maximum
// hours, nights, training days) are checked for every candidate and a
// move is taken only if the row's hard violations do not grow and the
// objective — weighted under-cover, labour cost with premiums (so
// over-cover costs what its paid hours cost), fairness, preferences and
// disruption — strictly falls. The descent ends at a local optimum of
// these moves or at the deadline.
const polishReach = 2 * time.Hour

// polisher holds the state of a polish run.
type polisher struct {
	m     *model
	p     *solver.Problem
	x     [][]int
	t     *tracker
	rules *agentRules
	near  [][]int // near[s]: template types starting within polishReach of s
	req   map[[2]int][]solver.Request
}

// polish improves x in place and returns the change of the objective
// (≤ 0) and the queue served by each cell (index e·D+d, −1 for none).
// Pinned cells and custom shifts are left alone.
func (m *model) polish(p *solver.Problem, x [][]int, deadline time.Time) (int64, []int8) {
	pl := m.newPolisher(p, x)
	if pl == nil {
		return 0, nil
	}
	pl.t = p.Coverage.NewTracker().(*tracker)
	for e, row := range x {
		for d, s := range row {
			if s >= 0 {
				pl.t.Add(e, d, s)
			}
		}
	}
	var total int64
	for pass := 0; ; pass++ {
		var gain int64
		for e := range x {
			if passed(deadline) {
				return total, pl.t.q
			}
			for d := range x[e] {
				gain += pl.improve(e, d)
			}
		}
		total += gain
		if gain == 0 {
			return total, pl.t.q
		}
	}
}

// newPolisher returns a polisher of x without a tracker, or nil when p
// has no agent rules.
func (m *model) newPolisher(p *solver.Problem, x [][]int) *polisher {
	pl := &polisher{m: m, p: p, x: x, req: map[[2]int][]solver.Request{}}
	for _, r := range p.Rules {
		if ar, ok := r.(*agentRules); ok {
			pl.rules = ar
		}
	}
	if pl.rules == nil {
		return nil
	}
	for _, r := range p.Requests {
		k := [2]int{r.Employee, r.Day}
		pl.req[k] = append(pl.req[k], r)
	}
	pl.near = make([][]int, m.S)
	for s, a := range m.types {
		if a.custom != nil {
			continue
		}
		for s2, b := range m.types {
			if s2 != s && b.custom == nil && absDur(a.start-b.start) <= polishReach {
				pl.near[s] = append(pl.near[s], s2)
			}
		}
	}
	return pl
}

// improve takes the best strictly improving move of cell (e, d), if any,
// and returns its change of the objective.
func (pl *polisher) improve(e, d int) int64 {
	m, x, t := pl.m, pl.x, pl.t
	cur := x[e][d]
	if cur < 0 || m.types[cur].custom != nil {
		return 0
	}
	if _, pinned := m.pins[[2]int{e, d}]; pinned {
		return 0
	}
	row := x[e]
	h0, s0 := pl.rules.Evaluate(e, row)
	q0 := int(t.q[e*m.D+d])
	var best int64
	bestS, bestQ := -1, -1
	// try prices cell (e, d) worked as s on curve qd, or off when s is
	// solver.Off, and keeps the best.
	try := func(s, qd int) {
		dl := t.Remove(e, d, cur)
		if s >= 0 {
			dl += t.addTo(e, d, s, qd)
		}
		if s != cur {
			row[d] = s
			h, sf := pl.rules.Evaluate(e, row)
			row[d] = cur
			if h > h0 {
				dl = 1 << 40
			}
			dl += sf - s0 + pl.extra(e, d, s) - pl.extra(e, d, cur)
		}
		if dl < best {
			best, bestS, bestQ = dl, s, qd
		}
		if s >= 0 {
			t.Remove(e, d, s)
		}
		t.addTo(e, d, cur, q0)
	}
	for _, qd := range m.agents[e].queues {
		if qd != q0 {
			try(cur, qd)
		}
	}
	// A dropped shift: the agent's minimum hours and training days are
	// in the row rules; one day fewer worked breaks no other rule.
	try(solver.Off, -1)
	for _, s := range pl.near[cur] {
		if !pl.fits(e, d, s) {
			continue
		}
		for _, qd := range m.agents[e].queues {
			try(s, qd)
		}
	}
	if best >= 0 {
		return 0
	}
	t.Remove(e, d, cur)
	if bestS >= 0 {
		t.addTo(e, d, bestS, bestQ)
	}
	x[e][d] = bestS
	return best
}

// fits reports whether agent e may work type s on day d next to the
// shifts of the neighbouring days.
func (pl *polisher) fits(e, d, s int) bool {
	m, p, row := pl.m, pl.p, pl.x[e]
	if !m.agents[e].allowed[d*m.S+s] {
		return false
	}
	if d > 0 && row[d-1] >= 0 && p.ForbiddenOn(d-1, row[d-1], s) {
		return false
	}
	if d+1 < m.D && row[d+1] >= 0 && p.ForbiddenOn(d, s, row[d+1]) {
		return false
	}
	return true
}

// extra is the part of the objective of cell (e, d) worked as s (or
// solver.Off) that the tracker and the row rules do not hold: requests
// and disruption against the reference roster.
func (pl *polisher) extra(e, d, s int) int64 {
	var c int64
	for _, r := range pl.req[[2]int{e, d}] {
		hit := r.Shift == s
		if r.Shift == solver.Off {
			hit = s != solver.Off // a request for any shift, or a day off
		}
		if hit != r.On {
			c += r.Weight
		}
	}
	if ref := pl.p.Reference; ref != nil && ref[e][d] != s {
		c += pl.p.DisruptionWeight
	}
	return c
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
