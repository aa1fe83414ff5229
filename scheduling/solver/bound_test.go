package solver

import (
	"context"
	"errors"
	"math/rand/v2"
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
		{
			// No weekend or minutes limit but runs of at most 5 shifts
			// and rests of at least 2 days: in each week an employee
			// works at most 5 days, so 30 of the 63 shifts: 33 × 100
			// (the per-day limit alone gives 21 × 100). Working Monday
			// to Friday attains it.
			name: "stretch rules",
			p: func() *Problem {
				p := weekendProblem(3, 3)
				for e := range p.Employees {
					p.Employees[e].MaxConsecutive = 5
					p.Employees[e].MinConsecutiveOff = 2
				}
				return p
			},
			want: 3300,
		},
		{
			// One wanted a day, each employee working at least 15 days:
			// 30 shifts for 21 wanted, so 9 over at 1 each (the per-day
			// limits alone give 0). Two rows of 15 days that together
			// cover every day attain it.
			name: "minimum minutes",
			p: func() *Problem {
				p := weekendProblem(3, 3)
				p.Coverage = oneShiftCover(21, 1)
				for e := range p.Employees {
					p.Employees[e].MinMinutes = 15 * 480
				}
				return p
			},
			want: 9,
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

// TestCapacityBound_Enumerated: on problems small enough to enumerate
// every roster, the bound never exceeds the cover's cost of a roster that
// keeps the hard rules (the problems' requests and reference left out, so
// that the cover is all a roster's score holds). Among them are problems
// whose employees' minimum minutes force shifts the cover does not need,
// where that raises the bound.
func TestCapacityBound_Enumerated(t *testing.T) {
	const D, E, S = 5, 2, 2
	checked, raised := 0, 0
	for seed := uint64(1); seed <= 40; seed++ {
		p := randomProblem(seed, D, E, S)
		p.Requests, p.Reference, p.DisruptionWeight, p.Rules = nil, nil, 0, nil
		m := compile(p)
		lb := capacityBound(m)
		least := int64(-1)
		rowsOf(E*D, S, func(x []int) {
			if sc := m.evaluate(x); sc.Hard == 0 && (least < 0 || sc.Soft < least) {
				least = sc.Soft
			}
		})
		if least < 0 {
			continue // no roster keeps the rules
		}
		checked++
		if lb > least {
			t.Fatalf("seed %d: capacity bound %d above the best roster's %d", seed, lb, least)
		}
		base := p.Coverage.NewTracker().Cost()
		plain := int64(0)
		for _, g := range capacityGains(m, false) {
			if g >= 0 {
				plain = max(plain, base-g)
			}
		}
		if lb > plain {
			raised++
		}
	}
	t.Logf("%d problems with a roster, %d where the minimum minutes raise the bound", checked, raised)
	if checked < 10 || raised < 3 {
		t.Fatalf("%d problems with a roster, %d raised: too few to test", checked, raised)
	}
}

// TestLeastWork: an employee with shifts of 480 and 600 minutes and a
// minimum of 1 000 works at least 1 000 minutes (two shifts, the longest
// 1 200, the shortest 960); with a minimum of 1 300 at least three shifts,
// so 1 440 minutes. The longest shift is 600, and the least an unneeded
// shift costs is the cover's over-cover weight, 1.
func TestLeastWork(t *testing.T) {
	for _, tc := range []struct{ min, want int }{{1000, 1000}, {1300, 1440}} {
		p := &Problem{Days: 7, Shifts: []Shift{{ID: "D", Minutes: 480}, {ID: "L", Minutes: 600}},
			Employees: []Employee{{ID: "A", MinMinutes: tc.min, MaxMinutes: 7 * 600, MaxConsecutive: NoLimit}}}
		c := &DayCover{}
		for d := 0; d < 7; d++ {
			c.Req, c.Under, c.Over = append(c.Req, []int64{1, 0}), append(c.Under, []int64{100, 100}), append(c.Over, []int64{1, 1})
		}
		p.Coverage = c
		need, longest, over := leastWork(compile(p))
		if need != int64(tc.want) || longest != 600 || over != 1 {
			t.Errorf("minimum %d: leastWork = %d, %d, %d; want %d, 600, 1", tc.min, need, longest, over, tc.want)
		}
	}
}

// TestShortOf_ShiftsPerType: two employees on 21 days, three wanted each
// day, at most 5 shifts each: of the 42 shifts someone could take, 32
// stay uncovered (the 21 no one is there for are not counted: they are
// short on their own day whatever the roster). The search then weighs
// their under-cover shortCover·shortNum/shortDen as much (shaped), or
// shortCover as much where the weight is too small to shorten, and the
// problem itself keeps its weights; without the limit nothing is short
// and the search scores as the problem does.
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
	// Day 0's weight is too small to shorten (9/10 of 5 rounds to 4, of 1
	// to nothing): it is only multiplied.
	c := p.Coverage.(*DayCover)
	c.Under[0][0] = 5
	ms := shaped(compile(p))
	sc := ms.p.Coverage.(*DayCover)
	for d := range c.Under {
		want := c.Under[d][0] * shortCover * shortNum / shortDen // 270
		if d == 0 {
			want = 5 * shortCover
		}
		if sc.Under[d][0] != want || (d > 0 && c.Under[d][0] != 100) {
			t.Fatalf("day %d: under-cover weighs %d in the problem, %d in the search; want 100 and %d", d, c.Under[d][0], sc.Under[d][0], want)
		}
	}
}

// TestShaped_EveryTypeWeighedMore: with a second shift type that is not
// short (one wanted a day, and either employee may work all 21), the
// search weighs that type's under-cover shortCover times (300), not only
// the short one's (shortCover·9/10: 270): Instance15's day shifts, left
// short beside its nights, are the ones this is for.
func TestShaped_EveryTypeWeighedMore(t *testing.T) {
	p := weekendProblem(5, 5)
	p.Shifts = append(p.Shifts, Shift{ID: "N", Minutes: 480})
	for e := range p.Employees {
		p.Employees[e].MaxShifts = []int{5, 21}
	}
	c := p.Coverage.(*DayCover)
	for d := range c.Req {
		c.Req[d] = append(c.Req[d], 1)
		c.Under[d] = append(c.Under[d], 100)
		c.Over[d] = append(c.Over[d], 1)
	}
	m := compile(p)
	if got := shortOf(m); len(got) != 2 || got[0] == 0 || got[1] != 0 {
		t.Fatalf("short %v, want D short and N not", got)
	}
	sc := shaped(m).p.Coverage.(*DayCover)
	for d := range c.Under {
		if sc.Under[d][0] != 270 || sc.Under[d][1] != 300 {
			t.Fatalf("day %d: the search weighs D %d and N %d, want 270 and 300", d, sc.Under[d][0], sc.Under[d][1])
		}
		if c.Under[d][0] != 100 || c.Under[d][1] != 100 {
			t.Fatalf("day %d: the problem's weights changed to %v", d, c.Under[d])
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
// the threads search with its under-cover weighed otherwise (shaped), but
// the best roster is kept and reported by its true score: the lowest
// progress report and the result are the capacity bound (5 300, worked
// out in TestCapacityBound_Attained), where the shaped score of the
// optimum (53 shifts short at 270) is 14 310.
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

// TestWorkMax_Enumerated: on random rules and days off, workMax's count
// for every run of days is the most days of any work pattern there, found
// by trying every pattern: the days worked are days the employee may
// work, no run of work inside the days is longer than MaxConsecutive, and
// no rest that begins and ends inside them is shorter than
// MinConsecutiveOff (the first and last may reach outside).
func TestWorkMax_Enumerated(t *testing.T) {
	const D, L = 11, 8
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 200; trial++ {
		em := Employee{ID: "A", MaxConsecutive: rng.IntN(5) - 1, MinConsecutiveOff: rng.IntN(4)}
		for d := 0; d < D; d++ {
			if rng.IntN(4) == 0 {
				em.DaysOff = append(em.DaysOff, d)
			}
		}
		p := &Problem{Days: D, Shifts: []Shift{{ID: "D", Minutes: 480}}, Employees: []Employee{em}, Coverage: oneShiftCover(D, 1)}
		m := compile(p)
		limit := make([]int, D*L)
		workMax(m, 0, L, limit)
		for a := 0; a < D; a++ {
			for l := 1; l <= L && a+l <= D; l++ {
				want := 0
				for pat := 0; pat < 1<<l; pat++ {
					if n := patternWork(pat, l, a, em); n > want {
						want = n
					}
				}
				if got := limit[a*L+l-1]; got != want {
					t.Fatalf("trial %d (%+v): days %d…%d: workMax %d, enumerated %d", trial, em, a, a+l-1, got, want)
				}
			}
		}
	}
}

// patternWork is the days pattern (bit i: day a+i worked) works in days
// a … a+l−1 under em's rules as TestWorkMax_Enumerated states them, or −1
// when it breaks one.
func patternWork(pat, l, a int, em Employee) int {
	worked := func(i int) bool { return pat>>i&1 == 1 }
	n := 0
	for i := 0; i < l; i++ {
		if worked(i) {
			if slices.Contains(em.DaysOff, a+i) {
				return -1
			}
			n++
		}
	}
	for i := 0; i < l; {
		j := i
		for j < l && worked(j) == worked(i) {
			j++
		}
		run := j - i
		if worked(i) && em.MaxConsecutive >= 0 && run > em.MaxConsecutive {
			return -1
		}
		if !worked(i) && i > 0 && j < l && run < em.MinConsecutiveOff {
			return -1
		}
		i = j
	}
	return n
}
