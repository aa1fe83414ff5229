package solver

import (
	"math"
	"math/rand/v2"
	"time"
)

// A pool of columns: for each employee, whole rows that keep every hard
// rule of the row, gathered from the rows the Lagrangian bound prices
// (each the employee's best under one vector of cover prices) and from the
// rows of the searches' best rosters. A roster that takes one column per
// employee keeps every hard rule, so recombining columns is a search over
// rosters that are feasible by construction, where one step changes a
// whole row: the restricted master problem of column generation, searched
// here by annealing (the rows priced near the linear programme's optimum
// are the ones an optimal roster is made of, Strandmark, Qu and Curtois,
// Computers & Operations Research 120, 2020).
type colPool struct {
	m    *model
	cols [][]int16          // cols[e]: the columns of e, D values each
	cost [][]int64          // cost[e][c]: the cell costs (requests) of column c
	seen []map[uint64]int32 // seen[e]: column index by hash
	cnt  []int              // scratch: shifts per type
}

// poolMax columns are kept per employee. A search makes poolWork/D moves
// (0.26–0.28 s on instance 7 of Curtois and Qu) at temperatures falling
// from poolT0 to poolT1: at 20 it
// takes a row change that leaves one shift uncovered (100) once in 150,
// so that the row that covers it again can follow.
const (
	poolMax  = 4000
	poolWork = 4e7
	poolT0   = 20.0
	poolT1   = 0.5
)

func newColPool(m *model) *colPool {
	p := &colPool{m: m, cols: make([][]int16, m.E), cost: make([][]int64, m.E), seen: make([]map[uint64]int32, m.E), cnt: make([]int, m.S)}
	for e := range p.seen {
		p.seen[e] = map[uint64]int32{}
	}
	return p
}

// size is the number of columns of e.
func (p *colPool) size(e int) int { return len(p.cost[e]) }

// col is column c of e.
func (p *colPool) col(e, c int) []int16 { return p.cols[e][c*p.m.D : (c+1)*p.m.D] }

// add puts row (D values) into e's columns and returns its index, or −1
// when the row breaks a hard rule or the pool of e is full.
func (p *colPool) add(e int, row []int) int {
	m := p.m
	h := rowHash(row)
	if c, ok := p.seen[e][h]; ok && p.same(e, int(c), row) {
		return int(c)
	}
	if p.size(e) >= poolMax || m.rowHardOf(e, row, p.cnt) > 0 {
		return -1
	}
	var cost int64
	for d, v := range row {
		p.cols[e] = append(p.cols[e], int16(v))
		cost += m.cost[(e*m.D+d)*m.V+v+1]
	}
	c := len(p.cost[e])
	p.cost[e] = append(p.cost[e], cost)
	p.seen[e][h] = int32(c)
	return c
}

// rowHash is the FNV-1a hash of a row's values, for the pool and the
// master to find a row they hold.
func rowHash(row []int) uint64 {
	h := uint64(14695981039346656037)
	for _, v := range row {
		h = (h ^ uint64(v+1)) * 1099511628211
	}
	return h
}

func (p *colPool) same(e, c int, row []int) bool {
	for d, v := range p.col(e, c) {
		if int(v) != row[d] {
			return false
		}
	}
	return true
}

// addRoster adds every row of roster x.
func (p *colPool) addRoster(x []int) {
	D := p.m.D
	for e := 0; e < p.m.E; e++ {
		p.add(e, x[e*D:(e+1)*D])
	}
}

// search anneals over the choice of one column per employee, from the
// rows of roster x (which must keep every hard rule), and returns the best
// roster found with its soft score, or nil when it found none better than
// x or x's rows are not all in the pool.
func (p *colPool) search(x []int, iters int, rng *rand.Rand, t0, t1 float64, until time.Time) ([]int, int64) {
	m := p.m
	E, D, S := m.E, m.D, m.S
	ch := make([]int, E)
	for e := range ch {
		if ch[e] = p.add(e, x[e*D:(e+1)*D]); ch[e] < 0 {
			return nil, 0
		}
	}
	dn := make([]int, D*S) // employees per day and shift
	for e, c := range ch {
		for d, v := range p.col(e, c) {
			if v >= 0 {
				dn[d*S+int(v)]++
			}
		}
	}
	cur := m.evaluate(x).Soft
	start := cur
	best, bestCh := cur, append([]int(nil), ch...)
	ratio := t1 / t0
	temp := t0
	for it := 0; it < iters; it++ {
		if it&1023 == 0 {
			temp = t0 * math.Pow(ratio, float64(it)/float64(iters))
			if passed(until) {
				break
			}
		}
		e := rng.IntN(E)
		c := rng.IntN(p.size(e))
		if c == ch[e] {
			continue
		}
		old, nw := p.col(e, ch[e]), p.col(e, c)
		delta := p.cost[e][c] - p.cost[e][ch[e]]
		for d, a := range old {
			b := nw[d]
			if a == b {
				continue
			}
			if a >= 0 {
				delta -= m.sep.Step(d, int(a), dn[d*S+int(a)]-1)
			}
			if b >= 0 {
				delta += m.sep.Step(d, int(b), dn[d*S+int(b)])
			}
		}
		if delta > 0 && rng.Float64() >= math.Exp(-float64(delta)/temp) {
			continue
		}
		for d, a := range old {
			b := nw[d]
			if a == b {
				continue
			}
			if a >= 0 {
				dn[d*S+int(a)]--
			}
			if b >= 0 {
				dn[d*S+int(b)]++
			}
		}
		ch[e] = c
		cur += delta
		if cur < best {
			best = cur
			copy(bestCh, ch)
		}
	}
	if best >= start {
		return nil, 0
	}
	y := make([]int, E*D)
	for e, c := range bestCh {
		for d, v := range p.col(e, c) {
			y[e*D+d] = int(v)
		}
	}
	return y, best
}

// rowHardOf is the hard units of row (employee e's, D values) on its own,
// counting its totals (rowHard counts them in the state); a value the
// cell may not take counts 1. cnt is scratch of S values.
func (m *model) rowHardOf(e int, row []int, cnt []int) int64 {
	for s := range cnt {
		cnt[s] = 0
	}
	mins, nwk, lastW := 0, 0, -1
	for d, v := range row {
		if !m.mask[(e*m.D+d)*m.V+v+1] {
			return 1 // also Off in a cell pinned to a shift
		}
		if v < 0 {
			continue
		}
		cnt[v]++
		mins += m.minutes[v]
		if w := m.weekOf[d]; w >= 0 && w != lastW {
			nwk++
			lastW = w
		}
	}
	return m.rowHardCounted(e, row, cnt, mins, nwk)
}
