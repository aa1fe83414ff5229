package solver

import (
	"math"
	"slices"
)

// cellBounds returns, for each cell (e, d, v) of the model (index
// (e*D+d)*V+v+1), a lower bound on the score of every roster in which
// employee e takes v on day d: the Lagrangian bound at the duals of the
// master's best bound, with e's row priced through the cell. +Inf marks
// a cell no row takes (masked, banned, or no row through it keeps the
// sequence rules, and every cell where some employee has no row at all:
// no roster), −Inf the cells of an employee whose row is pinned (not
// bounded); nil when the master has no such duals.
func (mp *master) cellBounds() []float64 {
	if mp.center == nil {
		return nil
	}
	m, lg := mp.m, mp.lg
	E, D, V, S := m.E, m.D, m.V, m.S
	ys := slices.Clone(mp.center)
	L, _ := mp.priceAt(ys)
	out := make([]float64, E*D*V)
	if math.IsInf(L, 1) {
		// An employee has no row at all (L − base would be NaN there).
		for i := range out {
			out[i] = math.Inf(1)
		}
		return out
	}
	for i := range out {
		out[i] = math.Inf(-1)
	}
	for e := 0; e < E; e++ {
		if mp.pinned(e) >= 0 {
			continue
		}
		base := lg.through(e)
		for d := 0; d < D; d++ {
			for v := Off; v < S; v++ {
				out[(e*D+d)*V+v+1] = L - base + lg.thru[d*V+v+1]
			}
		}
	}
	return out
}

// prune forbids, in b's master, every cell that no roster better than
// the best known can take (its bound in t.cells, rounded up, reaches
// it) and that is not forbidden already.
func (b *bnp) prune() {
	cells := b.t.cells
	if cells == nil {
		return
	}
	best := b.bestKnown()
	m := b.mp.m
	for i, c := range cells {
		if b.gone[i] || math.IsInf(c, 0) || !reaches(c, best) {
			continue
		}
		b.gone[i] = true
		b.mp.apply(m.cellCut(i), 1)
	}
}

// cellCut is the cut that forbids cell i (index as cellBounds).
func (m *model) cellCut(i int) cut {
	ed := i / m.V
	return cut{e: ed / m.D, d: ed % m.D, v: i%m.V - 1}
}

// roundTol is how far below a whole number a linear bound may fall and
// still round up to it (reaches, tree.lowest): the simplex's rounding
// leaves bounds that are whole in exact arithmetic a little below.
const roundTol = 1e-6

// reaches reports whether a bound, rounded up, reaches score best: no
// roster under it beats best.
func reaches(bound float64, best int64) bool {
	return math.Ceil(bound-roundTol) >= float64(best)
}

// fixBelow forbids, below the current node, every cell whose bound at the
// node's duals (cellBounds, with the node's cuts) reaches the best roster
// known and that the node leaves open; the cuts join b.cur, so the nodes
// the dive opens below keep them. It returns how many it forbade.
func (b *bnp) fixBelow() int {
	mp := b.mp
	cells := mp.cellBounds()
	if cells == nil {
		return 0
	}
	m, ban := mp.m, mp.lg.ban
	best := b.bestKnown()
	n := 0
	for i, c := range cells {
		if ban[i] > 0 || !m.mask[i] || math.IsInf(c, 0) || !reaches(c, best) {
			continue
		}
		k := m.cellCut(i)
		mp.apply(k, 1)
		b.cur = append(b.cur, k)
		n++
	}
	return n
}
