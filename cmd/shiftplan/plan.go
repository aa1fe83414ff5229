package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/roster"
	"github.com/shiftplan/shiftplan/scheduling/roster/scenario"
)

// runPlan runs a scenario file through forecast, staffing and rostering and
// writes the roster with its coverage and KPIs as JSON.
func runPlan(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("plan", "plan --scenario FILE.json --out ROSTER.json [--time-limit 60s] [--seed 1] [--threads 2] [--agents N]", io)
	path := fs.String("scenario", "", "scenario file (JSON, see docs/scenario.schema.json)")
	out := fs.String("out", "", "write the roster JSON here (- for stdout)")
	sf := addSearchFlags(fs, "time limit of the roster solve, from the model to the measured roster (0: 10s)")
	agents := fs.Int("agents", 0, "scale the scenario's agent groups and volumes to about this many agents (0 = as written)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := requireFlags(fs, "scenario", "out"); err != nil {
		return err
	}
	if err := sf.check(); err != nil {
		return err
	}
	sc, in, err := loadScenario(*path, *agents)
	if err != nil {
		return err
	}
	var f *outFile
	if *out != "-" {
		if f, err = createOut(*out); err != nil {
			return err
		}
		defer f.Discard()
	}
	res, solveErr := roster.Solve(ctx, *in, roster.Settings{TimeLimit: *sf.limit, Seed: *sf.seed, Threads: *sf.threads})
	if res == nil {
		return solveErr
	}
	o := scenario.NewOutput(sc.Name, in, res)
	b, err := json.MarshalIndent(o, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if f == nil {
		if _, err := io.out.Write(b); err != nil {
			return err
		}
	} else if _, err := f.Write(b); err != nil {
		return fmt.Errorf("writing %s: %w", *out, err)
	} else if err := f.Commit(); err != nil {
		return err
	}
	k := res.KPIs
	fmt.Fprintf(io.err, "%s: %d agents, %d shifts, %d hard violations, under-cover %.1f h (lower bound %.1f h), gap %.1f %%, cost %.2f, %.1f s\n",
		sc.Name, len(in.Agents), len(res.Shifts), k.HardViolations, k.UnderHours, k.UnderLowerBound, 100*k.Gap, k.Cost, res.Elapsed.Seconds())
	for _, u := range res.Unmet {
		fmt.Fprintf(io.err, "unmet: %s\n", u)
	}
	return solveErr
}

// loadScenario reads and builds a scenario file.
func loadScenario(path string, agents int) (*scenario.Scenario, *roster.Input, error) {
	if agents < 0 {
		return nil, nil, usagef("--agents: must not be negative, got %d", agents)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc, err := scenario.Decode(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	in, err := sc.Build(scenario.Options{Dir: filepath.Dir(path), Agents: agents})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return sc, in, nil
}

// runBenchRoster solves the large scenario and prints what the issue's
// targets are measured by.
func runBenchRoster(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("bench roster", "bench roster [--scenario docs/scenarios/large.json] [--agents N] [--time-limit 60s] [--seed 1] [--threads 2]", io)
	path := fs.String("scenario", filepath.Join("docs", "scenarios", "large.json"), "scenario file")
	agents := fs.Int("agents", 0, "scale to about this many agents (0 = as written: 500)")
	sf := addSearchFlags(fs, "time limit of the roster solve, from the model to the measured roster (0: 10s)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := sf.check(); err != nil {
		return err
	}
	t0 := time.Now()
	sc, in, err := loadScenario(*path, *agents)
	if err != nil {
		return err
	}
	prep := time.Since(t0)
	res, err := roster.Solve(ctx, *in, roster.Settings{TimeLimit: *sf.limit, Seed: *sf.seed, Threads: *sf.threads})
	if res == nil {
		return err
	}
	if err != nil && !errors.Is(err, scheduling.ErrInfeasible) {
		return err
	}
	k := res.KPIs
	w := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
	name := sc.Name
	if *agents > 0 {
		name += fmt.Sprintf(" (scaled to %d agents)", len(in.Agents))
	}
	fmt.Fprintf(w, "scenario\t%s\n", name)
	fmt.Fprintf(w, "agents × days\t%d × %d, %v intervals, %d queues\n", len(in.Agents), in.Days, in.Interval, len(in.Queues))
	fmt.Fprintf(w, "forecast + staffing\t%.1f s\n", prep.Seconds())
	limit := *sf.limit
	if limit == 0 {
		limit = 10 * time.Second
	}
	fmt.Fprintf(w, "solve time\t%.1f s of a %v time limit (%d iterations)\n", res.Elapsed.Seconds(), limit, res.Iterations)
	fmt.Fprintf(w, "hard violations\t%d\n", k.HardViolations)
	fmt.Fprintf(w, "required agent-hours\t%.1f\n", k.RequiredHours)
	fmt.Fprintf(w, "scheduled agent-hours\t%.1f (on the phones), %.1f paid\n", k.ScheduledHours, k.PaidHours)
	fmt.Fprintf(w, "under-cover agent-hours\t%.1f (lower bound %.1f)\n", k.UnderHours, k.UnderLowerBound)
	fmt.Fprintf(w, "over-cover agent-hours\t%.1f\n", k.OverHours)
	fmt.Fprintf(w, "gap to lower bound\t%.2f %% (scheduled vs %.1f h needed)\n", 100*k.Gap, k.HoursLowerBound)
	fmt.Fprintf(w, "cost\t%.2f (premiums %.2f)\n", k.Cost, k.PremiumCost)
	fmt.Fprintf(w, "fairness spread\tnights %.2f, weekend days %.2f, holiday hours %.2f (per 40 h contract)\n", k.NightSpread, k.WeekendSpread, k.HolidaySpread)
	if k.ServiceLevel >= 0 {
		fmt.Fprintf(w, "expected service level\t%.1f %%\n", 100*k.ServiceLevel)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for i, v := range res.Violations {
		if i == 10 {
			fmt.Fprintf(io.out, "… and %d more violations\n", len(res.Violations)-i)
			break
		}
		fmt.Fprintf(io.out, "violation: %s %s\n", v.AgentID, v)
	}
	return nil
}
