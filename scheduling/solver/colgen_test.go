package solver

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestColGen_BoundBelowOptimum: on problems small enough to enumerate
// every roster, column generation's bound never exceeds the best score of
// a roster that breaks no hard rule, is at least the Lagrangian bound (the
// linear programme is the best Lagrangian bound, Geoffrion, Math.
// Programming Study 2, 1974, and the master's per-type state only
// tightens it), and does not depend on the start: from the optimal roster
// and from artificial rows alike, and from the duals of the Lagrangian's
// multipliers (master.warm), whose own bound is at least the
// Lagrangian's: the master's row programme is at least as tight, and
// the cover terms are the same.
func TestColGen_BoundBelowOptimum(t *testing.T) {
	const D, E, S = 5, 2, 2
	tested, above, warmed := 0, 0, 0
	for seed := uint64(1); seed <= 30; seed++ {
		m, best, opt := enumerable(seed, D, E, S)
		if m == nil {
			continue
		}
		tested++
		lb, mp := colGen(m, opt, time.Time{}, nil, 0, nil)
		if mp == nil {
			t.Fatalf("seed %d: column generation does not apply", seed)
		}
		if lb > best {
			t.Fatalf("seed %d: bound %d above the optimum %d", seed, lb, best)
		}
		lag, _, mult := lagrangeBound(m, best, 1e8, time.Time{}, nil, nil)
		if mult != nil {
			warm := newMaster(m, allOff(m))
			warm.smooth = true
			warm.warm(mult)
			if warm.start == nil {
				t.Fatalf("seed %d: no start from the multipliers", seed)
			}
			if s := math.Ceil(warm.startL - 1e-6); s < float64(lag) || s > float64(best) {
				t.Fatalf("seed %d: start's bound %.3f, the Lagrangian's %d, the optimum %d", seed, warm.startL, lag, best)
			}
			if lb3 := warm.root(time.Time{}, 0); lb3 != lb || !warm.solved {
				t.Fatalf("seed %d: bound %d from the multipliers (solved %v), %d from the optimal roster", seed, lb3, warm.solved, lb)
			}
			warmed++
		}
		if lb < lag {
			t.Fatalf("seed %d: bound %d below the Lagrangian bound %d", seed, lb, lag)
		}
		if lb > lag {
			above++
		}
		if lb2, _ := colGen(m, allOff(m), time.Time{}, nil, 0, nil); lb2 != lb {
			t.Fatalf("seed %d: bound %d from the optimal roster, %d from artificial rows", seed, lb, lb2)
		}
		// Every row of the master that keeps the hard rules is a row the
		// pool may take.
		pool := newColPool(m)
		emp, rows := mp.kept()
		for i, e := range emp {
			pool.add(e, rows[i*D:(i+1)*D])
		}
		cnt := make([]int, S)
		for e := 0; e < E; e++ {
			for c := 0; c < pool.size(e); c++ {
				row := make([]int, D)
				for d, v := range pool.col(e, c) {
					row[d] = int(v)
				}
				if m.rowHardOf(e, row, cnt) > 0 {
					t.Fatalf("seed %d: pooled row %v of %d breaks a rule", seed, row, e)
				}
			}
		}
	}
	t.Logf("%d problems, bound above the Lagrangian on %d, started from its multipliers on %d", tested, above, warmed)
	// 12 of the 30 seeds have a roster that keeps the hard rules.
	if tested < 5 {
		t.Fatalf("%d problems with a feasible roster: too few to test", tested)
	}
}

// TestBranchAndPrice_FindsOptimum: on problems small enough to enumerate
// every roster, branch and price from artificial rows, with no roster
// known, searches its whole tree and returns a roster that keeps every
// hard rule at the enumerated optimum; told of a roster at the optimum, it
// finds none better and still proves it. (None of these 18 problems needs
// a branch now: their linear bound is the optimum. Instance1 of Curtois
// and Qu, whose linear bound is 558 against its optimum 607, is solved
// through Solve in the curtois package.)
//
// Each is searched by one worker and by two (the second on a twin of
// the master, master.twin), with the same results.
func TestBranchAndPrice_FindsOptimum(t *testing.T) {
	const D, E, S = 5, 2, 2
	tested, branched := 0, 0
	for seed := uint64(1); seed <= 40; seed++ {
		m, best, _ := enumerable(seed, D, E, S)
		if m == nil {
			continue
		}
		tested++
		x := allOff(m)
		// One worker, and two: the second on a twin of the master.
		for workers := 1; workers <= 2; workers++ {
			masters := func() []*master {
				lb, mp := colGen(m, x, time.Time{}, nil, 0, nil)
				if workers == 1 && lb < best {
					branched++
				}
				mps := []*master{mp}
				if workers == 2 {
					mps = append(mps, mp.twin(x))
				}
				return mps
			}
			y, soft, _, done := branchAndPrice(masters(), math.MaxInt64, nil, time.Time{}, nil, 1, nil)
			if !done || y == nil {
				t.Fatalf("seed %d, %d workers: search done %v, roster %v", seed, workers, done, y)
			}
			if sc := m.evaluate(y); sc.Hard != 0 || sc.Soft != soft || soft != best {
				t.Fatalf("seed %d, %d workers: roster scores %d (hard %d), reported %d, optimum %d", seed, workers, sc.Soft, sc.Hard, soft, best)
			}
			if y, soft, tlb, done := branchAndPrice(masters(), best, nil, time.Time{}, nil, 1, nil); y != nil || soft != best || tlb != best || !done {
				t.Fatalf("seed %d, %d workers: from the optimum %d: roster %v, score %d, done %v", seed, workers, best, y, soft, done)
			}
		}
	}
	t.Logf("%d problems, %d with the bound below the optimum", tested, branched)
	// 18 of the 40 seeds have a roster that keeps the hard rules.
	if tested < 10 {
		t.Fatalf("%d problems: too few to test", tested)
	}
}

// TestColGen_WorkBudget: with a budget of work, column generation stops
// after the pricing round that spends it (a run without a time limit
// cannot wait on it), and without one it goes on to the linear optimum.
// Stopped so and resumed (master.root), it reaches the bound of the run
// that was not stopped, and is solved, so no longer near (near is for
// roots not yet solved); given no time at all, it has no bound and is
// not near either. Stopped half-way, its value (the one near compares)
// is that of a solved master, at least its bound.
func TestColGen_WorkBudget(t *testing.T) {
	tested, halves := 0, 0
	for seed := uint64(1); seed <= 20; seed++ {
		m, lb, full := rootOf(seed, 14, 6, 3)
		if full == nil || !full.solved {
			t.Fatalf("seed %d: column generation does not apply or did not finish", seed)
		}
		if _, none := colGen(m, allOff(m), time.Now(), nil, 0, nil); none.solved || none.near() {
			t.Fatalf("seed %d: a root given no time is solved (%v) or near (%v)", seed, none.solved, none.near())
		}
		_, cut := colGen(m, allOff(m), time.Time{}, nil, 1, nil)
		if cut.lg.done > full.lg.done {
			t.Fatalf("seed %d: a budget of 1 spent %.0f transitions, the unbounded run %.0f", seed, cut.lg.done, full.lg.done)
		}
		if cut.lg.done == full.lg.done {
			continue // solved in one round
		}
		tested++
		// Stopped half-way, its value is that of a master solved to
		// optimality, which no bound exceeds.
		if _, half := colGen(m, allOff(m), time.Time{}, nil, full.lg.done/2, nil); !half.solved && !math.IsInf(half.bound, -1) {
			if math.IsInf(half.value, 1) || half.value < half.bound-1e-6*math.Max(1, math.Abs(half.value)) {
				t.Fatalf("seed %d: stopped root's value %v below its bound %v", seed, half.value, half.bound)
			}
			halves++
		}
		if cut.solved {
			t.Fatalf("seed %d: one round of %.0f transitions solved a master that takes %.0f", seed, cut.lg.done, full.lg.done)
		}
		if got := cut.root(time.Time{}, 0); got != lb || !cut.solved {
			t.Fatalf("seed %d: resumed root at %d (solved %v), not stopped %d", seed, got, cut.solved, lb)
		}
		if cut.near() {
			t.Fatalf("seed %d: a solved root counts as near", seed)
		}
	}
	t.Logf("%d of 20 problems need more than one round, %d stopped half-way with a bound", tested, halves)
	// All 20 do, and 9 stop half-way with a bound (deterministic for
	// these seeds).
	if halves < 5 {
		t.Fatalf("%d problems stopped half-way with a bound: too few to test", halves)
	}
	if tested < 5 {
		t.Fatalf("%d problems need more than one round: too few to test", tested)
	}
}

// TestMaster_Track: where a round of pricing is cheap enough, the
// master's tight state keeps each employee's minutes and the maximum of
// its limited shift type; the work it measured for a round is what a
// round at any other duals makes (the states reached do not depend on
// the prices); and with at most one limited type per employee, every row
// the master holds and does not bar keeps every hard rule.
//
// Started from a looser state than it should (the sequence rules alone,
// with no rows for the totals), column generation tightens the state when
// its optimum leans on rows that break a rule, and reaches the same bound
// as from the tight state.
func TestMaster_Track(t *testing.T) {
	const D, E, S = 14, 6, 3
	tightened := 0
	for seed := uint64(1); seed <= 20; seed++ {
		p := randomProblem(seed, D, E, S)
		p.Rules = nil
		// The pin may ask for a shift its employee may not work at all
		// (maximum 0): then no row keeps the rules.
		pin := p.Pinned[0]
		p.Employees[pin.Employee].MaxShifts[pin.Shift] = NoLimit
		limited := make([]int, E)
		for e := range p.Employees {
			limited[e] = -1
			for s, mx := range p.Employees[e].MaxShifts {
				if mx > 0 && mx < D {
					if limited[e] >= 0 {
						p.Employees[e].MaxShifts[s] = NoLimit
						continue
					}
					limited[e] = s
				}
			}
		}
		m := compile(p)
		x := allOff(m)
		mp := newMaster(m, x)
		if mp == nil {
			t.Fatalf("seed %d: column generation does not apply", seed)
		}
		lg := mp.lg
		// The measured choice itself (newMaster then loosens the state,
		// and its tight state also takes what the loose one keeps).
		if !mp.track() {
			t.Fatalf("seed %d: the sequence rules alone are beyond the work", seed)
		}
		for e := 0; e < E; e++ {
			if lg.uDim[e] != lg.minuteDim(e) || lg.uDim[e] == 1 {
				t.Fatalf("seed %d, employee %d: %d minute counts kept, want %d", seed, e, lg.uDim[e], lg.minuteDim(e))
			}
			if lg.tType[e] != limited[e] {
				t.Fatalf("seed %d, employee %d: type %d kept, want %d", seed, e, lg.tType[e], limited[e])
			}
			if d := mp.tight[e]; d != [3]int{lg.uDim[e], lg.tDim[e], lg.tType[e]} {
				t.Fatalf("seed %d, employee %d: tight state %v, measured %d, %d, %d", seed, e, d, lg.uDim[e], lg.tDim[e], lg.tType[e])
			}
		}
		measured := 0.0
		for e := 0; e < E; e++ {
			measured += lg.measure(e)
		}
		rng := rand.New(rand.NewPCG(seed, 3))
		for i := range lg.x {
			lg.x[i] = 200 * (rng.Float64() - 0.5)
		}
		before := lg.done
		for e := 0; e < E; e++ {
			lg.price(e)
		}
		if n := lg.done - before; n != measured {
			t.Fatalf("seed %d: a round at other duals made %.0f transitions, measured %.0f", seed, n, measured)
		}
		lb, mp := colGen(m, x, time.Time{}, nil, 0, nil)
		for j, e := range mp.colE {
			if e >= 0 && !mp.feas[j] && mp.ban[j] == 0 {
				t.Fatalf("seed %d: the master holds a row of %d that breaks a rule: %v", seed, e, mp.row(j))
			}
		}
		loose := newMaster(m, x)
		for e := 0; e < E; e++ {
			loose.lg.dims(e, 1, 1, -1)
		}
		best, solved := loose.generate(func(float64, float64) bool { return false }, 0)
		got := int64(math.Ceil(best - 1e-6))
		if math.IsInf(best, 0) || loose.artificial() {
			got = 0 // as colGen reports it: no bound
		}
		if !solved || got != lb {
			t.Fatalf("seed %d: from the loose state bound %.4f (solved %v), from the tight %d", seed, best, solved, lb)
		}
		if loose.tightened {
			tightened++
		}
	}
	t.Logf("tightened on %d of 20 problems", tightened)
	// All 20 do (deterministic for these seeds).
	if tightened < 10 {
		t.Fatalf("tightened on %d problems: too few to test", tightened)
	}
}

// TestRowDive: the dive's rosters keep every hard rule, score what they
// are reported to score, improve one on another and lie on or above the
// linear bound (and, on problems small enough to enumerate, on or above
// the optimum); the dive's cuts come off without a trace, so the tree
// that follows starts from the root's master.
func TestRowDive(t *testing.T) {
	tests := []struct {
		name    string
		D, E, S int
		seeds   uint64
		enum    bool
	}{
		{"enumerated", 5, 2, 2, 40, true},
		{"larger", 14, 6, 3, 60, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tested, found, atOpt := 0, 0, 0
			for seed := uint64(1); seed <= tt.seeds; seed++ {
				m, lb, mp := solvedRoot(seed, tt.D, tt.E, tt.S)
				opt := int64(-1)
				if tt.enum {
					if opt, _ = enumOptimum(m); opt < 0 {
						continue
					}
				}
				if mp == nil {
					continue
				}
				tested++
				var got []int64
				tr := newTree(math.MaxInt64, nil, nil)
				b := newBnp(mp, tr)
				tr.found = func(y []int, soft int64) {
					if sc := m.evaluate(y); sc.Hard != 0 || sc.Soft != soft {
						t.Fatalf("seed %d: roster reported at %d scores %d (hard %d)", seed, soft, sc.Soft, sc.Hard)
					}
					if n := len(got); n > 0 && soft >= got[n-1] {
						t.Fatalf("seed %d: roster at %d reported after one at %d", seed, soft, got[n-1])
					}
					if soft < lb || soft < opt {
						t.Fatalf("seed %d: roster at %d below the bound %d or the optimum %d", seed, soft, lb, opt)
					}
					got = append(got, soft)
				}
				mp.lg.ban = make([]int32, m.E*m.D*m.V)
				barred := slices.Clone(mp.barT)
				b.rowDives(seed, 0, 1)
				// With its cuts removed, a column is barred once if the
				// tightening barred it and the pricing has not offered
				// it since, and otherwise not at all.
				for j, n := range mp.ban {
					before := j < len(barred) && barred[j]
					if want := int32(b2i(mp.barT[j])); n != want || mp.barT[j] && !before {
						t.Fatalf("seed %d: column %d barred %d times after the dive, want %d (by the tightening: %v before, %v after)", seed, j, n, want, before, mp.barT[j])
					}
				}
				for i, n := range mp.lg.ban {
					if n != 0 {
						t.Fatalf("seed %d: value %d still banned %d times after the dive", seed, i, n)
					}
				}
				if len(got) == 0 {
					continue
				}
				found++
				if got[len(got)-1] == opt {
					atOpt++
				}
				if tr.best == nil || tr.ub.Load() != got[len(got)-1] {
					t.Fatalf("seed %d: dive kept %d, reported %v", seed, tr.ub.Load(), got)
				}
			}
			t.Logf("%d problems, the dive found a roster on %d (the optimum on %d, where known)", tested, found, atOpt)
			// Measured: 18 of 18 enumerated, the optimum on all; 18 of
			// 23 larger.
			// (Where an employee may work more than one limited type,
			// the master keeps all but one of the maxima only on
			// average, and a whole master can still be no roster.)
			if tested < 10 || found < tested/2 {
				t.Fatalf("%d problems, a roster on %d: too few", tested, found)
			}
		})
	}
}

// TestMaster_Rebase: restarted from a roster that keeps the hard rules,
// the master's solution is that roster, its value the roster's score
// (the benchmark's two-rate cover, up to the perturbation of the
// right-hand side), and solving on from there reaches the same optimum.
func TestMaster_Rebase(t *testing.T) {
	tested := 0
	for seed := uint64(1); seed <= 60; seed++ {
		m, _, mp := solvedRoot(seed, 14, 6, 3)
		if mp == nil {
			continue
		}
		// (The root may stop on its rounded bound before the last
		// rows it added are in the solution.)
		if st := mp.lp.solve(0); st != lpOptimal {
			t.Fatalf("seed %d: root's master not solved: status %d", seed, st)
		}
		want := mp.lp.objective()
		// A roster from the master's rows: each employee's first row
		// that keeps the rules.
		y := make([]int, m.E*m.D)
		have := make([]bool, m.E)
		for j, e := range mp.colE {
			if e >= 0 && mp.feas[j] && !have[e] {
				have[e] = true
				for d, v := range mp.row(j) {
					y[int(e)*m.D+d] = int(v)
				}
			}
		}
		if slices.Contains(have, false) {
			continue
		}
		tested++
		if !mp.rebase(y) {
			t.Fatalf("seed %d: no basis from a roster that keeps the rules", seed)
		}
		// The basis solves the perturbed right-hand side b+δ: its value
		// is the roster's score plus y·δ, |y·δ| ≤ 2·cgPerturb·Σ|y_i|.
		sc := m.evaluate(y)
		tol := 1e-9 * math.Max(1, float64(sc.Soft))
		for _, yi := range mp.lp.duals() {
			tol += 2 * cgPerturb * math.Abs(yi)
		}
		if v := mp.lp.objective() + mp.K; math.Abs(v-float64(sc.Soft)) > tol {
			t.Fatalf("seed %d: master at the roster %.9f, the roster scores %d (tolerance %.2g)", seed, v, sc.Soft, tol)
		}
		for j, e := range mp.colE {
			if e >= 0 && mp.lp.x(j) > 1e-6 && !mp.same(j, y[int(e)*m.D:(int(e)+1)*m.D]) {
				t.Fatalf("seed %d: employee %d on a row not in the roster", seed, e)
			}
		}
		if st := mp.lp.solve(0); st != lpOptimal || math.Abs(mp.lp.objective()-want) > 1e-6*math.Max(1, math.Abs(want)) {
			t.Fatalf("seed %d: solved on from the roster: status %d, value %.6f, want %.6f", seed, st, mp.lp.objective(), want)
		}
	}
	t.Logf("%d problems", tested)
	if tested < 10 {
		t.Fatalf("%d problems: too few to test", tested)
	}
}

// TestPerturb: the rows from first on move by cgPerturb to twice that,
// each by its own amount, up or (the rows in down) down; the rows before
// are kept, and so is b.
func TestPerturb(t *testing.T) {
	b := []float64{1, 1, 3, 0, 2.5, 7}
	down := []bool{false, true, false, true, false, false}
	p := perturb(b, 2, down)
	if !slices.Equal(b, []float64{1, 1, 3, 0, 2.5, 7}) {
		t.Fatalf("b changed: %v", b)
	}
	seen := map[float64]bool{}
	for i := range b {
		d := p[i] - b[i]
		if down[i] {
			d = -d
		}
		switch {
		case i < 2 && d != 0:
			t.Fatalf("row %d moved by %g", i, d)
		case i >= 2 && (d < cgPerturb*(1-1e-9) || d >= 2*cgPerturb):
			t.Fatalf("row %d moved by %g, want ±[%g, %g)", i, p[i]-b[i], cgPerturb, 2*cgPerturb)
		case i >= 2 && seen[math.Round(d/cgPerturb*1e6)]:
			t.Fatalf("row %d moved by %g, as another row", i, d)
		}
		seen[math.Round(d/cgPerturb*1e6)] = i >= 2
	}
}

// TestColGen_SolvedAtBound: a root the column generation calls solved
// has its master's value within a unit of the bound it proved (scores
// are whole numbers). Its rows come from the row programme at the tight
// state, and those that break a rule the state does not keep (another
// type's maximum) are the relaxation's too: the tightening may bar them
// only until the programme offers them again. (With the bar kept, 32 of
// the 72 roots solved here stopped far above the bound: 6 150 against
// 890.)
func TestColGen_SolvedAtBound(t *testing.T) {
	solved, tightened := 0, 0
	for seed := uint64(1); seed <= 200; seed++ {
		_, _, mp := solvedRoot(seed, 10, 4, 3)
		if mp == nil {
			continue
		}
		solved++
		if mp.tightened {
			tightened++
		}
		if mp.value-mp.bound >= 1 {
			t.Fatalf("seed %d: solved at a value of %.3f, bound %.3f (tightened %v)", seed, mp.value, mp.bound, mp.tightened)
		}
	}
	t.Logf("%d roots solved, %d of them tightened", solved, tightened)
	// Measured: 72 solved, 34 tightened; the floors keep the test from
	// passing on a generator that no longer tightens.
	if solved < 50 || tightened < 20 {
		t.Fatalf("%d roots solved, %d tightened: too few to test", solved, tightened)
	}
}

// allOff is m's roster with every employee off every day: the start of
// column generation from artificial rows.
func allOff(m *model) []int {
	x := make([]int, m.E*m.D)
	for i := range x {
		x[i] = Off
	}
	return x
}

// ruleless compiles the random problem of the seed and sizes without its
// row rules (which no master takes).
func ruleless(seed uint64, days, emps, shifts int) *model {
	p := randomProblem(seed, days, emps, shifts)
	p.Rules = nil
	return compile(p)
}

// rootOf compiles the random problem of the seed and sizes, without row
// rules, and solves its master by column generation from allOff.
func rootOf(seed uint64, days, emps, shifts int) (*model, int64, *master) {
	m := ruleless(seed, days, emps, shifts)
	lb, mp := colGen(m, allOff(m), time.Time{}, nil, 0, nil)
	return m, lb, mp
}

// solvedRoot is rootOf's master when its root was solved and every
// employee has a row of their own (none on an artificial one), else nil.
func solvedRoot(seed uint64, days, emps, shifts int) (*model, int64, *master) {
	m, lb, mp := rootOf(seed, days, emps, shifts)
	if mp == nil || !mp.solved || mp.artificial() {
		return m, lb, nil
	}
	return m, lb, mp
}

// TestRowDives_Differ: the row dives after those of diveWays pick their
// rows by jittered weights drawn from the seed, and two workers share
// out the dives (worker 0 of 2 starts at the smoothed way of diveWays,
// worker 1 at the plain one). From one root, the same seed and worker
// leave the master with the same columns; another jitter seed, or the
// other worker, leads the dives through other rows (so other columns) on
// some roots. Without the jitter every seed would make the same dives,
// and were both workers to make every dive their columns would be the
// same.
func TestRowDives_Differ(t *testing.T) {
	type dives struct {
		jitter uint64
		k, n   int
	}
	for _, tc := range []struct {
		name string
		a, b dives
	}{
		{"another jitter seed", dives{1, 0, 1}, dives{2, 0, 1}},
		{"the second worker", dives{1, 0, 2}, dives{1, 1, 2}},
	} {
		tested, differ := 0, 0
		for seed := uint64(1); seed <= 20; seed++ {
			a, ok := divedColumns(seed, tc.a.jitter, tc.a.k, tc.a.n)
			if !ok {
				continue
			}
			tested++
			if again, _ := divedColumns(seed, tc.a.jitter, tc.a.k, tc.a.n); again != a {
				t.Fatalf("%s, seed %d: other columns from the same dives", tc.name, seed)
			}
			if b, _ := divedColumns(seed, tc.b.jitter, tc.b.k, tc.b.n); b != a {
				differ++
			}
		}
		if tested < 5 || differ == 0 {
			t.Fatalf("%s: %d roots, %d of them with other columns", tc.name, tested, differ)
		}
		t.Logf("%s: %d roots, %d with other columns", tc.name, tested, differ)
	}
}

// divedColumns solves solvedRoot(seed, 14, 6, 3) and makes worker k of
// n's row dives (rowDives) with jitter seed jitter; it returns the
// master's columns then (each one's employee and row), and false where
// the root is not solved.
func divedColumns(seed, jitter uint64, k, n int) (string, bool) {
	_, _, mp := solvedRoot(seed, 14, 6, 3)
	if mp == nil {
		return "", false
	}
	b := newBnp(mp, newTree(math.MaxInt64, nil, nil))
	b.rowDives(jitter, k, n)
	var sb strings.Builder
	for j, e := range mp.colE {
		if e >= 0 {
			fmt.Fprintln(&sb, e, mp.row(j))
		}
	}
	return sb.String(), true
}

// TestBranchAndPrice_TwoWorkers: on problems too large to enumerate, whose
// linear bound is below the best roster (so the tree branches), a tree
// searched by two workers, the second on a twin of the master, ends with
// the same proved optimum as one worker, and the twin's root has the
// same bound as the master it copies. Where the tree branches, a tree
// that opens its root again after every dive without a better roster
// (tree.reopenRoot) ends with that optimum too, and its bound is the
// optimum: the nodes it leaves open are kept.
func TestBranchAndPrice_TwoWorkers(t *testing.T) {
	tested, branched, reopened, rose := 0, 0, 0, 0
	for seed := uint64(1); seed <= 80; seed++ {
		m, lb, mp := solvedRoot(seed, 10, 4, 3)
		if mp == nil {
			continue
		}
		x := allOff(m)
		tw := mp.twin(x)
		if got := tw.root(time.Time{}, 0); got != lb || !tw.solved {
			t.Fatalf("seed %d: twin's root bound %d (solved %v), the master's %d", seed, got, tw.solved, lb)
		}
		y1, s1, _, done1 := branchAndPrice([]*master{mp}, math.MaxInt64, nil, time.Time{}, nil, 1, nil)
		if !done1 || y1 == nil {
			continue // no roster
		}
		_, mp = colGen(m, x, time.Time{}, nil, 0, nil)
		y2, s2, tlb, done2 := branchAndPrice([]*master{mp, mp.twin(x)}, math.MaxInt64, nil, time.Time{}, nil, 1, nil)
		if !done2 || y2 == nil || s2 != s1 || tlb != s1 {
			t.Fatalf("seed %d: two workers end at %d (bound %d, done %v), one at %d", seed, s2, tlb, done2, s1)
		}
		if sc := m.evaluate(y2); sc.Hard != 0 || sc.Soft != s2 {
			t.Fatalf("seed %d: roster reported at %d scores %d (hard %d)", seed, s2, sc.Soft, sc.Hard)
		}
		tested++
		if s1 == lb {
			continue
		}
		branched++
		_, mp = colGen(m, x, time.Time{}, nil, 0, nil)
		tr := newTree(math.MaxInt64, nil, nil)
		tr.reopenAt = 1
		var live atomic.Int64
		tr.live = &live
		y3, s3, tlb, done3 := tr.search([]*master{mp, mp.twin(x)}, time.Time{}, nil, 1)
		if !done3 || y3 == nil || s3 != s1 || tlb != s1 {
			t.Fatalf("seed %d: reopening its root, the tree ends at %d (bound %d, done %v); without, at %d", seed, s3, tlb, done3, s1)
		}
		if l := live.Load(); l > s1 {
			t.Fatalf("seed %d: the tree published the bound %d while it ran, above the optimum %d", seed, l, s1)
		} else if l > lb {
			rose++
		}
		if sc := m.evaluate(y3); sc.Hard != 0 || sc.Soft != s3 {
			t.Fatalf("seed %d: roster reported at %d scores %d (hard %d)", seed, s3, sc.Soft, sc.Hard)
		}
		if tr.reopenAt > 1 { // doubled: the root was opened again
			reopened++
		}
	}
	t.Logf("%d problems, %d with the bound below the optimum, %d reopened, %d published a bound above the root's while the tree ran", tested, branched, reopened, rose)
	// Measured: 23 problems, 5 of them branched, 4 of those reopened and
	// 4 published a bound above the root's.
	if tested < 10 || branched < 3 || reopened < 3 || rose < 3 {
		t.Fatalf("%d problems, %d branched, %d reopened, %d published a bound above the root's: too few to test", tested, branched, reopened, rose)
	}
}

// TestPinned: once a dive fixes an employee's row, pinned finds that row's
// column, and its value at any duals (the master's and random ones) is
// what the row programme prices for the employee, whose only row it is;
// with the cuts removed the employee is free again. The problems are
// checked twice: as they are, where the row programme keeps the minutes
// in its state, and with a shift of 481 minutes, where the minutes'
// states are too many and the master prices the totals in rows of its
// own. So the value also checks the map between the master's duals and
// the programme's multipliers (master.duals) for every kind of row.
func TestPinned(t *testing.T) {
	checked, priced := 0, 0
	for k := uint64(0); k < 40; k++ {
		seed := k/2 + 1
		p := randomProblem(seed, 14, 6, 3)
		p.Rules = nil
		if k%2 == 1 {
			p.Shifts[0].Minutes = 481
		}
		m := compile(p)
		_, mp := colGen(m, allOff(m), time.Time{}, nil, 0, nil)
		if mp == nil || !mp.solved || mp.artificial() {
			continue
		}
		if slices.ContainsFunc(mp.hiRow, func(k int32) bool { return k >= 0 }) {
			priced++
		}
		r := rand.New(rand.NewPCG(seed, 3))
		mp.lg.ban = make([]int32, m.E*m.D*m.V)
		b := newBnp(mp, newTree(math.MaxInt64, nil, nil))
		for e := 0; e < m.E; e++ {
			if j := mp.pinned(e); j >= 0 {
				t.Fatalf("seed %d: employee %d pinned to column %d before any cut", seed, e, j)
			}
		}
		for e := 0; e < m.E; e++ {
			j := -1
			for _, k := range mp.byE[e] {
				if mp.feas[k] && mp.ban[k] == 0 && (j < 0 || mp.lp.x(int(k)) > mp.lp.x(j)) {
					j = int(k)
				}
			}
			if j < 0 {
				continue
			}
			b.fixRow(e, j)
			if got := mp.pinned(e); got != j {
				t.Fatalf("seed %d: employee %d fixed to column %d, pinned %d", seed, e, j, got)
			}
			ys := slices.Clone(mp.lp.duals())
			for round := range 3 {
				mp.load(ys)
				want, got := mp.lg.price(e), mp.valueAt(j, ys)
				if math.Abs(want-got) > 1e-9*(1+math.Abs(want)) {
					t.Fatalf("seed %d employee %d round %d: pinned row's value %g, row programme %g", seed, e, round, got, want)
				}
				for d, v := range mp.row(j) {
					if mp.lg.rows[e*m.D+d] != int(v) {
						t.Fatalf("seed %d employee %d: row programme's row differs from the pinned one on day %d", seed, e, d)
					}
				}
				for i := range ys {
					ys[i] += r.NormFloat64() * 5
				}
			}
			checked++
		}
		b.goTo(nil)
		for e := 0; e < m.E; e++ {
			if j := mp.pinned(e); j >= 0 {
				t.Fatalf("seed %d: employee %d still pinned to column %d with the cuts removed", seed, e, j)
			}
		}
	}
	t.Logf("%d pinned employees checked, %d masters with the totals in rows", checked, priced)
	// Measured: 102 and 9 (deterministic for these seeds).
	if checked < 30 {
		t.Fatalf("%d pinned employees checked: too few", checked)
	}
	if priced < 3 {
		t.Fatalf("%d masters price the totals in rows: too few to test", priced)
	}
}

// The next node searched has the least bound; among nodes whose bounds
// tie (to rounding), the one with the most cuts.
func TestNext_LeastBoundThenDeepest(t *testing.T) {
	c := func(n int) []cut { return make([]cut, n) }
	cases := []struct {
		queue []open
		want  int
	}{
		{[]open{{cuts: c(1), bound: 3}, {cuts: c(9), bound: 4}, {cuts: c(2), bound: 2}}, 2},
		{[]open{{cuts: c(1), bound: 2}, {cuts: c(5), bound: 2 + 1e-12}, {cuts: c(3), bound: 2}}, 1},
		{[]open{{cuts: c(8), bound: 2.5}, {cuts: c(1), bound: 2}, {cuts: c(4), bound: 2}}, 2},
		{[]open{{bound: math.Inf(-1)}}, 0},
	}
	for i, tc := range cases {
		if got := next(tc.queue); got != tc.want {
			t.Errorf("case %d: next = %d, want %d", i, got, tc.want)
		}
	}
}

// TestReopenRoot: the reopened root is a node without cuts just below the
// least open bound, so next takes it before the deepest of the nodes at
// that bound; the nodes open before stay, and the tree then waits twice
// as many dives before it reopens again.
func TestReopenRoot(t *testing.T) {
	tr := newTree(math.MaxInt64, nil, nil)
	tr.queue = []open{{cuts: make([]cut, 4), bound: 3}, {cuts: make([]cut, 9), bound: 2}, {cuts: make([]cut, 2), bound: 2}}
	tr.idle = reopenDives
	tr.reopenRoot()
	if len(tr.queue) != 4 {
		t.Fatalf("%d open nodes after reopening, want 4", len(tr.queue))
	}
	o := tr.queue[next(tr.queue)]
	if len(o.cuts) != 0 || o.bound >= 2 || o.bound <= 2-roundTol {
		t.Fatalf("next after reopening: %d cuts, bound %v; want the root just below 2", len(o.cuts), o.bound)
	}
	if tr.lowest() != 2 {
		t.Fatalf("lowest %d after reopening, want 2 (the bound rounded up is unchanged)", tr.lowest())
	}
	if tr.idle != 0 || tr.reopenAt != 2*reopenDives {
		t.Fatalf("idle %d, reopenAt %d; want 0 and %d", tr.idle, tr.reopenAt, 2*reopenDives)
	}
}

// TestMaster_LeastRows: leastRows never exceeds the rows of a master
// newMaster builds (convexity, cover, the type maxima the row programme
// does not keep, the minutes it prices), and a problem whose convexity
// and cover rows alone pass cgMaxRows gets no master.
func TestMaster_LeastRows(t *testing.T) {
	built, typed := 0, 0
	for seed := uint64(1); seed <= 20; seed++ {
		m := ruleless(seed, 7+int(seed%3)*7, 4+int(seed%4), 2+int(seed%3))
		mp := newMaster(m, allOff(m))
		if mp == nil {
			continue
		}
		built++
		n := leastRows(m)
		if n > m.E+m.D*m.S {
			typed++ // an employee has two maxima or more that can bind
		}
		if n > len(mp.rhs) {
			t.Errorf("seed %d: leastRows %d, the master has %d rows", seed, n, len(mp.rhs))
		}
	}
	t.Logf("%d of 20 masters built, %d with rows for type maxima counted", built, typed)
	// Measured: 20 built, 13 with those rows.
	if built < 10 || typed == 0 {
		t.Fatalf("%d of 20 masters built, %d with rows for type maxima counted: too few to test", built, typed)
	}
	// 182 days of 6 shifts for 2 employees: 2 + 1 092 rows at least.
	m := ruleless(1, 182, 2, 6)
	if n := leastRows(m); n <= cgMaxRows {
		t.Fatalf("leastRows %d, want more than %d", n, cgMaxRows)
	}
	if mp := newMaster(m, allOff(m)); mp != nil {
		t.Errorf("a master of %d rows at least was built", leastRows(m))
	}
}

// TestMaster_TwinState: a twin takes its master's tight state instead of
// measuring the row programmes again, and ends with the state, rows and
// right-hand side a master built afresh from the same roster has (the
// loose state it starts from, where its master was not tightened); and
// handed a state that measuring would not choose, it keeps that one, so
// a twin that measured again would fail here.
func TestMaster_TwinState(t *testing.T) {
	tested, handed := 0, 0
	for seed := uint64(1); seed <= 20; seed++ {
		m, _, mp := rootOf(seed, 28, 8, 4)
		if mp == nil {
			continue
		}
		x := allOff(m)
		fresh, tw := newMaster(m, x), mp.twin(x)
		if fresh == nil || tw == nil {
			t.Fatalf("seed %d: a master was built, but not its twin (%v) or a fresh one (%v)", seed, tw != nil, fresh != nil)
		}
		tested++
		if !slices.Equal(tw.tight, fresh.tight) || !slices.Equal(tw.rhs, fresh.rhs) {
			t.Fatalf("seed %d: twin's tight state %v and rows %v, a fresh master's %v and %v", seed, tw.tight, tw.rhs, fresh.tight, fresh.rhs)
		}
		if !mp.tightened && (!slices.Equal(tw.lg.uDim, fresh.lg.uDim) || !slices.Equal(tw.lg.tDim, fresh.lg.tDim) || !slices.Equal(tw.lg.tType, fresh.lg.tType)) {
			t.Fatalf("seed %d: twin's loose state differs from a fresh master's", seed)
		}
		// Handed the sequence rules alone as its tight state, a twin
		// keeps that (raised to its loose state, which it always
		// keeps) where measuring would choose a tighter one.
		loose := make([][3]int, m.E)
		for e := range loose {
			loose[e] = [3]int{fresh.lg.uDim[e], fresh.lg.tDim[e], fresh.lg.tType[e]}
		}
		if slices.Equal(loose, fresh.tight) {
			continue
		}
		for e := range mp.tight {
			mp.tight[e] = [3]int{1, 1, -1}
		}
		got := mp.twin(x)
		if got == nil {
			t.Fatalf("seed %d: no twin of a master holding the sequence rules alone", seed)
		}
		if !slices.Equal(got.tight, loose) {
			t.Fatalf("seed %d: twin of a master holding the sequence rules alone did not keep them: %v, want %v", seed, got.tight, loose)
		}
		handed++
	}
	t.Logf("%d of 20 masters and their twins compared; %d twins handed a state measuring would not give", tested, handed)
	// Measured: 20 and 5 (most masters of these sizes measure their
	// loose state as the tight one, and then nothing tells the two apart).
	if tested < 10 || handed == 0 {
		t.Fatalf("only %d of 20 masters, %d handed a state", tested, handed)
	}
}

// TestStrong_ClosesOnlyWhatNoRosterBeats: from a fractional root, strong
// branching reports the root closed only where no roster beats the best
// known. The fractional cells come nearest to one half first, ties in
// cell order (the branching a seed gives depends on it). The witness is
// a roster the tree found, scored by evaluate: sought below its score it
// may close the root, below its score plus one it must not. Otherwise
// it picks the cell, of those it was given,
// whose children's lesser bound (each child solved again here) is the
// highest. It leaves no cut applied: every column barred by the
// tightening alone, and no value banned in the row programme.
func TestStrong_ClosesOnlyWhatNoRosterBeats(t *testing.T) {
	tested, closed, picked, ties := 0, 0, 0, 0
	for seed := uint64(1); seed <= 80; seed++ {
		m, _, mp := solvedRoot(seed, 10, 4, 3)
		if mp == nil {
			continue
		}
		y, _, _, _ := branchAndPrice([]*master{mp}, math.MaxInt64, nil, time.Time{}, nil, 1, nil)
		if y == nil {
			continue // no roster
		}
		sc := m.evaluate(y)
		if sc.Hard != 0 {
			t.Fatalf("seed %d: the tree's roster breaks %d hard units", seed, sc.Hard)
		}
		for _, ub := range []int64{sc.Soft, sc.Soft + 1} {
			_, mp := colGen(m, allOff(m), time.Time{}, nil, 0, nil)
			b := newBnp(mp, newTree(ub, nil, nil))
			if _, solved := b.solve(); !solved {
				t.Fatalf("seed %d: the root's master is not solved", seed)
			}
			cand := b.fractional()
			if len(cand) == 0 {
				continue // a whole root: nothing to branch on
			}
			at := func(c frac) int { return c.i*m.V + c.v + 1 } // its place in cell order
			for k := 1; k < len(cand); k++ {
				if cand[k].f > cand[k-1].f || cand[k].f == cand[k-1].f && at(cand[k]) < at(cand[k-1]) {
					t.Fatalf("seed %d: fractional cells out of order at %d: %v", seed, k, cand)
				}
				if cand[k].f == cand[k-1].f {
					ties++
				}
			}
			given := slices.Clone(cand[:min(len(cand), strongCands)])
			tested++
			pick, v, shut := b.strong(cand)
			if shut {
				closed++
				if ub > sc.Soft {
					t.Fatalf("seed %d: root closed below %d, but a roster scores %d", seed, ub, sc.Soft)
				}
			}
			if !slices.ContainsFunc(given, func(c frac) bool { return c.i == pick && c.v == v }) {
				t.Fatalf("seed %d: picked cell %d value %d, not among %v", seed, pick, v, given)
			}
			for j, n := range mp.ban {
				want := int32(0)
				if mp.barT[j] {
					want = 1
				}
				if n != want {
					t.Fatalf("seed %d: column %d barred by %d cuts after strong branching", seed, j, n)
				}
			}
			for i, n := range mp.lg.ban {
				if n != 0 {
					t.Fatalf("seed %d: value %d banned %d times after strong branching", seed, i, n)
				}
			}
			if shut {
				continue
			}
			// Not closed, each cell has a child that is not cut off, whose
			// master is solved to its optimum: the lesser bound is exact.
			lesser := func(i, v int) float64 {
				fix, forbid := b.branch(i, v)
				b1, b2 := b.children(fix, forbid)
				mp.apply(fix, -1)
				return math.Min(b1, b2)
			}
			got := lesser(pick, v)
			for _, c := range given {
				if l := lesser(c.i, c.v); l > got+1e-6 {
					t.Fatalf("seed %d: picked cell %d value %d, children's lesser bound %v; cell %d value %d has %v", seed, pick, v, got, c.i, c.v, l)
				}
			}
			picked++
		}
	}
	t.Logf("%d fractional roots, %d closed, %d picks compared, %d ties in order", tested, closed, picked, ties)
	// Measured: 12, 3, 9 and 254.
	if tested < 10 || closed == 0 || picked == 0 || ties == 0 {
		t.Fatalf("%d fractional roots, %d closed, %d picks compared, %d ties: too few to test", tested, closed, picked, ties)
	}
}
