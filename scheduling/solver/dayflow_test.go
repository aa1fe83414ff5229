package solver

import (
	"math/rand/v2"
	"testing"
)

// TestDayFlow_MatchesEnumeration: the flow's re-assignment of one day is
// as good as the best of all value combinations of that day's cells,
// enumerated exhaustively (5 employees, 3 shifts: at most 4^5 = 1024).
func TestDayFlow_MatchesEnumeration(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		p := randomProblem(seed, 14, 5, 3)
		if seed%2 == 0 {
			p.Rules = nil // priced by priceCell, not by setCell
		}
		m := compile(p)
		s := newSearcher(m, nil, seed, 1000)
		for k := 0; k < 40; k++ {
			s.moveChange()
		}
		s.st.settle()
		s.st.journal = s.st.journal[:0]
		for d := 0; d < m.D; d++ {
			best := enumerateDay(s, d, 0)
			s.dayFlow(d)
			s.st.settle()
			if got := s.total(); got != best {
				t.Fatalf("seed %d day %d: flow gives %d, enumeration %d", seed, d, got, best)
			}
			s.st.journal = s.st.journal[:0]
		}
	}
}

// enumerateDay returns the least weighted total over all values of the
// free cells of day d for employees e… (cells left as they were).
func enumerateDay(s *searcher, d, e int) int64 {
	m := s.m
	if e == m.E {
		return s.total()
	}
	i := e*m.D + d
	if m.fixed[i] {
		return enumerateDay(s, d, e+1)
	}
	best := int64(dpInf)
	for _, v := range m.choices[i] {
		mark := len(s.st.journal)
		s.st.setCell(e, d, v)
		s.st.settle()
		best = min(best, enumerateDay(s, d, e+1))
		s.st.undoTo(mark)
	}
	return best
}

// TestReassign_MatchesShortestPaths: the day re-assignment by cycle
// cancelling on the values ends at the cost of the min-cost flow found by
// successive shortest paths on the whole network, from random assignments
// of 1 to 60 employees to 2 to 9 values with random costs (some values
// not allowed) and random convex cover steps.
func TestReassign_MatchesShortestPaths(t *testing.T) {
	for seed := uint64(1); seed <= 400; seed++ {
		rng := rand.New(rand.NewPCG(seed, 1))
		F, V := 1+int(seed%60), 2+int(seed%8)
		ck := make([]int64, F*V)
		at := make([]int, F)
		for k := 0; k < F; k++ {
			at[k] = rng.IntN(V)
			for v := 0; v < V; v++ {
				ck[k*V+v] = int64(rng.IntN(40) - 20)
				if v != at[k] && rng.IntN(5) == 0 {
					ck[k*V+v] = dpInf
				}
			}
		}
		steps := make([][]int64, V)
		for v := range steps {
			c := int64(rng.IntN(30) - 15)
			for n := 0; n <= F; n++ {
				steps[v] = append(steps[v], c)
				c += int64(rng.IntN(3) * 10)
			}
		}
		step := func(v, n int) int64 { return steps[v][n] }
		cost := func(at []int) int64 {
			cnt := make([]int, V)
			var c int64
			for k, v := range at {
				c += ck[k*V+v]
				c += step(v, cnt[v])
				cnt[v]++
			}
			return c
		}

		f := &flowNet{}
		src, sink := 0, 1+F+V
		f.reset(sink + 1)
		for k := 0; k < F; k++ {
			f.arc(src, 1+k, 1, 0)
			for v := 0; v < V; v++ {
				if ck[k*V+v] < dpInf {
					f.arc(1+k, 1+F+v, 1, ck[k*V+v])
				}
			}
		}
		for v := 0; v < V; v++ {
			for n := 0; n < F; n++ {
				f.arc(1+F+v, sink, 1, steps[v][n])
			}
		}
		sent, want := f.flow(src, sink, F)
		if sent != F {
			t.Fatalf("seed %d: shortest paths sent %d of %d", seed, sent, F)
		}

		before := cost(at)
		var df dayFlow
		changed := df.reassign(F, V, ck, at, step)
		got := cost(at)
		if got != want {
			t.Fatalf("seed %d (F %d, V %d): re-assignment costs %d, min-cost flow %d", seed, F, V, got, want)
		}
		if changed != (got < before) {
			t.Fatalf("seed %d: changed %v, cost %d → %d", seed, changed, before, got)
		}
		for k, v := range at {
			if ck[k*V+v] >= dpInf {
				t.Fatalf("seed %d: employee %d put on value %d, not allowed", seed, k, v)
			}
		}
	}
}

// flowNet is a min-cost flow network solved by successive shortest paths
// with the Bellman–Ford queue (Ahuja, Magnanti, Orlin, Network Flows,
// 1993, §9.7): the reference the day re-assignment is tested against.
// Arcs are stored in pairs: arc i^1 is the residual reverse of arc i.
type flowNet struct {
	head  []int32
	next  []int32
	to    []int32
	cap   []int32
	cost  []int64
	dist  []int64
	prev  []int32 // arc into a node on the current shortest path
	inq   []bool
	queue []int32
}

// reset empties the network and gives it n nodes.
func (f *flowNet) reset(n int) {
	f.head = f.head[:0]
	for i := 0; i < n; i++ {
		f.head = append(f.head, -1)
	}
	f.next, f.to, f.cap, f.cost = f.next[:0], f.to[:0], f.cap[:0], f.cost[:0]
}

// arc adds an arc u→v and returns its index.
func (f *flowNet) arc(u, v, capacity int, cost int64) int {
	i := len(f.to)
	f.to = append(f.to, int32(v), int32(u))
	f.cap = append(f.cap, int32(capacity), 0)
	f.cost = append(f.cost, cost, -cost)
	f.next = append(f.next, f.head[u], f.head[v])
	f.head[u], f.head[v] = int32(i), int32(i+1)
	return i
}

// flow sends up to want units from s to t along cheapest paths found by
// the Bellman–Ford queue (successive shortest paths, Ahuja, Magnanti,
// Orlin, Network Flows, 1993, §9.7) and returns the units sent and their
// cost: the reference cancel is tested against.
func (f *flowNet) flow(s, t, want int) (int, int64) {
	n := len(f.head)
	if cap(f.dist) < n {
		f.dist = make([]int64, n)
		f.prev = make([]int32, n)
		f.inq = make([]bool, n)
	}
	dist, prev, inq := f.dist[:n], f.prev[:n], f.inq[:n]
	sent, total := 0, int64(0)
	for sent < want {
		for i := range dist {
			dist[i], prev[i] = dpInf, -1
		}
		dist[s] = 0
		q := append(f.queue[:0], int32(s))
		inq[s] = true
		for len(q) > 0 {
			u := q[0]
			q = q[1:]
			inq[u] = false
			for a := f.head[u]; a >= 0; a = f.next[a] {
				if f.cap[a] == 0 {
					continue
				}
				v := f.to[a]
				if nd := dist[u] + f.cost[a]; nd < dist[v] {
					dist[v], prev[v] = nd, a
					if !inq[v] {
						inq[v] = true
						q = append(q, v)
					}
				}
			}
		}
		f.queue = q
		if dist[t] >= dpInf {
			break
		}
		// Bottleneck along the path.
		push := want - sent
		for v := t; v != s; v = int(f.to[prev[v]^1]) {
			push = min(push, int(f.cap[prev[v]]))
		}
		for v := t; v != s; v = int(f.to[prev[v]^1]) {
			f.cap[prev[v]] -= int32(push)
			f.cap[prev[v]^1] += int32(push)
		}
		sent += push
		total += int64(push) * dist[t]
	}
	return sent, total
}
