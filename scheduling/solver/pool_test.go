package solver

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestRowHardOf_MatchesState: a row's hard units on their own equal the
// state's count for that row, on the rows of random rosters (the pool
// keeps only rows with none). Both price the rules by rowHardCounted, so
// this checks rowHardOf's totals (shifts per type, minutes, weekends)
// against the counters the state keeps cell by cell; counting a weekend
// once per worked day, or no minutes, makes it fail.
func TestRowHardOf_MatchesState(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		p := randomProblem(seed, 21, 7, 3)
		p.Rules = nil
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		m := compile(p)
		s := newSearcher(m, nil, seed, 1000)
		cnt := make([]int, m.S)
		broken := 0
		for step := 0; step < 400; step++ {
			s.moveSetBlock()
			s.st.journal = s.st.journal[:0]
			e := s.rng.IntN(m.E)
			got := m.rowHardOf(e, s.st.x[e*m.D:(e+1)*m.D], cnt)
			if want := s.st.rowHard(e); got != want {
				t.Fatalf("seed %d step %d: rowHardOf(%d) = %d, state counts %d", seed, step, e, got, want)
			}
			if got > 0 {
				broken++
			}
		}
		if broken == 0 || broken == 400 {
			t.Fatalf("seed %d: %d of 400 rows broken; the test needs both kinds", seed, broken)
		}
	}
}

// TestRowHardOf_CellsItMayNotTake: a row breaks a rule on its own when a
// cell holds a value the cell may not take: a shift on a fixed day off,
// and also Off on a day pinned to a shift (the pool must not take such a
// row, or a recombined roster would drop the pinned shift).
func TestRowHardOf_CellsItMayNotTake(t *testing.T) {
	p := &Problem{Days: 3, Shifts: []Shift{{ID: "D", Minutes: 480}},
		Employees: []Employee{{ID: "A", MaxMinutes: NoLimit, MaxConsecutive: NoLimit, MaxWeekends: NoLimit, DaysOff: []int{2}}},
		Pinned:    []Pin{{Employee: 0, Day: 0, Shift: 0}},
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	m := compile(p)
	cnt := make([]int, m.S)
	for _, c := range []struct {
		row  []int
		hard bool
	}{
		{[]int{0, Off, Off}, false},
		{[]int{0, 0, Off}, false},
		{[]int{Off, Off, Off}, true}, // the pinned shift dropped
		{[]int{Off, 0, Off}, true},
		{[]int{0, Off, 0}, true}, // a shift on the day off
	} {
		if got := m.rowHardOf(0, c.row, cnt) > 0; got != c.hard {
			t.Errorf("row %v: broken %v, want %v", c.row, got, c.hard)
		}
	}
	pool := newColPool(m)
	if pool.add(0, []int{Off, 0, Off}) >= 0 {
		t.Error("the pool took a row without the pinned shift")
	}
}

// TestColPool_RecombinesRows: two employees, two days, one shift wanted
// on each; A would rather be off on day 0 and B on day 1 (10 each). The
// roster has A on day 0 and B on day 1 (score 20). The pool holds, for
// each, the other row too; no single row change pays (A alone to day 1
// leaves day 0 short: +100 +1 −10), but the two together cover both days
// with no request lost (score 0).
func TestColPool_RecombinesRows(t *testing.T) {
	p := &Problem{Days: 2, Shifts: []Shift{{ID: "D", Minutes: 480}},
		Employees: []Employee{
			{ID: "A", MaxMinutes: 480, MaxConsecutive: NoLimit},
			{ID: "B", MaxMinutes: 480, MaxConsecutive: NoLimit},
		},
		Requests: []Request{{Employee: 0, Day: 0, Shift: 0, Weight: 10}, {Employee: 1, Day: 1, Shift: 0, Weight: 10}},
	}
	p.Coverage = oneShiftCover(2, 1)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	m := compile(p)
	x := []int{0, Off, Off, 0}
	if sc := m.evaluate(x); sc.Hard != 0 || sc.Soft != 20 {
		t.Fatalf("start: %+v, want hard 0 and soft 20", sc)
	}
	pool := newColPool(m)
	if pool.add(0, []int{0, 0}) >= 0 {
		t.Fatal("a row over A's maximum minutes went into the pool")
	}
	pool.add(0, []int{Off, 0})
	pool.add(1, []int{0, Off})
	pool.addRoster(x)
	if pool.size(0) != 2 || pool.size(1) != 2 {
		t.Fatalf("pool sizes %d, %d, want 2 and 2", pool.size(0), pool.size(1))
	}
	y, soft := pool.search(x, 20000, rand.New(newSplitMix(1)), 20, 0.5, time.Time{})
	if want := []int{Off, 0, 0, Off}; !slices.Equal(y, want) || soft != 0 {
		t.Fatalf("search: %v with %d, want %v with 0", y, soft, want)
	}
	if sc := m.evaluate(y); sc.Hard != 0 || sc.Soft != soft {
		t.Fatalf("the search's score %d, evaluated %+v", soft, sc)
	}
	// From the best roster there is nothing better to find.
	if y, _ := pool.search([]int{Off, 0, 0, Off}, 20000, rand.New(newSplitMix(1)), 20, 0.5, time.Time{}); y != nil {
		t.Fatalf("search from the optimum returned %v", y)
	}
}
