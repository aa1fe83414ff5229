package roster

import (
	"iter"
	"math"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// placed is a shift of the result with what the break placement needs.
type placed struct {
	shift  scheduling.Shift
	e, d   int
	qd     int // demand curve served, or -1
	pinned bool
}

// assemble turns a solver roster into shifts with queues and breaks. The
// queue of cell (e, d) is queue[e·D+d] when queue is not nil, else the one
// where the shift adds the most value, roster order.
func (m *model) assemble(x [][]int, queue []int8) []placed {
	tr := (&coverage{m: m}).NewTracker().(*tracker)
	var out []placed
	for e := range x {
		for d, s := range x[e] {
			if s < 0 {
				continue
			}
			if queue != nil {
				tr.addTo(e, d, s, int(queue[e*m.D+d]))
			} else {
				tr.Add(e, d, s)
			}
			p := placed{e: e, d: d, qd: int(tr.q[e*m.D+d])}
			if pin, ok := m.pins[[2]int{e, d}]; ok {
				p.shift, p.pinned = pin, true
				if p.shift.QueueID == "" && p.qd >= 0 {
					p.shift.QueueID = m.in.Queues[m.dem[p.qd].queue].ID
				}
			} else {
				ins := &m.inst[d*m.S+s]
				p.shift = scheduling.Shift{AgentID: m.agents[e].a.ID, TemplateID: ins.templateID, Start: ins.start, End: ins.end,
					Activity: "work", Status: scheduling.ShiftActive}
				if t := m.types[s]; t.custom != nil {
					p.shift.Breaks = slices.Clone(t.custom.Breaks)
					p.shift.ID, p.shift.RosterID, p.shift.Version = t.custom.ID, t.custom.RosterID, t.custom.Version
				}
				if p.qd >= 0 {
					p.shift.QueueID = m.in.Queues[m.dem[p.qd].queue].ID
				}
			}
			out = append(out, p)
		}
	}
	m.placeBreaks(out)
	return out
}

// onPhone yields the agent-minutes a shift is on the phones in each
// interval: the shift's minutes in it, then less each break's (its
// training among them), an interval yielded once for the shift and once
// for each break that touches it. Sums over it are the shift's on-phone
// minutes per interval.
func (m *model) onPhone(p *placed) iter.Seq2[int, float64] {
	return func(yield func(int, float64) bool) {
		for i, v := range m.minutes(p.shift.Start, p.shift.End) {
			if !yield(i, v) {
				return
			}
		}
		for _, b := range p.shift.Breaks {
			for i, v := range m.minutes(b.Start, b.End) {
				if !yield(i, -v) {
					return
				}
			}
		}
	}
}

// minutes yields the minutes of [s, e) in each interval it touches.
func (m *model) minutes(s, e time.Time) iter.Seq2[int, float64] {
	c := m.c
	return func(yield func(int, float64) bool) {
		first := max(0, int(s.Sub(c.start)/c.interval))
		for i := first; i < c.n; i++ {
			is := c.start.Add(time.Duration(i) * c.interval)
			if !is.Before(e) {
				return
			}
			if o := minTime(e, is.Add(c.interval)).Sub(maxTime(s, is)); o > 0 {
				if !yield(i, o.Minutes()) {
					return
				}
			}
		}
	}
}

// placeBreaks places each shift's template breaks, shift by shift in order
// of start, where the queue it serves can best spare the agent given the
// breaks placed so far; a second pass revisits every break once. Training
// sessions become paid breaks named "training: …".
func (m *model) placeBreaks(ps []placed) {
	c := m.c
	ivMin := c.interval.Minutes()
	x := m.baseMinutes()
	// Training first: it is fixed.
	for k := range ps {
		p := &ps[k]
		if p.pinned {
			continue
		}
		for _, t := range m.in.Training {
			if t.AgentID == p.shift.AgentID && !p.shift.Start.After(t.Start) && !p.shift.End.Before(t.End) {
				p.shift.Breaks = append(p.shift.Breaks, scheduling.Break{Start: t.Start, End: t.End, Paid: true, Name: "training: " + t.Name})
			}
		}
	}
	for k := range ps {
		if p := &ps[k]; p.qd >= 0 {
			for i, v := range m.onPhone(p) {
				x[p.qd][i] += v
			}
		}
	}
	breakCover := func(p *placed, b scheduling.Break, sign float64) {
		if p.qd < 0 {
			return
		}
		for i, v := range m.minutes(b.Start, b.End) {
			x[p.qd][i] += sign * v
		}
	}
	slices.SortStableFunc(ps, func(a, b placed) int { return a.shift.Start.Compare(b.shift.Start) })
	tmpl := map[string]scheduling.ShiftTemplate{}
	for _, t := range m.in.Templates {
		tmpl[t.ID] = t
	}
	step := min(c.interval, 15*time.Minute)
	for pass := 0; pass < 2; pass++ {
		for k := range ps {
			p := &ps[k]
			t, ok := tmpl[p.shift.TemplateID]
			if p.pinned || !ok || m.isCustom(p) {
				continue
			}
			for _, r := range t.Breaks {
				// Lift this rule's break (if placed) off the coverage:
				// its minutes are on the phones again. A shift's cover
				// is its minutes less its breaks', so a break placed or
				// lifted changes its own intervals only.
				p.shift.Breaks = slices.DeleteFunc(p.shift.Breaks, func(b scheduling.Break) bool {
					if b.Name != nameOr(r.Name, "break") {
						return false
					}
					breakCover(p, b, 1)
					return true
				})
				bestOff, bestCost := time.Duration(-1), math.Inf(1)
				for off := r.EarliestAfter; off <= r.LatestIn(p.shift.End.Sub(p.shift.Start)); off += step {
					bs := p.shift.Start.Add(off)
					be := bs.Add(r.Length)
					if clash(p.shift.Breaks, bs, be) {
						continue
					}
					cost := 0.0
					if p.qd >= 0 {
						dc := &m.dem[p.qd]
						for i, v := range m.minutes(bs, be) {
							cost += dc.lost(i, (x[p.qd][i]-v)/ivMin) - dc.lost(i, x[p.qd][i]/ivMin)
							// Among equal losses, stagger: prefer the largest surplus.
							cost += 1e-6 * v * (dc.req[i] - x[p.qd][i]/ivMin)
						}
					}
					if cost < bestCost-1e-12 {
						bestOff, bestCost = off, cost
					}
				}
				if bestOff < 0 {
					continue // no room: Check reports the missing break
				}
				bs := p.shift.Start.Add(bestOff)
				b := scheduling.Break{Start: bs, End: bs.Add(r.Length), Paid: r.Paid, Name: nameOr(r.Name, "break")}
				breakCover(p, b, -1)
				p.shift.Breaks = append(p.shift.Breaks, b)
				slices.SortFunc(p.shift.Breaks, func(a, b scheduling.Break) int { return a.Start.Compare(b.Start) })
			}
		}
	}
}

func (m *model) isCustom(p *placed) bool {
	s := solverCell(m, p)
	return s >= 0 && m.types[s].custom != nil
}

// solverCell returns the type of a placed shift, or -1.
func solverCell(m *model, p *placed) int {
	if _, s, ok := m.cellOf(p.shift); ok {
		return s
	}
	return solver.Off
}

// clash reports whether [s, e) overlaps any break.
func clash(bs []scheduling.Break, s, e time.Time) bool {
	for _, b := range bs {
		if overlaps(s, e, b.Start, b.End) {
			return true
		}
	}
	return false
}

// keepIdentity gives each shift of the result that starts and ends when a
// Reference shift of the same agent does that shift's ID, so that a
// re-solve keeps the shifts it does not move (calendars, swaps and the
// roster's history follow them by ID). The version stays when the queue,
// template, activity and breaks are the same too, and goes up by one
// otherwise. Pinned shifts are left as they are.
func (m *model) keepIdentity(ps []placed) {
	type key struct {
		agent      string
		start, end int64
	}
	ref := map[key]scheduling.Shift{}
	for _, s := range m.in.Reference {
		if s.ID != "" && s.Status != scheduling.ShiftCancelled {
			ref[key{s.AgentID, s.Start.UnixNano(), s.End.UnixNano()}] = s
		}
	}
	for i := range ps {
		p := &ps[i]
		k := key{p.shift.AgentID, p.shift.Start.UnixNano(), p.shift.End.UnixNano()}
		r, ok := ref[k]
		if p.pinned || !ok {
			continue
		}
		delete(ref, k)
		p.shift.ID, p.shift.RosterID, p.shift.Version = r.ID, r.RosterID, r.Version
		if !sameWork(p.shift, r) {
			p.shift.Version++
		}
	}
}

// sameWork reports whether two shifts of the same agent and times serve
// the same queue from the same template with the same activity and breaks.
func sameWork(a, b scheduling.Shift) bool {
	return a.TemplateID == b.TemplateID && a.QueueID == b.QueueID && a.Activity == b.Activity && a.Status == b.Status &&
		slices.EqualFunc(a.Breaks, b.Breaks, func(x, y scheduling.Break) bool {
			return x.Start.Equal(y.Start) && x.End.Equal(y.End) && x.Paid == y.Paid && x.Name == y.Name
		})
}
