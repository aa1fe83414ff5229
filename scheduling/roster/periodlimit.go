package roster

import (
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// periodLimits passes on to the solver as Employee.MinMinutes and
// MaxMinutes the bounds on an agent's paid minutes in the period that
// Check's hour rules imply (paidBounds), loosened just enough that the
// solver never rejects a row Check accepts.
//
// The solver counts a type's Shift.Minutes on every day; Check counts the
// shift's paid time, which differs from it on a day the clocks change (a
// 22:00–06:00 night is paid an hour less or more) and for a pinned shift
// with breaks of its own. In a row the agent may work, one shift a day,
//
//	solver total − over ≤ Σ ⌊paid⌋,  Σ ⌈paid⌉ ≤ solver total + under,
//
// where over (under) sums over the days the most the solver can count
// more (less) than is paid, over the shifts the agent may work that day,
// with the paid minutes rounded down (up). With hi and lo whole minutes
// such that Check rejects every row whose paid minutes, summed day by day
// rounded down, exceed hi, or rounded up fall short of lo,
//
//	MaxMinutes = hi + over,  MinMinutes = lo − under
//
// reject only rows Check rejects too. With Minutes the paid minutes of a
// template's shift (model.problem), over and under are 0 for the days the
// clocks keep, so the limits are then paidBounds' own.
//
// A roster Check accepts has every template break placed, so its
// unpinned shifts are paid what their instances say.
func (m *model) periodLimits(p *solver.Problem) {
	S := m.S
	pinned := map[[2]int]int{} // the type of each pinned cell
	for _, pin := range p.Pinned {
		pinned[[2]int{pin.Employee, pin.Day}] = pin.Shift
	}
	inside := m.previousInside()
	for e := range m.agents {
		am := &m.agents[e]
		hi, lo := m.paidBounds(am, inside[am.a.ID])
		if hi < 0 && lo <= 0 {
			continue
		}
		var over, under int
		for d := 0; d < m.D; d++ {
			o, u := 0, 0
			add := func(s int, paid time.Duration) {
				dn, up := int(floorMinutes(paid)), int(ceilMinutes(paid))
				o = max(o, p.Shifts[s].Minutes-dn)
				u = max(u, up-p.Shifts[s].Minutes)
			}
			if t, ok := pinned[[2]int{e, d}]; ok {
				add(t, m.pins[[2]int{e, d}].Paid()) // kept as it is, breaks and all
			} else {
				for s := 0; s < S; s++ {
					if am.allowed[d*S+s] {
						add(s, m.inst[d*S+s].paid)
					}
				}
			}
			over += o
			under += u
		}
		em := &p.Employees[e]
		if hi >= 0 {
			em.MaxMinutes = int(hi) + over
		}
		if lo > 0 {
			em.MinMinutes = max(int(lo)-under, 0)
		}
	}
}

// paidBounds returns hi and lo for periodLimits: whole minutes such that
// Check rejects every row of agent am whose paid minutes, summed day by
// day rounded down, exceed hi, or rounded up fall short of lo (hi < 0 and
// lo ≤ 0 mean none). Check allows a minute beyond each limit; hi is the
// least and lo the greatest of
//
//   - the contract's period hours: maxPeriod + 1 and minPeriod − 1
//     (maxPeriod rounded down, minPeriod rounded up);
//   - the average weekly hours: ⌊maxAverage + 1 min⌋ over the period;
//   - the weekly maximum, Σ_w max(maxWeek_w + 1 − carry_w, 0)
//     over every pay week the period touches, the partial ones at its ends
//     included, where carry_w is what the previous period's shifts were
//     paid in the first week (prevWeekMin, rounded down) and 0 in the
//     others, when every week has a maximum;
//   - the weekly minimum, Σ_w max(minWeek_w − 1, 0) − inside over the full
//     pay weeks in the period, the only ones Check holds it for, the
//     time-off credit deducted (minWeek, rounded up), less inside, the
//     paid minutes rounded up of previous-period shifts that start in the
//     period, which Check counts in their week.
//
// Each weekly bound sums Check's limits on the paid minutes of the weeks,
// whose rounded-down (-up) day sums are at most (least) the weeks' limits
// rounded down (up), so the sum bounds the period's.
func (m *model) paidBounds(am *agentModel, inside int64) (hi, lo int64) {
	c := m.c
	hi = solver.NoLimit
	upTo := func(v int64) {
		if hi < 0 || v < hi {
			hi = v
		}
	}
	if am.maxPeriod >= 0 {
		upTo(am.maxPeriod + 1)
	}
	if limit, ok := c.maxAverage(); ok {
		upTo(floorMinutes(limit) + 1)
	}
	if len(am.maxWeek) == c.week(m.D-1)-c.week(0)+1 {
		var sum int64
		for w := c.week(0); w <= c.week(m.D-1); w++ {
			carry := int64(0)
			if w == c.week(0) {
				carry = am.prevWeekMin
			}
			sum += max(am.maxWeek[w]+1-carry, 0)
		}
		upTo(sum)
	}
	if am.minPeriod > 0 {
		lo = am.minPeriod - 1
	}
	if len(am.minWeek) > 0 {
		var sum int64
		for _, need := range am.minWeek {
			sum += max(need-1, 0)
		}
		lo = max(lo, sum-inside)
	}
	return hi, lo
}

// previousInside returns, by agent, the paid minutes rounded up of the
// shifts of Input.Previous that start in the period or later: Check
// counts them in their pay week.
func (m *model) previousInside() map[string]int64 {
	out := map[string]int64{}
	for _, s := range m.in.Previous {
		if s.Status != scheduling.ShiftCancelled && !s.Start.Before(m.c.start) {
			out[s.AgentID] += ceilMinutes(s.Paid())
		}
	}
	return out
}
