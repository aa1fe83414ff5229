package solver

import (
	"errors"
	"fmt"
	"math"
)

// A revised primal simplex for the restricted master problem of column
// generation (Dantzig and Wolfe, Operations Research 8, 1960):
//
//	minimise c·x  subject to  A x = b,  x ≥ 0,
//
// with m rows (a few hundred) and sparse columns that arrive between
// solves. The caller supplies a primal feasible basis once (slack or
// artificial columns); afterwards columns may be added and costs changed
// (a column is forbidden by a high cost), and solve warm-starts from the
// basis it left. The method is that of Chvátal, Linear Programming
// (Freeman, 1983), chapter 7, with an explicit inverse.
//
// The inverse B⁻¹ of the basis matrix is kept dense and updated by the
// elementary (eta) transformation of each pivot: with α = B⁻¹ a_q and
// leaving row r,
//
//	row_r ← row_r / α_r,   row_i ← row_i − α_i · row_r  (i ≠ r);
//
// it is rebuilt by Gauss–Jordan elimination, which also bounds the drift.
// Costs are counted in rows of B⁻¹ touched (m values each): a rebuild
// touches F, the update of a pivot the rows where α_i ≠ 0, and that
// count grows as the updated inverse fills in with values a rebuild
// would have left zero. The inverse is rebuilt when the last update cost
// more than the average since the last rebuild, F included (the interval
// that minimises the cost per pivot; at least lpRefactor pivots, at most
// lpRefactorMax). Measured on the masters of Curtois and Qu's instances
// (the linear bound from artificial rows, one thread), against a rebuild
// every 100 pivots: Instance12 (460 rows) 38.2 s → 17.2 s, 15 55.0 →
// 36.9 s, 18 20.7 → 18.2 s, 14 9.4 → 7.3 s, 17 10.6 → 8.7 s. Rebuilding
// once the updates had cost F alone was slower on 14 and 17 (10.4 s,
// 13.8 s): it ignores the fill-in.
// A factored basis (LU with eta updates) would not be sparser here: on
// the masters of Instance8 (179 rows) B⁻¹ a_q has 164 nonzeros on average
// and the pivot row of B⁻¹ 118.
// The duals y = c_B B⁻¹ follow each pivot by
// y ← y + d_q · row_r (the new row r), which keeps y·a_j = c_j for every
// basic j, and are rebuilt with B⁻¹.
//
// The entering column is the one of largest d_j²/(1+‖a_j‖²) among those
// with reduced cost d_j < −lpOptTol: Dantzig's rule with each reduced
// cost measured against the length of the column's edge from a unit
// basis, the steepest-edge measure (Goldfarb and Reid, Mathematical
// Programming 12, 1977) frozen at its value for the slack basis, which
// costs nothing per pivot. The most negative d_j favours long columns:
// on the master of BenchmarkSimplex with low demands, whose optimum
// over-covers every cover row, it takes 11 298 pivots from the artificial
// basis and this rule 2 958; with demands about what the columns give,
// both take about 3 160. Columns are priced one part at a time (partial
// pricing): on the latter master with 20 000 columns that takes 4 269
// pivots against 3 069 pricing every column, in a fifth of the time.
// Re-pricing the best 4–16 candidates of a scan at the next pivots
// before scanning again (multiple pricing) took a third to three
// quarters more pivots on BenchmarkSimplex, and was no faster.
//
// The leaving row is chosen by Harris's two-pass ratio test (Harris,
// Mathematical Programming 5, 1973), which prefers the largest pivot
// among near ties: set-partitioning masters are heavily degenerate. After
// lpBlandAfter degenerate pivots in a row the method turns to Bland's
// rule (Bland, Mathematics of Operations Research 2, 1977), which cannot
// cycle, until a pivot makes progress.

// Tolerances: a basic value above −lpFeasTol counts as feasible; an entry
// of B⁻¹ a_q above lpPivTol may be a pivot; a reduced cost below
// −lpOptTol prices a column in; the basis is singular when Gauss–Jordan
// finds no pivot above lpSingTol in absolute value (the master's entries
// are of order one). A pivot moving the solution by at most lpFeasTol is
// degenerate.
const (
	lpFeasTol = 1e-9
	lpPivTol  = 1e-9
	lpOptTol  = 1e-9
	lpSingTol = 1e-11
)

// B⁻¹ is rebuilt after lpRefactor to lpRefactorMax pivots (a least
// of 25 was slower on the masters above); Bland's rule takes over after
// lpBlandAfter degenerate pivots in a row. Pricing scans the columns in
// lpPriceParts parts of at least lpPriceMin columns and takes the best
// candidate of the first part that has one. At column generation's root
// (simplex.fine, set by master.root) the parts are finer: lpFineParts
// parts of at least lpFineMin columns. There the master gains most of its
// columns, and a pivot's column found sooner outweighs a better one found
// later: the linear bounds alone, from artificial rows, took 1.55 s
// against 1.94 on Instance8, 14.3 against 17.0 on 12, 26.5 against 33.4
// on 15, 10.1 against 14.3 on 18, and 19's reached 3 100 after 169 000
// pivots against 298 000 (parts of 10, 30, 50 and 200 columns were
// slower on 19, and so was every column priced). In the tree's
// re-solves, which start near their optimum, the coarse parts stay.
const (
	lpRefactor    = 100
	lpRefactorMax = 1000
	lpBlandAfter  = 50
	lpPriceParts  = 8
	lpPriceMin    = 1000
	lpFineParts   = 64
	lpFineMin     = 100
)

// lpStatus says how solve ended.
type lpStatus int

const (
	lpOptimal    lpStatus = iota // no reduced cost below −lpOptTol
	lpUnbounded                  // a column prices in and nothing limits its increase
	lpPivotLimit                 // solve made its maximum number of pivots
)

// Errors of setBasis.
var (
	errBasisSingular   = errors.New("solver: basis matrix is singular")
	errBasisInfeasible = errors.New("solver: basic solution is not primal feasible")
)

// simplex is the linear programme and the state of the method: columns in
// compressed sparse form, the basis and its dense inverse.
type simplex struct {
	m     int
	b     []float64 // right-hand side, m values
	cost  []float64 // c_j
	start []int     // column j's entries are rows[start[j]:start[j+1]], vals[…]
	rows  []int32
	vals  []float64
	scale []float64 // 1/(1+‖a_j‖²), the pricing weight of column j
	idle  []bool    // idle[j]: pricing passes column j over (setIdle)

	head   []int     // head[i]: the column basic in row i; nil before setBasis
	pos    []int     // pos[j]: the row column j is basic in, or −1
	binv   []float64 // B⁻¹, m×m row-major
	xb     []float64 // x_B = B⁻¹ b
	y      []float64 // y = c_B B⁻¹, when !yStale
	yStale bool      // a basic cost changed since y was computed

	alpha     []float64 // B⁻¹ a_q of the entering column
	work, inv []float64 // Gauss–Jordan scratch, and B⁻¹ until accepted
	order     []int     // Gauss–Jordan scratch: basis positions by nonzeros
	prow      []int     // Gauss–Jordan scratch: pivot row of each step
	done      []bool    // Gauss–Jordan scratch: rows pivoted on

	npiv    int  // pivots made so far
	since   int  // pivots since B⁻¹ was rebuilt
	facRows int  // rows of B⁻¹ the last rebuild touched
	updRows int  // and the updates since
	degen   int  // degenerate pivots in a row
	next    int  // column where partial pricing resumes
	every   int  // lpRefactor; tests vary it
	most    int  // lpRefactorMax; tests vary it
	blandN  int  // lpBlandAfter; tests vary it
	fine    bool // price in the root's finer parts (lpFineParts, lpFineMin)
	dantzig bool // price by the most negative d_j instead, for comparison
}

// newSimplex returns the programme with len(b) equality rows with
// right-hand side b and no columns.
func newSimplex(b []float64) *simplex {
	m := len(b)
	return &simplex{
		m: m, b: append([]float64(nil), b...), start: []int{0},
		binv: make([]float64, m*m), work: make([]float64, m*m), inv: make([]float64, m*m),
		xb: make([]float64, m), y: make([]float64, m), alpha: make([]float64, m),
		order: make([]int, m), prow: make([]int, m), done: make([]bool, m),
		every: lpRefactor, most: lpRefactorMax, blandN: lpBlandAfter,
	}
}

// addCol appends the column with cost c and entries val at rows idx
// (strictly increasing, in [0,m)) and returns its index. It enters
// nonbasic at 0, so the basis and its solution stay as they are.
func (lp *simplex) addCol(cost float64, idx []int32, val []float64) int {
	if len(idx) != len(val) {
		panic("solver: simplex column with mismatched indices and values")
	}
	for k, i := range idx {
		if i < 0 || int(i) >= lp.m || k > 0 && i <= idx[k-1] {
			panic(fmt.Sprintf("solver: simplex column row %d out of order or range", i))
		}
	}
	nn := 1.0
	for _, v := range val {
		nn += v * v
	}
	lp.cost = append(lp.cost, cost)
	lp.scale = append(lp.scale, 1/nn)
	lp.rows = append(lp.rows, idx...)
	lp.vals = append(lp.vals, val...)
	lp.start = append(lp.start, len(lp.rows))
	lp.pos = append(lp.pos, -1)
	lp.idle = append(lp.idle, false)
	return len(lp.cost) - 1
}

// setCost sets c_j. The basis stays primal feasible, so solve continues
// from it.
func (lp *simplex) setCost(j int, c float64) {
	lp.cost[j] = c
	if lp.pos[j] >= 0 {
		lp.yStale = true
	}
}

// setIdle makes pricing pass column j over (idle) or consider it again.
// An idle column never enters the basis; one that is basic stays until a
// pivot takes it out. The programme solved is then the one without the
// idle columns.
func (lp *simplex) setIdle(j int, idle bool) { lp.idle[j] = idle }

func (lp *simplex) numCols() int { return len(lp.cost) }

// pivots is the number of pivots made since the programme was built.
func (lp *simplex) pivots() int { return lp.npiv }

// setBasis makes cols the basis, cols[i] basic in row i. It fails, and
// keeps the previous basis, unless cols are m distinct columns whose
// matrix is nonsingular and whose basic solution B⁻¹ b has no component
// below −lpFeasTol (components above it and below 0 are set to 0).
func (lp *simplex) setBasis(cols []int) error {
	if len(cols) != lp.m {
		return fmt.Errorf("solver: basis of %d columns for %d rows", len(cols), lp.m)
	}
	seen := make(map[int]bool, len(cols))
	for _, j := range cols {
		if j < 0 || j >= len(lp.cost) || seen[j] {
			return fmt.Errorf("solver: basis column %d missing or repeated", j)
		}
		seen[j] = true
	}
	if !lp.factor(cols) {
		return errBasisSingular
	}
	m := lp.m
	for i := range m {
		row, s := lp.inv[i*m:(i+1)*m], 0.0
		for k, bk := range lp.b {
			s += row[k] * bk
		}
		if s < -lpFeasTol {
			return fmt.Errorf("%w: basic column %d at %g", errBasisInfeasible, cols[i], s)
		}
	}
	for _, j := range lp.head {
		lp.pos[j] = -1
	}
	lp.head = append(lp.head[:0], cols...)
	for i, j := range cols {
		lp.pos[j] = i
	}
	lp.binv, lp.inv = lp.inv, lp.binv
	lp.since, lp.updRows = 0, 0
	lp.primal()
	lp.dual()
	return nil
}

// factor inverts the basis matrix of the columns head into lp.inv by
// Gauss–Jordan elimination with partial pivoting, in place as a sequence
// of exchange steps: pivoting on row p, column k of the tableau y = W x
// solves row p for x_k and substitutes it into the other rows,
//
//	w_pk ← 1/w_pk,  w_pc ← −w_pc/w_pk,  w_ik ← w_ik/w_pk,  w_ic ← w_ic − w_ik w_pc/w_pk,
//
// so that after m steps the tableau gives x = W⁻¹ y with rows and columns
// permuted by the pivot rows. It reports whether the basis is nonsingular.
// Columns are eliminated in order of increasing count of nonzeros, W = B Q,
// so the slack and artificial columns of the master, which are unit
// vectors, come first and cost nothing.
func (lp *simplex) factor(head []int) bool {
	m, w := lp.m, lp.work
	order, prow, done := lp.order, lp.prow, lp.done
	// Counting sort of the basis positions by nonzeros.
	clear(prow)
	for _, j := range head {
		prow[min(lp.start[j+1]-lp.start[j], m-1)]++
	}
	for c, s := 0, 0; c < m; c++ {
		prow[c], s = s, s+prow[c]
	}
	for i, j := range head {
		c := min(lp.start[j+1]-lp.start[j], m-1)
		order[prow[c]] = i
		prow[c]++
	}
	clear(w)
	clear(done)
	lp.facRows = 0
	for k, i := range order {
		j := head[i]
		for e := lp.start[j]; e < lp.start[j+1]; e++ {
			w[int(lp.rows[e])*m+k] = lp.vals[e]
		}
	}
	for k := range m {
		p, big := -1, lpSingTol
		for i := range m {
			if a := math.Abs(w[i*m+k]); a > big && !done[i] {
				p, big = i, a
			}
		}
		if p < 0 {
			return false
		}
		done[p], prow[k] = true, p
		wp := w[p*m : (p+1)*m]
		f := -1 / wp[k]
		for c := range wp {
			wp[c] *= f
		}
		wp[k] = -f
		for i := range m {
			wi := w[i*m : (i+1)*m][:len(wp)]
			g := wi[k]
			if i == p || g == 0 {
				continue
			}
			addScaled(wi, g, wp)
			wi[k] = g * wp[k]
			lp.facRows++
		}
	}
	// Row p_k of the tableau now gives x_k, column k' holds y of row
	// p_k': (W⁻¹)_{k,p_k'} = w_{p_k,k'}, and row order[k] of B⁻¹ = Q W⁻¹
	// is row k of W⁻¹.
	for k, i := range order {
		src, dst := w[prow[k]*m:(prow[k]+1)*m], lp.inv[i*m:(i+1)*m]
		for c, v := range src {
			dst[prow[c]] = v
		}
	}
	return true
}

// refactor rebuilds B⁻¹, x_B and y from the basis. Should the basis have
// become numerically singular, the updated inverse is kept.
func (lp *simplex) refactor() {
	if lp.factor(lp.head) {
		lp.binv, lp.inv = lp.inv, lp.binv
	}
	lp.since, lp.updRows = 0, 0
	lp.primal()
	lp.dual()
}

// primal sets x_B = B⁻¹ b, with values in (−lpFeasTol, 0) set to 0.
func (lp *simplex) primal() {
	m := lp.m
	for i := range m {
		row, s := lp.binv[i*m:(i+1)*m], 0.0
		for k, bk := range lp.b {
			s += row[k] * bk
		}
		if s < 0 && s > -lpFeasTol {
			s = 0
		}
		lp.xb[i] = s
	}
}

// dual sets y = c_B B⁻¹.
func (lp *simplex) dual() {
	m, y := lp.m, lp.y
	clear(y)
	for i, j := range lp.head {
		c := lp.cost[j]
		if c == 0 {
			continue
		}
		addScaled(y, c, lp.binv[i*m:(i+1)*m])
	}
	lp.yStale = false
}

// solve runs the primal simplex from the current basis until no column
// prices in (lpOptimal), a column that prices in can grow without bound
// (lpUnbounded; the basis is left as it was), or maxPivots pivots were
// made in this call (lpPivotLimit; maxPivots ≤ 0: no limit). It panics
// before setBasis.
func (lp *simplex) solve(maxPivots int) lpStatus {
	if lp.head == nil && lp.m > 0 {
		panic("solver: simplex solved without a basis")
	}
	if lp.yStale {
		lp.dual()
	}
	lp.degen = 0
	for done := 0; ; done++ {
		bland := lp.degen >= lp.blandN
		q, dq := lp.price(bland)
		if q < 0 {
			return lpOptimal
		}
		if maxPivots > 0 && done >= maxPivots {
			return lpPivotLimit
		}
		lp.ftran(q)
		r := lp.ratio(bland)
		if r < 0 {
			return lpUnbounded
		}
		lp.pivot(q, r, dq)
	}
}

// rc is the reduced cost c_j − y·a_j.
func (lp *simplex) rc(j int) float64 { return lp.rcAt(j, lp.y) }

// rcAt is c_j − y·a_j at duals y.
func (lp *simplex) rcAt(j int, y []float64) float64 {
	rows, vals := lp.rows[lp.start[j]:lp.start[j+1]], lp.vals[lp.start[j]:lp.start[j+1]]
	vals = vals[:len(rows)]
	d := lp.cost[j]
	for k, i := range rows {
		d -= y[i] * vals[k]
	}
	return d
}

// price returns a nonbasic column with reduced cost d_j below −lpOptTol
// and its d_j, or −1. Under Bland's rule it is the first such column;
// otherwise the one of largest d_j²/(1+‖a_j‖²) in the first part of the
// columns, scanned cyclically from where the last scan ended, that holds
// one.
func (lp *simplex) price(bland bool) (int, float64) {
	n := len(lp.cost)
	if bland {
		for j := range n {
			if lp.pos[j] < 0 && !lp.idle[j] {
				if d := lp.rc(j); d < -lpOptTol {
					return j, d
				}
			}
		}
		return -1, 0
	}
	part := max(n/lpPriceParts, lpPriceMin)
	if lp.fine {
		part = max(n/lpFineParts, lpFineMin)
	}
	q, dq, best := -1, 0.0, 0.0
	j := lp.next
	for k := 1; k <= n; k++ {
		if j >= n {
			j = 0
		}
		if lp.pos[j] < 0 && !lp.idle[j] {
			if d := lp.rc(j); d < -lpOptTol {
				s := d * d
				if !lp.dantzig {
					s *= lp.scale[j]
				}
				if s > best {
					q, dq, best = j, d, s
				}
			}
		}
		j++
		if q >= 0 && k%part == 0 {
			break
		}
	}
	lp.next = j
	return q, dq
}

// ftran sets alpha = B⁻¹ a_q.
func (lp *simplex) ftran(q int) {
	m := lp.m
	rows, vals := lp.rows[lp.start[q]:lp.start[q+1]], lp.vals[lp.start[q]:lp.start[q+1]]
	for i := range m {
		row, s := lp.binv[i*m:(i+1)*m], 0.0
		for k, r := range rows {
			s += row[r] * vals[k]
		}
		lp.alpha[i] = s
	}
}

// ratio returns the leaving row for the entering column alpha, or −1 when
// no entry exceeds lpPivTol. Harris's test bounds the step by the
// relaxed ratios (x_i + lpFeasTol)/α_i, then takes the largest α_i whose
// plain ratio lies within that bound. Under Bland's rule it takes, among
// the rows that reach the smallest plain ratio within lpFeasTol, the one
// whose basic column has the smallest index.
func (lp *simplex) ratio(bland bool) int {
	theta := math.Inf(1)
	tol := lpFeasTol
	if bland {
		tol = 0
	}
	for i, a := range lp.alpha {
		if a > lpPivTol {
			theta = min(theta, (max(lp.xb[i], 0)+tol)/a)
		}
	}
	if math.IsInf(theta, 1) {
		return -1
	}
	r, big := -1, 0.0
	for i, a := range lp.alpha {
		if a <= lpPivTol {
			continue
		}
		x := max(lp.xb[i], 0)
		if bland {
			if x-theta*a <= lpFeasTol && (r < 0 || lp.head[i] < lp.head[r]) {
				r = i
			}
		} else if x <= theta*a && a > big {
			r, big = i, a
		}
	}
	return r
}

// pivot brings column q, of reduced cost dq and B⁻¹ a_q in alpha, into
// the basis in row r, and updates x_B, B⁻¹ and y.
func (lp *simplex) pivot(q, r int, dq float64) {
	m, a, xb := lp.m, lp.alpha, lp.xb
	theta := max(xb[r], 0) / a[r]
	for i, ai := range a {
		if ai != 0 {
			// The ratio test keeps every value above −lpFeasTol (Bland's
			// rule above a small multiple); the shortfall is dropped.
			xb[i] = max(xb[i]-theta*ai, 0)
		}
	}
	xb[r] = theta
	if theta <= lpFeasTol {
		lp.degen++
	} else {
		lp.degen = 0
	}

	n := 0 // rows of B⁻¹ this update touches
	rr := lp.binv[r*m : (r+1)*m]
	f := 1 / a[r]
	for c := range rr {
		rr[c] *= f
	}
	for i, ai := range a {
		if i == r || ai == 0 {
			continue
		}
		addScaled(lp.binv[i*m:(i+1)*m], -ai, rr)
		n++
	}
	addScaled(lp.y, dq, rr)

	lp.pos[lp.head[r]] = -1
	lp.head[r], lp.pos[q] = q, r
	lp.npiv++
	lp.since++
	lp.updRows += n
	if lp.since >= lp.most || lp.since >= lp.every && n*lp.since > lp.facRows+lp.updRows {
		lp.refactor()
	}
}

// objective is c·x.
func (lp *simplex) objective() float64 {
	z := 0.0
	for i, j := range lp.head {
		z += lp.cost[j] * lp.xb[i]
	}
	return z
}

// x is the value of column j: x_B of its row when basic, else 0.
func (lp *simplex) x(j int) float64 {
	if i := lp.pos[j]; i >= 0 {
		return lp.xb[i]
	}
	return 0
}

func (lp *simplex) basic(j int) bool { return lp.pos[j] >= 0 }

// duals returns y = c_B B⁻¹, so that y·a_j = c_j for every basic column
// j; at an optimum, the prices of the rows. The slice is shared and valid
// until the next call on lp.
func (lp *simplex) duals() []float64 {
	if lp.yStale {
		lp.dual()
	}
	return lp.y
}

// reducedCost is c_j − y·a_j (0 for a basic column, up to rounding).
func (lp *simplex) reducedCost(j int) float64 {
	if lp.yStale {
		lp.dual()
	}
	return lp.rc(j)
}

// addScaled sets dst ← dst + a·src; len(dst) ≥ len(src). Four at a time: the
// updates of B⁻¹ spend their time here.
func addScaled(dst []float64, a float64, src []float64) {
	dst = dst[:len(src)]
	k := 0
	for ; k+4 <= len(src); k += 4 {
		s, d := src[k:k+4:k+4], dst[k:k+4:k+4]
		d[0] += a * s[0]
		d[1] += a * s[1]
		d[2] += a * s[2]
		d[3] += a * s[3]
	}
	for ; k < len(src); k++ {
		dst[k] += a * src[k]
	}
}
