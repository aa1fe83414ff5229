package roster

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// hardWeight is the objective weight of one hard-violation unit during the
// search: a hundred weighted agent-hours of under-cover at the default
// weights, so the search never trades a rule for coverage.
const hardWeight = 6000

// polishShare and trimShare are the shares of Settings.TimeLimit kept for
// polish and for trim after it.
const (
	polishShare = 0.06
	trimShare   = 0.06
)

// finishFactor is the time kept at the end of the time limit for placing
// breaks, the final check and the KPIs, as a multiple of the time the
// model took to build: both grow with agents × days × shift starts, so
// the ratio holds on fast and slow machines alike. At 2 000 agents the
// model takes 0.6 s and the finish 0.7–1.0 s (breaks 0.3, check 0.1–0.2,
// KPIs 0.3–0.5, with other work on the cores; the hours bound's LPs, a
// second more, run before the search); the factor keeps a margin.
const finishFactor = 2.5

// defaultTimeLimit is Settings.TimeLimit when neither it nor
// MaxIterations is set.
const defaultTimeLimit = 10 * time.Second

// minSearchShare is the least share of Settings.TimeLimit the search gets
// however long the model took: without a search there is no roster.
const minSearchShare = 0.1

// maxCells is the most agent × day × shift-start cells one roster may
// have. A solve keeps about 40 bytes per cell (measured: 750 MB at 5 000
// agents, 28 days and 132 starts a day, 18.5 million cells), so the limit
// keeps a roster near 1.2 GB; 50 000 agents (185 million cells) ran the
// process out of memory before the search began.
const maxCells = 30_000_000

// checkSize refuses a roster past maxCells, naming what makes it large.
func (m *model) checkSize() error {
	cells := len(m.agents) * m.D * m.S
	if cells <= maxCells {
		return nil
	}
	var v scheduling.ValidationError
	v.Add("agents", "%d agents × %d days × %d shift starts a day are %d cells, at most %d in one roster: roster fewer agents at once (by site or team), fewer days, or start shifts on a coarser step",
		len(m.agents), m.D, m.S, cells, maxCells)
	return v.Err()
}

// Solve builds a roster for in: it compiles the templates into concrete
// shift types (one per start time of each template's window, per day, with
// real instants in the site's zone), hands them to the generic local-search
// solver (scheduling/solver) with the coverage, cost and labour rules of a
// contact centre plugged in, then places breaks along the coverage curve,
// assigns queues and measures the result.
//
// The returned Result is never nil when the error is nil or wraps
// scheduling.ErrInfeasible; then Violations lists every hard rule the best
// roster found still breaks (checked afresh by Check). Invalid input
// returns a *scheduling.ValidationError. Cancelling ctx stops the search
// and returns the best roster so far.
func Solve(ctx context.Context, in Input, set Settings) (*Result, error) {
	t0 := time.Now()
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := in.templatesWork(); err != nil {
		return nil, err
	}
	m, err := buildModel(&in)
	if err != nil {
		return nil, err
	}
	if err := m.checkSize(); err != nil {
		return nil, err
	}
	p, err := m.problem()
	if err != nil {
		return nil, err
	}
	for _, r := range p.Rules {
		r.(*agentRules).prepare()
	}
	// The time limit counts from Solve's start. Its end keeps the finish
	// (finishFactor times the model's build); before that, the search
	// gets all but polishShare and trimShare of the limit, polish ends
	// trimShare before the finish and trim at it, or each sooner at its
	// local optimum. The repair after a search that leaves hard
	// violations also stops at the finish. The hours bound's LPs, which
	// need the requirement only, are solved before the search, on its
	// time.
	if set.TimeLimit <= 0 && set.MaxIterations <= 0 {
		set.TimeLimit = defaultTimeLimit
	}
	built := time.Since(t0)
	m.hoursDuals()
	var end time.Time
	searchLimit := set.TimeLimit
	if set.TimeLimit > 0 {
		end = t0.Add(set.TimeLimit - time.Duration(finishFactor*float64(built)))
		searchLimit = max(time.Until(end)-time.Duration((polishShare+trimShare)*float64(set.TimeLimit)),
			time.Duration(minSearchShare*float64(set.TimeLimit)))
	}
	ss := solver.Settings{TimeLimit: searchLimit, Seed: set.Seed, Threads: set.Threads, MaxIterations: set.MaxIterations, HardWeight: hardWeight}
	if set.Progress != nil {
		ss.Progress = func(pr solver.Progress) {
			set.Progress(Progress{Elapsed: pr.Elapsed, Iterations: pr.Iterations, Objective: pr.BestScore, Hard: pr.BestHard})
		}
	}
	sr, err := solver.Solve(ctx, p, ss)
	if err != nil && !errors.Is(err, solver.ErrInfeasible) {
		return nil, fmt.Errorf("roster: solving: %w", err)
	}
	res := &Result{Objective: sr.Score.Soft, Iterations: sr.Stats.Iterations}
	hard := sr.Score.Hard
	if hard > 0 {
		// A roster the repair makes legal is polished and trimmed as
		// one the search left legal (docs/scenarios/large.json at 300
		// agents, 100 000 iterations, seeds 2 and 3: under-cover 524 and
		// 508 h without, 183 and 153 h with).
		m.repair(p, sr.Roster, end)
		sc := solver.Evaluate(p, sr.Roster)
		hard, res.Objective = sc.Hard, sc.Soft
	}
	var ps []placed
	if hard > 0 {
		ps = m.assemble(sr.Roster, nil)
	} else {
		var polishEnd time.Time
		if !end.IsZero() {
			polishEnd = end.Add(-time.Duration(trimShare * float64(set.TimeLimit)))
		}
		gain, queue := m.polish(p, sr.Roster, polishEnd)
		res.Objective += gain
		ps = m.assemble(sr.Roster, queue)
		var trimmed bool
		if ps, trimmed = m.trim(p, sr.Roster, ps, end); trimmed {
			// The objective prices breaks spread over their windows;
			// it is recomputed for the trimmed roster.
			res.Objective = solver.Evaluate(p, sr.Roster).Soft
		}
	}
	slices.SortStableFunc(ps, func(a, b placed) int {
		if a.e != b.e {
			return a.e - b.e
		}
		return a.shift.Start.Compare(b.shift.Start)
	})
	m.keepIdentity(ps)
	for _, p := range ps {
		res.Shifts = append(res.Shifts, p.shift)
	}
	res.Violations = Check(in, res.Shifts)
	m.measure(ps, res)
	res.Unmet = m.unmet()
	res.KPIs.HardViolations = len(res.Violations)
	res.Elapsed = time.Since(t0)
	if len(res.Violations) > 0 {
		return res, fmt.Errorf("%w: %d hard rule violations, first %s", scheduling.ErrInfeasible, len(res.Violations), res.Violations[0])
	}
	return res, nil
}

// unmet names the demand that no agent can serve: stretches of intervals
// with a requirement where no agent with the queue's skills may work.
func (m *model) unmet() []string {
	const maxReports = 20
	c := m.c
	cov := m.coverable()
	var out []string
	for qd, dc := range m.dem {
		q := m.in.Queues[dc.queue]
		for i := 0; i < c.n && len(out) < maxReports; i++ {
			if dc.req[i] <= 0 || cov[qd][i] > 0 {
				continue
			}
			j := i
			for j+1 < c.n && dc.req[j+1] > 0 && cov[qd][j+1] == 0 {
				j++
			}
			s := c.start.Add(time.Duration(i) * c.interval)
			e := c.start.Add(time.Duration(j+1) * c.interval)
			skills := "the skills of queue " + q.Name
			if len(q.RequiredSkills) > 0 {
				skills = strings.Join(q.RequiredSkills, ", ")
			}
			out = append(out, fmt.Sprintf("no agent with %s is available for %s–%s on %s (queue %s)", skills, c.clock(s), c.clock(e), c.dayName(s), q.Name))
			i = j
		}
	}
	return out
}
