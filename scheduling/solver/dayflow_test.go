package solver

import "testing"

// TestDayFlow_MatchesEnumeration: the flow's re-assignment of one day is
// as good as the best of all value combinations of that day's cells,
// enumerated exhaustively (5 employees, 3 shifts: at most 4^5 = 1024).
func TestDayFlow_MatchesEnumeration(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		p := randomProblem(seed, 14, 5, 3)
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
