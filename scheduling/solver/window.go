package solver

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Window search: days a … b re-decided for all employees at once, every
// other cell fixed, by Lagrangian relaxation and a bounded exact search.
//
//   - For each employee every row that keeps the hard rules and differs
//     from the roster only inside the window is listed (up to winRows, the
//     roster's own values tried first).
//   - The cover of the window's days is priced by multipliers π[d][s]
//     (subgradient ascent): each employee then takes its cheapest listed
//     row on its own, and the sum is a lower bound L on the window's best.
//   - A roster's score is L plus its rows' reduced costs plus what its
//     cover costs above the priced optimum (both ≥ 0). A depth-first search
//     over the rows of small reduced cost, pruned by that sum, finds the
//     best choice below the roster's score when the gap is small; it is
//     exact over the listed rows when it ends within its node budget.
//
// It makes the several-employee exchanges that one row's re-optimisation
// cannot: on Curtois and Qu's instance 5, re-solving 14-day windows of a
// 1 147 roster exactly (by integer programming, outside shiftplan) reached
// the optimum 1 143 in four windows, where the search had stopped.

// winRows rows are listed per employee and window; winDays is the window
// length; winRounds bounds the subgradient rounds; winNodes the exact
// search's nodes; winCells the pool's values (winFits): on Curtois and
// Qu's instances 5–7 (16–20 employees, 28 days) the search gained, on 8
// (30 employees) it ended two of five runs 100 worse, and on 13–15 it
// gained nothing, so it stops short of 8. Solve makes one
// window search after each cycle, the windows in turn, while their work
// stays within winShare of the cycles' iterations counted as winPerIter
// cells each: on Curtois and Qu's instances 5 and 15 an iteration of the
// two threads takes as long as 40–110 cells of the window search, so it
// gets about 8–22 % of the time. See docs/solver-history.md for what it
// gained.
const (
	winRows    = 3000
	winDays    = 14
	winRounds  = 1000
	winNodes   = 2_000_000
	winCells   = 2_000_000
	winShare   = 0.3
	winPerIter = 30
)

// winFits reports whether the window search's pool (winRows rows of D
// values per employee) stays within winCells values: problems small
// enough for its exact search to finish.
func winFits(m *model) bool { return m.E*m.D*winRows <= winCells }

// windowAt is the k-th window of a horizon of D days: winDays long,
// starting on the weeks in turn, the last ending on the last day.
func windowAt(D, k int) (a, b int) {
	L := min(winDays, D)
	n := (D-L+6)/7 + 1 // starts 0, 7, … and D−L
	a = k % n * 7
	if a > D-L {
		a = D - L
	}
	return a, a + L - 1
}

// winSearch is one window search.
type winSearch struct {
	m      *model
	p      *colPool
	a, b   int
	W      int       // days in the window
	on     [][]int32 // on[e][at[e][c]:at[e][c+1]]: the window cells (day−a)·S+shift column c of e works
	at     [][]int32
	work   int64     // cells looked at
	budget int64     // and the most it may look at
	until  time.Time // or the time it must stop by (zero: none)
}

// newWinSearch is a search of days a … b with an empty pool, stopping
// once its work reaches budget or the time until (zero: none).
func newWinSearch(m *model, a, b int, budget int64, until time.Time) *winSearch {
	return &winSearch{m: m, p: newColPool(m), a: a, b: b, W: b - a + 1, budget: budget, until: until}
}

// over reports whether the search must stop: its work is spent or its
// time is up.
func (w *winSearch) over() bool {
	return w.work >= w.budget || passed(w.until)
}

// windowSearch searches days a … b of roster x (which keeps every hard
// rule; soft is its score) and returns the best roster it found with its
// soft score, or nil when it found none better, and the work it did (cells
// looked at). It stops early once its work reaches budget or the time
// until.
func windowSearch(m *model, x []int, soft int64, a, b int, rng *rand.Rand, until time.Time, budget int64) ([]int, int64, int64) {
	w := newWinSearch(m, a, b, budget, until)
	w.list(x, rng)
	y, ys := w.dual(soft)
	return y, ys, w.work
}

// list fills the pool with each employee's rows and their window cells;
// once the work is spent, an employee keeps only its roster's row.
func (w *winSearch) list(x []int, rng *rand.Rand) {
	m, S := w.m, w.m.S
	en := &winEnum{m: m, p: w.p, row: make([]int, m.D), a: w.a, b: w.b, rng: rng, bufs: make([][]int, w.W), cnt: make([]int, m.S)}
	for _, mm := range m.minutes {
		en.most = max(en.most, mm)
	}
	for i := range en.bufs {
		en.bufs[i] = make([]int, 0, m.V)
	}
	w.on = make([][]int32, m.E)
	w.at = make([][]int32, m.E)
	for e := 0; e < m.E; e++ {
		copy(en.row, x[e*m.D:(e+1)*m.D])
		w.p.add(e, en.row) // the roster's own row is column 0
		en.e, en.n = e, 0
		if !w.over() { // else e keeps its row
			en.nodes = 0
			en.dfs(w.a, en.start())
			w.work += en.nodes
		}
		w.at[e] = append(w.at[e], 0)
		for c := 0; c < w.p.size(e); c++ {
			col := w.p.col(e, c)
			for d := w.a; d <= w.b; d++ {
				if s := col[d]; s >= 0 {
					w.on[e] = append(w.on[e], int32((d-w.a)*S+int(s)))
				}
			}
			w.at[e] = append(w.at[e], int32(len(w.on[e])))
		}
		w.work += int64(len(w.on[e]))
	}
}

// cells is the window cells column c of e works.
func (w *winSearch) cells(e, c int) []int32 { return w.on[e][w.at[e][c]:w.at[e][c+1]] }

// priced is column c of e's cost plus the prices of its window cells.
func (w *winSearch) priced(e, c int, pi []float64) float64 {
	v := float64(w.p.cost[e][c])
	for _, i := range w.cells(e, c) {
		v += pi[i]
	}
	return v
}

// dual runs the subgradient ascent of the window's Lagrangian bound from
// the roster of the columns 0, of score ub; every round's cheapest rows
// form a roster, and the best below ub is kept. It ends with the exact search at the best
// multipliers and returns the best roster found with its score, or nil.
func (w *winSearch) dual(ub int64) ([]int, int64) {
	m, p, S := w.m, w.p, w.m.S
	n := w.W * S
	cum, dn, fixed := w.setup(ub)
	pi := make([]float64, n)
	for i := range pi {
		d, s := w.a+i/S, i%S
		pi[i] = -float64(m.sep.Step(d, s, dn[i])) // the price of one more
	}
	g := make([]float64, n)
	ch := make([]int, m.E) // each round's cheapest columns
	var best []int
	bestSoft := ub
	theta, stall := 2.0, 0
	lb := math.Inf(-1)
	piBest := make([]float64, n)
	for round := 0; round < winRounds && !w.over(); round++ {
		clear(g)
		L := fixed
		soft := int64(math.Round(fixed)) // the score of the round's roster
		for e := 0; e < m.E; e++ {
			bc, bv := 0, math.Inf(1)
			for c := 0; c < p.size(e); c++ {
				if v := w.priced(e, c, pi); v < bv {
					bc, bv = c, v
				}
			}
			L += bv
			ch[e] = bc
			soft += p.cost[e][bc]
			for _, i := range w.cells(e, bc) {
				g[i]++
			}
			w.work += int64(len(w.on[e]))
		}
		norm := 0.0
		for i := range pi {
			soft += cum[i][int(g[i])]
			k, v := coverLeast(cum[i], pi[i])
			L += v
			g[i] -= float64(k) // the price rises where more rows take the shift than the cover wants
			norm += g[i] * g[i]
		}
		if soft < bestSoft {
			bestSoft = soft
			best = w.roster(ch)
		}
		if L > lb+1e-9 {
			lb, stall = L, 0
			copy(piBest, pi)
		} else if stall++; stall >= 20 {
			theta, stall = theta/2, 0
		}
		if norm == 0 || lb > float64(bestSoft-1) || theta < 1e-3 {
			break // optimal at these prices, nothing below the best, or converged
		}
		step := theta * math.Max(float64(bestSoft)-L, 1) / norm
		for i := range pi {
			pi[i] += step * g[i]
		}
	}
	if z, soft := w.exact(piBest, lb, fixed, bestSoft, cum); z != nil {
		return z, soft
	}
	if best == nil {
		return nil, 0
	}
	return best, bestSoft
}

// setup returns the cover's cost by window cell and count above nobody
// (cum[i][k]), the employees on each window cell in the roster of the
// columns 0 (dn), and the part of the score, ub for that roster, that no
// choice of columns changes: the cover outside the window and, inside it,
// the cost of nobody working.
func (w *winSearch) setup(ub int64) (cum [][]int64, dn []int, fixed float64) {
	m, S := w.m, w.m.S
	n := w.W * S
	cum = make([][]int64, n)
	for i := range cum {
		d, s := w.a+i/S, i%S
		cum[i] = make([]int64, m.E+1)
		for k := 0; k < m.E; k++ {
			cum[i][k+1] = cum[i][k] + m.sep.Step(d, s, k)
		}
	}
	dn = make([]int, n)
	fixed = float64(ub)
	for e := 0; e < m.E; e++ {
		for _, i := range w.cells(e, 0) {
			dn[i]++
		}
		fixed -= float64(w.p.cost[e][0])
	}
	for i := range cum {
		fixed -= float64(cum[i][dn[i]])
	}
	return cum, dn, fixed
}

// coverLeast is the cover's part of the Lagrangian on a cell whose cost of
// k employees above nobody is cum[k], at price p: the least of
// cum[k] − p·k, reached at the k employees whose marginal cost is below
// the price (the least such k; the cost is convex in k).
func coverLeast(cum []int64, p float64) (int, float64) {
	k := 0
	for k+1 < len(cum) && float64(cum[k+1]-cum[k]) < p {
		k++
	}
	return k, float64(cum[k]) - p*float64(k)
}

// roster is the roster of column ch[e] for each employee e.
func (w *winSearch) roster(ch []int) []int {
	m := w.m
	y := make([]int, m.E*m.D)
	for e, c := range ch {
		intsOf(w.p.col(e, c), y[e*m.D:(e+1)*m.D])
	}
	return y
}

// intsOf copies the int16 values of col into dst.
func intsOf(col []int16, dst []int) []int {
	for d, v := range col {
		dst[d] = int(v)
	}
	return dst
}

// exact searches every choice of listed rows whose reduced costs at the
// multipliers pi (Lagrangian bound lb) and cover above the priced optimum
// add up to less than the gap to ub. fixed is the score's part no choice
// changes, cum the cover's cost by cell and count. It returns the best
// roster below ub with its score, or nil.
func (w *winSearch) exact(pi []float64, lb, fixed float64, ub int64, cum [][]int64) ([]int, int64) {
	m, p, S := w.m, w.p, w.m.S
	n := w.W * S
	gap := float64(ub-1) - lb + 1e-6
	if gap < 0 {
		return nil, 0
	}
	type cand struct {
		c  int
		rc float64
	}
	cands := make([][]cand, m.E)
	var red []float64
	for e := 0; e < m.E; e++ {
		red = red[:0]
		least := math.Inf(1)
		for c := 0; c < p.size(e); c++ {
			v := w.priced(e, c, pi)
			red = append(red, v)
			least = min(least, v)
		}
		for c, v := range red {
			if v-least <= gap {
				cands[e] = append(cands[e], cand{c, v - least})
			}
		}
		slices.SortFunc(cands[e], func(x, y cand) int { return cmp.Compare(x.rc, y.rc) })
	}
	// Employees with fewer candidates first.
	order := make([]int, m.E)
	for e := range order {
		order[e] = e
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(len(cands[x]), len(cands[y])) })
	// slack[i][k]: what k employees on cell i cost above the cover's best
	// at the price; convex in k, least at lo[i].
	slack := make([][]float64, n)
	lo := make([]int, n)
	for i := range slack {
		var least float64
		lo[i], least = coverLeast(cum[i], pi[i])
		slack[i] = make([]float64, m.E+1)
		for k := range slack[i] {
			slack[i][k] = float64(cum[i][k]) - pi[i]*float64(k) - least
		}
	}
	// rem[k][i]: how many of the employees order[k:] have a candidate on
	// cell i.
	rem := make([][]int, m.E+1)
	rem[m.E] = make([]int, n)
	has := make([]bool, n)
	for k := m.E - 1; k >= 0; k-- {
		e := order[k]
		rem[k] = slices.Clone(rem[k+1])
		clear(has)
		for _, cd := range cands[e] {
			for _, i := range w.cells(e, cd.c) {
				has[i] = true
			}
		}
		for i, h := range has {
			if h {
				rem[k][i]++
			}
		}
	}
	dn := make([]int, n)
	ch := make([]int, m.E)
	bestCh := make([]int, m.E)
	best, found := ub, false
	var own int64
	nodes := int64(0)
	maxNodes := min(int64(winNodes), max(w.budget-w.work, 0)/int64(n)+1)
	// bound is the least the cover can still cost above the priced
	// optimum with order[k:] to choose: no fewer employees than now on a
	// cell, no more than now plus those that may still take it.
	bound := func(k int) float64 {
		t := 0.0
		for i, c := range dn {
			if c > lo[i] {
				t += slack[i][c]
			} else if hi := c + rem[k][i]; hi < lo[i] {
				t += slack[i][hi]
			}
		}
		return t
	}
	var dfs func(k int, acc float64)
	dfs = func(k int, acc float64) {
		nodes++
		if acc+bound(k) > gap {
			return
		}
		if k == m.E {
			soft := int64(math.Round(fixed)) + own
			for i, c := range dn {
				soft += cum[i][c]
			}
			if soft < best {
				best, found = soft, true
				copy(bestCh, ch)
				gap = float64(best-1) - lb + 1e-6
			}
			return
		}
		e := order[k]
		for _, cd := range cands[e] {
			if acc+cd.rc > gap || nodes >= maxNodes {
				return
			}
			if nodes&4095 == 0 && passed(w.until) {
				maxNodes = nodes // out of time: unwind
				return
			}
			cells := w.cells(e, cd.c)
			for _, i := range cells {
				dn[i]++
			}
			ch[e] = cd.c
			own += p.cost[e][cd.c]
			dfs(k+1, acc+cd.rc)
			own -= p.cost[e][cd.c]
			for _, i := range cells {
				dn[i]--
			}
		}
	}
	dfs(0, 0)
	w.work += nodes * int64(n)
	if !found {
		return nil, 0
	}
	return w.roster(bestCh), best
}

// winEnum lists the rows of employee e over days a … b into the pool.
type winEnum struct {
	m     *model
	p     *colPool
	e     int
	row   []int
	a, b  int
	rng   *rand.Rand
	bufs  [][]int // the values to try, by depth
	cnt   []int   // shifts per type of the row so far (outside the window and before d)
	most  int     // the longest shift's minutes
	n     int     // rows listed for e
	nodes int64   // cells tried
}

// start counts the row's shifts outside the window into cnt and returns
// their minutes.
func (en *winEnum) start() int {
	clear(en.cnt)
	mins := 0
	for d, v := range en.row {
		if v >= 0 && (d < en.a || d > en.b) {
			mins += en.m.minutes[v]
			en.cnt[v]++
		}
	}
	return mins
}

// dfs sets day d onwards; mins is the minutes worked outside the window
// and on its days before d. It prunes a value that breaks a succession,
// the cell's allowed values, the maximum minutes or a stretch rule that
// the days up to d already decide; the full row is checked when it is
// added.
func (en *winEnum) dfs(d, mins int) {
	if en.n >= winRows {
		return
	}
	m, e, row := en.m, en.e, en.row
	r := &m.emp[e]
	en.nodes++
	if d > en.b {
		if en.endOK() && en.p.add(e, row) >= 0 {
			en.n++
		}
		return
	}
	// The least minutes still reachable must reach the minimum.
	if mins+(en.b-d+1)*en.most < r.minM {
		return
	}
	// The roster's value first, then the others in a random order.
	cur := row[d]
	vals := append(en.bufs[d-en.a][:0], cur)
	for v := -1; v < m.S; v++ {
		if v != cur {
			vals = append(vals, v)
		}
	}
	for i := len(vals) - 1; i > 1; i-- {
		j := 1 + en.rng.IntN(i)
		vals[i], vals[j] = vals[j], vals[i]
	}
	prev := r.histLast
	if d > 0 {
		prev = row[d-1]
	}
	for _, v := range vals {
		if !m.mask[(e*m.D+d)*m.V+v+1] || m.succPen(e, d-1, prev, v) > 0 {
			continue
		}
		nm := mins
		if v >= 0 {
			if nm += m.minutes[v]; r.maxM >= 0 && nm > r.maxM || over(en.cnt[v]+1, r.maxS[v]) > 0 {
				continue
			}
			en.cnt[v]++
		}
		row[d] = v
		if en.stretchOK(d) {
			en.dfs(d+1, nm)
		}
		if v >= 0 {
			en.cnt[v]--
		}
		if en.n >= winRows {
			break
		}
	}
	row[d] = cur
}

// endOK reports whether the window's last value may be followed by the
// next day's and the stretch through the window's last day keeps its
// rules.
func (en *winEnum) endOK() bool {
	m, row, b := en.m, en.row, en.b
	if b+1 < m.D && m.succPen(en.e, b, row[b], row[b+1]) > 0 {
		return false
	}
	work := row[b] >= 0
	t := b
	for t+1 < m.D && (row[t+1] >= 0) == work {
		t++
	}
	return stretchPen(&m.emp[en.e], m.D, stretchStart(row, b), t, work) == 0
}

// stretchOK reports whether the stretch through day d keeps the maximum
// consecutive working days, and, when day d starts a new stretch, whether
// the one ending on day d−1 keeps its rules.
func (en *winEnum) stretchOK(d int) bool {
	m, row := en.m, en.row
	r := &m.emp[en.e]
	work := row[d] >= 0
	start := stretchStart(row, d)
	if work && r.maxC >= 0 {
		n := d - start + 1
		if start == 0 {
			n += r.histWork
		}
		if n > r.maxC {
			return false
		}
	}
	if d > 0 && (row[d-1] >= 0) != work && stretchPen(r, m.D, stretchStart(row, d-1), d-1, !work) > 0 {
		return false
	}
	return true
}

// stretchStart is the first day of the stretch of days worked (or off)
// like day d that ends on day d, looking only back from d.
func stretchStart(row []int, d int) int {
	work := row[d] >= 0
	for d > 0 && (row[d-1] >= 0) == work {
		d--
	}
	return d
}
