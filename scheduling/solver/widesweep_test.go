package solver

import (
	"slices"
	"testing"
	"time"
)

// TestWideSweep_MovesWorkAcrossWeeks: one employee who must work exactly
// ten shifts works days 0–9, where nobody is wanted, while days 40–49
// want one each. Every 1-for-1 trade of a worked day for a wanted one
// spans more than a week, so only a window holding both (wideWindow
// days) reaches the roster that works days 40–49: the score falls from
// 10 over-covered + 10 × 100 under-covered = 1 010 to 0.
func TestWideSweep_MovesWorkAcrossWeeks(t *testing.T) {
	const days = 130
	p := &Problem{Days: days, Shifts: []Shift{{ID: "A", Minutes: 480}}}
	p.Employees = []Employee{{ID: "a", MinMinutes: 4800, MaxMinutes: 4800, MaxConsecutive: NoLimit, MaxWeekends: NoLimit}}
	c := &DayCover{}
	for d := 0; d < days; d++ {
		req := int64(0)
		if d >= 40 && d < 50 {
			req = 1
		}
		c.Req = append(c.Req, []int64{req})
		c.Under = append(c.Under, []int64{100})
		c.Over = append(c.Over, []int64{1})
	}
	p.Coverage = c
	x := make([]int, days)
	want := make([]int, days)
	for d := range x {
		x[d], want[d] = Off, Off
		if d < 10 {
			x[d] = 0
		}
		if d >= 40 && d < 50 {
			want[d] = 0
		}
	}
	s := newSearcher(compile(p), x, 1, 1000)
	if s.st.hard != 0 || s.st.soft != 1010 {
		t.Fatalf("start: hard %d soft %d, want 0 and 1010", s.st.hard, s.st.soft)
	}
	if got := s.wideSweep(time.Time{}); got != 1010 {
		t.Fatalf("sweep gained %d, want 1010", got)
	}
	if !slices.Equal(s.st.x, want) {
		t.Fatalf("roster %v, want days 40–49 worked", s.st.x)
	}
	checkState(t, s.st, 0)
}

// TestWideSweep_NeverWorsens: on random year-long problems, perturbed
// between sweeps, a sweep never raises the total, returns the amount it
// fell, and leaves the incremental score equal to a full recomputation.
func TestWideSweep_NeverWorsens(t *testing.T) {
	gained := 0
	for seed := uint64(1); seed <= 3; seed++ {
		p := randomProblem(seed, 364, 6, 3)
		p.Rules = nil
		m := compile(p)
		m.wkShape, m.wkShaped = 0, nil
		s := newSearcher(m, nil, seed, 1000)
		s.construct(2, time.Time{}, time.Time{})
		for step := 0; step < 4; step++ {
			for k := 0; k < 40; k++ {
				s.moveChange()
			}
			s.st.journal = s.st.journal[:0]
			before := s.total()
			got := s.wideSweep(time.Time{})
			if after := s.total(); after > before || got != before-after {
				t.Fatalf("seed %d step %d: total %d → %d, sweep returned %d", seed, step, before, after, got)
			}
			if got > 0 {
				gained++
			}
			checkState(t, s.st, step)
		}
	}
	if gained == 0 {
		t.Fatal("no sweep gained anything: the test checks nothing")
	}
}
