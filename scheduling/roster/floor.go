package roster

import (
	"math/bits"
	"time"
)

// The contract floor: on-phone hours the agents' weekly minimum hours
// force, whatever the demand. It complements the LP bound of bound.go,
// which knows shifts but not who works them.
//
// Let T be a set of demand curves and A_T the agents every one of whose
// curves lies in T: each of their shifts is on the phone for a curve of
// T only. In a roster without hard violations an agent a works, in each
// pay week w that min_weekly_hours checks, paid time P ≥ need(a, w) − 1
// minute (the rule's tolerance; need in whole minutes rounded up, as the
// row rules keep it, which shifts paid whole minutes meet exactly when
// they meet the need itself) on at most maxDays(a) days
// (max_days_per_week).
// Both rules are hard, so C_T below bounds every roster Solve returns
// without an error; the LP terms assume, as in bound.go, that every
// coverable requirement is met. A shift on
// day d is on the phone within the period for its paid time less its
// paid breaks, the training of that day and what lies beyond the
// period's end; call the largest such loss over the shifts a may work on
// d loss(a, d). So the agent is on the phone for T at least
//
//	g(a, w) = need(a, w) − 1 min − Σ of the maxDays(a) largest loss(a, d), d ∈ w,
//
// and the on-phone hours H_T of curves T satisfy H_T ≥ B_T + Σ_{a ∈ A_T,
// w} max(g(a, w), 0) =: C_T, B_T the carry-in on T (shifts begun before
// the period, which no week's minimum counts). The LP bound holds per
// curve as well, H_q ≥ L_q. For curve sets T_1, …, T_k that partition
// the curves, H = Σ_j H_{T_j} ≥ Σ_j max(L_{T_j}, C_{T_j}); floorBound
// returns the largest such sum over all partitions (a dynamic programme
// over subsets, Σ 3^k steps). With one queue per agent class the floor
// binds where a class's minimum hours exceed what its queue needs: a
// quiet holiday week, or a team larger than its demand. A minimum over the
// whole period (period_min_hours) gives the same kind of term over all
// its days, with maxDays(a) in each pay week; an agent counts the larger
// of that and its weekly terms.

// maxFloorCurves bounds the curves whose partitions are searched; beyond
// it only the partition into single curves and the whole set are tried.
const maxFloorCurves = 12

// floorBound returns max over partitions of the curves of Σ_j max(L_{T_j},
// C_{T_j}) for per-curve LP bounds lp (hours), as described above.
func (m *model) floorBound(lp []float64) float64 {
	return m.partitionBound(lp, m.contractFloor())
}

// partitionBound is floorBound for the floors of each set of curves
// (bit qd for curve qd), in hours, carry-in not included.
func (m *model) partitionBound(lp []float64, floor map[int]float64) float64 {
	k := len(m.dem)
	if k == 0 {
		return 0
	}
	base := make([]float64, k)
	for qd := range m.dem {
		for _, v := range m.base[qd] {
			base[qd] += float64(v) / 60
		}
	}
	if k > maxFloorCurves {
		var single, cAll, lAll float64
		for qd := range lp {
			single += lp[qd]
			lAll += lp[qd]
			cAll += base[qd]
		}
		for _, v := range floor {
			cAll += v
		}
		return max(single, lAll, cAll)
	}
	full := 1<<k - 1
	// val[T] = max(L_T, C_T): L_T and B_T sum over T's curves, the
	// floors of agent curve sets over T's subsets.
	val := make([]float64, full+1)
	for t := 1; t <= full; t++ {
		var l, c float64
		for qd := range k {
			if t&(1<<qd) != 0 {
				l += lp[qd]
				c += base[qd]
			}
		}
		for set, v := range floor {
			if set&^t == 0 {
				c += v
			}
		}
		val[t] = max(l, c)
	}
	best := make([]float64, full+1)
	for t := 1; t <= full; t++ {
		low := t & -t
		best[t] = val[t]
		// Every subset S of t holding t's lowest curve, S ≠ t.
		for s := (t - 1) & t; s > 0; s = (s - 1) & t {
			if s&low != 0 {
				best[t] = max(best[t], val[s]+best[t&^s])
			}
		}
	}
	return best[full]
}

// contractFloor returns Σ_w max(g(a, w), 0) in hours summed over the
// agents with the same set of curves, keyed by that set as a bit mask
// (curve qd is bit qd).
func (m *model) contractFloor() map[int]float64 {
	c := m.c
	off := (int(c.weekday(0)) - int(c.weekAnch) + 7) % 7 // as weekStartDay
	out := map[int]float64{}
	for e := range m.agents {
		am := &m.agents[e]
		if len(am.queues) == 0 || len(am.queues) > bits.UintSize-1 {
			continue
		}
		set := 0
		for _, qd := range am.queues {
			set |= 1 << qd
		}
		if len(am.minWeek) == 0 && am.minPeriod <= 0 {
			continue
		}
		loss := make([]time.Duration, m.D)
		for d := range loss {
			loss[d] = m.dayLoss(e, d)
		}
		var weekly time.Duration
		for w, need := range am.minWeek {
			ws := w*7 - off
			week := append([]time.Duration(nil), loss[ws:min(ws+7, m.D)]...)
			if g := time.Duration(need)*time.Minute - time.Minute - largest(week, am.maxDays[w]); g > 0 {
				weekly += g
			}
		}
		// The period minimum alike, over the days the agent can work in
		// the whole period: at most maxDays in each pay week.
		var period time.Duration
		if am.minPeriod > 0 {
			workable := 0
			for w, ws := c.week(0), -off; ws < m.D; w, ws = w+1, ws+7 {
				workable += min(am.maxDays[w], min(ws+7, m.D)-max(ws, 0))
			}
			period = time.Duration(am.minPeriod)*time.Minute - time.Minute - largest(loss, workable)
		}
		if g := max(weekly, period); g > 0 {
			out[set] += g.Hours()
		}
	}
	return out
}

// largest sums the k largest of v (all of them when k ≥ len(v)); it
// overwrites v.
func largest(v []time.Duration, k int) time.Duration {
	var sum time.Duration
	for range min(k, len(v)) {
		i := argmax(v)
		sum += v[i]
		v[i] = -1
	}
	return sum
}

// dayLoss is loss(a, d) above for agent e: the most paid time of a shift
// e may work on day d that is not on the phone within the period.
func (m *model) dayLoss(e, d int) time.Duration {
	c := m.c
	am := &m.agents[e]
	var worst time.Duration
	for s := range m.types {
		ins := &m.inst[d*m.S+s]
		if !ins.ok || !am.allowed[d*m.S+s] {
			continue
		}
		on := minTime(ins.end, c.end).Sub(maxTime(ins.start, c.start))
		if t := m.types[s]; t.custom != nil {
			for _, b := range t.custom.Breaks {
				on -= b.End.Sub(b.Start)
			}
		} else {
			for _, b := range m.in.Templates[t.tmpl].Breaks {
				on -= b.Length
			}
		}
		// Training in any interval the shift touches.
		last := ins.first + len(ins.prof)
		for _, day := range am.training {
			for _, ts := range day {
				if ts.iv >= ins.first && ts.iv < last {
					on -= time.Duration(ts.minutes) * time.Minute
				}
			}
		}
		worst = max(worst, ins.paid-on)
	}
	return worst
}

// argmax is the index of the largest element of v.
func argmax(v []time.Duration) int {
	k := 0
	for i, x := range v {
		if x > v[k] {
			k = i
		}
	}
	return k
}
