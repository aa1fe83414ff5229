package solver

import (
	"math"
	"slices"
	"sync/atomic"
	"time"
)

// Column generation. The roster as a linear programme over whole rows
// (the master problem of Strandmark, Qu and Curtois, Computers &
// Operations Research 120, 2020): each employee takes one row (λ ≥ 0,
// Σ_j λ_ej = 1), the employees on each day and shift are Σ λ over the rows
// that work it, and the cover prices that count through two slacks,
//
//	Σ_j a_j,ds λ_j + u_ds − o_ds = r_ds,  cost −lo_ds·u_ds + hi_ds·o_ds,
//
// where the cover's marginal cost is lo_ds below r_ds employees and hi_ds
// from there on (the two-rate cover of the benchmark; convexity keeps
// the slacks honest). The maxima per shift type, and the total minutes of
// the employees whose row programme does not track them, are rows of the
// master. The restricted master (the rows found so far) is solved by the
// simplex (simplex.go); its duals price every employee's row programme
// (the Lagrangian's, lagrange.go), and the rows of negative reduced cost
// join it, until none is left: the master's optimum is then the linear
// programming bound. At any round, the master's value plus every
// employee's least reduced cost is a bound (Lasdon, Optimization Theory
// for Large Systems, 1970).
//
// Every row of the master that keeps the hard rules joins the pool of
// columns (pool.go) that the searches recombine.

// cgEps is the least reduced cost a new row must save; cgMaxWork is the
// most row-programme transitions of one pricing round, as measured (3·10⁷,
// about 0.3–0.9 s: Curtois and Qu's instances 1–19 fit, with the totals
// of some employees left to the master on the larger ones); cgMaxRows
// bounds the master's rows (the simplex keeps a dense inverse: 13, with
// 1 527 rows, is left out); cgPivots bounds the simplex's pivots in one
// solve of the master, made cgChunk at a time between looks at the clock;
// cgSmooth is the weight of the best bound's duals in the pricing's
// (round); cgNear is how far below the master's value the bound of an
// unsolved root may be for it to count as near solved (near).
const (
	cgEps     = 1e-6
	cgMaxWork = 3e7
	cgMaxRows = 1000
	cgPerturb = 1e-7
	cgPivots  = 50000
	cgChunk   = 2000
	cgSmooth  = 0.5
	cgNear    = 0.05
)

// artE marks the artificial rows among the master's columns.
const artE = -2

// master is the restricted master problem and the map from its columns
// back to rows.
type master struct {
	m  *model
	lg *lagrangian
	lp *simplex
	K  float64 // the objective's constant: the cover with nobody at the breaks
	// big exceeds the soft score of every roster: the cost of the
	// artificial rows, and what a row barred by branching costs more.
	// (Not more: the duals grow with it, and the simplex's tolerances
	// are absolute.)
	big   float64
	tyRow []int32 // tyRow[e*S+s]: row of e's maximum of shift s, or −1
	hiRow []int32 // row of e's maximum minutes when priced, or −1
	loRow []int32 // and minimum
	colE  []int32 // employee of each master column, −1 for a slack
	colAt []int32 // first value of the column's row in rows, or −1
	rows  []int16
	feas  []bool    // the column's row keeps every hard rule
	cost  []float64 // each column's cost in the master
	ban   []int32   // cuts of the branching each column breaks (branch.go), and the tightening's bar
	// barT: the tightening barred the column (it counts in ban) and the
	// pricing has not offered it since.
	barT []bool
	byE  [][]int32
	seen []map[uint64]int32
	// until and stop end a solve of the master early (zero, nil: never).
	until time.Time
	stop  *atomic.Bool
	// solved: column generation reached the master's optimum at the root;
	// bound: the best bound it proved there (−Inf: none); value: the
	// master's value at its last solve to optimality (+Inf: none).
	solved bool
	bound  float64
	value  float64
	// tight: the state each employee's row programme keeps at most
	// (uDim, tDim, tType; see track); tightened: the programme keeps it.
	tight     [][3]int
	tightened bool
	// smooth: the rounds price at smoothed duals (at the root and in half
	// of the dives, diveWays; a node of the tree starts near its optimum
	// and prices at the master's own). center, centerL: the duals of the
	// best bound of this generate, and that bound (nil: none yet); ys the
	// smoothed duals.
	smooth  bool
	center  []float64
	centerL float64
	ys      []float64
	// start, startL: duals and their bound for the next generate to
	// start its smoothing from (warm; nil: none).
	start  []float64
	startL float64
	// rowV: each employee's least row value at the duals of the last
	// priceAt.
	rowV []float64
	cnt  []int
	// slack: the slack columns, 2i and 2i+1 cover row i's under and
	// over, then each total's.
	slack []int
	// rhs: the master's right-hand side; the simplex solves it
	// perturbed (see perturb).
	rhs []float64
	idx []int32
	val []float64
}

// newMaster builds the restricted master from roster x: the basis is x's
// rows with the slacks that balance them, where an employee whose row
// breaks a hard rule starts on an artificial row of cost big that counts
// for nothing. It returns nil where the master does not apply:
// coverage that is not separable with two rates per day and shift, a
// problem the Lagrangian's row programme does not cover, a round of
// pricing under the sequence rules alone beyond cgMaxWork, or more than
// cgMaxRows rows (leastRows: known before any pricing).
func newMaster(m *model, x []int) *master {
	return buildMaster(m, x, nil)
}

// buildMaster is newMaster, with the row programme's tight state given
// (a master's tight, for its twin) instead of measured by track.
func buildMaster(m *model, x []int, tight [][3]int) *master {
	if leastRows(m) > cgMaxRows {
		return nil
	}
	lg := newLagrangian(m, lagBudget)
	if lg == nil {
		return nil
	}
	E, D, S := m.E, m.D, m.S
	mp := &master{m: m, lg: lg, bound: math.Inf(-1), value: math.Inf(1), rowV: make([]float64, E), cnt: make([]int, S), byE: make([][]int32, E), seen: make([]map[uint64]int32, E),
		tyRow: make([]int32, E*S), hiRow: make([]int32, E), loRow: make([]int32, E)}
	for e := range mp.seen {
		mp.seen[e] = map[uint64]int32{}
	}
	uLag := append([]int(nil), lg.uDim...)
	switch {
	case tight != nil:
		mp.tight = slices.Clone(tight)
	case !mp.track():
		return nil
	default:
		mp.tight = make([][3]int, E)
		for e := range mp.tight {
			mp.tight[e] = [3]int{lg.uDim[e], lg.tDim[e], lg.tType[e]}
		}
	}
	// The rounds start from a looser state, as far as its bound on the
	// work allows (these rounds are cheaper, and the bound is often
	// already the tight one: generate tightens the state when the
	// master's optimum leans on rows that break a rule): the minutes
	// where the Lagrangian keeps them, and the tightest maximum per shift
	// type; otherwise the sequence rules alone.
	for e := 0; e < E; e++ {
		lg.dims(e, uLag[e], 1, -1)
	}
	if lg.roundWork() > cgMaxWork {
		for e := 0; e < E; e++ {
			lg.dims(e, 1, 1, -1)
		}
	}
	for e := 0; e < E; e++ {
		if t := lg.tightestType(e); t >= 0 && lg.roundWork()+lg.rowWork(e)*float64(m.emp[e].maxS[t]) <= cgMaxWork {
			lg.dims(e, lg.uDim[e], m.emp[e].maxS[t]+1, t)
		}
	}
	// The tight state keeps at least what the loose one keeps: the
	// master has no row for that.
	for e := range mp.tight {
		d := &mp.tight[e]
		d[0] = max(d[0], lg.uDim[e])
		if d[1] == 1 && lg.tDim[e] > 1 {
			d[1], d[2] = lg.tDim[e], lg.tType[e]
		}
	}
	// Rows: E convexity rows, D·S cover rows, then the priced maxima per
	// type, maximum and minimum minutes.
	nr := E + D*S
	for e := 0; e < E; e++ {
		for s := 0; s < S; s++ {
			mp.tyRow[e*S+s] = -1
			if lg.dualType(e, s) {
				mp.tyRow[e*S+s] = int32(nr)
				nr++
			}
		}
	}
	for e := 0; e < E; e++ {
		mp.hiRow[e], mp.loRow[e] = -1, -1
		if r := &m.emp[e]; lg.uDim[e] == 1 && r.maxM >= 0 {
			mp.hiRow[e] = int32(nr)
			nr++
		}
	}
	for e := 0; e < E; e++ {
		if r := &m.emp[e]; lg.uDim[e] == 1 && r.minM > 0 {
			mp.loRow[e] = int32(nr)
			nr++
		}
	}
	if nr > cgMaxRows {
		return nil
	}
	b := make([]float64, nr)
	for e := 0; e < E; e++ {
		b[e] = 1
	}
	// The cover's rates and breaks.
	type rate struct {
		r      int
		lo, hi float64
	}
	rates := make([]rate, D*S)
	mp.K = float64(m.p.Coverage.NewTracker().Cost())
	mp.big = 1 + math.Abs(mp.K)
	for i := 0; i < E*D; i++ {
		most := int64(0)
		for v := 0; v < m.V; v++ {
			most = max(most, m.cost[i*m.V+v])
		}
		mp.big += float64(most)
	}
	for d := 0; d < D; d++ {
		for s := 0; s < S; s++ {
			i := d*S + s
			av := max(1, lg.avail[i])
			lo := m.sep.Step(d, s, 0)
			r := 0
			for r < av && m.sep.Step(d, s, r) == lo {
				r++
			}
			hi := lo
			if r < av {
				hi = m.sep.Step(d, s, r)
			}
			for n := r; n < av; n++ {
				if m.sep.Step(d, s, n) != hi {
					return nil // more than two rates
				}
			}
			rates[i] = rate{r, float64(lo), float64(hi)}
			// The cover's cost is largest at one end.
			mp.big += math.Max(0, math.Max(float64(-lo)*float64(r), float64(hi)*float64(av-r)))
			b[E+i] = float64(r)
			mp.K += float64(lo) * float64(r)
		}
	}
	for e := 0; e < E; e++ {
		r := &m.emp[e]
		for s := 0; s < S; s++ {
			if k := mp.tyRow[e*S+s]; k >= 0 {
				b[k] = float64(r.maxS[s])
			}
		}
		if k := mp.hiRow[e]; k >= 0 {
			b[k] = float64(r.maxM) / float64(m.unit)
		}
		if k := mp.loRow[e]; k >= 0 {
			b[k] = float64(r.minM) / float64(m.unit)
		}
	}
	mp.rhs = b
	down := make([]bool, nr) // the minima
	for _, k := range mp.loRow {
		if k >= 0 {
			down[k] = true
		}
	}
	mp.lp = newSimplex(perturb(b, E, down))
	// The start's rows first, then the slacks: two per cover row, then
	// one per total.
	basis, n := mp.rowBasis(x)
	mp.slack = make([]int, 0, 2*D*S+nr)
	for i, rt := range rates {
		mp.slack = append(mp.slack, mp.addSlack(E+i, 1, -rt.lo), mp.addSlack(E+i, -1, rt.hi))
	}
	for e := 0; e < E; e++ {
		for s := 0; s < S; s++ {
			if k := mp.tyRow[e*S+s]; k >= 0 {
				mp.slack = append(mp.slack, mp.addSlack(int(k), 1, 0))
			}
		}
	}
	for e := 0; e < E; e++ {
		if k := mp.hiRow[e]; k >= 0 {
			mp.slack = append(mp.slack, mp.addSlack(int(k), 1, 0))
		}
	}
	for e := 0; e < E; e++ {
		if k := mp.loRow[e]; k >= 0 {
			mp.slack = append(mp.slack, mp.addSlack(int(k), -1, 0))
		}
	}
	if err := mp.lp.setBasis(mp.slackBasis(basis, n)); err != nil {
		return nil
	}
	return mp
}

// perturb returns b with every row from the first on moved by a small
// amount of its own (cgPerturb times 1 to 2; Charnes, Econometrica 20,
// 1952): up, but down for the rows in down. Set-partitioning masters are
// degenerate, and on some (a node of a dive with most employees fixed)
// the simplex otherwise steps between bases of one value without end.
// The direction keeps every roster whose rows keep the rules a feasible
// start: a maximum's slack (+1) and a minimum's surplus (−1) stay
// positive. The bound is priced with the true b, so it stays valid; the
// master's value moves by the duals times the perturbation, far below a
// unit of the score.
func perturb(b []float64, first int, down []bool) []float64 {
	p := append([]float64(nil), b...)
	for i := first; i < len(p); i++ {
		d := cgPerturb * (1 + float64((i*2654435761)%1000)/1000)
		if down[i] {
			d = -d
		}
		p[i] += d
	}
	return p
}

// rowBasis starts the basis of roster x: each employee's row, or an
// artificial row where it breaks a hard rule (rows the master lacks are
// added). It returns those columns and the employees x puts on each day
// and shift.
func (mp *master) rowBasis(x []int) ([]int, []int) {
	m := mp.m
	E, D, S := m.E, m.D, m.S
	basis := make([]int, 0, mp.lp.m)
	n := make([]int, D*S)
	for e := 0; e < E; e++ {
		row := x[e*D : (e+1)*D]
		if m.rowHardOf(e, row, mp.cnt) > 0 {
			basis = append(basis, mp.addArtificial(e))
			continue
		}
		j, _ := mp.addRow(e, row)
		basis = append(basis, j)
		for d, v := range row {
			if v >= 0 {
				n[d*S+v]++
			}
		}
	}
	return basis, n
}

// slackBasis completes it with the cover slack that the count n leaves
// positive and every total's slack.
func (mp *master) slackBasis(basis, n []int) []int {
	// (Cover row i asks for rhs[E+i] employees at the lower rate.)
	E := mp.m.E
	for i, c := range n {
		if float64(c) <= mp.rhs[E+i] {
			basis = append(basis, mp.slack[2*i])
		} else {
			basis = append(basis, mp.slack[2*i+1])
		}
	}
	return append(basis, mp.slack[2*len(n):]...)
}

// rebase restarts the simplex from roster x, whose rows keep the hard
// rules; it reports false, and keeps the basis, if that basis does not
// serve.
func (mp *master) rebase(x []int) bool {
	basis, n := mp.rowBasis(x)
	return mp.lp.setBasis(mp.slackBasis(basis, n)) == nil
}

// leastRows is the fewest rows newMaster can give the master of m: one
// per employee and one per day and shift, and one per employee's maximum
// of a shift type that can bind (0 < maximum < D) but one, which the
// row programme may keep in its state instead (dualType). Where it is
// past cgMaxRows, newMaster returns at once: measuring the row programmes
// first took up to 2.8 s of a core on Instance20 (1 142 rows at least)
// and 1.5 s on 24 beside the searches.
func leastRows(m *model) int {
	n := m.E + m.D*m.S
	for e := range m.emp {
		k := 0
		for s := range m.emp[e].maxS {
			if m.typeBinds(e, s) {
				k++
			}
		}
		n += max(0, k-1)
	}
	return n
}

// track chooses what each employee's row programme keeps in its state
// beyond the sequence rules, as far as a round of pricing stays within
// cgMaxWork state transitions (measured, not bounded: most states of
// the programme's table are never reached): first the minutes, then the
// tightest maximum per shift type. It leaves that tight state in lg (the
// caller keeps it, and sets the state the rounds start from) and reports
// false when even the sequence rules alone are beyond cgMaxWork.
func (mp *master) track() bool {
	m, lg := mp.m, mp.lg
	w := make([]float64, m.E)
	for e := range w {
		lg.dims(e, 1, 1, -1)
		w[e] = lg.measure(e)
	}
	total := 0.0
	for _, v := range w {
		total += v
	}
	if total > cgMaxWork {
		return false
	}
	// try keeps the dimensions (u, t, tt) for e if the round stays within
	// cgMaxWork with them, and restores e's otherwise.
	try := func(e, u, t, tt int) {
		pu, pt, ptt := lg.uDim[e], lg.tDim[e], lg.tType[e]
		if !lg.dims(e, u, t, tt) {
			return
		}
		if n := lg.measure(e); total-w[e]+n <= cgMaxWork {
			total += n - w[e]
			w[e] = n
			return
		}
		lg.dims(e, pu, pt, ptt)
	}
	for e := range w {
		if u := lg.minuteDim(e); u > 1 {
			try(e, u, 1, -1)
		}
	}
	for e := range w {
		if t := lg.tightestType(e); t >= 0 {
			try(e, lg.uDim[e], m.emp[e].maxS[t]+1, t)
		}
	}
	return true
}

func (mp *master) addSlack(row int, v, cost float64) int {
	j := mp.lp.addCol(cost, []int32{int32(row)}, []float64{v})
	mp.cost = append(mp.cost, cost)
	mp.ban = append(mp.ban, 0)
	mp.barT = append(mp.barT, false)
	mp.colE = append(mp.colE, -1)
	mp.colAt = append(mp.colAt, -1)
	mp.feas = append(mp.feas, false)
	return j
}

// addArtificial adds e's artificial row: it meets e's minimum minutes
// and works nothing.
func (mp *master) addArtificial(e int) int {
	m := mp.m
	idx, val := []int32{int32(e)}, []float64{1}
	if k := mp.loRow[e]; k >= 0 {
		idx = append(idx, k)
		val = append(val, float64(m.emp[e].minM)/float64(m.unit))
	}
	j := mp.lp.addCol(mp.big, idx, val)
	mp.cost = append(mp.cost, mp.big)
	mp.ban = append(mp.ban, 0)
	mp.barT = append(mp.barT, false)
	mp.colE = append(mp.colE, artE)
	mp.colAt = append(mp.colAt, -1)
	mp.feas = append(mp.feas, false)
	return j
}

// addRow puts employee e's row into the master (once) and returns its
// column, and whether it is new.
func (mp *master) addRow(e int, row []int) (int, bool) {
	m := mp.m
	h := rowHash(row)
	if j, ok := mp.seen[e][h]; ok && mp.same(int(j), row) {
		return int(j), false
	}
	S := m.S
	mp.idx, mp.val = append(mp.idx[:0], int32(e)), append(mp.val[:0], 1)
	cost := 0.0
	mins := 0
	for s := range mp.cnt {
		mp.cnt[s] = 0
	}
	at := len(mp.rows)
	for d, v := range row {
		cost += float64(m.cost[(e*m.D+d)*m.V+v+1])
		mp.rows = append(mp.rows, int16(v))
		if v >= 0 {
			mp.idx = append(mp.idx, int32(m.E+d*S+v))
			mp.val = append(mp.val, 1)
			mp.cnt[v]++
			mins += m.minutes[v]
		}
	}
	for s, c := range mp.cnt {
		if k := mp.tyRow[e*S+s]; k >= 0 && c > 0 {
			mp.idx = append(mp.idx, k)
			mp.val = append(mp.val, float64(c))
		}
	}
	for _, k := range []int32{mp.hiRow[e], mp.loRow[e]} {
		if k >= 0 && mins > 0 {
			mp.idx = append(mp.idx, k)
			mp.val = append(mp.val, float64(mins)/float64(m.unit))
		}
	}
	j := mp.lp.addCol(cost, mp.idx, mp.val)
	mp.cost = append(mp.cost, cost)
	mp.ban = append(mp.ban, 0)
	mp.barT = append(mp.barT, false)
	mp.colE = append(mp.colE, int32(e))
	mp.colAt = append(mp.colAt, int32(at))
	mp.feas = append(mp.feas, m.rowHardOf(e, row, mp.cnt) == 0)
	mp.byE[e] = append(mp.byE[e], int32(j))
	mp.seen[e][h] = int32(j)
	return j, true
}

func (mp *master) same(j int, row []int) bool {
	at := int(mp.colAt[j])
	for d, v := range row {
		if int(mp.rows[at+d]) != v {
			return false
		}
	}
	return true
}

// row is master column j's row (employee columns only).
func (mp *master) row(j int) []int16 {
	at := int(mp.colAt[j])
	return mp.rows[at : at+mp.m.D]
}

// over reports whether the time is up or the search is stopped.
func (mp *master) over() bool {
	return passed(mp.until) || (mp.stop != nil && mp.stop.Load())
}

// generate runs rounds until the master is solved with no row left to
// add, until enough(bound, value) holds for the best bound proved and the
// master's value, until the time is up, or (work > 0) the pricing has made
// work state transitions. It returns the best bound and whether the
// master was solved (or enough held).
func (mp *master) generate(enough func(bound, value float64) bool, work float64) (float64, bool) {
	best := math.Inf(-1)
	mp.center = nil
	if mp.start != nil {
		best = mp.startL
		mp.center, mp.centerL = mp.start, mp.startL
		mp.ys = append(mp.ys[:0], mp.start...)
		mp.start = nil
	}
	for !mp.over() && (work <= 0 || mp.lg.done < work) {
		value, bound, added := mp.round()
		best = math.Max(best, bound)
		if !math.IsInf(value, 1) {
			mp.value = value
		}
		if (added == 0 && !math.IsInf(value, 1)) || enough(best, value) {
			// The smoothing goes on from the same centre: its duals
			// price the tighter programme to a bound at least as high.
			// (Measured on Instance15 from the Lagrangian's start: 120 600
			// pivots and 92 rounds to the root's optimum, against 130 000
			// and 97 starting the smoothing afresh.)
			if mp.tighten() {
				continue
			}
			return best, true
		}
	}
	return best, false
}

// tighten makes every row programme keep the tight state, once, if the
// master's optimum uses a row that breaks a rule (a row the looser state
// let through, kept in check only on average by the master's rows), and
// bars every such row from the master. It reports whether it did.
func (mp *master) tighten() bool {
	if mp.tightened {
		return false
	}
	lossy := false
	for j, e := range mp.colE {
		if e >= 0 && !mp.feas[j] && mp.ban[j] == 0 && mp.lp.x(j) > 1e-6 {
			lossy = true
			break
		}
	}
	if !lossy {
		return false
	}
	mp.tightened = true
	lg := mp.lg
	for e, d := range mp.tight {
		lg.dims(e, d[0], d[1], d[2])
	}
	for j, e := range mp.colE {
		if e >= 0 && !mp.feas[j] {
			mp.bar(j)
		}
	}
	return true
}

// banBy adds delta to the bars on column j (a cut it breaks, or the
// tightening's): a barred column costs big more. It reports whether the
// cost changed.
func (mp *master) banBy(j int, delta int32) bool {
	was := mp.ban[j] > 0
	mp.ban[j] += delta
	now := mp.ban[j] > 0
	if now == was {
		return false
	}
	cost := mp.cost[j]
	if now {
		cost += mp.big
	}
	mp.lp.setCost(j, cost)
	mp.lp.setIdle(j, now)
	return true
}

// bar puts the tightening's bar on column j, once.
func (mp *master) bar(j int) {
	if !mp.barT[j] {
		mp.barT[j] = true
		mp.banBy(j, 1)
	}
}

// unbar lifts the tightening's bar from column j, a row the tight
// programme offers: it breaks only rules the master keeps in rows of its
// own (another type's maximum, minutes the state does not count), so it
// belongs to the relaxation the bound prices. (Barred, it would be
// offered at every round and never added: the master would stop at a
// value far above its bound, 6 150 against 890 on a random problem.)
// It reports whether the cost changed: the master must be solved again
// (a basic column's reduced cost stays zero, its value drops by big).
func (mp *master) unbar(j int) bool {
	if !mp.barT[j] {
		return false
	}
	mp.barT[j] = false
	return mp.banBy(j, -1)
}

// round solves the master and prices every employee's row, adding the
// rows that would lower it. It returns the master's value, the bound the
// pricing proves, and the rows added that lower the master at its duals;
// a value of +Inf says the simplex stopped at cgPivots before the
// optimum (round again).
//
// The rows are priced at duals smoothed towards the best found so far
// (Wentges, International Transactions in Operational Research 4, 1997):
// y_s = α·ŷ + (1−α)·y, where ŷ gave the best bound. Any duals that keep
// the slacks' reduced costs non-negative price a valid bound (a convex
// combination of optimal duals does), and the smoothed duals zigzag less
// than the master's own, so the bound rises in fewer rounds. When none of
// the rows so found lowers the master at its own duals (a mispricing),
// the round prices at the master's duals as well.
func (mp *master) round() (value, bound float64, added int) {
	st := lpPivotLimit
	for n := 0; n < cgPivots && st == lpPivotLimit && !mp.over(); n += cgChunk {
		st = mp.lp.solve(cgChunk)
	}
	y := mp.lp.duals()
	if st != lpOptimal {
		// Not solved: its duals prove nothing, and the rows they price
		// are still worth adding.
		mp.center = nil
		_, added = mp.priceAt(y)
		return math.Inf(1), math.Inf(-1), added
	}
	value = mp.lp.objective() + mp.K
	if mp.smooth && mp.center != nil {
		ys := mp.ys
		for i := range ys {
			ys[i] = cgSmooth*mp.center[i] + (1-cgSmooth)*y[i]
		}
		bound, added = mp.priceAt(ys)
		if bound > mp.centerL {
			copy(mp.center, ys)
			mp.centerL = bound
		}
		if added > 0 {
			return value, bound, added
		}
	}
	b, added := mp.priceAt(y)
	if mp.center == nil || b > mp.centerL {
		mp.center = append(mp.center[:0], y...)
		mp.ys = append(mp.ys[:0], y...)
		mp.centerL = b
	}
	return value, math.Max(bound, b), added
}

// priceAt prices every employee's row at duals ys, adds the rows of
// negative reduced cost there, and returns the Lagrangian bound at ys
//
//	L(ys) = K + Σ_{rows i but the employees'} ys_i·b_i + Σ_e min_row (c − ys·a),
//
// (+Inf when some employee has no row), and the rows added or found that
// have a negative reduced cost at the master's own duals.
func (mp *master) priceAt(ys []float64) (float64, int) {
	m, lg := mp.m, mp.lg
	E, D := m.E, m.D
	mp.load(ys)
	L := mp.K
	for i := E; i < len(ys); i++ {
		L += ys[i] * mp.rhs[i]
	}
	useful := 0
	for e := 0; e < E; e++ {
		if j := mp.pinned(e); j >= 0 {
			// Its one row is in the master already.
			mp.rowV[e] = mp.valueAt(j, ys)
			L += mp.rowV[e]
			continue
		}
		v := lg.price(e)
		mp.rowV[e] = v
		L += v
		if math.IsInf(v, 1) || v-ys[e] >= -cgEps {
			continue
		}
		j, _ := mp.addRow(e, lg.rows[e*D:(e+1)*D])
		if mp.unbar(j) || mp.lp.reducedCost(j) < -cgEps {
			useful++
		}
	}
	return L, useful
}

// load sets the row programme's prices from the master's duals ys.
func (mp *master) load(ys []float64) {
	lg := mp.lg
	clear(lg.hi)
	clear(lg.lo)
	mp.duals(func(k, i int, sgn float64) { lg.x[i] = sgn * ys[k] })
}

// duals calls f for every row k of the master but the employees' that
// prices a multiplier of the row programme, lg.x[i] = sgn·y_k: the cover
// rows, and the maxima per type and the total minutes the programme does
// not keep in its state. It is the one map between the master's duals
// and the Lagrangian's multipliers (load, warm).
func (mp *master) duals(f func(k, i int, sgn float64)) {
	m := mp.m
	E, D, S := m.E, m.D, m.S
	for i := 0; i < D*S; i++ {
		f(E+i, i, -1)
	}
	for e := 0; e < E; e++ {
		for s := 0; s < S; s++ {
			if k := mp.tyRow[e*S+s]; k >= 0 {
				f(int(k), D*S+2*E+e*S+s, -1)
			}
		}
		if k := mp.loRow[e]; k >= 0 {
			f(int(k), D*S+e, 1)
		}
		if k := mp.hiRow[e]; k >= 0 {
			f(int(k), D*S+E+e, -1)
		}
	}
}

// warm prices every employee's row at the duals of the Lagrangian
// multipliers mult (lagrangeBound, mapped by duals) and adds those rows
// (priceAt); the next generate
// smooths its duals towards these until it proves a better bound. Where
// the master keeps a total or a maximum per type in the row programme,
// its multiplier has no row and is dropped (the bound only rises). The
// Lagrangian's cover prices lie within the cover's rates, so the slacks'
// reduced costs stay non-negative and the bound is valid. Measured from
// artificial rows, one thread, with the multipliers of the Lagrangian's
// first 2–6 s (its own time aside): Curtois and Qu's Instance15 (475
// rows) solved its root in 130 000 pivots and 97 rounds against 172 600
// and 112 (31 s against 38 s), 18 in 13.8 s against 17.7 s, 17 in 7.7–
// 9.8 s against 9.7 s, 12 and 14 in about the same time.
func (mp *master) warm(mult []float64) {
	E := mp.m.E
	ys := make([]float64, mp.lp.m)
	mp.duals(func(k, i int, sgn float64) { ys[k] = sgn * mult[i] })
	// An unbounded convexity dual: every employee's row joins.
	for e := 0; e < E; e++ {
		ys[e] = math.Inf(1)
	}
	L, _ := mp.priceAt(ys)
	if math.IsInf(L, 1) {
		return // an employee has no row: no start
	}
	// The convexity rows' duals: the rows' values, as at an optimum.
	copy(ys[:E], mp.rowV)
	mp.start, mp.startL = ys, L
}

// pinned returns the master column of e's one allowed row when the cuts
// leave each of e's days one value and that row keeps every hard rule
// (a dive fixed it), or −1. The row programme would only find that row
// again: the pricing skips it.
func (mp *master) pinned(e int) int {
	lg := mp.lg
	if lg.ban == nil {
		return -1
	}
	m := mp.m
	for d := 0; d < m.D; d++ {
		i := (e*m.D + d) * m.V
		n := 0
		for v := Off; v < m.S; v++ {
			if m.mask[i+v+1] && lg.ban[i+v+1] == 0 {
				n++
			}
		}
		if n != 1 {
			return -1
		}
	}
	for _, j := range mp.byE[e] {
		if mp.ban[j] == 0 && mp.feas[j] {
			return int(j)
		}
	}
	return -1
}

// valueAt is column j's cost less what its rows other than its
// employee's earn at duals ys: the row programme's value of j's row (its
// reduced cost plus its convexity row's dual, where it has a 1).
func (mp *master) valueAt(j int, ys []float64) float64 {
	return mp.lp.rcAt(j, ys) + ys[mp.colE[j]]
}

// colGen runs column generation from roster x until the master's linear
// programme is solved (to its rounded-up value: mp.solved), until has
// passed, stop is set or (work > 0) the pricing has made work state
// transitions. It returns the bound proved (rounded up; 0 when none was)
// and the master, nil when column generation does not apply.
func colGen(m *model, x []int, until time.Time, stop *atomic.Bool, work float64, mult []float64) (int64, *master) {
	mp := newMaster(m, x)
	if mp == nil {
		return 0, nil
	}
	mp.stop, mp.smooth = stop, true
	if mult != nil {
		mp.warm(mult)
	}
	return mp.root(until, work), mp
}

// root runs column generation at the root until the master is solved (to
// its rounded-up value: mp.solved), until has passed, stop is set or
// (work > 0) the pricing has made work state transitions, keeping the
// best bound in mp.bound. It may be called again to go on. It returns
// the bound proved (rounded up; 0 when none was). Its simplex prices in
// the root's finer parts meanwhile (simplex.fine).
func (mp *master) root(until time.Time, work float64) int64 {
	mp.until = until
	mp.lp.fine = true
	defer func() { mp.lp.fine = false }()
	// The bound rounded up reaching the value rounded up is as good as
	// the optimum: scores are whole numbers.
	best, solved := mp.generate(func(bound, value float64) bool {
		return math.Ceil(bound-1e-6) >= math.Ceil(value-1e-6)
	}, work)
	mp.bound = math.Max(mp.bound, best)
	mp.solved = solved
	// +Inf: some employee has no row at all, and no roster exists.
	if math.IsInf(mp.bound, 0) || mp.artificial() {
		return 0
	}
	return max(0, int64(math.Ceil(mp.bound-1e-6*math.Max(1, math.Abs(mp.bound)))))
}

// twin returns a master of the same problem for a second worker of the
// tree: built from roster x as newMaster does, but taking mp's tight
// state instead of measuring the row programmes again (the twin is built
// before the tree starts: on Instance14 in 0.03 s instead of 0.68 s, on
// 17 in 0.04 s instead of 0.34 s), with mp's state of the
// row programme and every row of mp's, so that its first solve starts
// where mp's root ended. It returns nil where newMaster does.
func (mp *master) twin(x []int) *master {
	t := buildMaster(mp.m, x, mp.tight)
	if t == nil {
		return nil
	}
	if mp.tightened {
		t.tightened = true
		for e, d := range mp.tight {
			t.lg.dims(e, d[0], d[1], d[2])
		}
	}
	// The rows the tightening barred in mp, and the pricing has not
	// offered since, stay barred (and only those).
	row := make([]int, mp.m.D)
	for j, e := range mp.colE {
		if e < 0 {
			continue
		}
		k, _ := t.addRow(int(e), intsOf(mp.row(j), row))
		if mp.barT[j] {
			t.bar(k)
		}
	}
	t.solved, t.bound, t.value = mp.solved, mp.bound, mp.value
	return t
}

// near reports whether the root, not yet solved, has a bound within
// cgNear of the master's value at its last solve: it is close to solved.
// (Not the value of the basis where the time ran out, which may be in
// the middle of a solve: on Instance17 that was 224 286 once, with an
// artificial row still basic, against a bound of 5 737.)
func (mp *master) near() bool {
	if mp.solved || math.IsInf(mp.bound, 0) || math.IsInf(mp.value, 1) {
		return false
	}
	v := mp.value
	return v-mp.bound <= cgNear*math.Max(1, math.Abs(v))
}

// artificial reports whether an employee still leans on the artificial
// row of the start (no row that keeps the rules was found for them).
func (mp *master) artificial() bool {
	for j, e := range mp.colE {
		if e == artE && mp.lp.x(j) > 1e-6 {
			return true
		}
	}
	return false
}

// kept lists the master's rows that keep every hard rule: their
// employees, and their values (D each, in one slice).
func (mp *master) kept() ([]int, []int) {
	var emp, rows []int
	for j, e := range mp.colE {
		if e >= 0 && mp.feas[j] {
			emp = append(emp, int(e))
			for _, v := range mp.row(j) {
				rows = append(rows, int(v))
			}
		}
	}
	return emp, rows
}

// LinearBound returns the linear programming bound of the master problem
// (colgen.go) on the soft score of any roster of p that breaks no hard
// rule, from a start where every employee is on the artificial row. It is
// 0 where column generation does not apply: coverage that is not
// SeparableCover with two rates per day and shift, RowRules, weekends
// longer than two days, rows too costly to price, or no roster at all.
func LinearBound(p *Problem) (int64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	m := compile(p)
	x := make([]int, m.E*m.D)
	for i := range x {
		x[i] = Off
	}
	lb, _ := colGen(m, x, time.Time{}, nil, 0, nil)
	return lb, nil
}
