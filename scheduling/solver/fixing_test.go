package solver

import (
	"math"
	"testing"
	"time"
)

// TestCellBounds_BelowEveryRoster: on problems small enough to enumerate
// every roster, a cell's bound never exceeds the score of any roster that
// breaks no hard rule, keeps the pins and takes the cell (a roster that
// keeps every rule keeps its rows' rules, so no such cell is +Inf
// either). Told of the optimum, prune forbids just the cells whose bound
// reaches it, and some on these problems. (That the tree so cut still
// finds and proves the optimum is TestBranchAndPrice_FindsOptimum.)
func TestCellBounds_BelowEveryRoster(t *testing.T) {
	const D, E, S = 5, 2, 2
	tested, tight, forbidden := 0, 0, 0
	for seed := uint64(1); seed <= 40; seed++ {
		p := randomProblem(seed, D, E, S)
		p.Rules = nil
		m := compile(p)
		best, _ := enumOptimum(m)
		if best < 0 {
			continue
		}
		lb, mp := colGen(m, allOff(m), time.Time{}, nil, 0, nil)
		cells := mp.cellBounds()
		if cells == nil {
			t.Fatalf("seed %d: a solved root (bound %d) gives no cell bounds", seed, lb)
		}
		tested++
		// least[i]: the best score of a roster that keeps every rule and
		// takes cell i.
		least := make([]int64, len(cells))
		for i := range least {
			least[i] = math.MaxInt64
		}
		rowsOf(E*D, S, func(x []int) {
			for i, f := range m.fixed {
				if f && x[i] != m.start[i] {
					return
				}
			}
			sc := m.evaluate(x)
			if sc.Hard != 0 {
				return
			}
			for ed, v := range x {
				i := ed*m.V + v + 1
				least[i] = min(least[i], sc.Soft)
			}
		})
		for i, c := range cells {
			if least[i] == math.MaxInt64 {
				continue
			}
			if c > float64(least[i])+1e-6 {
				t.Fatalf("seed %d: cell %d (employee %d, day %d, shift %d) bound %v above a roster at %d",
					seed, i, i/m.V/D, i/m.V%D, i%m.V-1, c, least[i])
			}
			if c > float64(lb)+1e-6 {
				tight++
			}
		}
		tr := newTree(best, nil, nil)
		tr.cells = cells
		b := newBnp(mp, tr)
		b.prune()
		for i, g := range b.gone {
			if !g {
				continue
			}
			forbidden++
			if math.Ceil(cells[i]-1e-6) < float64(best) {
				t.Fatalf("seed %d: cell %d forbidden at bound %v, best known %d", seed, i, cells[i], best)
			}
		}
	}
	t.Logf("%d problems, %d cells bounded above the root, %d forbidden at the optimum", tested, tight, forbidden)
	if tested < 10 || tight == 0 || forbidden == 0 {
		t.Fatalf("%d problems, %d cells above the root bound, %d forbidden: too few to test", tested, tight, forbidden)
	}
}
