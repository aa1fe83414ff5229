package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/solver"
	"github.com/shiftplan/shiftplan/scheduling/solver/curtois"
)

// solveOutput is the one JSON line `shiftplan solve` prints.
type solveOutput struct {
	Objective      int     `json:"objective"`
	HardViolations int     `json:"hard_violations"`
	LowerBound     int64   `json:"lower_bound"`
	Seconds        float64 `json:"seconds"`
}

func runSolve(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("solve", "solve --curtois FILE [--time-limit 60s] [--seed 1] [--threads 2] [--progress] --out solution.csv", io)
	file := fs.String("curtois", "", "Curtois & Qu instance file (text format)")
	sf := addSearchFlags(fs, "wall-clock time limit of the search (0: none with --iterations, else 10s)")
	iters := fs.Int64("iterations", 0, "iterations per thread (0: time limit only); with --time-limit 0 the run is reproducible")
	out := fs.String("out", "", "solution CSV to write (employee,day,shift)")
	progress := fs.Bool("progress", false, "write a JSON line to stderr whenever the best objective or the lower bound changes")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := requireFlags(fs, "curtois", "out"); err != nil {
		return err
	}
	if err := sf.check(); err != nil {
		return err
	}
	if *iters < 0 {
		return usagef("--iterations: must not be negative, got %d", *iters)
	}
	set := solver.Settings{TimeLimit: *sf.limit, Seed: *sf.seed, Threads: *sf.threads, MaxIterations: *iters}
	if *progress {
		set.Progress = progressLines(io.err)
	}
	f, err := createOut(*out)
	if err != nil {
		return err
	}
	defer f.Discard()
	inst, p, err := readCurtois(*file)
	if err != nil {
		return err
	}
	res, secs, err := solveCurtois(ctx, p, set)
	if err != nil {
		return err
	}
	if err := inst.WriteSolution(f, res.Roster); err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	rep := inst.Check(solutionOf(inst, res.Roster))
	line, _ := json.Marshal(solveOutput{Objective: rep.Objective, HardViolations: len(rep.Violations),
		LowerBound: res.LowerBound, Seconds: roundTo(secs, 3)})
	fmt.Fprintln(io.out, string(line))
	return nil
}

// progressOutput is a line `shiftplan solve --progress` writes to stderr.
// Objective is the solver's soft score, the benchmark's objective;
// HardUnits are the solver's hard-violation units (an excess of minutes
// counts each minute), not the checker's count of violations.
type progressOutput struct {
	Objective  int64   `json:"objective"`
	HardUnits  int64   `json:"hard_units"`
	LowerBound int64   `json:"lower_bound"`
	Seconds    float64 `json:"seconds"`
}

// sameState reports whether o and p hold the same objective, hard units
// and lower bound, whatever their times.
func (o progressOutput) sameState(p progressOutput) bool {
	o.Seconds = p.Seconds
	return o == p
}

// progressLines writes a progressOutput line to w for each progress
// report whose state differs from the last one written.
func progressLines(w io.Writer) func(solver.Progress) {
	var last *progressOutput
	return func(pr solver.Progress) {
		o := progressOutput{Objective: pr.BestScore, HardUnits: pr.BestHard, LowerBound: pr.LowerBound, Seconds: roundTo(pr.Elapsed.Seconds(), 3)}
		if last != nil && o.sameState(*last) {
			return
		}
		last = &o
		line, _ := json.Marshal(o)
		fmt.Fprintln(w, string(line))
	}
}

// readCurtois reads one instance file and its solver.Problem; errors name
// the file.
func readCurtois(file string) (*curtois.Instance, *solver.Problem, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	inst, err := curtois.Parse(f)
	f.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	p, err := inst.Problem()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	return inst, p, nil
}

// solveCurtois solves one instance and returns the result with the
// seconds taken; an infeasible result is returned without error (the
// caller reports its violations).
func solveCurtois(ctx context.Context, p *solver.Problem, set solver.Settings) (*solver.Result, float64, error) {
	start := time.Now()
	res, err := solver.Solve(ctx, p, set)
	secs := time.Since(start).Seconds()
	if err != nil && !errors.Is(err, solver.ErrInfeasible) {
		return nil, 0, err
	}
	return res, secs, nil
}

// solutionOf turns a roster into the checker's form.
func solutionOf(inst *curtois.Instance, roster [][]int) curtois.Solution {
	sol := curtois.Solution{}
	for e, row := range roster {
		for d, s := range row {
			if s >= 0 {
				if sol[inst.Staff[e].ID] == nil {
					sol[inst.Staff[e].ID] = map[int]string{}
				}
				sol[inst.Staff[e].ID][d] = inst.Shifts[s].ID
			}
		}
	}
	return sol
}

func roundTo(x float64, digits int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', digits, 64), 64)
	return v
}

func runBenchCurtois(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("bench curtois", "bench curtois [--instances 1-24] [--time-limit 60s] [--dir DIR]", io)
	which := fs.String("instances", "1-24", "instances to run: list and ranges, e.g. 1-9,12")
	sf := addSearchFlags(fs, "time limit per instance (0: 10s)")
	dir := fs.String("dir", "", "directory of Instance*.txt (default: shared/benchmarks/curtois above the working directory)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := sf.check(); err != nil {
		return err
	}
	ids, err := parseRanges(*which, len(curtois.BestKnown))
	if err != nil {
		return usagef("--instances: %v", err)
	}
	if *dir == "" {
		if *dir, err = findShared("--dir", "benchmarks", "curtois"); err != nil {
			return err
		}
	}
	// Every instance is read before the first is solved: a missing or bad
	// file ends the run at once, not after the instances before it.
	insts := make([]*curtois.Instance, len(ids))
	probs := make([]*solver.Problem, len(ids))
	for i, id := range ids {
		if insts[i], probs[i], err = readCurtois(filepath.Join(*dir, fmt.Sprintf("Instance%d.txt", id))); err != nil {
			return err
		}
	}
	// Fixed-width columns, so each row can be printed as soon as it is solved.
	const row = "%10s %10s %11s %6s %8s %16s\n"
	fmt.Fprintf(io.out, row, "instance", "objective", "best known", "ratio", "seconds", "hard violations")
	var sumA, sumB float64
	var idsA, idsB []int
	for i, id := range ids {
		inst := insts[i]
		res, secs, err := solveCurtois(ctx, probs[i], solver.Settings{TimeLimit: *sf.limit, Seed: *sf.seed, Threads: *sf.threads})
		if err != nil {
			return err
		}
		rep := inst.Check(solutionOf(inst, res.Roster))
		best := curtois.BestKnown[id-1]
		ratio := float64(rep.Objective) / float64(best)
		if id <= 19 {
			sumA, idsA = sumA+ratio, append(idsA, id)
		} else {
			sumB, idsB = sumB+ratio, append(idsB, id)
		}
		fmt.Fprintf(io.out, row, strconv.Itoa(id), strconv.Itoa(rep.Objective), strconv.Itoa(best),
			fmt.Sprintf("%.3f", ratio), fmt.Sprintf("%.1f", secs), strconv.Itoa(len(rep.Violations)))
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted during instance %d (its row is the best found by then)", id)
		}
	}
	// The means of 1–19 and of 20–24 (the targets' groups), each labelled
	// with the instances it is over.
	if len(idsA) > 0 {
		fmt.Fprintf(io.out, row, "mean "+formatRanges(idsA), "", "", fmt.Sprintf("%.3f", sumA/float64(len(idsA))), "", "")
	}
	if len(idsB) > 0 {
		fmt.Fprintf(io.out, row, "mean "+formatRanges(idsB), "", "", fmt.Sprintf("%.3f", sumB/float64(len(idsB))), "", "")
	}
	return nil
}

// formatRanges writes ascending instance numbers as parseRanges reads
// them: 1, 2, 3, 7 as "1-3,7".
func formatRanges(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(ids[i]))
		} else {
			parts = append(parts, strconv.Itoa(ids[i])+"-"+strconv.Itoa(ids[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// parseRanges reads "1-9,12" into instance numbers within 1..max.
func parseRanges(s string, max int) ([]int, error) {
	var ids []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number or range", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil {
				return nil, fmt.Errorf("%q is not a number or range", part)
			}
		}
		if a > b {
			return nil, fmt.Errorf("%q runs backwards; write %d-%d", part, b, a)
		}
		if a < 1 || b > max {
			return nil, fmt.Errorf("%q outside 1-%d", part, max)
		}
		for i := a; i <= b; i++ {
			if !slices.Contains(ids, i) {
				ids = append(ids, i)
			}
		}
	}
	return ids, nil
}
