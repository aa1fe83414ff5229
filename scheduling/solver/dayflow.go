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
//
// The flow starts from the day as it is, which is optimal when its
// residual network has no negative cycle, and cancels such cycles until
// none is left (Klein, Management Science 14, 1967). A residual cycle
// alternates values and employees, or passes the sink: it moves employee
// k from value a to value b (cost c[k][b] − c[k][a]), or adds one
// employee to b's cover and takes one from a's. So the search runs on the
// values alone: the arc a → b costs the cheapest such move over the
// employees on a, the arc b → sink the cover's next step on b, and the
// arc sink → a minus its last step on a. With V values Bellman–Ford finds
// a negative cycle in V³ steps, and rebuilding the arcs costs one pass
// over the employees' V costs, where successive shortest paths on the
// whole network cost one pass over all its arcs per employee.

// dayFlow is the scratch of moveDayFlow.
type dayFlow struct {
	emps  []int
	base  []int   // fixed employees on each shift
	cnt   []int   // cnt[v+1]: free employees on value v
	at    []int   // at[k]: value index (v+1) of free employee k
	ck    []int64 // ck[k*V+v+1]: cost of employee k's cell at v, dpInf if not allowed
	price []int64 // scratch of priceCell: one cell's choices
	hop   []int64 // hop[a*N+b]: the cheapest move of an employee from a to b; N = V+1
	who   []int   // who[a*N+b]: the employee making it
	dist  []int64 // Bellman–Ford over the V values and the sink
	pred  []int
	dirty []bool // the node's distance fell since its arcs were relaxed
	cyc   []int
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
	clear(base)
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
	// Each employee's alternatives priced without the cover.
	if cap(df.ck) < F*V {
		df.ck = make([]int64, F*V)
		df.at = make([]int, F)
	}
	if cap(df.price) < V {
		df.price = make([]int64, V)
	}
	ck, at := df.ck[:F*V], df.at[:F]
	mark := len(st.journal)
	for k, e := range emps {
		i := e*m.D + d
		cur := st.x[i]
		at[k] = cur + 1
		for v := Off; v < m.S; v++ {
			ck[k*V+v+1] = dpInf
		}
		if len(m.p.Rules) == 0 {
			vals := m.choices[i]
			price := df.price[:len(vals)]
			st.priceCell(e, d, vals, s.hw, price)
			for j, v := range vals {
				ck[k*V+v+1] = price[j]
			}
			continue
		}
		h0, s0, c0, z0 := st.hard, st.soft, st.cover.Cost(), st.shape
		for _, v := range m.choices[i] {
			c := int64(0)
			if v != cur {
				st.setCell(e, d, v)
				st.settle()
				c = (st.hard-h0)*s.hw + (st.soft - s0) - (st.cover.Cost() - c0) + (st.shape - z0)
				st.undoTo(mark)
			}
			ck[k*V+v+1] = c
		}
	}
	step := func(v, n int) int64 { // the cover's cost of the (n+1)-th on value index v
		if v == 0 {
			return 0
		}
		return m.sep.Step(d, v-1, base[v-1]+n)
	}
	if !df.reassign(F, V, ck, at, step) {
		return false
	}
	for k, e := range emps {
		if v := at[k] - 1; v != st.x[e*m.D+d] {
			st.setCell(e, d, v)
		}
	}
	return true
}

// reassign moves the F employees among the V values (at[k], an index
// 0…V−1) to the assignment of least cost: ck[k*V+v] for employee k on v
// (dpInf where not allowed) plus, per value, the sum of step(v, n) over
// its n = 0…count−1 (convex: step rises with n). It reports whether the
// assignment changed: a negative cycle always moves an employee, since
// the sink's two arcs at one value cost step(v, n) − step(v, n−1) ≥ 0.
func (df *dayFlow) reassign(F, V int, ck []int64, at []int, step func(v, n int) int64) bool {
	N := V + 1 // the values and the sink
	sink := V
	if cap(df.hop) < N*N {
		df.hop = make([]int64, N*N)
		df.who = make([]int, N*N)
		df.dist = make([]int64, N)
		df.pred = make([]int, N)
		df.dirty = make([]bool, N)
	}
	if cap(df.cnt) < V {
		df.cnt = make([]int, V)
	}
	hop, who, dist, pred, cnt, dirty := df.hop[:N*N], df.who[:N*N], df.dist[:N], df.pred[:N], df.cnt[:V], df.dirty[:N]
	clear(cnt)
	for _, a := range at {
		cnt[a]++
	}
	// Each cancelled cycle lowers the (whole) cost by at least 1, so this
	// ends.
	for changed := false; ; changed = true {
		for i := range hop {
			hop[i] = dpInf
		}
		for k, a := range at {
			ca := ck[k*V+a]
			for b := 0; b < V; b++ {
				if cb := ck[k*V+b]; b != a && cb < dpInf {
					if c := cb - ca; c < hop[a*N+b] {
						hop[a*N+b], who[a*N+b] = c, k
					}
				}
			}
		}
		for v := 0; v < V; v++ {
			hop[v*N+sink] = step(v, cnt[v])
			if cnt[v] > 0 {
				hop[sink*N+v] = -step(v, cnt[v]-1)
			}
		}
		// Bellman–Ford from every node at distance 0: a relaxation in
		// pass N proves a negative cycle, and N predecessors back from it
		// lie on one. A node whose distance has not fallen since its arcs
		// were last relaxed relaxes nothing, so it is skipped (the passes
		// make the same relaxations as without the skipping).
		for i := range dist {
			dist[i], pred[i], dirty[i] = 0, -1, true
		}
		last := -1
		for pass := 0; pass < N; pass++ {
			last = -1
			for a := 0; a < N; a++ {
				if !dirty[a] {
					continue
				}
				dirty[a] = false
				da, arcs := dist[a], hop[a*N:(a+1)*N]
				for b, c := range arcs {
					if c < dpInf && da+c < dist[b] {
						dist[b], pred[b], last, dirty[b] = da+c, a, b, true
					}
				}
			}
			if last < 0 {
				break
			}
		}
		if last < 0 {
			return changed
		}
		v := last
		for i := 0; i < N; i++ {
			v = pred[v]
		}
		cyc := df.cyc[:0]
		for u := v; ; {
			cyc = append(cyc, u)
			if u = pred[u]; u == v {
				break
			}
		}
		df.cyc = cyc
		// The cycle runs backwards along pred: pred[u] → u. Moves out of
		// a value happen once per cycle, so each takes a distinct
		// employee; the sink's arcs only price the counts.
		for _, b := range cyc {
			a := pred[b]
			if a == sink || b == sink {
				continue
			}
			k := who[a*N+b]
			at[k] = b
			cnt[a]--
			cnt[b]++
		}
	}
}
