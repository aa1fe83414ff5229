package solver

import (
	"math"
	"sync/atomic"
	"time"
)

// Branch and price. The master's linear programme (colgen.go) is a bound;
// where its optimum is fractional, the search branches on one cell: one
// side fixes employee e's day d to value v, the other forbids v there.
// Both sides bar the master's rows that break them (their cost rises by
// cgArt) and ban the values in e's row programme, so the pricing at each
// node keeps them, and every node's master is solved by column generation
// again. A node is cut off when its bound, rounded up, is no better than
// the best roster known; the search is depth first, fixing before
// forbidding, on the cell whose heaviest value is nearest to whole (a
// dive that backtracks; Vanderbeck, Annals of Operations Research 98,
// 2000, on branching in column generation). Rosters are integral
// masters, so every one found keeps the hard rules the master keeps.

// cut is one branching decision.
type cut struct {
	e, d, v int
	fix     bool // the cell takes v (else it may not)
}

// bnp is the branch-and-price search over a master.
type bnp struct {
	mp     *master
	ub     int64         // best score known (a roster better than this is sought)
	shared *atomic.Int64 // best score of the other searches, if any
	best   []int         // best roster found, nil while none
	nodes  int
	until  time.Time
	stop   *atomic.Bool
	done   bool // the tree was searched to the end: best (or the start ub) is optimal
	lossy  bool // a whole master was no roster (a row breaks a rule the master does not see)
	wt     []float64
}

// branchAndPrice searches mp's tree for a roster better than ub (the
// score of a known roster) until until has passed or stop is set. It
// returns the best roster found (nil when none beat ub) with its score,
// and whether the search finished, which proves that no roster beats
// the one returned (or ub).
func branchAndPrice(mp *master, ub int64, shared *atomic.Int64, until time.Time, stop *atomic.Bool) ([]int, int64, bool) {
	m := mp.m
	b := &bnp{mp: mp, ub: ub, shared: shared, until: until, stop: stop, wt: make([]float64, m.E*m.D*m.V)}
	if mp.lg.ban == nil {
		mp.lg.ban = make([]int32, m.E*m.D*m.V)
	}
	b.done = b.node() && !b.lossy
	return b.best, b.ub, b.done
}

func (b *bnp) over() bool {
	return (!b.until.IsZero() && time.Now().After(b.until)) || (b.stop != nil && b.stop.Load())
}

// bestKnown is the score a roster must beat.
func (b *bnp) bestKnown() int64 {
	if b.shared != nil {
		if s := b.shared.Load(); s < b.ub {
			return s
		}
	}
	return b.ub
}

// node solves the current node and its subtree; it returns false when
// it stopped before searching all of it.
func (b *bnp) node() bool {
	if b.over() {
		return false
	}
	b.nodes++
	zzDepth++
	defer func() { zzDepth-- }()
	if b.nodes%200 == 0 {
		zzLog("node %d depth %d", b.nodes, zzDepth)
	}
	mp := b.mp
	m := mp.m
	bound := math.Inf(-1)
	for {
		_, bd, added := mp.round()
		bound = math.Max(bound, bd)
		if math.Ceil(bound-1e-6) >= float64(b.bestKnown()) {
			return true // cut off
		}
		if added == 0 {
			break
		}
		if b.over() {
			return false
		}
	}
	// The master is solved: weigh every cell's values.
	E, D, V := m.E, m.D, m.V
	for i := range b.wt {
		b.wt[i] = 0
	}
	for j, e := range mp.colE {
		if e < 0 {
			continue
		}
		xj := mp.lp.x(j)
		if xj <= 1e-9 {
			continue
		}
		for d, v := range mp.row(j) {
			b.wt[(int(e)*D+d)*V+int(v)+1] += xj
		}
	}
	pick, pv, pw := -1, 0, -1.0
	for i := 0; i < E*D; i++ {
		for v := 0; v < V; v++ {
			w := b.wt[i*V+v]
			if w <= 1e-6 || w >= 1-1e-6 {
				continue
			}
			if f := 1 - math.Abs(w-0.5); f > pw {
				pick, pv, pw = i, v-1, f
			}
		}
	}
	if pick < 0 {
		b.integral()
		return true
	}
	c := cut{e: pick / D, d: pick % D, v: pv, fix: true}
	mp.apply(c, 1)
	b1 := b.solve()
	mp.apply(c, -1)
	c.fix = false
	mp.apply(c, 1)
	b2 := b.solve()
	mp.apply(c, -1)
	first := b1 <= b2
	c.fix = first
	mp.apply(c, 1)
	full := b.node()
	mp.apply(c, -1)
	if !full {
		return false
	}
	c.fix = !first
	mp.apply(c, 1)
	full = b.node()
	mp.apply(c, -1)
	return full
}

// solve runs column generation at the current node and returns its bound.
func (b *bnp) solve() float64 {
	bound := math.Inf(-1)
	for !b.over() {
		_, bd, added := b.mp.round()
		bound = math.Max(bound, bd)
		if added == 0 || math.Ceil(bound-1e-6) >= float64(b.bestKnown()) {
			break
		}
	}
	return bound
}

// integral takes the master's whole solution as a roster.
func (b *bnp) integral() {
	mp := b.mp
	m := mp.m
	y := make([]int, m.E*m.D)
	seen := make([]bool, m.E)
	for j, e := range mp.colE {
		if e < 0 || mp.lp.x(j) < 0.5 {
			continue
		}
		if mp.ban[j] > 0 || !mp.feas[j] || seen[e] {
			b.lossy = true
			return
		}
		seen[e] = true
		for d, v := range mp.row(j) {
			y[int(e)*m.D+d] = int(v)
		}
	}
	for _, s := range seen {
		if !s {
			b.lossy = true
			return // an employee on an artificial row
		}
	}
	sc := m.evaluate(y)
	if sc.Hard == 0 && sc.Soft < b.bestKnown() {
		b.best, b.ub = y, sc.Soft
		zzLog("bnp found %d at node %d", sc.Soft, b.nodes)
	}
}

// apply adds (delta 1) or removes (−1) cut c: e's rows that break it are
// barred in the master, and its values banned in e's row programme.
func (mp *master) apply(c cut, delta int32) {
	m, lg := mp.m, mp.lg
	i := (c.e*m.D + c.d) * m.V
	for v := Off; v < m.S; v++ {
		if (v == c.v) != c.fix {
			lg.ban[i+v+1] += delta
		}
	}
	for _, k := range mp.byE[c.e] {
		if (int(mp.row(int(k))[c.d]) == c.v) == c.fix {
			continue
		}
		was := mp.ban[k] > 0
		mp.ban[k] += delta
		if now := mp.ban[k] > 0; now != was {
			cost := mp.cost[k]
			if now {
				cost += cgArt
			}
			mp.lp.setCost(int(k), cost)
		}
	}
}
