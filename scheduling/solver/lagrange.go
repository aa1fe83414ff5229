package solver

import (
	"math"
	"math/bits"
	"sync/atomic"
	"time"
)

// Lagrangian lower bound. Each employee's rules concern their own row
// only; what ties the rows together is the coverage (and, inside a row,
// the totals). Pricing the number of employees on each day and shift by a
// multiplier π[d][s] instead of counting it splits the problem: a roster
// then costs at least
//
//	L(π) = Σ_e min_row (requests + Σ π over the row's shifts)
//	     + Σ_{d,s} min_{0≤n≤avail} (cover_{d,s}(n) − π[d][s]·n),
//
// where each row keeps its sequence rules (successions, consecutive work
// and rest, weekends, days off) and its minimum and maximum minutes (in
// the programme's state when that is affordable), while the maximum shifts
// per type (and the minutes otherwise) are priced by multipliers of their
// own. Every L(π) is a valid bound; the best π is searched by subgradient
// ascent with Polyak's step (Held, Wolfe and Crowder, Math. Programming 6,
// 1974). Its optimum equals the linear programming bound of the
// column-generation model whose pricing problem is this row programme
// (Strandmark, Qu and Curtois, Computers & Operations Research 120, 2020),
// with the priced rules relaxed into the master problem.

// Subgradient schedule: at most lagIters iterations, and no more than the
// budget of state transitions of the row programmes in all (Solve's is at
// most lagBudget); the step factor starts at lagTheta and halves after
// lagStall iterations without a better bound; each direction adds
// lagDeflect times the previous one. Minutes enter the row programme's
// state when lagMinIters pricing rounds fit the budget, and the bound is
// not tried when that many rounds do not fit even without them.
const (
	lagIters    = 3000
	lagBudget   = 2e9
	lagTheta    = 1.0
	lagStall    = 40
	lagMinIters = 50
	lagDeflect  = 0.5
	lagMaxTable = 1 << 24
)

// lagrangian holds the multipliers and the scratch of the row pricing.
type lagrangian struct {
	m     *model
	R     int
	x     []float64 // all multipliers: pi, lo, hi, ty are views of it
	xl    []float64 // bounds of the multipliers
	xu    []float64
	pi    []float64 // pi[d*S+s]: price of one employee on shift s on day d
	lo    []float64 // lo[e] ≥ 0: minimum minutes, per m.unit minutes
	hi    []float64 // hi[e] ≥ 0: maximum minutes, per m.unit minutes
	ty    []float64 // ty[e*S+s] ≥ 0: maximum shifts of type s
	uDim  []int     // minute counts the row programme of e tracks (1: priced by lo, hi)
	tDim  []int     // counts of shift type tType[e] the programme tracks (1: none)
	tType []int
	ban   []int32   // ban[(e*D+d)*V+v+1] > 0: the cell may not take v (branching; nil: none)
	avail []int     // employees who may work shift s on day d
	base  []float64 // cover cost of day d, shift s with nobody on it
	rows  []int     // priced rows, e*D+d
	cell  []float64
	cost  []float64 // per state, current and next day
	next  []float64
	back  []int32 // back[d*NS+state]: state of day d−1
	val   []int16 // value chosen on day d into the state
	work  float64 // state transitions of a pricing round at most
	done  float64 // state transitions made (at most V per state expanded)
	fb    []bool
	curB  []uint64 // live states of the programme's day, and of the next (bit sets)
	nxtB  []uint64
	// rec: price records every transition it makes in tr, those of day
	// d from trDay[d] on (through).
	rec   bool
	tr    []transition
	trDay []int
	thru  []float64 // thru[d*V+v+1]: least cost of a row through (d, v) (through)
	// codes[{K, U, T}]: the states of a programme of those dimensions,
	// decoded (states): a table look-up instead of five divisions for
	// every state expanded.
	codes map[[3]int][]stateCode
	arcs  [][]lagArc // arcs[c]: the day's work transitions from class c (price)
}

// lagArc is a work transition of the row programme on a day: value v at
// cost c (the cell's), counted by the type count when typed, su minute
// units, into a state of index to + the rest of its code.
type lagArc struct {
	c     float64
	to    int
	su    int
	v     int16
	typed bool
}

// stateCode is one state of the row programme decoded from its index
// (((c*R+rl−1)*K+k)*U+u)*T+t: succession class c, stretch length rl,
// weekends k, minute count u and type count t.
type stateCode struct {
	u        int32
	c, rl, k int16
	t        int16
}

// states returns the decoded states of a programme of K weekend, U minute
// and T type counts, built on first use.
func (lg *lagrangian) states(K, U, T int) []stateCode {
	key := [3]int{K, U, T}
	if sc, ok := lg.codes[key]; ok {
		return sc
	}
	if lg.codes == nil {
		lg.codes = make(map[[3]int][]stateCode)
	}
	R := lg.R
	sc := make([]stateCode, lg.m.C*R*K*U*T)
	for si := range sc {
		q := si / (T * U * K)
		sc[si] = stateCode{u: int32((si / T) % U), c: int16(q / R), rl: int16(q%R + 1), k: int16((si / (T * U)) % K), t: int16(si % T)}
	}
	lg.codes[key] = sc
	return sc
}

// transition is one step of the row programme: from state from of day d
// (−1: the start, from History) to state to of day d+1, taking value v,
// where from costs f.
type transition struct {
	from, to int32
	v        int16
	f        float64
}

// lagrangeBound returns the best Lagrangian bound found on the soft score of
// a roster of m that breaks no hard rule; ub is the score of a known roster
// (the step aims at it). It stops when the budget of state transitions is
// spent, until (if set) has passed or stop (if set) is true. It returns 0
// when the problem is out of the bound's reach: coverage that is not
// separable, RowRules, weekends of more than two days, or pricing rounds
// too costly for the budget.
//
// It also returns the rows priced at the best multipliers (nil with a
// bound of 0): a roster that keeps every sequence rule, where each row is
// the employee's best under prices that reflect what the cover needs —
// the priced totals may break and the cover is not balanced, but it is a
// start from which the search reaches better rosters than from the
// greedy construction (Solve). And it returns those multipliers (the
// layout of lagrangian.x), from which column generation may start
// (master.warm).
//
// Every priced row that keeps the hard rules goes into pool, if not nil.
func lagrangeBound(m *model, ub int64, budget float64, until time.Time, stop *atomic.Bool, pool *colPool) (int64, []int, []float64) {
	lg := newLagrangian(m, budget)
	if lg == nil {
		return 0, nil, nil
	}
	if lg.work*lagMinIters > budget {
		return 0, nil, nil
	}
	var rows []int
	var mult []float64
	best := math.Inf(-1)
	theta := lagTheta
	stall := 0
	n := len(lg.x)
	g, dir := make([]float64, n), make([]float64, n)
	for it := 0; it < lagIters && lg.done < budget; it++ {
		if passed(until) || (stop != nil && stop.Load()) {
			break
		}
		L := lg.value(g)
		if pool != nil {
			for e := 0; e < m.E; e++ {
				pool.add(e, lg.rows[e*m.D:(e+1)*m.D])
			}
		}
		if L > best+1e-9 {
			best, stall = L, 0
			rows = append(rows[:0], lg.rows...)
			mult = append(mult[:0], lg.x...)
		} else if stall++; stall >= lagStall {
			theta /= 2
			stall = 0
		}
		if float64(ub)-best < 1-1e-6 || theta < 1e-4 {
			break
		}
		// Deflected direction (Camerini, Fratta and Maffioli, Math.
		// Programming Study 3, 1975), projected on the multipliers'
		// bounds.
		norm := 0.0
		for i := range g {
			dir[i] = g[i] + lagDeflect*dir[i]
			if (lg.x[i] <= lg.xl[i] && dir[i] < 0) || (lg.x[i] >= lg.xu[i] && dir[i] > 0) {
				dir[i] = 0
			}
			norm += dir[i] * dir[i]
		}
		if norm == 0 {
			break // the priced rows form a roster at the bound
		}
		target := math.Max(float64(ub), best+1)
		t := theta * (target - L) / norm
		for i, v := range dir {
			lg.x[i] = min(lg.xu[i], max(lg.xl[i], lg.x[i]+t*v))
		}
	}
	if math.IsInf(best, -1) {
		return 0, nil, nil
	}
	// Rosters score whole numbers; allow for rounding in the sums.
	return max(0, int64(math.Ceil(best-1e-6*math.Max(1, math.Abs(best))))), rows, mult
}

func newLagrangian(m *model, budget float64) *lagrangian {
	if m.sep == nil || len(m.p.Rules) > 0 {
		return nil
	}
	for _, w := range m.p.Weekends {
		if w[1]-w[0] > 1 {
			return nil
		}
	}
	E, D, S := m.E, m.D, m.S
	n := D*S + 2*E + E*S
	lg := &lagrangian{m: m, x: make([]float64, n), xl: make([]float64, n), xu: make([]float64, n),
		avail: make([]int, D*S), base: make([]float64, D*S), rows: make([]int, E*D)}
	// All multipliers start at 0: π = 0 is the requests' own bound, with
	// nobody paid to work.
	lg.pi, lg.lo, lg.hi, lg.ty = lg.x[:D*S], lg.x[D*S:D*S+E], lg.x[D*S+E:D*S+2*E], lg.x[D*S+2*E:]
	for i := D * S; i < n; i++ {
		lg.xu[i] = math.Inf(1)
	}
	lg.R = 1
	for e := range m.emp {
		r := &m.emp[e]
		lg.R = max(lg.R, r.maxC+1, r.minC, r.minOff)
	}
	for d := 0; d < D; d++ {
		for s := 0; s < S; s++ {
			for e := 0; e < E; e++ {
				if m.allowed(e, d, s) {
					lg.avail[d*S+s]++
				}
			}
		}
	}
	// Outside the cover's own marginal costs a price only loosens the
	// bound: below the first step nobody is worth covering, above the
	// last everyone is.
	for d := 0; d < D; d++ {
		for s := 0; s < S; s++ {
			i := d*S + s
			lg.xl[i] = float64(m.sep.Step(d, s, 0))
			lg.xu[i] = float64(m.sep.Step(d, s, max(0, lg.avail[i]-1)))
		}
	}
	// The cover's cost with nobody working, spread evenly over the days
	// and shifts (only the total matters).
	empty := float64(m.p.Coverage.NewTracker().Cost())
	for i := range lg.base {
		lg.base[i] = empty / float64(D*S)
	}
	// Minutes enter the programme's state (in units of m.g) when that
	// keeps lagMinIters rounds within the budget; otherwise they are
	// priced.
	lg.uDim = make([]int, E)
	lg.tDim, lg.tType = make([]int, E), make([]int, E)
	for e := range lg.tDim {
		lg.tDim[e], lg.tType[e] = 1, -1
	}
	for e := range m.emp {
		lg.uDim[e] = lg.minuteDim(e)
	}
	if lg.roundWork()*lagMinIters > budget {
		for e := range lg.uDim {
			lg.uDim[e] = 1
		}
	}
	lg.work = lg.roundWork()
	lg.cell = make([]float64, D*m.V)
	lg.grow()
	return lg
}

// grow sizes the programme's scratch for the largest state space.
func (lg *lagrangian) grow() {
	m := lg.m
	NS := 1
	for e := range m.emp {
		NS = max(NS, m.C*lg.R*lg.kDim(e)*lg.uDim[e]*lg.tDim[e])
	}
	if NS <= len(lg.cost) {
		return
	}
	lg.cost = make([]float64, NS)
	lg.next = make([]float64, NS)
	lg.back = make([]int32, m.D*NS)
	lg.val = make([]int16, m.D*NS)
	lg.curB = make([]uint64, (NS+63)/64)
	lg.nxtB = make([]uint64, (NS+63)/64)
}

// minuteDim is the number of minute counts (in units of m.g) the row
// programme of e keeps when it tracks them: up to the maximum, or up to
// the minimum when only that is set (1: no totals).
func (lg *lagrangian) minuteDim(e int) int {
	m := lg.m
	r := &m.emp[e]
	switch {
	case r.maxM >= 0:
		return r.maxM/m.g + 1
	case r.minM > 0:
		return (r.minM+m.g-1)/m.g + 1
	}
	return 1
}

// dims sets the minute and type counts the row programme of e tracks
// (u, t: dimensions as in uDim and tDim; tt: the type counted, or −1)
// and reports whether its table of states fits lagMaxTable.
func (lg *lagrangian) dims(e, u, t, tt int) bool {
	m := lg.m
	if m.D*m.C*lg.R*lg.kDim(e)*u*t > lagMaxTable {
		return false
	}
	lg.uDim[e], lg.tDim[e], lg.tType[e] = u, t, tt
	lg.grow()
	return true
}

// tightestType is the shift type of e's tightest priced maximum, or −1.
func (lg *lagrangian) tightestType(e int) int {
	r := &lg.m.emp[e]
	t := -1
	for s := range r.maxS {
		if lg.dualType(e, s) && (t < 0 || r.maxS[s] < r.maxS[t]) {
			t = s
		}
	}
	return t
}

// measure prices e's row once and returns the state transitions it made.
// The states a round expands do not depend on the multipliers (only the
// masks and the bans make a value impossible), so this is the work of
// every round to come, and bans only lower it.
func (lg *lagrangian) measure(e int) float64 {
	before := lg.done
	lg.price(e)
	return lg.done - before
}

// roundWork is the most state transitions one pricing round can make with
// the current state dimensions.
func (lg *lagrangian) roundWork() float64 {
	w := 0.0
	for e := range lg.m.emp {
		w += lg.rowWork(e)
	}
	return w
}

// rowWork is the most state transitions pricing employee e's row can make.
func (lg *lagrangian) rowWork(e int) float64 {
	m := lg.m
	return float64(m.D * m.C * lg.R * lg.kDim(e) * lg.uDim[e] * lg.tDim[e] * m.V)
}

// kDim is the number of weekend counts the row programme of e tracks.
func (lg *lagrangian) kDim(e int) int {
	if lg.m.weekendsLimited(e) {
		return lg.m.emp[e].maxW + 1
	}
	return 1
}

// value prices every row at the current multipliers and returns L; it
// fills the subgradients: g[d*S+s] = employees priced on the shift − the
// cover's best count, and the totals' excess for lo, hi and ty.
func (lg *lagrangian) value(gAll []float64) float64 {
	m := lg.m
	E, D, S := m.E, m.D, m.S
	for i := range gAll {
		gAll[i] = 0
	}
	g, gLo, gHi, gTy := gAll[:D*S], gAll[D*S:D*S+E], gAll[D*S+E:D*S+2*E], gAll[D*S+2*E:]
	L := 0.0
	for e := 0; e < E; e++ {
		r := &m.emp[e]
		v := lg.price(e)
		if math.IsInf(v, 1) {
			v = 0 // no row: no roster, and the bound says no more
		}
		row := lg.rows[e*D : (e+1)*D]
		mins := 0
		for d, sh := range row {
			if sh >= 0 {
				g[d*S+sh]++
				mins += m.minutes[sh]
				gTy[e*S+sh]++
			}
		}
		u := float64(m.unit)
		if r.minM > 0 && lg.uDim[e] == 1 {
			gLo[e] = float64(r.minM-mins) / u
			v += lg.lo[e] * float64(r.minM) / u
		}
		if r.maxM >= 0 && lg.uDim[e] == 1 {
			gHi[e] = float64(mins-r.maxM) / u
			v -= lg.hi[e] * float64(r.maxM) / u
		}
		for s := 0; s < S; s++ {
			if lg.dualType(e, s) {
				gTy[e*S+s] -= float64(r.maxS[s])
				v -= lg.ty[e*S+s] * float64(r.maxS[s])
			} else {
				gTy[e*S+s] = 0
			}
		}
		L += v
	}
	for d := 0; d < D; d++ {
		for s := 0; s < S; s++ {
			i := d*S + s
			c, n := lg.base[i], 0
			for ; n < lg.avail[i]; n++ {
				st := float64(m.sep.Step(d, s, n)) - lg.pi[i]
				if st >= 0 {
					break
				}
				c += st
			}
			L += c
			g[i] -= float64(n)
		}
	}
	return L
}

// forb returns the shifts that may not follow shift a on day d (a ≥ 0),
// for models without class tables.
func (lg *lagrangian) forb(d, a int) []bool {
	m := lg.m
	if cap(lg.fb) < m.S {
		lg.fb = make([]bool, m.S)
	}
	fb := lg.fb[:m.S]
	for b := range fb {
		fb[b] = m.forbidden(d, a, b)
	}
	return fb
}

// dualType reports whether employee e's maximum of shift type s is priced.
func (lg *lagrangian) dualType(e, s int) bool {
	return lg.m.typeBinds(e, s) && lg.tType[e] != s
}

// price finds the cheapest row of employee e under the multipliers with
// every sequence rule kept, writes it to lg.rows and returns its cost
// (without the totals' constant terms), or +Inf with a row of Off when no
// row keeps the rules. Stretch minimums are exempt as in stretchPen; a
// work stretch from day 0 carries History. Values banned by branching
// (ban) are not taken.
func (lg *lagrangian) price(e int) float64 {
	m := lg.m
	r := &m.emp[e]
	D, V, S, C, R := m.D, m.V, m.S, m.C, lg.R
	K, U, T, tt := lg.kDim(e), lg.uDim[e], lg.tDim[e], lg.tType[e]
	NS := C * R * K * U * T
	codes := lg.states(K, U, T)
	if len(lg.arcs) < C {
		lg.arcs = make([][]lagArc, C)
	}
	idx := func(c, rl, k, u, t int) int { return (((c*R+rl-1)*K+k)*U+u)*T + t }
	uCap := U - 1
	capped := r.maxM < 0 // beyond the minimum, minutes only matter up to it
	known := r.histWork > 0 || r.histOff > 0
	inf := math.Inf(1)
	cell := lg.cell
	for d := 0; d < D; d++ {
		i := e*D + d
		for v := Off; v < S; v++ {
			c := inf
			if m.mask[i*V+v+1] && (lg.ban == nil || lg.ban[i*V+v+1] == 0) {
				c = float64(m.cost[i*V+v+1])
				if v >= 0 {
					c += lg.pi[d*S+v] + (lg.hi[e]-lg.lo[e])*float64(m.minutes[v])/float64(m.unit)
					// 0 unless priced; the master may price a type
					// the state also keeps (colgen.go, tighten).
					c += lg.ty[e*S+v]
				}
			}
			cell[d*V+v+1] = c
		}
	}
	cur, nxt := lg.cost[:NS], lg.next[:NS]
	for i := range cur {
		cur[i], nxt[i] = inf, inf
	}
	// The live states of the day (finite cost), and of the next, as bit
	// sets: only those are expanded, in the order of their index (as a
	// scan of the table would, so that ties fall the same way).
	curB, nxtB := lg.curB[:(NS+63)/64], lg.nxtB[:(NS+63)/64]
	clear(curB)
	clear(nxtB)
	// A minimum applies to a stretch that ends before day D−1, unless it
	// began on day 0 without History (then rl == its first day + 1 while
	// below R).
	short := func(rl, day int, work bool) bool {
		if rl >= R || (!known && rl == day) {
			return false
		}
		if work {
			return rl < r.minC
		}
		return rl < r.minOff
	}
	// startWk counts a weekend begun from k worked so far; false when the
	// limit forbids it (K = MaxWeekends+1 counts are tracked when it binds).
	limited := m.weekendsLimited(e)
	startWk := func(k int) (int, bool) {
		if !limited {
			return k, true
		}
		return k + 1, k+1 < K
	}
	live := 0 // states expanded, each into at most V transitions
	if lg.rec {
		lg.tr = lg.tr[:0]
		lg.trDay = append(lg.trDay[:0], 0)
	}
	for d := 0; d < D; d++ {
		bk := lg.back[d*NS : (d+1)*NS]
		vl := lg.val[d*NS : (d+1)*NS]
		cd := cell[d*V : (d+1)*V]
		wk := m.weekOf[d]
		sameWk := d > 0 && wk >= 0 && m.weekOf[d-1] == wk
		step := func(from int, c0 float64, c, rl, k, u, t int, v int) {
			cc := c0 + cd[v+1]
			if cc == inf {
				return
			}
			if T > 1 && v == tt {
				if t++; t >= T {
					return
				}
			}
			if v >= 0 && U > 1 {
				if u += m.su[v]; u > uCap {
					if !capped {
						return
					}
					u = uCap
				}
			}
			ni := idx(c, rl, k, u, t)
			if lg.rec {
				lg.tr = append(lg.tr, transition{int32(from), int32(ni), int16(v), c0})
			}
			if cc < nxt[ni] {
				if nxt[ni] == inf {
					nxtB[ni>>6] |= 1 << (ni & 63)
				}
				nxt[ni] = cc
				bk[ni] = int32(from)
				vl[ni] = int16(v)
			}
		}
		// The day's work transitions from each class c (0: rest), in the
		// order of the values: those a forbidden succession or the cell
		// rules out are left out here, once for every state.
		if d > 0 {
			for c := 0; c < C; c++ {
				fb := m.classForb(d-1, c)
				if fb == nil && c > 0 {
					fb = lg.forb(d-1, c-1)
				}
				as := lg.arcs[c][:0]
				for v := 0; v < S; v++ {
					if cd[v+1] == inf || (fb != nil && fb[v]) {
						continue
					}
					as = append(as, lagArc{c: cd[v+1], v: int16(v), typed: T > 1 && v == tt, su: m.su[v], to: idx(m.cls[v+1], 1, 0, 0, 0)})
				}
				lg.arcs[c] = as
			}
		}
		// work makes every shift transition of as from state si (cost
		// c0) into run length rl and weekend count k.
		work := func(si int, c0 float64, as []lagArc, rl, k, u, t int) {
			at := idx(0, rl, k, 0, 0)
			for _, a := range as {
				nt := t
				if a.typed {
					if nt++; nt >= T {
						continue
					}
				}
				nu := u
				if U > 1 {
					if nu += a.su; nu > uCap {
						if !capped {
							continue
						}
						nu = uCap
					}
				}
				ni := a.to + at + nu*T + nt
				if lg.rec {
					lg.tr = append(lg.tr, transition{int32(si), int32(ni), a.v, c0})
				}
				if cc := c0 + a.c; cc < nxt[ni] {
					if nxt[ni] == inf {
						nxtB[ni>>6] |= 1 << (ni & 63)
					}
					nxt[ni] = cc
					bk[ni] = int32(si)
					vl[ni] = a.v
				}
			}
		}
		if d == 0 {
			// Day 0 follows History.
			prev := r.histLast
			if r.histWork == 0 {
				prev = Off
			}
			step(-1, 0, 0, min(R, 1+r.histOff), 0, 0, 0, Off)
			k, ok := 0, true
			if wk >= 0 {
				k, ok = startWk(0)
			}
			if ok && (r.maxC < 0 || 1+r.histWork <= r.maxC) {
				for v := 0; v < S; v++ {
					if !m.forbidden(-1, prev, v) {
						step(-1, 0, m.cls[v+1], min(R, 1+r.histWork), k, 0, 0, v)
					}
				}
			}
		}
		for w, word := range curB {
			for ; word != 0; word &= word - 1 {
				si := w<<6 | bits.TrailingZeros64(word)
				c0 := cur[si]
				sc := &codes[si]
				t, u, k, rl, c := int(sc.t), int(sc.u), int(sc.k), int(sc.rl), int(sc.c)
				live++
				stay := min(rl+1, R)
				if c == 0 {
					// Rest continues, or work starts after a rest
					// that must be long enough.
					step(si, c0, 0, stay, k, u, t, Off)
					if short(rl, d, false) {
						continue
					}
					nk, ok := k, true
					if wk >= 0 {
						nk, ok = startWk(k)
					}
					if !ok {
						continue
					}
					work(si, c0, lg.arcs[0], 1, nk, u, t)
					continue
				}
				// Work: rest starts (the work stretch must be long
				// enough) or work continues.
				if !short(rl, d, true) {
					step(si, c0, 0, 1, k, u, t, Off)
				}
				if r.maxC >= 0 && rl+1 > r.maxC {
					continue
				}
				nk, ok := k, true
				if wk >= 0 && !sameWk {
					nk, ok = startWk(k)
				}
				if !ok {
					continue
				}
				work(si, c0, lg.arcs[c], stay, nk, u, t)
			}
		}
		for w, word := range curB {
			for ; word != 0; word &= word - 1 {
				cur[w<<6|bits.TrailingZeros64(word)] = inf
			}
			curB[w] = 0
		}
		cur, nxt = nxt, cur
		curB, nxtB = nxtB, curB
		if lg.rec {
			lg.trDay = append(lg.trDay, len(lg.tr))
		}
	}
	lg.curB, lg.nxtB = curB, nxtB
	lg.done += float64(live * V)
	// The last stretch ends on day D−1: no minimum applies.
	bestI, best := -1, inf
	for w, word := range curB {
		for ; word != 0; word &= word - 1 {
			i := w<<6 | bits.TrailingZeros64(word)
			c := cur[i]
			if U > 1 && int(codes[i].u)*m.g < r.minM {
				continue
			}
			if c < best {
				bestI, best = i, c
			}
		}
	}
	lg.cost, lg.next = cur, nxt
	row := lg.rows[e*D : (e+1)*D]
	if bestI < 0 {
		// No row keeps the sequence rules: no roster is feasible.
		for d := range row {
			row[d] = Off
		}
		return inf
	}
	si := bestI
	for d := D - 1; d >= 0; d-- {
		row[d] = int(lg.val[d*NS+si])
		si = int(lg.back[d*NS+si])
	}
	return best
}

// through prices employee e's row as price does, and returns its value;
// it also sets lg.thru[d*V+v+1] to the least cost of a row of e that
// takes v on day d and keeps every rule the programme keeps (+Inf where
// none does), by a backward pass over the transitions the forward one
// made: the least cost from each state to the end (Bellman's principle
// applied both ways; a cell's least row joins the best way into a state
// with the best way on from the state its value leads to).
func (lg *lagrangian) through(e int) float64 {
	m := lg.m
	D, V := m.D, m.V
	lg.rec = true
	best := lg.price(e)
	lg.rec = false
	if len(lg.thru) < D*V {
		lg.thru = make([]float64, D*V)
	}
	thru := lg.thru[:D*V]
	inf := math.Inf(1)
	for i := range thru {
		thru[i] = inf
	}
	if math.IsInf(best, 1) {
		return best
	}
	// after[s]: least cost from state s of day d+1 to the end; now[s]:
	// from state s of day d. The final states that keep the minimum
	// minutes end at 0.
	U, T := lg.uDim[e], lg.tDim[e]
	after, now := lg.cost, lg.next
	for i := range after {
		after[i], now[i] = inf, inf
	}
	last := lg.tr[lg.trDay[D-1]:lg.trDay[D]]
	for _, t := range last {
		if U > 1 && ((int(t.to)/T)%U)*m.g < m.emp[e].minM {
			continue
		}
		after[t.to] = 0
	}
	for d := D - 1; d >= 0; d-- {
		day := lg.tr[lg.trDay[d]:lg.trDay[d+1]]
		cd := lg.cell[d*V : (d+1)*V]
		for _, t := range day {
			c := cd[t.v+1] + after[t.to]
			if t.from >= 0 && c < now[t.from] {
				now[t.from] = c
			}
			if c+t.f < thru[d*V+int(t.v)+1] {
				thru[d*V+int(t.v)+1] = c + t.f
			}
		}
		for _, t := range day {
			after[t.to] = inf
		}
		after, now = now, after
	}
	return best
}

// lagPerIter is the Lagrangian bound's budget, in row-programme state
// transitions, per search iteration when Solve runs without a time limit.
const lagPerIter = 3.0

// LagrangeBound returns a lower bound on the soft score of any roster of p
// that breaks no hard rule, by Lagrangian relaxation of the coverage (see
// lagrange.go), aiming its steps at ub, the score of a known roster, and
// spending at most work state transitions of the row programmes (about 10⁸
// a second). It is 0 where the relaxation does not apply: coverage that is
// not SeparableCover, RowRules, weekends longer than two days, or rows too
// long for the work.
func LagrangeBound(p *Problem, ub int64, work float64) (int64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	lb, _, _ := lagrangeBound(compile(p), ub, work, time.Time{}, nil, nil)
	return lb, nil
}
