package roster

import (
	"time"

	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// periodLimits passes each agent's contract period hours on to the solver
// as Employee.MinMinutes and MaxMinutes, loosened just enough that the
// solver never rejects a row Check accepts.
//
// The solver counts a type's Shift.Minutes on every day; Check counts the
// shift's paid time, which differs from it on a day the clocks change (a
// 22:00–06:00 night is paid an hour less or more) and for a pinned shift
// with breaks of its own. In a row the agent may work, one shift a day,
//
//	solver total − over ≤ paid total ≤ solver total + under,
//
// where over (under) sums over the days the most the solver can count
// more (less) than is paid, over the shifts the agent may work that day,
// with the paid minutes rounded down (up). Check accepts a paid total up
// to a minute beyond either bound (check.go), so
//
//	MaxMinutes = maxPeriod + 1 + over,  MinMinutes = minPeriod − 1 − under
//
// reject only rows Check rejects too (maxPeriod is rounded, minPeriod
// rounded down, both in whole minutes): for a solver total above the
// maximum, paid ≥ maxPeriod + 2 exceeds the contract's maximum by more than
// a minute; below the minimum, paid ≤ minPeriod − 2 falls short of it by
// more than one. With Minutes the paid minutes of a template's shift
// (model.problem), over and under are 0 for the days the clocks keep, so
// the limits are then the labour rule's own.
//
// A roster Check accepts has every template break placed, so its
// unpinned shifts are paid what their instances say.
func (m *model) periodLimits(p *solver.Problem) {
	S := m.S
	pinned := map[[2]int]int{} // the type of each pinned cell
	for _, pin := range p.Pinned {
		pinned[[2]int{pin.Employee, pin.Day}] = pin.Shift
	}
	for e := range m.agents {
		am := &m.agents[e]
		if am.maxPeriod < 0 && am.minPeriod <= 0 {
			continue
		}
		var over, under int
		for d := 0; d < m.D; d++ {
			o, u := 0, 0
			add := func(s int, paid time.Duration) {
				lo, hi := int(paid/time.Minute), int((paid+time.Minute-1)/time.Minute)
				o = max(o, p.Shifts[s].Minutes-lo)
				u = max(u, hi-p.Shifts[s].Minutes)
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
		if am.maxPeriod >= 0 {
			em.MaxMinutes = int(am.maxPeriod) + 1 + over
		}
		if am.minPeriod > 0 {
			em.MinMinutes = max(int(am.minPeriod)-1-under, 0)
		}
	}
}
