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
		m, best, _ := enumerable(seed, D, E, S)
		if m == nil {
			continue
		}
		lb, mp := colGen(m, allOff(m), time.Time{}, nil, 0, nil)
		cells := mp.cellBounds()
		if cells == nil {
			t.Fatalf("seed %d: a solved root (bound %d) gives no cell bounds", seed, lb)
		}
		tested++
		least := leastThrough(m, nil)
		for i, c := range cells {
			if least[i] == math.MaxInt64 {
				continue
			}
			if c > float64(least[i])+1e-6 {
				k := m.cellCut(i)
				t.Fatalf("seed %d: cell %d (employee %d, day %d, shift %d) bound %v above a roster at %d",
					seed, i, k.e, k.d, k.v, c, least[i])
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

// TestFixBelow_BelowEveryRoster: at a node below the root (one unpinned
// cell of the optimum forbidden), told of a roster one above the node's
// bound rounded up (the best known closest to it that leaves the node
// open), fixBelow forbids only cells that no roster of the node better
// than it takes: each forbidden cell's rosters that keep every rule and
// the node's cut score at least that (enumerated). The cuts it adds join
// the node's, and it forbids some on these problems. No cell's bound is
// NaN at any node (one where an employee has no row has them all +Inf).
func TestFixBelow_BelowEveryRoster(t *testing.T) {
	const D, E, S = 5, 2, 2
	tested, forbidden := 0, 0
	for seed := uint64(1); seed <= 80; seed++ {
		m, _, opt := enumerable(seed, D, E, S)
		if m == nil {
			continue
		}
		_, mp := colGen(m, allOff(m), time.Time{}, nil, 0, nil)
		b := newBnp(mp, newTree(math.MaxInt64, nil, nil))
		k := int(seed) % (E * D)
		for m.fixed[k] {
			k = (k + 1) % (E * D)
		}
		node := cut{e: k / D, d: k % D, v: opt[k]}
		b.goTo([]cut{node})
		bound, solved := b.solve()
		if !solved {
			t.Fatalf("seed %d: the node's master is not solved", seed)
		}
		for i, c := range b.mp.cellBounds() {
			if math.IsNaN(c) {
				t.Fatalf("seed %d: cell %d bounded at NaN (node bound %v)", seed, i, bound)
			}
		}
		if math.IsInf(bound, 1) {
			b.goTo(nil)
			continue // the node holds no roster
		}
		// The tightest best known that keeps the node open.
		ub := int64(math.Ceil(bound-1e-6)) + 1
		b.t.ub.Store(ub)
		tested++
		n := b.fixBelow()
		if len(b.cur) != 1+n {
			t.Fatalf("seed %d: %d cuts forbidden, %d applied below the node's one", seed, n, len(b.cur)-1)
		}
		least := leastThrough(m, func(x []int) bool { return x[k] != opt[k] })
		for _, c := range b.cur[1:] {
			forbidden++
			if l := least[(c.e*D+c.d)*m.V+c.v+1]; l < ub {
				t.Fatalf("seed %d: cell (employee %d, day %d, shift %d) forbidden below the node, a roster of it at %d, best known %d",
					seed, c.e, c.d, c.v, l, ub)
			}
		}
		b.goTo(nil)
	}
	t.Logf("%d nodes, %d cells forbidden below them", tested, forbidden)
	if tested < 10 || forbidden == 0 {
		t.Fatalf("%d nodes, %d cells forbidden: too few to test", tested, forbidden)
	}
}

// leastThrough enumerates the rosters of m that keep the pins and every
// rule (eachRoster) and, where keep is not nil, that keep accepts, and
// returns for each cell (index as cellBounds) the least score of those
// that take it: math.MaxInt64 where none does.
func leastThrough(m *model, keep func(x []int) bool) []int64 {
	least := make([]int64, m.E*m.D*m.V)
	for i := range least {
		least[i] = math.MaxInt64
	}
	eachRoster(m, func(x []int, soft int64) {
		if keep != nil && !keep(x) {
			return
		}
		for ed, v := range x {
			i := ed*m.V + v + 1
			least[i] = min(least[i], soft)
		}
	})
	return least
}
