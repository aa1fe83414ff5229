package solver

import (
	"context"
	"reflect"
	"testing"
)

// TestSolve_BoundStartDeterministic: without a time limit Solve waits for
// the Lagrangian bound at the end of the first cycle, so the thread that
// restarts from the bound's rows does so at the same point every run and
// a seed still gives one result.
func TestSolve_BoundStartDeterministic(t *testing.T) {
	p := randomProblem(3, 14, 5, 2)
	p.Rules = nil // the bound does not price RowRules
	set := Settings{Seed: 1, Threads: 2, MaxIterations: 2_000_000}
	var first *Result
	for run := 0; run < 2; run++ {
		res, err := Solve(context.Background(), p, set)
		if err != nil && res == nil {
			t.Fatal(err)
		}
		if !res.Stats.BoundStart || res.Stats.Cycles < 2 {
			t.Fatalf("run %d: bound start %v after %d cycles; want a restart from the bound's rows and a later cycle", run, res.Stats.BoundStart, res.Stats.Cycles)
		}
		if first == nil {
			first = res
			continue
		}
		if !reflect.DeepEqual(res.Roster, first.Roster) || res.Score.Soft != first.Score.Soft || res.Score.Hard != first.Score.Hard {
			t.Fatalf("two runs with one seed differ: %v/%v, %v/%v", first.Score.Hard, first.Score.Soft, res.Score.Hard, res.Score.Soft)
		}
	}
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
// rosters, a thread starts again from a new construction; the best roster
// never gets worse for it (the other thread keeps the best), and a seed
// still gives one result.
func TestSolve_FreshStartDeterministic(t *testing.T) {
	p := randomProblem(7, 7, 4, 2) // feasible (many random ones are not); with RowRules, so no bound start
	set := Settings{Seed: 1, Threads: 2, MaxIterations: 6_000_000}
	var first *Result
	for run := 0; run < 2; run++ {
		res, err := Solve(context.Background(), p, set)
		if err != nil && res == nil {
			t.Fatal(err)
		}
		if res.Stats.FreshStarts == 0 {
			t.Fatalf("run %d: no fresh start in %d cycles (score %d/%d, bound %d)", run, res.Stats.Cycles, res.Score.Hard, res.Score.Soft, res.LowerBound)
		}
		if first == nil {
			first = res
			continue
		}
		if !reflect.DeepEqual(res.Roster, first.Roster) || res.Score.Soft != first.Score.Soft || res.Stats.FreshStarts != first.Stats.FreshStarts {
			t.Fatalf("two runs with one seed differ: %v/%v, %v/%v", first.Score.Hard, first.Score.Soft, res.Score.Hard, res.Score.Soft)
		}
	}
	// Against the same search cut before the first fresh start: never worse.
	cut := set
	cut.MaxIterations = 1_000_000
	res, err := Solve(context.Background(), p, cut)
	if err != nil && res == nil {
		t.Fatal(err)
	}
	if lexLess(res.Score.Hard, res.Score.Soft, first.Score.Hard, first.Score.Soft) {
		t.Fatalf("longer search with fresh starts ends at %d/%d, shorter at %d/%d", first.Score.Hard, first.Score.Soft, res.Score.Hard, res.Score.Soft)
	}
}
