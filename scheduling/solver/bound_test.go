package solver

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// The capacity bound on weekendProblem, where it is attained: the figures
// are worked out by hand from the instance.
func TestCapacityBound_Attained(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    func() *Problem
		want int64
	}{
		{
			// Two employees, one weekend each: 4 of the 18 weekend shifts
			// and 2 of the 3 shifts on each of the 15 weekdays can be
			// covered: (14 + 15) × 100.
			name: "weekend limit",
			p:    func() *Problem { return weekendProblem(1, 1) },
			want: 2900,
		},
		{
			// Two employees, one weekend each, and nobody wanted on
			// Sundays: an employee's weekend is one Saturday shift,
			// so 2 of the 9 Saturday shifts and 2 of the 3 shifts on
			// each of the 15 weekdays can be covered: (7 + 15) × 100.
			// Pooling the weekend days (each employee's two days of
			// its one weekend) would count 4 Saturday shifts covered:
			// 2 000.
			name: "weekend days together",
			p: func() *Problem {
				p := weekendProblem(1, 1)
				c := p.Coverage.(*DayCover)
				for _, d := range []int{6, 13, 20} {
					c.Req[d][0] = 0
				}
				return p
			},
			want: 2200,
		},
		{
			// No weekend limit but 10 shifts each: 20 of the 63 shifts:
			// 43 × 100 (the per-day limit alone gives 21 × 100).
			name: "total minutes",
			p: func() *Problem {
				p := weekendProblem(5, 5)
				for e := range p.Employees {
					p.Employees[e].MaxMinutes = 10 * 480
				}
				return p
			},
			want: 4300,
		},
		{
			// No weekend or minutes limit but at most 5 shifts of the one
			// type each: 10 of the 63 shifts: 53 × 100 (the per-day limit
			// alone gives 21 × 100).
			name: "shifts per type",
			p: func() *Problem {
				p := weekendProblem(5, 5)
				for e := range p.Employees {
					p.Employees[e].MaxShifts = []int{5}
				}
				return p
			},
			want: 5300,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.p()
			if got := capacityBound(compile(p)); got != tc.want {
				t.Fatalf("capacityBound = %d, want %d", got, tc.want)
			}
			// Reaching the bound ends the search long before the budget.
			const budget = 50_000_000
			res, err := Solve(context.Background(), p, Settings{Seed: 1, Threads: 2, MaxIterations: budget})
			if err != nil {
				t.Fatal(err)
			}
			if res.LowerBound != tc.want || res.Score.Soft != tc.want || res.Status != Optimal {
				t.Fatalf("Solve: score %d, bound %d, status %v; want both %d, optimal", res.Score.Soft, res.LowerBound, res.Status, tc.want)
			}
			if res.Stats.Iterations >= budget {
				t.Errorf("%d iterations: the search went on after reaching the bound", res.Stats.Iterations)
			}
		})
	}
}

// TestCapacityBound_BelowSolutions: on random instances the bound never
// exceeds the score of a roster the search finds without hard violations.
// Many random instances have none (their random rules clash), so the test
// insists that enough of them do for the comparison to mean something.
func TestCapacityBound_BelowSolutions(t *testing.T) {
	const seeds = 16
	feasible := 0
	for seed := uint64(1); seed <= seeds; seed++ {
		p := randomProblem(seed, 21, 8, 3)
		p.Reference, p.DisruptionWeight = nil, 0
		res, err := Solve(context.Background(), p, Settings{Seed: seed, Threads: 1, MaxIterations: 100000})
		if err != nil && !errors.Is(err, ErrInfeasible) {
			t.Fatal(err)
		}
		if res.LowerBound == 0 {
			t.Errorf("seed %d: the bound is 0", seed)
		}
		if res.Score.Hard > 0 {
			continue
		}
		feasible++
		if res.LowerBound > res.Score.Soft {
			t.Fatalf("seed %d: lower bound %d above a feasible roster's score %d", seed, res.LowerBound, res.Score.Soft)
		}
	}
	if feasible < seeds/4 {
		t.Fatalf("only %d of %d rosters without hard violations: too few to test the bound against", feasible, seeds)
	}
}

// TestShortOf_ShiftsPerType: two employees on 21 days, three wanted each
// day, at most 5 shifts each: of the 42 shifts someone could take, 32
// stay uncovered (the 21 no one is there for are not counted: they are
// short on their own day whatever the roster). The search then weighs
// their under-cover shortNum/shortDen as much (shaped), where the weight
// is large enough to scale, and the problem itself keeps its weights;
// without the limit nothing is short and the search scores as the
// problem does.
func TestShortOf_ShiftsPerType(t *testing.T) {
	p := weekendProblem(5, 5)
	m := compile(p)
	if got := shortOf(m); len(got) != 1 || got[0] != 0 {
		t.Fatalf("no limit per type: short %v, want [0]", got)
	}
	if shaped(m) != m {
		t.Fatal("no limit per type: the search scores a model of its own")
	}
	for e := range p.Employees {
		p.Employees[e].MaxShifts = []int{5}
	}
	m = compile(p)
	if got := shortOf(m); len(got) != 1 || got[0] != 32 {
		t.Fatalf("at most 5 each: short %v, want [32]", got)
	}
	// Day 0's weight is too small to scale (9/10 of 5 rounds to 4, of 1
	// to nothing): it is kept.
	c := p.Coverage.(*DayCover)
	c.Under[0][0] = 5
	ms := shaped(compile(p))
	sc := ms.p.Coverage.(*DayCover)
	for d := range c.Under {
		want := c.Under[d][0] * shortNum / shortDen
		if d == 0 {
			want = 5
		}
		if sc.Under[d][0] != want || (d > 0 && c.Under[d][0] != 100) {
			t.Fatalf("day %d: under-cover weighs %d in the problem, %d in the search; want 100 and %d", d, c.Under[d][0], sc.Under[d][0], want)
		}
	}
}

// TestShortOf_Enumerated: on problems small enough to enumerate every
// roster, each roster that keeps the hard rules leaves at least shortOf's
// count of each shift type uncovered.
func TestShortOf_Enumerated(t *testing.T) {
	const D, E, S = 5, 2, 2
	withShort := 0
	for seed := uint64(1); seed <= 60; seed++ {
		p := randomProblem(seed, D, E, S)
		p.Rules = nil
		m := compile(p)
		short := shortOf(m)
		if !slices.ContainsFunc(short, func(n int) bool { return n > 0 }) {
			continue
		}
		withShort++
		c := p.Coverage.(*DayCover)
		rowsOf(E*D, S, func(x []int) {
			if m.evaluate(x).Hard > 0 {
				return
			}
			for s, n := range short {
				uncovered := 0
				for d := 0; d < D; d++ {
					worked := 0
					for e := 0; e < E; e++ {
						if x[e*D+d] == s {
							worked++
						}
					}
					uncovered += max(0, int(c.Req[d][s])-worked)
				}
				if uncovered < n {
					t.Fatalf("seed %d: a roster leaves %d of shift %d uncovered, shortOf says at least %d", seed, uncovered, s, n)
				}
			}
		})
	}
	t.Logf("%d problems with a shift type short", withShort)
	if withShort < 3 {
		t.Fatalf("%d problems with a shift type short: too few to test", withShort)
	}
}

// TestSolve_ShapedSearchReportsTrueScores: where a shift type is short,
// the threads search with its under-cover weighed less (shaped), but the
// best roster is kept and reported by its true score: no progress report
// falls below the capacity bound (5 300, worked out in
// TestCapacityBound_Attained), which the shaped score of the optimum (53
// shifts short at 90) would.
func TestSolve_ShapedSearchReportsTrueScores(t *testing.T) {
	p := weekendProblem(5, 5)
	for e := range p.Employees {
		p.Employees[e].MaxShifts = []int{5}
	}
	const want = 5300
	lowest := int64(-1)
	set := Settings{Seed: 1, Threads: 2, MaxIterations: 2_000_000, Progress: func(pr Progress) {
		if pr.BestHard == 0 && (lowest < 0 || pr.BestScore < lowest) {
			lowest = pr.BestScore
		}
	}}
	res, err := Solve(context.Background(), p, set)
	if err != nil {
		t.Fatal(err)
	}
	if lowest != want || res.Score.Soft != want || res.Status != Optimal {
		t.Fatalf("lowest progress report %d, result %d (%v); want both %d, optimal", lowest, res.Score.Soft, res.Status, want)
	}
}
