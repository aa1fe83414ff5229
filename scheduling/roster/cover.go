package roster

import (
	"math"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// Weights of the value curve: a required agent is worth requiredBase plus
// (1 − requiredBase) times its normalised marginal value, so that the one
// agent of a quiet night queue still counts as half a busy-hour agent; an
// agent beyond the requirement is worth surplusShare of its marginal value.
// The agent that completes a fractional requirement is weighed pro rata
// (requiredShare), so rounding 63.04 up to 64 agents is worth 4 % of a
// required agent, not all of one.
const (
	requiredBase = 0.5
	surplusShare = 0.05
)

// demandCurve is one queue's requirement over the period's intervals with
// its weighted value curve.
type demandCurve struct {
	queue int // index in Input.Queues
	id    string
	req   []float64 // agents required per interval
	// cum[i][k] is the weighted value of k agents in interval i: Σ_{j≤k}
	// w_j with w_j from Marginal[i][j] / (mean marginal of a required
	// agent) as requiredBase and surplusShare say, replaced
	// by its least concave majorant (the first agents of an unstable queue
	// add nothing alone, yet together they do; the majorant spreads that
	// value so every agent's marginal value decreases). Nil weighs every
	// required agent 1 and surplus 0.
	cum [][]float64
	// cost[i][k] is the objective value of k agents in interval i, rounded
	// once; between whole agents it is interpolated in integers, so the
	// cost of n agent-minutes is a pure function of n and every Add is
	// undone exactly by its Remove.
	cost [][]int64
	// flat holds every cost row back to back; row i is
	// flat[off[i]:off[i+1]].
	flat []int64
	off  []int32
}

// tabulate fills cost with scale·lost(i, k) for k = 0 … the first k
// where nothing is lost.
func (dc *demandCurve) tabulate(scale float64) {
	dc.cost = make([][]int64, len(dc.req))
	for i := range dc.req {
		var row []int64
		for k := 0; ; k++ {
			v := int64(math.Round(scale * dc.lost(i, float64(k))))
			row = append(row, v)
			if v == 0 {
				break
			}
		}
		dc.cost[i] = row
	}
	dc.off = make([]int32, len(dc.req)+1)
	for i, row := range dc.cost {
		dc.flat = append(dc.flat, row...)
		dc.off[i+1] = int32(len(dc.flat))
	}
}

// buildDemand aligns Input.Demand to the period's intervals.
func (m *model) buildDemand() error {
	in := m.in
	n := m.c.n
	m.queues = make([]int, len(in.Queues))
	for i := range m.queues {
		m.queues[i] = -1
	}
	for _, qd := range in.Demand {
		qi := queueIndex(in, qd.QueueID)
		dc := demandCurve{queue: qi, id: qd.QueueID, req: make([]float64, n)}
		copy(dc.req, qd.Required)
		if qd.Marginal != nil {
			var sum float64
			var cnt int
			for i := 0; i < n && i < len(qd.Marginal); i++ {
				for k := 1; k < len(qd.Marginal[i]) && float64(k) < dc.req[i]+1; k++ {
					sum += qd.Marginal[i][k]
					cnt++
				}
			}
			mean := 1.0
			if cnt > 0 && sum > 0 {
				mean = sum / float64(cnt)
			}
			dc.cum = make([][]float64, n)
			for i := 0; i < n; i++ {
				var mg []float64
				if i < len(qd.Marginal) {
					mg = qd.Marginal[i]
				}
				cum := make([]float64, max(len(mg), 1))
				for k := 1; k < len(mg); k++ {
					cum[k] = cum[k-1] + agentWeight(math.Max(mg[k], 0)/mean, requiredShare(dc.req[i], k))
				}
				dc.cum[i] = concaveMajorant(cum)
			}
		}
		if m.queues[qi] >= 0 {
			return &scheduling.ValidationError{Fields: []scheduling.FieldError{{Field: "demand", Message: "queue " + qd.QueueID + " has two demand entries"}}}
		}
		dc.tabulate(float64(m.w.Cover) * m.c.interval.Hours())
		m.queues[qi] = len(m.dem)
		m.dem = append(m.dem, dc)
	}
	return nil
}

// requiredShare is the part of the k-th agent (k ≥ 1) that a requirement
// of req agents asks for: 1 for k ≤ ⌊req⌋, req − (k−1) for the agent that
// completes a fractional requirement, 0 beyond it. A requirement of 63.04
// asks for 4 % of the 64th agent, not all of it.
func requiredShare(req float64, k int) float64 {
	return math.Min(1, math.Max(0, req-float64(k-1)))
}

// agentWeight is the weight of an agent with normalised marginal value w
// of which the share f is required: f·(requiredBase + (1 − requiredBase)·w)
// + (1 − f)·surplusShare·w.
func agentWeight(w, f float64) float64 {
	return f*(requiredBase+(1-requiredBase)*w) + (1-f)*surplusShare*w
}

// queueIndex is the index of queue id in in.Queues, or -1.
func queueIndex(in *Input, id string) int {
	for i, q := range in.Queues {
		if q.ID == id {
			return i
		}
	}
	return -1
}

// lost is the weighted agent shortfall of interval i with x agents: the
// value of the curve not reached, or max(0, required − x) without a curve.
func (dc *demandCurve) lost(i int, x float64) float64 {
	if dc.cum == nil {
		return math.Max(0, dc.req[i]-x)
	}
	cum := dc.cum[i]
	K := len(cum) - 1
	if x >= float64(K) {
		return 0
	}
	k := int(x)
	v := cum[k] + (x-float64(k))*(cum[k+1]-cum[k])
	return cum[K] - v
}

// coverage implements solver.Coverage: weighted under-cover per queue and
// interval plus the labour cost of every shift with its premiums.
type coverage struct{ m *model }

// NewTracker implements solver.Coverage.
func (cv *coverage) NewTracker() solver.CoverTracker {
	m := cv.m
	cells := len(m.dem) * m.c.n
	t := &tracker{m: m, n: make([]int32, cells), p: make([]int64, cells), q: make([]int8, len(m.agents)*m.D)}
	t.ivMin = int32(m.c.interval.Minutes())
	t.ver = make([]uint32, cells)
	for j := range t.ver {
		t.ver[j] = 1
	}
	t.up = make([]upPrice, cells*int(t.ivMin+1))
	for qd := range m.dem {
		for i := 0; i < m.c.n; i++ {
			j := qd*m.c.n + i
			t.n[j] = m.base[qd][i]
			t.p[j] = t.price(qd, i, t.n[j])
			t.under += t.p[j]
		}
	}
	return t
}

type tracker struct {
	m      *model
	n      []int32 // on-phone agent-minutes per demand curve and interval
	p      []int64 // p[j] = price of n[j]: each interval's cost as it stands
	q      []int8  // queue chosen per cell
	ivMin  int32
	under  int64
	labour int64
	// up[j·(ivMin+1)+v] is the price of n[j]+v agent-minutes (v ≤ ivMin)
	// while its ver equals ver[j], which counts n[j]'s changes from 1:
	// gain prices the shifts of a day one after the other, asking for the
	// same intervals and minutes again and again.
	ver []uint32
	up  []upPrice
}

// upPrice is a remembered price and the version of its interval.
type upPrice struct {
	p   int64
	ver uint32
}

// changed notes that n[j] changed: the prices remembered for it no
// longer hold.
func (t *tracker) changed(j int) {
	if t.ver[j]++; t.ver[j] == 0 {
		// The count wrapped: forget every price of j.
		w := int(t.ivMin + 1)
		clear(t.up[j*w : (j+1)*w])
		t.ver[j] = 1
	}
}

// price is the objective value of n agent-minutes in interval i of curve qd.
func (t *tracker) price(qd, i int, n int32) int64 {
	dc := &t.m.dem[qd]
	k := n / t.ivMin
	o := dc.off[i] + k
	if o+1 >= dc.off[i+1] {
		return 0
	}
	r := int64(n - k*t.ivMin)
	return dc.flat[o] + (dc.flat[o+1]-dc.flat[o])*r/int64(t.ivMin)
}

// phoneMinutes is the shift's on-phone agent-minutes in its k-th interval
// (first + k) for an agent whose training that day is train: its profile
// less the training minutes in that interval.
func (ins *instance) phoneMinutes(k int, train []trainSlot) int32 {
	v := ins.prof[k]
	for _, ts := range train {
		if ts.iv == ins.first+k {
			v = max(0, v-ts.minutes)
		}
	}
	return v
}

// labourCost is the cost term of agent e working (d, s).
func (t *tracker) labourCost(e, d, s int) int64 {
	m := t.m
	return int64(math.Round(float64(m.w.Cost) * m.inst[d*m.S+s].premium * m.agents[e].terms.rateOn(d) / m.rate))
}

// delta records the shift (e, d, s) added to (sign 1) or removed from
// (sign −1) curve qd and returns the change of cover cost.
func (t *tracker) delta(e, d, s, qd int, sign int32) int64 {
	m := t.m
	ins := &m.inst[d*m.S+s]
	base := qd * m.c.n
	var dl int64
	train := m.agents[e].training[d]
	for k := range ins.prof {
		i := ins.first + k
		v := ins.phoneMinutes(k, train)
		if v == 0 {
			continue
		}
		j := base + i
		nw := t.n[j] + sign*v
		p := t.price(qd, i, nw)
		dl += p - t.p[j]
		t.n[j], t.p[j] = nw, p
		t.changed(j)
	}
	return dl
}

// gain is the change of cover cost were the shift (e, d, s) added to
// curve qd (delta with sign 1, nothing recorded), from the prices
// remembered in up.
func (t *tracker) gain(e, d, s, qd int) int64 {
	m := t.m
	ins := &m.inst[d*m.S+s]
	train := m.agents[e].training[d]
	w := int(t.ivMin + 1)
	j0 := qd*m.c.n + ins.first
	n, p, ver := t.n[j0:j0+len(ins.prof)], t.p[j0:j0+len(ins.prof)], t.ver[j0:j0+len(ins.prof)]
	var dl int64
	for k := range ins.prof {
		v := ins.phoneMinutes(k, train)
		if v == 0 {
			continue
		}
		if int(v) >= w {
			// More than ivMin minutes (an interval that is not a
			// whole number of minutes): priced afresh.
			dl += t.price(qd, ins.first+k, n[k]+v) - p[k]
			continue
		}
		u := &t.up[(j0+k)*w+int(v)]
		if u.ver != ver[k] {
			u.p, u.ver = t.price(qd, ins.first+k, n[k]+v), ver[k]
		}
		dl += u.p - p[k]
	}
	return dl
}

// cheapest is the curve among the agent's where shift (e, d, s) adds the
// most value (the first on ties) and its change of cover cost there, or −1
// and 0 for an agent without queues.
func (t *tracker) cheapest(e, d, s int) (best int, dl int64) {
	best = -1
	for _, qd := range t.m.agents[e].queues {
		if c := t.gain(e, d, s, qd); best < 0 || c < dl {
			best, dl = qd, c
		}
	}
	return best, dl
}

// Add implements solver.CoverTracker: the shift serves the queue where it
// adds the most value.
func (t *tracker) Add(e, d, s int) int64 {
	m := t.m
	lc := t.labourCost(e, d, s)
	var best int
	var bestD int64
	if qs := m.agents[e].queues; len(qs) == 1 {
		// One queue: the shift is recorded there at once.
		best, bestD = qs[0], t.delta(e, d, s, qs[0], 1)
	} else if best, bestD = t.cheapest(e, d, s); best >= 0 {
		t.delta(e, d, s, best, 1)
	}
	t.q[e*m.D+d] = int8(best)
	t.labour += lc
	t.under += bestD
	return lc + bestD
}

// Price implements solver.CoverPricer: Add's change of cost, found
// without recording the shift. The cell's queue stays: where the cell
// holds a shift, Remove must still find the curve that shift is counted
// in (clearing it, as Add followed by Remove does, left a pinned shift
// counted twice once the state was loaded again).
func (t *tracker) Price(e, d, s int) int64 {
	_, dl := t.cheapest(e, d, s)
	return t.labourCost(e, d, s) + dl
}

// addTo is Add with the queue chosen by the caller: curve qd, which must
// be one of the agent's (or −1 for none).
func (t *tracker) addTo(e, d, s, qd int) int64 {
	m := t.m
	lc := t.labourCost(e, d, s)
	var dl int64
	if qd >= 0 {
		dl = t.delta(e, d, s, qd, 1)
	}
	t.q[e*m.D+d] = int8(qd)
	t.labour += lc
	t.under += dl
	return lc + dl
}

// Remove implements solver.CoverTracker.
func (t *tracker) Remove(e, d, s int) int64 {
	m := t.m
	lc := t.labourCost(e, d, s)
	var dl int64
	if qd := int(t.q[e*m.D+d]); qd >= 0 {
		dl = t.delta(e, d, s, qd, -1)
	}
	t.q[e*m.D+d] = -1
	t.labour -= lc
	t.under += dl
	return dl - lc
}

// Cost implements solver.CoverTracker.
func (t *tracker) Cost() int64 { return t.under + t.labour }

// Components implements solver.CoverTracker.
func (t *tracker) Components() map[string]int64 {
	return map[string]int64{"cover": t.under, "labour": t.labour}
}

// concaveMajorant returns the least concave majorant of the points
// (k, v[k]): the upper convex hull, evaluated at every k.
func concaveMajorant(v []float64) []float64 {
	if len(v) < 3 {
		return v
	}
	hull := []int{0}
	for k := 1; k < len(v); k++ {
		for len(hull) >= 2 {
			a, b := hull[len(hull)-2], hull[len(hull)-1]
			// Drop b when it lies on or below the chord from a to k.
			if (v[b]-v[a])*float64(k-a) <= (v[k]-v[a])*float64(b-a) {
				hull = hull[:len(hull)-1]
				continue
			}
			break
		}
		hull = append(hull, k)
	}
	out := make([]float64, len(v))
	for h := 1; h < len(hull); h++ {
		a, b := hull[h-1], hull[h]
		for k := a; k <= b; k++ {
			out[k] = v[a] + (v[b]-v[a])*float64(k-a)/float64(b-a)
		}
	}
	return out
}
