package roster

import (
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// The hours bound: a lower bound on the on-phone agent-hours of any roster
// Solve can return that meets every coverable requirement, and, by (3)
// below, of a given roster on the requirement it does meet. It is the
// linear programme over shift counts that Dantzig (1954, "A comment on
// Edie's 'Traffic delays at toll booths'", Journal of the Operations
// Research Society of America 2(3)) set up for shift scheduling, with
// breaks placed implicitly within their windows as in Bechtold and Jacobs
// (1990, "Implicit modeling of flexible break assignments in optimal shift
// scheduling", Management Science 36(11)). Without breaks each shift's
// column would be one run of consecutive intervals, a network matrix
// (Bartholdi, Orlin and Ratliff 1980, "Cyclic scheduling via integer
// programs with circular ones", Operations Research 28(5)); a break splits
// the run, so the LP is solved by the simplex method below instead.
//
// For one demand curve let r_i = min(required, coverable) be what the
// roster must cover in interval i, β_i the carry-in already there and h
// the interval's length in hours. A shift of the roster is on the phone a
// share p_i ∈ [0,1] of interval i: its span less its breaks and training.
// For any duals π ≥ 0 such that every shift the roster may hold satisfies
//
//	Σ_i p_i·(π_i − h) ≤ 0                                              (1)
//
// the on-phone hours H = h·Σβ + h·Σ_shifts Σ_i p_i of a roster with
// coverage y_i = β_i + Σ_shifts p_i ≥ r_i satisfy
//
//	H = h·Σβ + Σ_shifts Σ_i p_i·(h − π_i) + Σ_i π_i·(y_i − β_i)
//	  ≥ h·Σβ + Σ_i π_i·(r_i − β_i),                                  (2)
//
// the weak duality of the covering LP min Σ cost·x s.t. coverage ≥ r.
// Summed over curves (each shift serves one), (2) bounds the roster's
// ScheduledHours; π_i = h gives the old bound Σ min(required, coverable).
// The equation in (2) holds for every roster, its middle sum is ≥ 0 by
// (1) and π ≥ 0, so a roster that covers y_i < r_i somewhere (the team
// short of agents or of hours) still has
//
//	H ≥ h·Σβ + Σ_i π_i·(min(r_i, y_i) − β_i),                        (3)
//
// the bound with the requirement it covers in place of r: the measure
// of a roster uses (3), with the duals of r, so that the hours bound
// never exceeds what the roster has and the gap is never negative.
// Where every shift, with or without any of its breaks, covers interval i
// wholly or not at all, no training falls and β_i is whole, y_i is a whole
// number of agents, so y_i ≥ r_i means y_i ≥ ⌈r_i⌉ and (2) holds with
// ⌈r_i⌉ (the rounding every integer solution obeys).
//
// Condition (1) is checked for every shift type on every day, each custom
// and pinned shift with its own breaks, and every position of each
// template break on its 15-minute grid (the positions placeBreaks tries):
// the left side is largest for the position of each break that takes the
// least Σ p·(π − h) off, so one pass per break suffices. A template break
// counts as possibly missing, one more position that takes nothing off,
// where placeBreaks may find no room for it: training overlaps the shift,
// or the break's window overlaps another break's. Where training may fall
// the shift may be off the phone, so there an interval counts
// max(π_i − h, 0). So (1) covers every shift a roster of Solve holds,
// whatever its hard violations.
//
// π comes from the LP dual: one LP per curve and local day, its rows the
// day's intervals and its columns the shifts clipped to the day, solved by
// the covering simplex with the most violated shift of (1) as the entering
// column. The day LPs are independent, so their duals side by side satisfy
// (1) for shifts that cross midnight too (each part is ≤ 0); the split
// costs a little tightness where night shifts cross midnight. The bound is
// then checked afresh over the whole period, and π scaled by the largest
// s ∈ [0,1] that satisfies (1) if rounding left a shift above 0, so the
// bound is proven by its own duals whatever the simplex did.

// family is one shift a roster may hold, as the bound sees it.
type family struct {
	span piece
	// breaks[r] lists the positions break r may take; a fixed break has
	// one.
	breaks [][]piece
}

// piece is the share of intervals first, first+1, … a stretch of time
// covers.
type piece struct {
	first int
	frac  []float64
	// unit says every share is 1.
	unit bool
}

// boundPivots bounds the simplex pivots of one day LP; past it the bound
// is still valid, only weaker.
const boundPivots = 5000

// piece returns the shares of the period's intervals that [s, e) covers.
func (m *model) piece(s, e time.Time) piece {
	c := m.c
	iv := c.interval
	first := max(0, int(s.Sub(c.start)/iv))
	var out piece
	out.first = first
	for i := first; i < c.n; i++ {
		is := c.start.Add(time.Duration(i) * iv)
		if !is.Before(e) {
			break
		}
		if o := minTime(e, is.Add(iv)).Sub(maxTime(s, is)); o > 0 {
			if len(out.frac) == 0 {
				out.first = i
			}
			for len(out.frac) < i-out.first {
				out.frac = append(out.frac, 0)
			}
			out.frac = append(out.frac, float64(o)/float64(iv))
		}
	}
	out.unit = true
	for _, v := range out.frac {
		out.unit = out.unit && v == 1
	}
	return out
}

// families lists every shift a roster may hold: each shift type on each
// day with its template's break windows or its fixed breaks, and the
// pinned shifts with theirs.
func (m *model) families() []family {
	var out []family
	step := min(m.c.interval, 15*time.Minute)
	for d := 0; d < m.D; d++ {
		for s := range m.types {
			ins := &m.inst[d*m.S+s]
			if !ins.ok {
				continue
			}
			f := family{span: m.piece(ins.start, ins.end)}
			if len(f.span.frac) == 0 {
				continue
			}
			if t := m.types[s]; t.custom != nil {
				for _, b := range t.custom.Breaks {
					f.breaks = append(f.breaks, []piece{m.piece(b.Start, b.End)})
				}
			} else {
				rules := m.in.Templates[t.tmpl].Breaks
				for ri, r := range rules {
					var ps []piece
					latest := r.LatestIn(ins.end.Sub(ins.start))
					if m.mayMiss(ins, rules, ri) || latest < r.EarliestAfter {
						ps = append(ps, piece{unit: true})
					}
					for off := r.EarliestAfter; off <= latest; off += step {
						bs := ins.start.Add(off)
						ps = append(ps, m.piece(bs, bs.Add(r.Length)))
					}
					f.breaks = append(f.breaks, ps)
				}
			}
			out = append(out, f)
		}
	}
	for _, p := range m.in.Pinned {
		f := family{span: m.piece(p.Start, p.End)}
		if len(f.span.frac) == 0 {
			continue
		}
		for _, b := range p.Breaks {
			f.breaks = append(f.breaks, []piece{m.piece(b.Start, b.End)})
		}
		out = append(out, f)
	}
	return out
}

// mayMiss reports whether placeBreaks may find no room for break rule ri
// of a template shift: training overlaps the shift, or the rule's window
// overlaps another rule's. Otherwise every such shift of a roster takes
// the break.
func (m *model) mayMiss(ins *instance, rules []scheduling.BreakRule, ri int) bool {
	for _, t := range m.in.Training {
		if overlaps(ins.start, ins.end, t.Start, t.End) {
			return true
		}
	}
	r := rules[ri]
	for rj, o := range rules {
		if rj != ri && r.EarliestAfter < o.LatestAfter+o.Length && o.EarliestAfter < r.LatestAfter+r.Length {
			return true
		}
	}
	return false
}

// trainable marks the intervals where some agent has training.
func (m *model) trainable() []bool {
	out := make([]bool, m.c.n)
	for _, t := range m.in.Training {
		p := m.piece(t.Start, t.End)
		for k := range p.frac {
			out[p.first+k] = true
		}
	}
	return out
}

// pricer evaluates shifts against interval weights w_i = π_i − h given
// on the rows lo … hi−1 (0 elsewhere).
type pricer struct {
	train  []bool
	w      []float64
	v      []float64 // w_i, or max(w_i, 0) where training may fall
	cum    []float64 // cum[k] = Σ v_i for lo ≤ i < lo+k
	lo, hi int
}

func newPricer(train []bool) *pricer {
	n := len(train)
	return &pricer{train: train, w: make([]float64, n), v: make([]float64, n), cum: make([]float64, n+1)}
}

// set puts weights y_j − h on the rows lo, lo+1, … and clears the rest.
func (p *pricer) set(lo int, y []float64, h float64) {
	for i := p.lo; i < p.hi; i++ {
		p.w[i], p.v[i] = 0, 0
	}
	p.lo, p.hi = lo, lo+len(y)
	p.cum[0] = 0
	for j, yj := range y {
		i := lo + j
		p.w[i] = yj - h
		p.v[i] = p.w[i]
		if p.train[i] && p.v[i] < 0 {
			p.v[i] = 0
		}
		p.cum[j+1] = p.cum[j] + p.v[i]
	}
}

// sum is Σ share·v over a piece.
func (p *pricer) sum(pc piece) float64 {
	if pc.unit {
		at := func(i int) float64 { return p.cum[clamp(i, p.lo, p.hi)-p.lo] }
		return at(pc.first+len(pc.frac)) - at(pc.first)
	}
	var s float64
	for k, f := range pc.frac {
		s += f * p.v[pc.first+k]
	}
	return s
}

// value is the largest Σ p_i·w_i of f over its break positions, where an
// interval in which training may fall counts max(w_i, 0): the left side
// of (1). When col is not nil it receives the shares p_i of that best
// shift on the rows lo, lo+1, … (0 where training is better taken) and
// returns the rows where they are not 0.
func (f *family) value(p *pricer, col []float64, lo int) (float64, []int) {
	val := p.sum(f.span)
	best := make([]int, 0, 4)
	for _, ps := range f.breaks {
		bi, bv := 0, math.Inf(1)
		for o, pc := range ps {
			if v := p.sum(pc); v < bv {
				bi, bv = o, v
			}
		}
		val -= bv
		best = append(best, bi)
	}
	if col == nil {
		return val, nil
	}
	for j := range col {
		col[j] = 0
	}
	add := func(pc piece, sign float64) {
		for k, v := range pc.frac {
			if j := pc.first + k - lo; j >= 0 && j < len(col) {
				col[j] += sign * v
			}
		}
	}
	add(f.span, 1)
	for r, ps := range f.breaks {
		add(ps[best[r]], -1)
	}
	var nz []int
	for j := range col {
		if i := lo + j; p.train[i] && p.w[i] < 0 {
			col[j] = 0
		}
		if col[j] != 0 {
			nz = append(nz, j)
		}
	}
	return val, nz
}

// hoursBound returns the lower bound on on-phone agent-hours described
// above, for the requirements r = m.need() (min(required, coverable)), per curve:
// each curve's term bounds the on-phone hours of that curve alone. With
// cover (agents on the phone per curve and interval, carry-in included)
// it is bound (3) of that roster; with nil, bound (2) of any roster that
// meets r.
func (m *model) hoursBound(cover [][]float64) []float64 {
	bd := m.hoursDuals()
	h := m.c.interval.Hours()
	total := make([]float64, len(m.dem))
	for qd := range m.dem {
		for i, pi := range bd.pi[qd] {
			r := bd.need[qd][i]
			if cover != nil {
				r = math.Min(r, cover[qd][i])
			}
			total[qd] += h*bd.base[qd][i] + bd.scale[qd]*pi*(r-bd.base[qd][i])
		}
	}
	return total
}

// boundDuals is what hoursBound needs of the requirement alone, worked
// out once per model: the LP duals pi of each curve's days, the scale that
// makes them feasible, and the requirement and carry-in they were priced
// on (agents per interval).
type boundDuals struct {
	need, base, pi [][]float64
	scale          []float64
}

// hoursDuals returns the duals of hoursBound for the requirement
// m.need(), solving the LPs on the first call. Solve calls it before the
// search, so that the LPs (a second at 2 000 agents) are not left for the
// time after it.
func (m *model) hoursDuals() *boundDuals {
	if m.bd == nil {
		m.bd = m.solveDuals(m.need())
	}
	return m.bd
}

// solveDuals solves one LP per curve and day for hoursDuals.
func (m *model) solveDuals(r [][]float64) *boundDuals {
	c := m.c
	h := c.interval.Hours()
	ivMin := c.interval.Minutes()
	fams := m.families()
	train := m.trainable()
	whole := wholeIntervals(fams, train)
	// Rows of each local day and the shifts that reach into it.
	days := make([][2]int, m.D)
	for d := range days {
		days[d] = [2]int{m.index(c.midnight(d)), m.index(c.midnight(d + 1))}
	}
	touch := make([][]int, m.D)
	for fi, f := range fams {
		lo, hi := f.span.first, f.span.first+len(f.span.frac)
		for d, g := range days {
			if lo < g[1] && hi > g[0] {
				touch[d] = append(touch[d], fi)
			}
		}
	}
	// What each curve must cover, carry-in and duals.
	need := make([][]float64, len(m.dem))
	base := make([][]float64, len(m.dem))
	pi := make([][]float64, len(m.dem))
	for qd := range m.dem {
		need[qd], base[qd], pi[qd] = make([]float64, c.n), make([]float64, c.n), make([]float64, c.n)
		for i := range need[qd] {
			base[qd][i] = float64(m.base[qd][i]) / ivMin
			need[qd][i] = r[qd][i]
			if whole[i] && math.Abs(base[qd][i]-math.Round(base[qd][i])) < wholeTol {
				need[qd][i] = math.Ceil(need[qd][i] - wholeTol)
			}
		}
	}
	// One LP per curve and day, on as many goroutines as there are CPUs.
	type task struct{ qd, d int }
	tasks := make(chan task)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := newPricer(train)
			for t := range tasks {
				lo, hi := days[t.d][0], days[t.d][1]
				y := m.dayDuals(p, fams, touch[t.d], need[t.qd][lo:hi], base[t.qd][lo:hi], lo)
				copy(pi[t.qd][lo:hi], y)
			}
		}()
	}
	for qd := range m.dem {
		for d := range days {
			if days[d][1] > days[d][0] {
				tasks <- task{qd, d}
			}
		}
	}
	close(tasks)
	wg.Wait()
	bd := &boundDuals{need: need, base: base, pi: pi, scale: make([]float64, len(m.dem))}
	p := newPricer(train)
	for qd := range m.dem {
		bd.scale[qd] = feasibleScale(p, fams, pi[qd], h)
	}
	return bd
}

// dayDuals solves the LP of one curve and day (rows lo, lo+1, …; shifts
// fams[touch] clipped to the day) and returns its duals, clamped at 0.
func (m *model) dayDuals(p *pricer, fams []family, touch []int, need, base []float64, lo int) []float64 {
	h := m.c.interval.Hours()
	n := len(need)
	b := make([]float64, n)
	reach := make([]bool, n)
	for _, fi := range touch {
		f := &fams[fi]
		for k, v := range f.span.frac {
			if j := f.span.first + k - lo; j >= 0 && j < n && v > 0 {
				reach[j] = true
			}
		}
	}
	for j := range b {
		b[j] = need[j] - base[j]
		if !reach[j] {
			// No shift reaches the row: leaving its requirement out is
			// a relaxation, so the bound stays valid.
			b[j] = min(b[j], 0)
		}
	}
	price := func(y []float64) (lpColumn, float64) {
		p.set(lo, y, h)
		best, bv := -1, 0.0
		for _, fi := range touch {
			if v, _ := fams[fi].value(p, nil, lo); v > bv {
				best, bv = fi, v
			}
		}
		var col lpColumn
		if best >= 0 {
			col.a = make([]float64, n)
			_, col.nz = fams[best].value(p, col.a, lo)
			for _, j := range col.nz {
				col.cost += h * col.a[j]
			}
		}
		return col, -bv
	}
	y := covering(b, 1000*h*float64(n), boundPivots, price)
	p.set(lo, nil, h)
	for j, v := range y {
		y[j] = math.Max(v, 0)
	}
	return y
}

// feasibleScale returns the largest s ∈ [0,1] (to 2⁻⁴⁰) for which s·pi
// satisfies condition (1) for every family, checked over the whole
// period.
func feasibleScale(p *pricer, fams []family, pi []float64, h float64) float64 {
	y := make([]float64, len(pi))
	ok := func(s float64) bool {
		for i, v := range pi {
			y[i] = s * v
		}
		p.set(0, y, h)
		for k := range fams {
			if v, _ := fams[k].value(p, nil, 0); v > 0 {
				return false
			}
		}
		return true
	}
	if ok(1) {
		return 1
	}
	lo, hi := 0.0, 1.0
	for range 40 {
		if mid := (lo + hi) / 2; ok(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// wholeTol is how far from a whole number of agents a requirement or a
// carry-in may lie and still count as that number (float rounding).
const wholeTol = 1e-9

// wholeIntervals marks the intervals that every shift covers wholly or
// not at all, with and without each break, and where no training falls:
// there the agents on the phone are a whole number.
func wholeIntervals(fams []family, train []bool) []bool {
	out := make([]bool, len(train))
	for i, t := range train {
		out[i] = !t
	}
	mark := func(p piece) {
		for k, v := range p.frac {
			if v != 0 && v != 1 {
				out[p.first+k] = false
			}
		}
	}
	for _, f := range fams {
		mark(f.span)
		for _, ps := range f.breaks {
			for _, p := range ps {
				mark(p)
			}
		}
	}
	return out
}

// index is the interval holding instant t, clamped to [0, n].
func (m *model) index(t time.Time) int {
	return clamp(int(t.Sub(m.c.start)/m.c.interval), 0, m.c.n)
}
