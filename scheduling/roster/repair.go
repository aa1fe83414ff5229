package roster

import (
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// repair removes shifts from rows that still break a hard rule when the
// search stops (a time limit can cut it short before every row is legal):
// it sets to Off, one at a time, the unpinned cell whose removal leaves
// the agent's timeline with the fewest violations, as long as that count
// falls. Rules about breaks and training are left out (breaks are placed
// later). It returns the number of cells changed.
func (m *model) repair(x [][]int) int {
	ctx := newCheckContext(m.in, m.c)
	changed := 0
	for e := range x {
		count := func() int {
			tl := m.timeline(e, x[e])
			n := 0
			for _, v := range ctx.agent(m.agents[e].a, tl) {
				if v.Rule != "breaks" && v.Rule != "training" {
					n++
				}
			}
			return n
		}
		cur := count()
		for cur > 0 {
			best, bestN := -1, cur
			for d, s := range x[e] {
				if s < 0 {
					continue
				}
				if _, pinned := m.pins[[2]int{e, d}]; pinned {
					continue
				}
				x[e][d] = solver.Off
				if n := count(); n < bestN {
					best, bestN = d, n
				}
				x[e][d] = s
			}
			if best < 0 {
				break
			}
			x[e][best] = solver.Off
			changed++
			cur = bestN
		}
	}
	return changed
}

// timeline is agent e's carry-in and row as sorted shifts.
func (m *model) timeline(e int, row []int) []tlShift {
	am := &m.agents[e]
	var tl []tlShift
	for _, p := range am.prev {
		tl = append(tl, tlShift{Shift: p, prev: true})
	}
	for d, s := range row {
		if s < 0 {
			continue
		}
		ins := &m.inst[d*m.S+s]
		sh := scheduling.Shift{AgentID: am.a.ID, Start: ins.start, End: ins.end, Status: scheduling.ShiftActive}
		if t := m.types[s]; t.custom != nil {
			sh = *t.custom
		} else {
			// Unpaid break time counts against paid hours as in the result.
			sh.Breaks = m.unpaidPlaceholder(ins)
		}
		tl = append(tl, tlShift{Shift: sh})
	}
	return tl
}

// unpaidPlaceholder stands for a template's unpaid breaks so that Paid()
// equals the instance's paid time.
func (m *model) unpaidPlaceholder(ins *instance) []scheduling.Break {
	unpaid := ins.end.Sub(ins.start) - ins.paid
	if unpaid <= 0 {
		return nil
	}
	return []scheduling.Break{{Start: ins.start, End: ins.start.Add(unpaid), Paid: false}}
}
