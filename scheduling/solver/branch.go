package solver

import (
	"math"
	"slices"
	"sync/atomic"
	"time"
)

// Branch and price. The master's linear programme (colgen.go) is a bound;
// where its optimum is fractional, the search branches on one cell: one
// side fixes employee e's day d to value v, the other forbids v there.
// Both sides bar the master's rows that break them (their cost rises by
// big) and ban the values in e's row programme, so the pricing at each
// node keeps them, and every node's master is solved by column generation
// again. The cell is the most fractional one (its heaviest value nearest
// to one half); both children are solved, the search dives into the one
// with the lower bound and keeps the other open with its bound. A dive
// ends at a whole master (a roster) or where the bound, rounded up, is no
// better than the best roster known (its own or the searches'); the next
// dive starts from the open node of least bound (best-first search with
// dives, as in mixed-integer programming; Vanderbeck, Annals of
// Operations Research 98, 2000, on branching in column generation). When
// no open node is left, the best roster known is optimal; before that,
// the least open bound is a lower bound.

// diveWays are the dives branchAndPrice makes before its tree, in order:
// with or without the rows of weight one fixed (rowDive), and pricing at
// smoothed duals or at the master's own (master.round). Smoothed, a dive's
// masters need fewer rounds: after the last fixing its masters stall at
// their optimum while the duals zigzag between alternatives for 10–40
// rounds, each pricing every free employee. Measured from the solved root,
// one thread, the code before → this order (the roster a dive found, and
// when, after the root): Instance14 optimum 1 278 at 42–46 s → proved
// optimal in 24 s; 17 proved at 44 s (not in 60 s in another run) → 39 s;
// 8 1 406 → 1 307; 16 3 225, proved in 7 s; 9 439 both; 7 1 058 → 1 059.
// Smoothed alone, 9 ended at 442 and 7 at 1 058; smoothed dives first
// both ways, then plain, 9 at 442.
var diveWays = []struct{ ones, smooth bool }{{true, true}, {true, false}, {false, true}, {false, false}}

// cut is one branching decision.
type cut struct {
	e, d, v int
	fix     bool // the cell takes v (else it may not)
}

// open is a node not yet searched: the cuts from the root and its bound.
type open struct {
	cuts  []cut
	bound float64
}

// bnp is the branch-and-price search over a master.
type bnp struct {
	mp     *master
	ub     int64         // best score known (a roster better than this is sought)
	shared *atomic.Int64 // best score of the other searches, if any
	best   []int         // best roster found, nil while none
	lossy  bool          // a whole master was no roster (a row breaks a rule the master does not see)
	found  func(y []int, soft int64)
	wt     []float64
	cur    []cut  // cuts applied now
	queue  []open // open nodes
}

// branchAndPrice searches mp's tree for a roster better than ub (the
// score of a known roster) until until has passed or stop is set. It
// returns the best roster found (nil when none beat ub) with its score,
// a lower bound on every roster's score (the least bound of the nodes
// left open, rounded up; 0 when none is known), and whether the search
// finished, which proves that no roster beats the one returned (or ub).
// found, if not nil, is told of each better roster as soon as it is found.
func branchAndPrice(mp *master, ub int64, shared *atomic.Int64, until time.Time, stop *atomic.Bool, found func(y []int, soft int64)) ([]int, int64, int64, bool) {
	m := mp.m
	b := &bnp{mp: mp, ub: ub, shared: shared, found: found, wt: make([]float64, m.E*m.D*m.V)}
	mp.until, mp.stop, mp.smooth = until, stop, false
	if mp.lg.ban == nil {
		mp.lg.ban = make([]int32, m.E*m.D*m.V)
	}
	defer b.goTo(nil)
	// (A whole master the dive finds that is no roster says nothing
	// about the tree.)
	lossy := b.lossy
	b.rowDives()
	b.lossy = lossy
	b.queue = append(b.queue, open{bound: math.Inf(-1)})
	for len(b.queue) > 0 {
		// The open node of least bound.
		k := 0
		for i, o := range b.queue {
			if o.bound < b.queue[k].bound {
				k = i
			}
		}
		o := b.queue[k]
		if math.Ceil(o.bound-1e-6) >= float64(b.bestKnown()) {
			b.queue = b.queue[:0] // every open node is cut off
			break
		}
		if b.mp.over() {
			return b.best, b.ub, b.lowest(), false
		}
		b.queue[k] = b.queue[len(b.queue)-1]
		b.queue = b.queue[:len(b.queue)-1]
		b.goTo(o.cuts)
		if !b.dive() {
			// Stopped mid-dive: the node it was at stays open.
			b.queue = append(b.queue, open{cuts: append([]cut(nil), b.cur...), bound: o.bound})
			return b.best, b.ub, b.lowest(), false
		}
	}
	if b.lossy {
		return b.best, b.ub, 0, false
	}
	return b.best, b.ub, b.bestKnown(), true
}

// lowest is the least bound of the open nodes, rounded up (0: none known).
func (b *bnp) lowest() int64 {
	lo := math.Inf(1)
	for _, o := range b.queue {
		lo = math.Min(lo, o.bound)
	}
	if math.IsInf(lo, 0) || b.lossy {
		return 0
	}
	return min(b.bestKnown(), max(0, int64(math.Ceil(lo-1e-6))))
}

// goTo makes cuts the applied ones.
func (b *bnp) goTo(cuts []cut) {
	for i := len(b.cur) - 1; i >= 0; i-- {
		b.mp.apply(b.cur[i], -1)
	}
	b.cur = append(b.cur[:0], cuts...)
	for _, c := range b.cur {
		b.mp.apply(c, 1)
	}
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

// dive searches down from the current node, keeping the child it does
// not take open; it returns false when it stopped before its end.
func (b *bnp) dive() bool {
	mp := b.mp
	m := mp.m
	E, D, V := m.E, m.D, m.V
	bound, solved := 0.0, false // the node's bound, when its master is solved already
	for {
		if b.mp.over() {
			return false
		}
		if !solved {
			bound, _ = b.solve()
		}
		solved = false
		if b.mp.over() {
			return false
		}
		if math.Ceil(bound-1e-6) >= float64(b.bestKnown()) {
			return true // cut off
		}
		// The master is solved: weigh every cell's values.
		for i := range b.wt {
			b.wt[i] = 0
		}
		for j, e := range mp.colE {
			if e < 0 {
				continue
			}
			if xj := mp.lp.x(j); xj > 1e-9 {
				for d, v := range mp.row(j) {
					b.wt[(int(e)*D+d)*V+int(v)+1] += xj
				}
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
		fix := cut{e: pick / D, d: pick % D, v: pv, fix: true}
		forbid := fix
		forbid.fix = false
		// The forbidding child first: when the fixing one is the better,
		// its master is the one solved last.
		mp.apply(forbid, 1)
		b2, _ := b.solve()
		mp.apply(forbid, -1)
		mp.apply(fix, 1)
		b1, _ := b.solve()
		if b.mp.over() {
			mp.apply(fix, -1)
			return false
		}
		take, keep, kb := fix, forbid, b2
		if b2 < b1 {
			take, keep, kb = forbid, fix, b1
			mp.apply(fix, -1)
			mp.apply(forbid, 1)
		} else {
			bound, solved = b1, true
		}
		if math.Ceil(kb-1e-6) < float64(b.bestKnown()) {
			cuts := append(append(make([]cut, 0, len(b.cur)+1), b.cur...), keep)
			b.queue = append(b.queue, open{cuts: cuts, bound: kb})
		}
		b.cur = append(b.cur, take)
	}
}

// rowDive looks for a roster fast, before the tree: it fixes whole rows
// of the master's optimum, heaviest first, solving the master by column
// generation again after each, until the master is whole (a roster) or
// its bound, rounded up, reaches the best roster known. It fixes the
// heaviest fractional row, and with ones also every row of weight one:
// fixing a row settles an employee at once, where a branch of the tree
// settles one cell, so a dive takes at most E masters (pure diving:
// Sadykov, Lazić, Rahmaniani, Shapiro and Uchoa, INFORMS Journal on
// Computing 31, 2019). Fixing the rows of weight one too ends sooner and keeps
// what the master settled; leaving them free lets the master move them
// as the others are fixed. Neither is the better on Curtois and Qu's
// instances (from the solved root, one thread: 10, 11 and 16 at their
// optima 4 631, 3 443 and 3 225 with, 4 634, 3 544 and 3 229 without;
// 7 and 8 at 1 067 and 1 505 with, 1 058 and 1 409 without), so
// branchAndPrice dives both ways (diveWays). It leaves its cuts applied;
// the caller removes them.
func (b *bnp) rowDive(ones bool) {
	mp := b.mp
	m := mp.m
	fixed := make([]bool, m.E)
	heavy := make([]int, m.E) // each employee's heaviest row that keeps the rules, −1 if none
	for !mp.over() {
		bound, solved := b.solve()
		if !solved || math.Ceil(bound-1e-6) >= float64(b.bestKnown()) {
			return
		}
		for e := range heavy {
			heavy[e] = -1
		}
		whole := true
		for j, e := range mp.colE {
			if e < 0 {
				continue
			}
			xj := mp.lp.x(j)
			if xj <= 1e-6 {
				continue
			}
			if xj < 1-1e-6 {
				whole = false
			}
			if mp.feas[j] && mp.ban[j] == 0 && (heavy[e] < 0 || xj > mp.lp.x(heavy[e])) {
				heavy[e] = j
			}
		}
		if whole {
			b.integral()
			return
		}
		y := b.rounded(heavy)
		pick, pw := -1, 0.0
		n := 0
		for e, j := range heavy {
			if j < 0 || fixed[e] {
				continue
			}
			if w := mp.lp.x(j); w >= 1-1e-6 && ones {
				b.fixRow(e, j)
				fixed[e] = true
				n++
			} else if w > pw && w < 1-1e-6 {
				pick, pw = e, w
			}
		}
		if pick >= 0 {
			b.fixRow(pick, heavy[pick])
			fixed[pick] = true
			n++
		}
		if n == 0 {
			return // nothing left to fix, yet not whole: rows that break a rule carry it
		}
		if y != nil {
			// The other rows of the employees just fixed stay in the
			// basis at the cost of a barred row, and the duals grow
			// with it; the simplex restarts from the rounding instead,
			// whose rows are all allowed (a fixed employee's heaviest
			// row is its fixed one).
			mp.rebase(y)
		}
	}
}

// rowDives makes the dives of diveWays from the root, removing each
// dive's cuts after it, and leaves the master pricing at its own duals.
func (b *bnp) rowDives() {
	for _, d := range diveWays {
		b.mp.smooth = d.smooth
		b.rowDive(d.ones)
		b.goTo(nil)
	}
	b.mp.smooth = false
}

// rounded is the roster that gives each employee its heaviest row (nil
// where an employee has none that keeps the rules); it is kept when it
// beats the best known.
func (b *bnp) rounded(heavy []int) []int {
	mp := b.mp
	m := mp.m
	y := make([]int, m.E*m.D)
	for e, j := range heavy {
		if j < 0 {
			return nil
		}
		for d, v := range mp.row(j) {
			y[e*m.D+d] = int(v)
		}
	}
	if sc := m.evaluate(y); sc.Hard == 0 {
		b.keep(slices.Clone(y), sc.Soft)
	}
	return y
}

// fixRow applies the cuts that fix employee e to master column j's row.
func (b *bnp) fixRow(e, j int) {
	for d, v := range b.mp.row(j) {
		c := cut{e: e, d: d, v: int(v), fix: true}
		b.mp.apply(c, 1)
		b.cur = append(b.cur, c)
	}
}

// solve runs column generation at the current node and returns its bound
// and whether the master was solved (it stops early once the node is cut
// off; not solved: the time is up).
func (b *bnp) solve() (float64, bool) {
	return b.mp.generate(func(bound, _ float64) bool {
		return math.Ceil(bound-1e-6) >= float64(b.bestKnown())
	}, 0)
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
	if sc.Hard > 0 {
		b.lossy = true
		return
	}
	b.keep(y, sc.Soft)
}

// keep makes y, of soft score soft and no hard violation, the best roster
// found if it beats the best known, and tells found of it.
func (b *bnp) keep(y []int, soft int64) {
	if soft < b.bestKnown() {
		b.best, b.ub = y, soft
		if b.found != nil {
			b.found(y, soft)
		}
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
				cost += mp.big
			}
			mp.lp.setCost(int(k), cost)
		}
	}
}
