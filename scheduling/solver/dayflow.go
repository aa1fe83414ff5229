package solver

// Day re-assignment: the values of one day for all employees at once, every
// other day fixed. Each employee's rules and requests depend on their own
// row only, so changing one cell per employee costs the sum of the single
// changes; with SeparableCover the day's coverage is a convex function per
// shift. The best re-assignment is then a min-cost flow: source → employee
// (one unit each) → value (the cell's cost change) → sink, where shift s's
// arcs to the sink price its k-th employee by Step. It finds the exchange
// chains across many employees (A takes B's shift, B takes C's, C goes
// off) that moves on one or two rows only reach by luck: the column
// counterpart of the row programme.

// dayFlow is the scratch of moveDayFlow.
type dayFlow struct {
	net  flowNet
	emps []int
	base []int
	arcs []int // arcs[k*V+v+1]: arc from employee k to value v, or -1
}

// moveDayFlow re-assigns a random day optimally across the employees
// whose cell on it is free.
func (s *searcher) moveDayFlow() bool {
	if s.m.sep == nil {
		return false
	}
	return s.dayFlow(s.rng.IntN(s.m.D))
}

// dayFlow re-assigns day d; it reports whether a cell changed.
func (s *searcher) dayFlow(d int) bool {
	m := s.m
	st := s.st
	df := &s.flow
	V := m.V
	emps := df.emps[:0]
	if cap(df.base) < m.S {
		df.base = make([]int, m.S)
	}
	base := df.base[:m.S]
	for k := range base {
		base[k] = 0
	}
	for e := 0; e < m.E; e++ {
		i := e*m.D + d
		switch {
		case !m.fixed[i]:
			emps = append(emps, e)
		case st.x[i] >= 0:
			base[st.x[i]]++
		}
	}
	df.emps = emps
	F := len(emps)
	if F < 2 {
		return false
	}
	// The network: each employee's alternatives priced without the cover.
	if cap(df.arcs) < F*V {
		df.arcs = make([]int, F*V)
	}
	arcs := df.arcs[:F*V]
	src, sink := 0, 1+F+V
	val := func(v int) int { return 1 + F + v + 1 }
	net := &df.net
	net.reset(sink + 1)
	mark := len(st.journal)
	for k, e := range emps {
		i := e*m.D + d
		cur := st.x[i]
		for v := Off; v < m.S; v++ {
			arcs[k*V+v+1] = -1
		}
		net.arc(src, 1+k, 1, 0)
		h0, s0, c0, z0 := st.hard, st.soft, st.cover.Cost(), st.shape
		for _, v := range m.choices[i] {
			c := int64(0)
			if v != cur {
				st.setCell(e, d, v)
				st.settle()
				c = (st.hard-h0)*s.hw + (st.soft - s0) - (st.cover.Cost() - c0) + (st.shape - z0)
				st.undoTo(mark)
			}
			arcs[k*V+v+1] = net.arc(1+k, val(v), 1, c)
		}
	}
	net.arc(val(Off), sink, F, 0)
	for sh := 0; sh < m.S; sh++ {
		// Runs of equal steps become one arc.
		n := base[sh]
		for left := F; left > 0; {
			c := m.sep.Step(d, sh, n)
			run := 1
			for run < left && m.sep.Step(d, sh, n+run) == c {
				run++
			}
			net.arc(val(sh), sink, run, c)
			n += run
			left -= run
		}
	}
	if sent, _ := net.flow(src, sink, F); sent < F {
		return false
	}
	changed := false
	for k, e := range emps {
		i := e*m.D + d
		for v := Off; v < m.S; v++ {
			a := arcs[k*V+v+1]
			if a >= 0 && net.cap[a] == 0 {
				if v != st.x[i] {
					st.setCell(e, d, v)
					changed = true
				}
				break
			}
		}
	}
	return changed
}
