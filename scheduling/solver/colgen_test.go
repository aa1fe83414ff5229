package solver

import (
	"testing"
	"time"
)

// TestColGen_BoundBelowOptimum: on problems small enough to enumerate
// every roster, column generation's bound never exceeds the best score of
// a roster that breaks no hard rule, is at least the Lagrangian bound (the
// linear programme is the best Lagrangian bound, Geoffrion, Math.
// Programming Study 2, 1974, and the master's per-type state only
// tightens it), and does not depend on the start: from the optimal roster
// and from artificial rows alike.
func TestColGen_BoundBelowOptimum(t *testing.T) {
	const D, E, S = 5, 2, 2
	tested, above := 0, 0
	for seed := uint64(1); seed <= 30; seed++ {
		p := randomProblem(seed, D, E, S)
		p.Rules = nil
		m := compile(p)
		best := int64(-1)
		x := make([]int, E*D)
		opt := make([]int, E*D)
		rowsOf(E*D, S, func(r []int) {
			copy(x, r)
			for i, f := range m.fixed {
				if f && x[i] != m.start[i] {
					return
				}
			}
			if sc := m.evaluate(x); sc.Hard == 0 && (best < 0 || sc.Soft < best) {
				best = sc.Soft
				copy(opt, x)
			}
		})
		if best < 0 {
			continue
		}
		tested++
		lb, mp := colGen(m, opt, time.Time{}, nil)
		if mp == nil {
			t.Fatalf("seed %d: column generation does not apply", seed)
		}
		if lb > best {
			t.Fatalf("seed %d: bound %d above the optimum %d", seed, lb, best)
		}
		lag, _ := lagrangeBound(m, best, 1e8, time.Time{}, nil, nil)
		if lb < lag {
			t.Fatalf("seed %d: bound %d below the Lagrangian bound %d", seed, lb, lag)
		}
		if lb > lag {
			above++
		}
		for i := range x {
			x[i] = Off
		}
		if lb2, _ := colGen(m, x, time.Time{}, nil); lb2 != lb {
			t.Fatalf("seed %d: bound %d from the optimal roster, %d from artificial rows", seed, lb, lb2)
		}
		// Every row of the master that keeps the hard rules is a row the
		// pool may take.
		pool := newColPool(m)
		mp.addTo(pool)
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
	t.Logf("%d problems, bound above the Lagrangian on %d", tested, above)
	if tested < 5 {
		t.Fatalf("%d problems with a feasible roster: too few to test", tested)
	}
}
