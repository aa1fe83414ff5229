package solver

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSolve_BoundStartDeterministic: without a time limit Solve waits for
// the Lagrangian bound at the end of the first cycle, so the thread that
// restarts from the bound's rows does so at the same point every run and
// a seed still gives one result.
func TestSolve_BoundStartDeterministic(t *testing.T) {
	p := randomProblem(3, 14, 5, 2)
	p.Rules = nil // the bound does not price RowRules
	res := solveTwice(t, p, Settings{Seed: 1, Threads: 2, MaxIterations: 2_000_000})
	if !res.Stats.BoundStart || res.Stats.Cycles < 2 {
		t.Fatalf("bound start %v after %d cycles; want a restart from the bound's rows and a later cycle", res.Stats.BoundStart, res.Stats.Cycles)
	}
}

// solveTwice solves p twice with set and fails unless both runs give the
// same roster, score and statistics of restarts; it returns the first.
func solveTwice(t *testing.T, p *Problem, set Settings) *Result {
	t.Helper()
	var first *Result
	for run := 0; run < 2; run++ {
		res, err := Solve(context.Background(), p, set)
		if err != nil && res == nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			continue
		}
		if !reflect.DeepEqual(res.Roster, first.Roster) || res.Score.Soft != first.Score.Soft || res.Score.Hard != first.Score.Hard ||
			res.Stats.BoundStart != first.Stats.BoundStart || res.Stats.FreshStarts != first.Stats.FreshStarts || res.Stats.Reheats != first.Stats.Reheats {
			t.Fatalf("two runs with one seed differ: %v/%v, %v/%v (bound start %v/%v, fresh starts %d/%d, reheats %d/%d)", first.Score.Hard, first.Score.Soft, res.Score.Hard, res.Score.Soft,
				first.Stats.BoundStart, res.Stats.BoundStart, first.Stats.FreshStarts, res.Stats.FreshStarts, first.Stats.Reheats, res.Stats.Reheats)
		}
	}
	return first
}

// TestSolve_NoBoundStartAfterTheSearch: when the iteration budget ends
// inside the first cycle, the bound is only taken after the search, and
// no thread restarts from its rows.
func TestSolve_NoBoundStartAfterTheSearch(t *testing.T) {
	p := randomProblem(3, 14, 5, 2)
	p.Rules = nil
	// The first cycle lasts cycleFirstF iterations per free cell, 14·5
	// cells at most: 100 000 ends inside it.
	res, err := Solve(context.Background(), p, Settings{Seed: 1, Threads: 2, MaxIterations: 100_000})
	if err != nil && res == nil {
		t.Fatal(err)
	}
	if res.Stats.Cycles != 1 || res.Stats.BoundStart {
		t.Fatalf("%d cycles, bound start %v; want 1 cycle and no restart", res.Stats.Cycles, res.Stats.BoundStart)
	}
	if res.LowerBound <= 0 {
		t.Fatalf("lower bound %d: the bound was not taken", res.LowerBound)
	}
}

// TestSolve_FreshStartDeterministic: once cycles stop finding better
// rosters, a thread starts again from a new construction, and where too
// few cycles are left for that, from the best roster at a higher
// temperature (stallT); a seed still gives one result, and the best
// roster never gets worse for either (the other thread keeps the best):
// the search cut after its first two cycles, before any fresh start or
// reheat can come, ends no better.
func TestSolve_FreshStartDeterministic(t *testing.T) {
	p := randomProblem(7, 7, 4, 2) // feasible (many random ones are not); with RowRules, so no bound start
	set := Settings{Seed: 1, Threads: 2, MaxIterations: 6_000_000}
	res := solveTwice(t, p, set)
	if res.Stats.FreshStarts == 0 || res.Stats.Reheats == 0 {
		t.Fatalf("%d fresh starts and %d reheats in %d cycles, want both (score %d/%d, bound %d)", res.Stats.FreshStarts, res.Stats.Reheats, res.Stats.Cycles, res.Score.Hard, res.Score.Soft, res.LowerBound)
	}
	// The first two cycles' iterations (Solve's schedule): the same
	// search up to there.
	free := 0
	for _, f := range compile(p).fixed {
		if !f {
			free++
		}
	}
	cut := set
	cut.MaxIterations = int64(cycleFirstF+cycleF) * int64(free+1)
	short, err := Solve(context.Background(), p, cut)
	if err != nil && short == nil {
		t.Fatal(err)
	}
	if short.Stats.Cycles != 2 || short.Stats.FreshStarts != 0 || short.Stats.Reheats != 0 {
		t.Fatalf("cut search: %d cycles, %d fresh starts, %d reheats; want 2 and none", short.Stats.Cycles, short.Stats.FreshStarts, short.Stats.Reheats)
	}
	if lexLess(short.Score.Hard, short.Score.Soft, res.Score.Hard, res.Score.Soft) {
		t.Fatalf("longer search with fresh starts and reheats ends at %d/%d, the first two cycles at %d/%d", res.Score.Hard, res.Score.Soft, short.Score.Hard, short.Score.Soft)
	}
}

// TestBuild_StopsAtItsDeadline: with its hard deadline already past, the
// greedy construction stops after its first 1 024 cells and the row sweeps
// do not start, so at most 1 023 of the 3 360 cells (28 days, 120
// employees) leave their starting values; with only the soft one past, or
// none, the first sweep is whole and changes more.
func TestBuild_StopsAtItsDeadline(t *testing.T) {
	changed := func(until, hard time.Time) int {
		s := newSearcher(compile(randomProblem(3, 28, 120, 4)), nil, 1, 1000)
		s.build(until, hard)
		return changedCells(s.m, s.best)
	}
	gone := time.Now().Add(-time.Second)
	hard, soft, none := changed(gone, gone), changed(gone, time.Time{}), changed(time.Time{}, time.Time{})
	if hard > 1023 || soft <= 1023 || none <= 1023 {
		t.Errorf("cells changed: %d past the hard deadline, %d past the soft one, %d with none; want at most 1 023, then more", hard, soft, none)
	}
}

// changedCells counts the cells of roster x (row after row) that differ
// from m's starting values.
func changedCells(m *model, x []int) int {
	n := 0
	for i, v := range newState(m, nil).x {
		if x[i] != v {
			n++
		}
	}
	return n
}

// TestSolve_CancelledStopsTheConstruction: Solve's context cancelled
// before it starts stops the construction as its deadline does: the
// roster returned differs from the starting values in at most 1 023 of
// its 3 360 cells, and no iteration of the search runs.
func TestSolve_CancelledStopsTheConstruction(t *testing.T) {
	p := randomProblem(3, 28, 120, 4)
	p.Rules = nil
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Solve(ctx, p, Settings{MaxIterations: 1 << 40, Threads: 2, Seed: 1})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	n := changedCells(compile(p), slices.Concat(res.Roster...))
	if n > 1023 || res.Stats.Iterations != 0 {
		t.Errorf("cancelled: %d cells changed and %d iterations; want at most 1 023 and none", n, res.Stats.Iterations)
	}
}

// TestValidate_RefusesTooLarge: 1 000 employees over 3 660 days with 28
// shift types are 1 000 × 3 660 × 29 = 106 140 000 cells, past MaxCells, and
// Solve refuses them before compiling; 940 employees (99 760 400) pass
// validation.
func TestValidate_RefusesTooLarge(t *testing.T) {
	p := &Problem{Days: 3660, Shifts: make([]Shift, 28), Employees: make([]Employee, 1000)}
	for i := range p.Shifts {
		p.Shifts[i] = Shift{ID: string(rune('A' + i%26)), Minutes: 480}
	}
	_, err := Solve(context.Background(), p, Settings{MaxIterations: 1})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "1000 Employees × 3660 Days × 29 values") {
		t.Fatalf("1 000 employees: %v, want ErrInvalid naming employees, days and values", err)
	}
	p.Employees = p.Employees[:940]
	if err := p.Validate(); err != nil {
		t.Errorf("940 employees: %v, want none", err)
	}
}
