package solver

import "time"

// Cyclic exchanges (Thompson and Orlin, 1989; Ahuja, Orlin and Sharma,
// Mathematical Programming 91, 2001): employee e1 hands its shift of
// day g1 to e2, who is off that day; e2 hands one of its own shifts, of
// another day, to e3; and so on, the last handing its shift back to e1.
// Every day keeps the shifts it had, only the employees working them
// change, so the cover stays as it is, and each employee works as many
// shifts as before. An open chain (a path) starts with an employee who
// only gives and ends with one who only takes. Where every employee's
// minutes are near their maximum, a wanted shift reaches an employee only
// if that employee gives up another, which takes a third, and so on;
// single changes and swaps between two employees do not reach that.
//
// The chain's cost is the sum of each employee's own change (its
// requests, rules and the search's shaping; not the cover), and each
// employee's change is priced on the roster as it stands, since the
// employees of a chain are distinct. The search looks for a chain of
// negative cost depth-first, keeping every partial sum negative (any
// cycle of negative cost has a rotation whose partial sums all are),
// and makes it once found when the whole roster's score, the cover
// included, falls.

// xArc is one employee's part in a chain: e takes shift rs on day rd
// (rd < 0: takes nothing) and gives its shift of day give (give < 0:
// gives nothing).
type xArc struct{ e, rd, rs, give int }

// xDepth is the most employees in a chain. In Instance13's rosters
// (60 s, seed 1) a descent over chains of up to five employees gained 6
// in requests and up to seven gained the same, at a hundred times the
// work.
const xDepth = 5

// An annealing cycle makes one descent by chains once xAt of it has
// passed, pricing at most xShare rows per iteration of the cycle.
const (
	xAt    = 0.9
	xShare = 0.1
)

// xSpan bounds how far from the day it takes a shift on an employee of a
// chain gives one of its own: four weeks, so that on the longest horizons
// the descent runs on (up to longHorizon days) a pass costs no more per
// worked cell than on Curtois and Qu's four weeks.
const xSpan = 28

// exchanger holds a descent's scratch.
type exchanger struct {
	used       []bool
	cur, found []xArc
	gain       int64 // cost of found (negative), 0 when none
	evals      int64 // rows priced so far
	budget     int64 // rows the descent may price
	until      time.Time
}

// exchangeDescent makes improving chains on the current roster until a
// pass over every worked cell finds none, budget rows have been priced or
// until (if set) has passed. It needs a roster without hard violations
// and returns the fall of the weighted total.
func (s *searcher) exchangeDescent(budget int64, until time.Time) int64 {
	m, st := s.m, s.st
	if st.hard > 0 || m.E < 3 {
		return 0
	}
	x := &s.xch
	if len(x.used) != m.E {
		x.used = make([]bool, m.E)
	}
	x.evals, x.budget, x.until = 0, budget, until
	st.journal = st.journal[:0]
	before := s.total()
	n := m.E * m.D
	at := s.rng.IntN(n)
	for idle := 0; idle < n && x.evals < x.budget; idle++ {
		if idle&255 == 0 && passed(until) {
			break
		}
		i := at
		at = (at + 1) % n
		e1, g1 := i/m.D, i%m.D
		v := st.x[i]
		if v < 0 || m.fixed[i] {
			continue
		}
		x.gain, x.found = 0, x.found[:0]
		x.used[e1] = true
		x.cur = append(x.cur[:0], xArc{e1, -1, 0, g1})
		s.xExtend(e1, g1, false, g1, v, 0, 1)
		if c, ok := s.xCost(e1, -1, 0, g1); ok {
			s.xExtend(e1, g1, true, g1, v, c, 1)
		}
		x.used[e1] = false
		if x.gain < 0 && s.xApply() {
			idle = 0
		}
	}
	return before - s.total()
}

// xExtend extends the chain in x.cur, whose last employee gives shift ps
// of day pd and whose cost so far is sum: some employee off on pd takes
// it and either closes the chain or gives a shift of its own.
func (s *searcher) xExtend(e1, g1 int, path bool, pd, ps int, sum int64, depth int) {
	m, st, x := s.m, s.st, &s.xch
	V := m.V
	for j := 0; j < m.E && x.evals < x.budget; j++ {
		i := j*m.D + pd
		if st.x[i] >= 0 || !m.canTake(i, ps) {
			continue
		}
		if j == e1 {
			if !path {
				if c, ok := s.xCost(j, pd, ps, g1); ok && sum+c < x.gain {
					x.gain = sum + c
					x.found = append(x.found[:0], x.cur...)
					x.found[0].rd, x.found[0].rs = pd, ps
				}
			}
			continue
		}
		if x.used[j] {
			continue
		}
		if path {
			if c, ok := s.xCost(j, pd, ps, -1); ok && sum+c < x.gain {
				x.gain = sum + c
				x.found = append(append(x.found[:0], x.cur...), xArc{j, pd, ps, -1})
			}
		}
		if depth >= xDepth {
			continue
		}
		take := m.cost[i*V+ps+1] - m.cost[i*V]
		for g := max(0, pd-xSpan); g <= min(m.D-1, pd+xSpan); g++ {
			k := j*m.D + g
			v := st.x[k]
			if v < 0 || g == pd || !m.canTake(k, Off) {
				continue
			}
			// The requests alone must leave the partial sum negative
			// (the shaping and row rules are priced only then).
			if sum+take+m.cost[k*V]-m.cost[k*V+v+1] >= 0 {
				continue
			}
			c, ok := s.xCost(j, pd, ps, g)
			if !ok || sum+c >= 0 {
				continue
			}
			x.used[j] = true
			x.cur = append(x.cur, xArc{j, pd, ps, g})
			s.xExtend(e1, g1, path, g, v, sum+c, depth+1)
			x.cur = x.cur[:len(x.cur)-1]
			x.used[j] = false
		}
	}
}

// xCost prices employee e's part of a chain on the roster as it stands:
// the change of the weighted total without the cover's, and whether e's
// row keeps no hard violation.
func (s *searcher) xCost(e, rd, rs, give int) (int64, bool) {
	st := s.st
	x := &s.xch
	if x.evals++; x.evals&4095 == 0 && passed(x.until) {
		x.budget = x.evals
	}
	n := len(st.journal)
	b := s.total() - st.cover.Cost()
	if give >= 0 {
		st.setCell(e, give, Off)
	}
	if rd >= 0 {
		st.setCell(e, rd, rs)
	}
	st.settle()
	ok := st.rowH[e] == 0
	c := s.total() - st.cover.Cost() - b
	st.undoTo(n)
	return c, ok
}

// xApply makes the chain in x.found and keeps it if the weighted total
// fell. The caller records the best roster around the whole descent
// (searcher.descend).
func (s *searcher) xApply() bool {
	st := s.st
	before := s.total()
	for _, a := range s.xch.found {
		if a.give >= 0 {
			st.setCell(a.e, a.give, Off)
		}
	}
	for _, a := range s.xch.found {
		if a.rd >= 0 {
			st.setCell(a.e, a.rd, a.rs)
		}
	}
	st.settle()
	if s.total() >= before {
		st.undo()
		st.journal = st.journal[:0]
		return false
	}
	st.journal = st.journal[:0]
	return true
}
