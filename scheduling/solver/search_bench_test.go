package solver

import (
	"testing"
	"time"
)

// BenchmarkMoves measures the plain moves and the row re-optimisation on
// a random 28-day instance (speed is measured here, never asserted); the
// plain moves also without RowRules, as on the benchmark instances, where
// undo restores the journalled scores instead of pricing cells back.
func BenchmarkMoves(b *testing.B) {
	s := constructed(randomProblem(1, 28, 20, 4), 1, 2)
	plain := func(s *searcher) func(b *testing.B) {
		return func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				var ok bool
				switch i % 5 {
				case 0:
					ok = s.moveChange()
				case 1:
					ok = s.moveSwapDay()
				case 2:
					ok = s.moveSwapBlock()
				case 3:
					ok = s.moveShift()
				default:
					ok = s.moveSetBlock()
				}
				if ok {
					s.st.undo()
				}
				s.st.journal = s.st.journal[:0]
			}
		}
	}
	b.Run("plain", plain(s))
	norules := randomProblem(1, 28, 20, 4)
	norules.Rules = nil
	b.Run("plain-norules", plain(constructed(norules, 1, 2)))
	b.Run("rowdp", func(b *testing.B) {
		w0 := s.dpWork
		for i := 0; i < b.N; i++ {
			s.moveRowDP()
			s.st.undo()
		}
		b.ReportMetric(float64(s.dpWork-w0)/float64(b.N), "transitions/op")
	})
	// The row programme with its bounds, and keeping every state, over
	// the same 14-day windows (moveRowDP sizes them by the work).
	for _, full := range []bool{false, true} {
		name := "rowdp14"
		if full {
			name = "rowdp14-nobound"
		}
		b.Run(name, func(b *testing.B) {
			s.dpNoBound = full
			defer func() { s.dpNoBound = false }()
			w0 := s.dpWork
			for i := 0; i < b.N; i++ {
				e, a := i%s.m.E, i*7%(s.m.D-13)
				s.rowDP(e, a, a+13)
				s.st.undo()
			}
			b.ReportMetric(float64(s.dpWork-w0)/float64(b.N), "transitions/op")
		})
	}
}

// BenchmarkDayFlow measures the day re-assignment on random 28-day
// instances: 120 employees and 6 shifts (the size of Curtois and Qu's
// instance 13) and 150 employees and 32 shifts (the staff and shift
// types of instance 24).
func BenchmarkDayFlow(b *testing.B) {
	for _, c := range []struct {
		name string
		e, s int
	}{{"e120s6", 120, 6}, {"e150s32", 150, 32}} {
		b.Run(c.name, func(b *testing.B) {
			s := constructed(randomProblem(2, 28, c.e, c.s), 1, 2)
			for i := 0; i < b.N; i++ {
				if s.dayFlow(i % s.m.D) {
					s.st.undo()
				}
				s.st.journal = s.st.journal[:0]
			}
		})
	}
}

// constructed returns a searcher (hard weight 1000) on p without its
// RowRules, after sweeps greedy construction sweeps.
func constructed(p *Problem, seed uint64, sweeps int) *searcher {
	p.Rules = nil
	s := newSearcher(compile(p), nil, seed, 1000)
	s.construct(sweeps, time.Time{}, time.Time{})
	return s
}
