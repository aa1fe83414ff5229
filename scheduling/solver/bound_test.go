package solver

import (
	"context"
	"errors"
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
