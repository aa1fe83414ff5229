package roster

import (
	"math"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// trim is a steepest descent on the assembled roster, after breaks are
// placed. The search and polish price a shift's breaks as spread evenly
// over their windows (instance.prof), so at a peak they see every agent
// missing for a share of each break, while placeBreaks then moves the
// breaks to where the queue can spare the agent: the peak is covered in
// full and the shifts added for it are over-cover elsewhere. trim prices
// the real coverage instead: for each shift, in order of agent and day,
// it tries dropping it and every polish move (another start within
// polishReach, another template, another queue), each with its breaks
// placed greedily where they cost least, and takes the best one that
// strictly lowers weighted under-cover plus labour cost, soft rules,
// requests and disruption without adding a hard violation. Pinned and
// custom shifts and days with training are left alone. It returns the
// shifts kept (ps is reused) and whether anything changed.
func (m *model) trim(p *solver.Problem, x [][]int, ps []placed, deadline time.Time) ([]placed, bool) {
	pl := m.newPolisher(p, x)
	if pl == nil {
		return ps, false
	}
	tr := &trimmer{pl: pl, ivMin: m.c.interval.Minutes(), scale: float64(m.w.Cover) * m.c.interval.Hours(),
		tmpl: map[string]scheduling.ShiftTemplate{}}
	for _, t := range m.in.Templates {
		tr.tmpl[t.ID] = t
	}
	tr.x = make([][]float64, len(m.dem))
	for i := range tr.x {
		tr.x[i] = make([]float64, m.c.n)
		for j, v := range m.base[i] {
			tr.x[i][j] = float64(v)
		}
	}
	for k := range ps {
		p := &ps[k]
		ph := tr.phoneOf(p.shift.Start, p.shift.End, p.shift.Breaks)
		tr.apply(&ph, p.qd, 1)
	}
	changed := false
	for {
		n := 0
		for k := range ps {
			if passed(deadline) {
				return keep(ps), changed
			}
			if tr.improve(&ps[k]) {
				n++
			}
		}
		if n == 0 {
			return keep(ps), changed
		}
		changed = true
	}
}

// keep drops the shifts trim removed (e = −1).
func keep(ps []placed) []placed {
	return slices.DeleteFunc(ps, func(p placed) bool { return p.e < 0 })
}

type trimmer struct {
	pl    *polisher
	x     [][]float64 // on-phone agent-minutes per curve and interval
	ivMin float64
	scale float64 // objective units per agent-interval lost
	tmpl  map[string]scheduling.ShiftTemplate
}

// phone is a shift's on-phone agent-minutes per interval from first.
type phone struct {
	first int
	min   []float64
}

// minutes is t in minutes since the period start.
func (tr *trimmer) minutes(t time.Time) int {
	return int(t.Sub(tr.pl.m.c.start) / time.Minute)
}

// add adds w for each minute of [lo, hi) (minutes since the period start)
// to the intervals of ph it overlaps.
func (tr *trimmer) add(ph *phone, lo, hi int, w float64) {
	L := int(tr.ivMin)
	for i := max(lo/L, ph.first); i < ph.first+len(ph.min) && i*L < hi; i++ {
		if o := min(hi, (i+1)*L) - max(lo, i*L); o > 0 {
			ph.min[i-ph.first] += w * float64(o)
		}
	}
}

// phoneOf is the on-phone minutes of a shift from start to end less its
// breaks, clipped to the period.
func (tr *trimmer) phoneOf(start, end time.Time, breaks []scheduling.Break) phone {
	L := int(tr.ivMin)
	lo, hi := tr.minutes(start), tr.minutes(end)
	n := tr.pl.m.c.n
	first := min(max(lo/L, 0), n)
	last := min(max((hi-1)/L, first-1), n-1)
	ph := phone{first: first, min: make([]float64, max(last-first+1, 0))}
	tr.add(&ph, lo, hi, 1)
	for _, b := range breaks {
		tr.add(&ph, tr.minutes(b.Start), tr.minutes(b.End), -1)
	}
	return ph
}

// apply adds (sign 1) or removes (−1) ph on curve qd.
func (tr *trimmer) apply(ph *phone, qd int, sign float64) {
	if qd < 0 {
		return
	}
	for k, v := range ph.min {
		tr.x[qd][ph.first+k] += sign * v
	}
}

// cover is the change of weighted under-cover when ph is added to qd.
func (tr *trimmer) cover(ph *phone, qd int) float64 {
	if qd < 0 {
		return 0
	}
	dc := &tr.pl.m.dem[qd]
	var c float64
	for k, v := range ph.min {
		i := ph.first + k
		if v != 0 {
			c += dc.lost(i, (tr.x[qd][i]+v)/tr.ivMin) - dc.lost(i, tr.x[qd][i]/tr.ivMin)
		}
	}
	return tr.scale * c
}

// candidate is agent e on day d worked as type s on curve qd with its
// template's breaks placed one by one where they lose the least, as
// placeBreaks does, and its on-phone minutes.
func (tr *trimmer) candidate(p *placed, s, qd int) (placed, phone) {
	m := tr.pl.m
	ins := &m.inst[p.d*m.S+s]
	c := placed{e: p.e, d: p.d, qd: qd, shift: scheduling.Shift{AgentID: p.shift.AgentID, TemplateID: ins.templateID,
		Start: ins.start, End: ins.end, Activity: "work", Status: scheduling.ShiftActive}}
	if qd >= 0 {
		c.shift.QueueID = m.in.Queues[m.dem[qd].queue].ID
	}
	ph := tr.phoneOf(ins.start, ins.end, nil)
	step := min(m.c.interval, 15*time.Minute)
	L := int(tr.ivMin)
	for _, r := range tr.tmpl[ins.templateID].Breaks {
		bestOff, bestCost := time.Duration(-1), math.Inf(1)
		for off := r.EarliestAfter; off <= r.LatestIn(c.shift.End.Sub(c.shift.Start)); off += step {
			bs := c.shift.Start.Add(off)
			be := bs.Add(r.Length)
			if clash(c.shift.Breaks, bs, be) {
				continue
			}
			var cost float64
			if qd >= 0 {
				dc := &m.dem[qd]
				lo, hi := tr.minutes(bs), tr.minutes(be)
				for i := max(lo/L, ph.first); i < ph.first+len(ph.min) && i*L < hi; i++ {
					o := float64(min(hi, (i+1)*L) - max(lo, i*L))
					if o <= 0 {
						continue
					}
					have := tr.x[qd][i] + ph.min[i-ph.first]
					cost += dc.lost(i, (have-o)/tr.ivMin) - dc.lost(i, have/tr.ivMin)
					cost += 1e-6 * o * (dc.req[i] - have/tr.ivMin)
				}
			}
			if cost < bestCost-1e-12 {
				bestOff, bestCost = off, cost
			}
		}
		if bestOff < 0 {
			continue
		}
		bs := c.shift.Start.Add(bestOff)
		c.shift.Breaks = append(c.shift.Breaks, scheduling.Break{Start: bs, End: bs.Add(r.Length), Paid: r.Paid, Name: nameOr(r.Name, "break")})
		tr.add(&ph, tr.minutes(bs), tr.minutes(bs.Add(r.Length)), -1)
	}
	slices.SortFunc(c.shift.Breaks, func(a, b scheduling.Break) int { return a.Start.Compare(b.Start) })
	return c, ph
}

// improve takes the best strictly improving move of p, if any.
func (tr *trimmer) improve(p *placed) bool {
	pl := tr.pl
	m := pl.m
	if p.e < 0 || p.pinned || len(m.agents[p.e].training[p.d]) > 0 {
		return false
	}
	e, d := p.e, p.d
	cur := pl.x[e][d]
	if cur < 0 || m.types[cur].custom != nil {
		return false
	}
	row := pl.x[e]
	h0, s0 := pl.rules.Evaluate(e, row)
	labour := func(s int) float64 {
		return math.Round(float64(m.w.Cost) * m.inst[d*m.S+s].premium * m.agents[e].terms.rateOn(d) / m.rate)
	}
	ph0 := tr.phoneOf(p.shift.Start, p.shift.End, p.shift.Breaks)
	tr.apply(&ph0, p.qd, -1)
	// Costs are relative to the shift removed.
	base := tr.cover(&ph0, p.qd) + labour(cur)
	best := 0.0
	var bestP placed
	var bestPh phone
	bestS := cur
	// rule prices cell (e, d) worked as s: +Inf when it adds a hard
	// violation.
	rule := func(s int) float64 {
		row[d] = s
		h, sf := pl.rules.Evaluate(e, row)
		row[d] = cur
		if h > h0 {
			return math.Inf(1)
		}
		return float64(sf - s0 + pl.extra(e, d, s) - pl.extra(e, d, cur))
	}
	if dl := rule(solver.Off) - base; dl < best-trimTol {
		best, bestS = dl, solver.Off
	}
	for _, s := range append([]int{cur}, pl.near[cur]...) {
		if s != cur && !pl.fits(e, d, s) {
			continue
		}
		r := 0.0
		if s != cur {
			r = rule(s)
			if math.IsInf(r, 1) {
				continue
			}
		}
		for _, qd := range m.agents[e].queues {
			c, ph := tr.candidate(p, s, qd)
			if dl := tr.cover(&ph, qd) + labour(s) + r - base; dl < best-trimTol {
				best, bestP, bestPh, bestS = dl, c, ph, s
			}
		}
	}
	if best == 0 {
		tr.apply(&ph0, p.qd, 1)
		return false
	}
	row[d] = bestS
	if bestS < 0 {
		p.e = -1
		return true
	}
	*p = bestP
	tr.apply(&bestPh, p.qd, 1)
	return true
}

// trimTol is the least gain, in objective units, that trim acts on: it
// keeps float rounding from cycling between equal rosters.
const trimTol = 1e-6
