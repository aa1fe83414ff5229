package solver

import (
	"math/rand/v2"
	"testing"
	"time"
)

// weekendProblem: 21 days from a Monday (weekends 5–6, 12–13, 19–20), one
// 8-hour shift wanted three times a day, employees with the given weekend limits
// and no other binding rule. Weekend demand (18 shifts) exceeds what the
// limits allow, so the shaping is on.
func weekendProblem(maxW ...int) *Problem {
	p := &Problem{Days: 21, Weekends: SaturdaySundayWeekends(21, 1), Shifts: []Shift{{ID: "D", Minutes: 480}}}
	for e, w := range maxW {
		p.Employees = append(p.Employees, Employee{ID: string(rune('A' + e)), MaxMinutes: 21 * 480,
			MaxConsecutive: NoLimit, MaxWeekends: w})
	}
	p.Coverage = oneShiftCover(21, 3)
	return p
}

// oneShiftCover wants req employees on the one shift of each of days days,
// at 100 per employee short and 1 per employee over.
func oneShiftCover(days int, req int64) *DayCover {
	c := &DayCover{}
	for d := 0; d < days; d++ {
		c.Req, c.Under, c.Over = append(c.Req, []int64{req}), append(c.Under, []int64{100}), append(c.Over, []int64{1})
	}
	return c
}

// roster builds a roster of p in which employee e works shift 0 on days[e].
func roster(p *Problem, days ...[]int) []int {
	x := make([]int, len(p.Employees)*p.Days)
	for i := range x {
		x[i] = Off
	}
	for e, ds := range days {
		for _, d := range ds {
			x[e*p.Days+d] = 0
		}
	}
	return x
}

func TestWeekendShaping(t *testing.T) {
	p := weekendProblem(2, 1, 5)
	m := compile(p)
	if m.wkShape != int64(wkShapeF*100) {
		t.Fatalf("wkShape = %d, want %v of the under-cover price 100", m.wkShape, wkShapeF)
	}
	if !m.wkShaped[0] || !m.wkShaped[1] || m.wkShaped[2] {
		t.Fatalf("shaped employees %v, want A and B (limits below the 3 weekends), not C", m.wkShaped)
	}
	z := m.wkShape
	for _, tc := range []struct {
		name string
		days [][]int
		want int64
	}{
		{"A one half weekend, limit not reached", [][]int{{5}}, 0},
		{"A two half weekends, limit reached", [][]int{{5, 13}}, 2 * z},
		{"A one whole and one half weekend", [][]int{{5, 6, 12}}, z},
		{"A two whole weekends", [][]int{{5, 6, 12, 13}}, 0},
		{"A three half weekends, over the limit", [][]int{{5, 12, 19}}, 3 * z},
		{"C without a binding limit", [][]int{nil, nil, {5, 13, 19}}, 0},
		{"A and B", [][]int{{5, 13}, {6, 12, 20}}, 5 * z},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := newState(m, roster(p, tc.days...))
			if st.shape != tc.want {
				t.Errorf("shape = %d, want %d", st.shape, tc.want)
			}
		})
	}
}

// TestMoveWeekend: A works only Saturday of the first weekend and a Monday,
// B only its Sunday. Completing a weekend hands the missing day over from
// the partner (and a weekday back), so the cover is unchanged and both
// half weekends are gone.
// completeWeekend draws weekend completions until one is made (the draw
// of the employee may miss the one with a half-worked weekend).
func completeWeekend(t *testing.T, s *searcher, seed uint64) {
	t.Helper()
	for try := 0; try < 100; try++ {
		if s.moveWeekend() {
			return
		}
	}
	t.Fatalf("seed %d: no move in 100 tries", seed)
}

func TestMoveWeekend(t *testing.T) {
	p := weekendProblem(1, 1)
	m := compile(p)
	for seed := uint64(1); seed <= 20; seed++ {
		s := newSearcher(m, roster(p, []int{0, 5}, []int{6}), seed, 1000)
		s.rng = rand.New(rand.NewPCG(seed, 3))
		cover := s.st.cover.Cost()
		completeWeekend(t, s, seed)
		st := s.st
		if st.cover.Cost() != cover {
			t.Errorf("seed %d: cover cost %d, want %d unchanged", seed, st.cover.Cost(), cover)
		}
		if st.half[0]+st.half[1] != 0 || st.shape != 0 {
			t.Errorf("seed %d: half weekends %v, shaping %d, want none", seed, st.half, st.shape)
		}
		if got := st.mins[0] + st.mins[1]; got != 3*480 {
			t.Errorf("seed %d: %d minutes worked, want the 3 shifts kept", seed, got)
		}
		checkState(t, st, int(seed))
	}
}

// TestMoveSwapPair: a pair swap exchanges two employees' cells on exactly
// two days, keeps the cover and every row's minutes, and the incremental
// score stays exact.
func TestMoveSwapPair(t *testing.T) {
	s := constructed(randomProblem(3, 21, 6, 3), 5, 1)
	m := s.m
	moved := 0
	for try := 0; try < 2000; try++ {
		cover := s.st.cover.Cost()
		mins := append([]int(nil), s.st.mins...)
		x0, ok := tryMove(s, s.moveSwapPair)
		if !ok {
			continue
		}
		moved++
		var changed []int // cell indexes, in order: two of one row, then two of another
		for i := range x0 {
			if x0[i] != s.st.x[i] {
				changed = append(changed, i)
			}
		}
		if len(changed) != 4 {
			t.Fatalf("try %d: %d cells changed, want 4", try, len(changed))
		}
		e, f := changed[0]/m.D, changed[2]/m.D
		d1, d2 := changed[0]%m.D, changed[1]%m.D
		if changed[1]/m.D != e || changed[3] != f*m.D+d2 || changed[2] != f*m.D+d1 || e == f {
			t.Fatalf("try %d: changed cells %v are not two employees on the same two days", try, changed)
		}
		for _, d := range []int{d1, d2} {
			if s.st.x[e*m.D+d] != x0[f*m.D+d] || s.st.x[f*m.D+d] != x0[e*m.D+d] {
				t.Fatalf("try %d: day %d is not an exchange between employees %d and %d", try, d, e, f)
			}
		}
		if s.st.cover.Cost() != cover {
			t.Fatalf("try %d: cover cost %d, want %d", try, s.st.cover.Cost(), cover)
		}
		for e := range mins {
			if s.st.mins[e] != mins[e] {
				t.Fatalf("try %d: employee %d works %d minutes, want %d", try, e, s.st.mins[e], mins[e])
			}
		}
		checkState(t, s.st, try)
		s.st.journal = s.st.journal[:0]
	}
	// Deterministic for this problem and seed: 486 of the 2000 tries find
	// a pair. Well under half of that means second days are being missed.
	if moved < 200 {
		t.Fatalf("only %d pair swaps in 2000 tries, want about 486", moved)
	}
}

// TestMoveWeekend_ReassignsDayGivenUp: A works Saturday 5 and Monday 1,
// nobody works only Sunday 6, and C (no weekends) is free. Completing A's
// weekend without a partner gives up Monday; when the move re-assigns
// Monday, the day ends with at least the one shift it had (C or A takes
// it), so the cover gains Sunday's shift; otherwise Monday is empty.
// Re-assigning the day again then changes nothing (the flow is exact).
func TestMoveWeekend_ReassignsDayGivenUp(t *testing.T) {
	p := weekendProblem(1, 1, 0)
	m := compile(p)
	flowed := 0
	for seed := uint64(1); seed <= 40; seed++ {
		s := newSearcher(m, roster(p, []int{1, 5}, []int{12, 13}, nil), seed, 1000)
		s.rng = rand.New(rand.NewPCG(seed, 5))
		cover := s.st.cover.Cost()
		completeWeekend(t, s, seed)
		st := s.st
		if st.x[0*m.D+6] != 0 {
			t.Fatalf("seed %d: A's Sunday not worked", seed)
		}
		monday := st.dn[1*m.S+0]
		switch s.wkFlowed {
		case 1:
			flowed++
			if monday < 1 || st.cover.Cost() > cover-100 {
				t.Errorf("seed %d: Monday has %d shifts, cover cost %d, want ≥ 1 and ≤ %d", seed, monday, st.cover.Cost(), cover-100)
			}
			st.journal = st.journal[:0]
			if s.dayFlow(1) {
				t.Errorf("seed %d: re-assigning Monday again changed it", seed)
			}
		case -1:
			if monday != 0 || st.cover.Cost() != cover {
				t.Errorf("seed %d: Monday has %d shifts, cover cost %d, want 0 and %d unchanged", seed, monday, st.cover.Cost(), cover)
			}
		default:
			t.Fatalf("seed %d: re-assigned day %d, want Monday (1) or none", seed, s.wkFlowed)
		}
		checkState(t, st, int(seed))
	}
	if flowed == 0 || flowed == 40 {
		t.Fatalf("Monday re-assigned after %d of 40 moves, want some but not all (one in %d)", flowed, wkFlowDiv)
	}
}

// TestConstruct_BusiestWeekendFirst: one employee who may work one
// weekend; the first weekend wants its Saturday only, the second both
// days. Taking the second is worth two covered shifts, the first one. The
// greedy in random order takes the first whenever it meets that Saturday
// first; with wkFirst every seed takes the second and leaves one shift
// short (100).
func TestConstruct_BusiestWeekendFirst(t *testing.T) {
	p := &Problem{Days: 14, Weekends: SaturdaySundayWeekends(14, 1), Shifts: []Shift{{ID: "D", Minutes: 480}}}
	p.Employees = []Employee{{ID: "A", MaxMinutes: 14 * 480, MaxConsecutive: NoLimit, MaxWeekends: 1}}
	cov := oneShiftCover(14, 0)
	for _, d := range []int{5, 12, 13} {
		cov.Req[d][0] = 1
	}
	p.Coverage = cov
	m := compile(p)
	pr := weekendPriority(m)
	for d, want := range []int{0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 2, 2} {
		if pr[d] != want {
			t.Fatalf("weekendPriority = %v, want 1 + the lesser demand of each weekend's days (0, 1 on days 5–6; 1, 1 on 12–13)", pr)
		}
	}
	random := map[int64]int{}
	for seed := uint64(1); seed <= 20; seed++ {
		for _, first := range []bool{false, true} {
			s := newSearcher(m, nil, seed, 1000)
			s.wkFirst = first
			s.construct(1, time.Time{}, time.Time{})
			if s.st.hard != 0 {
				t.Fatalf("seed %d: %d hard violations", seed, s.st.hard)
			}
			if !first {
				random[s.st.soft]++
				continue
			}
			if s.st.soft != 100 {
				t.Fatalf("seed %d, busiest weekend first: soft %d, want 100 (days 12–13 worked, day 5 short)", seed, s.st.soft)
			}
		}
	}
	if random[200] == 0 {
		t.Fatalf("random order: soft scores %v; want some seed to spend the weekend on day 5 (200)", random)
	}
}
