package solver

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// Search schedule. A cycle lasts a number of iterations per free cell (or
// what is left of the time limit, the first at most 65 % of it); the first
// starts hot enough to accept a few under-covered shifts, later cycles
// restart from the best roster at a lower temperature. The hard weight
// rises within a cycle from hwLoF to hwHiF times Settings.HardWeight.
// Each re-optimisation of a row rebuilds up to ruinMax rows ruinPasses
// times; the construction sweeps the rows dpSweeps times.
const (
	dpSweeps   = 2
	ruinMax    = 5
	ruinPasses = 2
	hwLoF      = 0.1
	hwHiF      = 2.0
	// The first cycle lasts cycleFirstF iterations per free cell, later
	// ones cycleF. Measured on the Curtois and Qu instances, one thread,
	// 60 s: against 4000 throughout, this lowered the mean over seeds 1
	// and 2 of instance 13 from 1837 to 1703, 15 from 4500 to 4347, 18
	// from 5222 to 4818 and 19 from 3700 to 3646; 16000 throughout was
	// equal or better on 5–12, 14, 16 and 17 (seed 1, 0–7 %) but worse
	// on the year-long 20 and 22, whose first cycle the time limit cuts.
	cycleFirstF = 4000.0
	cycleF      = 16000.0
	tFirst      = 60.0
	// Later cycles restart at tReheat (it was 8: at 4 they spend less of
	// their time trading requests and over-cover at random). Measured
	// with shiftplan bench curtois at 60 s: seed 2, both on one machine,
	// 5–19 at 1.036 against 1.037 with 7 at 1 076 against 1 085, 8 1 333
	// against 1 353, 18 4 595 against 4 710, 13 1 637 against 1 521 (its
	// runs vary most); seed 1, 1–19 at 1.023 against the 1.029 measured
	// at 8 before, 20–24 at 1.093 against 1.088–1.100. At 2, 1–19 (seed
	// 1) was at 1.028, with 15, 18 and 19 worse.
	tReheat = 4.0
	tFinal  = 0.3
	// pairPct of the day swaps are pair swaps (moveSwapPair) when the
	// cover is separable: the day re-assignment then does what single
	// swaps do, better. Measured with shiftplan solve at 60 s: instances
	// 9, 12, 14, 15 and 17 improved, 5–8 and 10 unchanged within the
	// noise.
	pairPct = 60
	// The thread restarting from the Lagrangian bound's rows does so only
	// while less than lagStartF of the time limit has passed, and only
	// when the best roster is more than lagGapF above the bound: nearer,
	// both threads do better polishing it (instance 6, 5.2 % above its
	// bound when it comes, ended 2.7 % worse over seeds 1–3 with the
	// restart; 5, 8, 12, 14–16, 18 and 19 are further away).
	lagStartF = 0.3
	lagGapF   = 0.08
	// Column generation goes on from a fifth of the time limit until
	// restF of it where its root is near solved by then (within 5 %:
	// master.near). Measured at 12 s of 60-s runs on Curtois and Qu's
	// instances, from the constructed roster: 14 within 0.2–1.4 %
	// (solved at 16–19 s, and the dives of branch and price then prove
	// the optimum 1 278, where the search alone ends at 1 322–1 324),
	// 17 within 0.01 %; 12, 15 and 19 had no bound yet and 18 was 12 %
	// below. Running on for all, 15's root was still not solved at 30 s
	// and 19's far from it, while the search had a third less CPU.
	// From the Lagrangian's multipliers (master.warm), seeds 1–4: 14
	// within 0.7–1.7 % (solved at 17–19 s), 17 within 0.3–0.7 % (19–22
	// s), 18 within 1.4–2.6 % and 15 9–15 %. In one earlier run each,
	// 14's master stood 13 % off and 17's at 224 286, a basis cut in the
	// middle of a solve, and both stopped at a fifth; near now takes the
	// master's value at its last solve.
	// Branch and price runs only from a root solved before restF of the
	// time limit, and one search thread sits out its cycles while it
	// runs, which then has a core of its own: on Instance14, seed 2, its
	// root is solved at 16–19 s; beside both threads the dives found no
	// roster by 58 s (the search ended at 1 324), with a core of their
	// own they proved the optimum 1 278 at 56 s. Roots solved within the
	// first fifth (1–11, 16) first left the threads be; there the search
	// stalls within seconds (7 at 1 058 from 13 s on) while the tree runs
	// to the end. With a core of its own (60 s), 7 ended at its best
	// known 1 056 in 3 of 9 runs (1 056–1 061), against 1 of 6 before
	// (1 056–1 061); paired, seeds 5–7: 1 061, 1 057, 1 058 against
	// 1 056, 1 058, 1 061. 8 at 1 302–1 313 in 9 of 10 runs and 1 406
	// once (seeds 5–8 paired: 1 306, 1 306, 1 302, 1 313 against 1 309,
	// 1 308, 1 311, 1 307); 5 was proved optimal in 3 of 4 runs (35–54
	// s) against 1 of 3 before (56 s). Later roots are left to the bound: with
	// column generation started from the Lagrangian's multipliers,
	// 18's root (84 days) was solved at 28–29 s in two runs of four;
	// branch and price then ran beside both threads and found nothing,
	// and the search ended at 4 796 and 4 808, against 4 598 and 4 684
	// in the two runs where the root was not solved by 30 s.
	restF = 0.4
	// Branch and price runs until bnpF of the time limit; its roster
	// joins the search's between cycles, or at the end.
	bnpF = 0.97
	// treeWait is how often a search that waits for the tree looks for
	// its better rosters (to report them).
	treeWait = 100 * time.Millisecond
	// After freshStall cycles in a row without a better roster, while
	// the time (or iterations) left holds freshCycles more cycles like
	// the last, the last thread starts again from a new greedy
	// construction with a hot first cycle, and keeps its own roster while
	// its cycles improve it. On the small instances a cycle lasts a few
	// seconds, and the first cycle decides the basin: instance 5 of
	// Curtois and Qu ends at 11 or 12 uncovered shifts (1146 or
	// 1235–1250) by seed.
	freshStall  = 2
	freshCycles = 4
	// Where a cycle ends without a better roster and the time left holds
	// no fresh start, the last thread starts its next cycle from the best
	// roster at stallT instead of tReheat, and keeps its own roster while
	// its cycles improve it. On instance 18 (84 days) the search stalled
	// at 4 633 from 25 s to the end of a run (seed 1), its cycles of 13 s
	// too long for a fresh start. Measured with shiftplan solve at 60 s,
	// seeds 1–3: 18 at 4 616, 4 518, 4 483 against 4 591–4 632, 4 487–
	// 4 795 and 4 682–4 722 in this code's runs before; 13 at 1 477, 1 466,
	// 1 474 against 1 466–1 508; 15 at 4 470, 4 258, 4 155 and 19 at
	// 3 357, 3 298, 3 304, both within their spread before (3 950–4 494,
	// 3 285–3 407).
	stallT = 16.0
)

// Solve searches for a roster of p that breaks no hard rule and has the
// smallest soft score it can find within the settings' limits. The
// returned Result is never nil when the error is nil or wraps
// ErrInfeasible (then it holds the roster with the fewest violations and
// says which rules break where). Cancelling ctx stops the search early and
// returns the best roster so far.
//
// The search ends early, between cycles, once a roster without hard
// violations reaches the lower bound (Status Optimal).
//
// Solve is deterministic for a given Seed, Threads and MaxIterations when
// TimeLimit is zero; with a time limit the result depends on how many
// iterations the machine managed.
func Solve(ctx context.Context, p *Problem, set Settings) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	set = set.withDefaults()
	begin := time.Now()
	var deadline time.Time
	if set.TimeLimit > 0 {
		deadline = begin.Add(set.TimeLimit)
	}
	m := compile(p)
	free := 0
	for _, f := range m.fixed {
		if !f {
			free++
		}
	}
	var stop atomic.Bool
	var halt atomic.Bool // ends a cycle: stop, or an optimum proved
	if ctx.Err() != nil {
		// Already cancelled: stopped from the start, not once the
		// watcher below is scheduled.
		stop.Store(true)
		halt.Store(true)
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			stop.Store(true)
			halt.Store(true)
		case <-done:
		}
	}()

	// The threads search on ms (shaped), and their rosters are scored on
	// m when they are compared with the best.
	ms := shaped(m)
	th := make([]*searcher, set.Threads)
	for i := range th {
		th[i] = newSearcher(ms, nil, threadSeed(set.Seed, i), set.HardWeight)
		th[i].cancel = &stop
	}
	score := func(s *searcher) (int64, int64) {
		if ms == m {
			return s.bestHard, s.bestSoft
		}
		sc := m.evaluate(s.best)
		return sc.Hard, sc.Soft
	}
	var until time.Time
	if !deadline.IsZero() {
		until = begin.Add(set.TimeLimit / 5)
	}
	th[0].build(until, deadline)
	for _, s := range th[1:] {
		s.load(th[0].best)
	}
	gbest := append([]int(nil), th[0].best...)
	gHard, gSoft := score(th[0])
	// A roster at the lower bound is optimal: the search stops after the
	// cycle that found it (checked between cycles, so a seed still gives
	// one result).
	lb := lowerBound(m)
	// report calls Settings.Progress with the best roster's score and
	// the bound as they stand, reported the last such call; reportNew
	// calls report where they differ from it.
	reported := Progress{LowerBound: -1}
	report := func() {
		if set.Progress != nil {
			reported = Progress{BestScore: gSoft, BestHard: gHard, LowerBound: lb, Elapsed: time.Since(begin), Iterations: sumIters(th)}
			set.Progress(reported)
		}
	}
	reportNew := func() {
		if gSoft != reported.BestScore || gHard != reported.BestHard || lb != reported.LowerBound {
			report()
		}
	}
	report()
	// The Lagrangian bound (lagrange.go) aims at the constructed roster's
	// score and runs beside the search, for at most a tenth of the time
	// limit or, without one, a budget in proportion to the iterations (so
	// that a seed still gives one result).
	budget := lagBudget
	var lagUntil time.Time
	if set.MaxIterations > 0 {
		budget = min(budget, float64(set.MaxIterations)*float64(set.Threads)*lagPerIter)
	}
	if !deadline.IsZero() {
		lagUntil = time.Now().Add(set.TimeLimit / 10)
	}
	type lagResult struct {
		lb   int64
		rows []int
		mult []float64 // its multipliers, column generation's start
	}
	lagDone := make(chan lagResult, 1)
	type cgResult struct {
		lb   int64 // the column generation's bound
		rows []int // and the rows of its master that keep the hard rules: D values each
		emp  []int // and their employees
	}
	cgDone := make(chan cgResult, 1)
	// (Its rosters come through found, below.)
	type bnpResult struct {
		lb  int64 // the bound its tree proved, 0 if none
		opt bool  // the tree was searched to the end: lb is the optimum
	}
	bnpDone := make(chan bnpResult, 1)
	// The bound fills the pool of columns (pool.go) while it runs; once
	// it is done, the threads' best rows join the pool after every cycle
	// and the pool is searched from the best roster.
	var pool *colPool
	if m.sep != nil && len(p.Rules) == 0 {
		pool = newColPool(m)
	}
	poolRng := rand.New(newSplitMix(threadSeed(set.Seed, set.Threads)))
	// Column generation (colgen.go) follows the bound, from the
	// constructed roster, until a fifth of the time limit, or where its
	// root is then near solved (master.near) until restF of it; its rows
	// join the pool, and its bound (the linear programme's, at least the
	// Lagrangian's) is the result's lower bound. With a
	// time limit, branch and price (branch.go) follows until bnpF of it,
	// cutting off against the best roster of the searches (shared), and
	// its roster joins them when better.
	var cgFirst, cgUntil, bnpUntil time.Time
	if !deadline.IsZero() {
		cgFirst = begin.Add(set.TimeLimit / 5)
		cgUntil = begin.Add(time.Duration(float64(set.TimeLimit) * restF))
		bnpUntil = begin.Add(time.Duration(float64(set.TimeLimit) * bnpF))
	}
	var shared atomic.Int64
	// sitOut: branch and price runs, and one search thread sits out the
	// cycles meanwhile (see restF); with two threads or more its tree has
	// a second worker (branch.go), so the tree and the search have a core
	// and a half and half a core. Once the tree has found the best roster
	// and no cycle has bettered it (treeSoft), the search waits for the
	// tree to end: on the instances whose root is solved, the searches
	// stall within seconds and the tree finds and proves the optima, so
	// it then has both cores.
	var sitOut atomic.Bool
	shared.Store(math.MaxInt64)
	if gHard == 0 {
		shared.Store(gSoft)
	}
	// Branch and price hands each better roster over as it finds it
	// (its first dive's, most often), for the searches to go on from.
	var foundMu sync.Mutex
	var foundRows []int
	var foundSoft int64
	found := func(y []int, soft int64) {
		foundMu.Lock()
		defer foundMu.Unlock()
		if foundRows == nil || soft < foundSoft {
			foundRows, foundSoft = append(foundRows[:0], y...), soft
		}
	}
	// treeSoft is the score of the last roster taken from the tree (−1:
	// none); while the best roster still scores that, no cycle, pool or
	// window search has bettered it, and the tree leads.
	treeSoft := int64(-1)
	takeFound := func() {
		foundMu.Lock()
		defer foundMu.Unlock()
		if foundRows != nil && lexLess(0, foundSoft, gHard, gSoft) {
			copy(gbest, foundRows)
			gHard, gSoft = 0, foundSoft
			treeSoft = foundSoft
		}
		foundRows = nil
	}
	// treeLB is the bound branch and price has proved so far, while its
	// tree runs (0: none yet); takeTreeLB raises lb to it.
	var treeLB atomic.Int64
	takeTreeLB := func() {
		lb = max(lb, treeLB.Load())
	}
	// adoptFound is takeFound and takeTreeLB, and reports a better
	// roster or bound.
	adoptFound := func() {
		takeFound()
		takeTreeLB()
		reportNew()
	}
	go func(ub int64, x []int) {
		r := lagResult{}
		r.lb, r.rows, r.mult = lagrangeBound(m, ub, budget, lagUntil, &stop, pool)
		lagDone <- r
		var mp *master
		var c cgResult
		if pool != nil && !stop.Load() && (cgFirst.IsZero() || time.Now().Before(cgFirst)) {
			// Without a time limit, the Lagrangian's budget of work
			// bounds it again (so that a seed still gives one result).
			work := 0.0
			if deadline.IsZero() {
				work = budget
			}
			c.lb, mp = colGen(m, x, cgFirst, &stop, work, r.mult)
			if mp != nil && !cgUntil.IsZero() && mp.near() {
				c.lb = max(c.lb, mp.root(cgUntil, 0))
			}
			if mp != nil {
				c.emp, c.rows = mp.kept()
			}
		}
		cgDone <- c
		var b bnpResult
		// Only from a root solved by cgUntil (restF of the time limit):
		// where column generation does not finish by then (Instance15,
		// 18, 19), the tree would only take time from the search.
		if mp != nil && mp.solved && !cgUntil.IsZero() && time.Now().Before(cgUntil) {
			var tlb int64
			sitOut.Store(true)
			mps := []*master{mp}
			if set.Threads > 1 {
				if tw := mp.twin(x); tw != nil {
					mps = append(mps, tw)
				}
			}
			t := newTree(shared.Load(), &shared, found)
			t.live = &treeLB
			_, _, tlb, b.opt = t.search(mps, bnpUntil, &stop, threadSeed(set.Seed, set.Threads+1))
			sitOut.Store(false)
			if tlb < math.MaxInt64 {
				b.lb = tlb
			} else {
				b.opt = false
			}
		}
		bnpDone <- b
		if b.opt {
			// Proved: the cycle running ends now, and the search with
			// it (its best is then at the bound).
			halt.Store(true)
		}
	}(max(gSoft, lb+1), append([]int(nil), gbest...))
	// With two threads or more, the last restarts from the rows the
	// bound priced (see lagrangeBound) and keeps its own roster while
	// its cycles improve it; lagThread is that thread, or −1. Measured
	// with shiftplan solve at 60 s, two threads, seed 2 against the
	// construction-only search: instance 18 from 5029 to 4702, 19 from
	// 3489 to 3349, 8 from 1371 to 1349; 12, 14–17 equal within 0.5 %.
	// With seed 1, 8 went from 1466 to 1364 and 16 from 3447 to 3270.
	lagThread, boundStart := -1, false
	// collectLag takes the bound once it is there (waiting for it if
	// asked) and keeps its rows in lagRows until the next cycle starts;
	// collectCG and collectBnp take column generation's result and then
	// branch and price's likewise, each after the one before; collect
	// calls the three in that order. A channel is nil once its result is
	// taken.
	var lagRows []int
	lagLB := lb // the bound before column generation
	collectLag := func(wait bool) {
		if r, ok := take(&lagDone, wait); ok {
			lb, lagRows = max(lb, r.lb), r.rows
			lagLB = lb
		}
	}
	collectCG := func(wait bool) {
		if lagDone != nil {
			return
		}
		if r, ok := take(&cgDone, wait); ok {
			lb = max(lb, r.lb)
			for i, e := range r.emp {
				pool.add(e, r.rows[i*m.D:(i+1)*m.D])
			}
		}
	}
	collectBnp := func(wait bool) {
		if cgDone != nil {
			return
		}
		if b, ok := take(&bnpDone, wait); ok {
			lb = max(lb, b.lb)
		}
	}
	collect := func(wait bool) {
		collectLag(wait)
		collectCG(wait)
		collectBnp(wait)
	}
	var used int64
	cycles, stall := 0, 0
	wins, winGains := 0, 0      // window searches made, and those that found a better roster
	var winWork int64           // and their work
	fresh, reheats := 0, 0      // the last thread's fresh starts and reheats
	var lastCycle time.Duration // length of the last cycle
	var lastN int64             // and its iterations
	for !stop.Load() {
		if set.MaxIterations > 0 && used >= set.MaxIterations {
			break
		}
		if passed(deadline) {
			break
		}
		if gHard == 0 && gSoft == treeSoft && sitOut.Load() {
			// The tree found the best roster and the cycles since have
			// not bettered it: the search waits for the tree to end,
			// leaving both cores to its workers, and goes on from its
			// best. Meanwhile the tree's better rosters are reported
			// as they come.
			for sitOut.Load() && !stop.Load() {
				time.Sleep(treeWait)
				adoptFound()
			}
			collect(true)
			adoptFound()
			if gSoft <= lb {
				break
			}
			for _, s := range th {
				s.load(gbest)
			}
			continue
		}
		perCell, t0, cycleEnd := cycleF, tReheat, deadline
		if cycles == 0 {
			perCell, t0 = cycleFirstF, tFirst
			// Keep the last part of the time for a repair and a short
			// polishing cycle after it.
			if !deadline.IsZero() {
				cycleEnd = begin.Add(set.TimeLimit * 65 / 100)
			}
		}
		if lagRows != nil {
			// A cycle follows: the last thread may restart from the
			// bound's rows.
			late := !deadline.IsZero() && time.Since(begin) > time.Duration(float64(set.TimeLimit)*lagStartF)
			near := gHard == 0 && float64(gSoft-lagLB) <= lagGapF*float64(gSoft)
			if len(th) > 1 && !late && !near {
				lagThread = len(th) - 1
				boundStart = true
				th[lagThread].load(lagRows)
				th[lagThread].repair(3, deadline)
			}
			lagRows = nil
		}
		// After cycles without a better roster the last thread goes its
		// own way: from a new construction with a hot first cycle where
		// the time left holds freshCycles more cycles (not after a
		// repair: the threads then polish at a flat hard weight, and a
		// new construction needs it to rise), otherwise from the best
		// roster at stallT. lagT is the temperature its cycle starts at
		// (0: t0, as the others).
		lagT := 0.0
		if lagThread < 0 && len(th) > 1 && gHard == 0 && gSoft > lb {
			left := (deadline.IsZero() || time.Until(deadline) > freshCycles*lastCycle) &&
				(set.MaxIterations == 0 || set.MaxIterations-used > freshCycles*lastN)
			switch {
			case !left && stall >= 1:
				lagThread, lagT, stall = len(th)-1, stallT, 0
				reheats++
			case left && stall >= freshStall && !th[0].flatHW:
				lagThread, lagT, stall = len(th)-1, tFirst, 0
				fresh++
				th[lagThread].build(deadline, deadline)
			}
		}
		n := int64(perCell) * int64(free+1)
		if set.MaxIterations > 0 && set.MaxIterations-used < n {
			n = set.MaxIterations - used
		}
		start := time.Now()
		var lagHard, lagSoft int64
		if lagThread >= 0 {
			lagHard, lagSoft = th[lagThread].bestHard, th[lagThread].bestSoft
		}
		var wg sync.WaitGroup
		rest := -1 // a thread that sits out the cycle
		if len(th) > 1 && sitOut.Load() {
			rest = len(th) - 1
			if lagThread == rest {
				rest = 0
			}
		}
		for i, s := range th {
			if i == rest {
				continue
			}
			wg.Add(1)
			t := t0
			if i == lagThread && lagT > 0 {
				t = lagT
			}
			s.polish = cycles > 0
			go func(s *searcher) {
				defer wg.Done()
				s.anneal(n, start, cycleEnd, t, tFinal, &halt)
			}(s)
		}
		wg.Wait()
		used += n
		lastCycle, lastN = time.Since(start), n
		cycles++
		pHard, pSoft := gHard, gSoft
		for _, s := range th {
			if h, soft := score(s); lexLess(h, soft, gHard, gSoft) {
				gHard, gSoft = h, soft
				copy(gbest, s.best)
			}
		}
		if gHard > 0 && !passed(deadline) {
			// Repair the best roster's violations before going on.
			r := th[0]
			r.load(gbest)
			r.repair(3, deadline)
			if h, soft := score(r); lexLess(h, soft, gHard, gSoft) {
				gHard, gSoft = h, soft
				copy(gbest, r.best)
			}
			for _, s := range th {
				s.flatHW = true
			}
		}
		if pool != nil && lagDone == nil && gHard == 0 {
			for _, s := range th {
				if s.bestHard == 0 {
					pool.addRoster(s.best)
				}
			}
			if y, soft := pool.search(gbest, int(poolWork/float64(m.D)), poolRng, poolT0, poolT1, deadline); y != nil && soft < gSoft {
				copy(gbest, y)
				gSoft = soft
			}
		}
		// A window search (window.go) while its work stays within
		// winShare of the cycles', an iteration counted as winPerIter
		// cells.
		if budget := int64(winShare*winPerIter*float64(sumIters(th))) - winWork; pool != nil && gHard == 0 && winFits(m) && budget > 0 {
			a, b := windowAt(m.D, wins)
			wins++
			y, soft, work := windowSearch(m, gbest, gSoft, a, b, poolRng, deadline, budget)
			winWork += work
			if y != nil && soft < gSoft {
				copy(gbest, y)
				gSoft = soft
				winGains++
			}
		}
		collect(deadline.IsZero())
		takeFound()
		takeTreeLB()
		if gHard == 0 {
			shared.Store(gSoft)
		}
		if lexLess(gHard, gSoft, pHard, pSoft) {
			stall = 0
		} else {
			stall++
		}
		if lagThread >= 0 {
			// The thread from the priced rows (or a fresh start)
			// rejoins the others once a cycle ends without improving
			// its own best.
			if s := th[lagThread]; !lexLess(s.bestHard, s.bestSoft, lagHard, lagSoft) {
				lagThread = -1
			}
		}
		if passed(deadline) {
			// No cycle follows: loading the threads again would only
			// delay the result (a large roster takes tenths of a second).
			report()
			break
		}
		for i, s := range th {
			if i != lagThread {
				s.load(gbest)
			} else {
				s.load(s.best)
			}
		}
		report()
		if gHard == 0 && gSoft <= lb {
			break
		}
	}
	// The last results taken here are reported, so that the last report
	// is the result's.
	collect(true)
	adoptFound()

	res := &Result{Roster: make([][]int, m.E)}
	for e := range res.Roster {
		res.Roster[e] = append([]int(nil), gbest[e*m.D:(e+1)*m.D]...)
	}
	res.Score = m.evaluate(gbest)
	res.LowerBound = lb
	if res.Score.Soft > 0 {
		res.Gap = float64(res.Score.Soft-res.LowerBound) / float64(res.Score.Soft)
	}
	for _, s := range th {
		res.Stats.Iterations += s.iters
		res.Stats.Accepted += s.accepted
	}
	res.Stats.Cycles = cycles
	res.Stats.BoundStart = boundStart
	res.Stats.FreshStarts = fresh
	res.Stats.Reheats = reheats
	res.Stats.Windows, res.Stats.WindowGains = wins, winGains
	res.Stats.Elapsed = time.Since(begin)
	switch {
	case res.Score.Hard > 0:
		res.Status = Infeasible
		return res, ErrInfeasible
	case res.Score.Soft == res.LowerBound:
		res.Status = Optimal
	default:
		res.Status = Feasible
	}
	return res, nil
}

// take receives from *ch if a value is there, or waits for one if wait
// is set, and then sets *ch to nil; it reports whether it received.
func take[T any](ch *chan T, wait bool) (T, bool) {
	var r T
	if *ch == nil {
		return r, false
	}
	select {
	case r = <-*ch:
	default:
		if !wait {
			return r, false
		}
		r = <-*ch
	}
	*ch = nil
	return r, true
}

func sumIters(th []*searcher) int64 {
	var n int64
	for _, s := range th {
		n += s.iters
	}
	return n
}

// LowerBound is a lower bound on p: no roster breaking no hard rule has a
// smaller soft score. It is cheap (no search); Solve reports the larger of
// it and the Lagrangian bound (LagrangeBound).
func LowerBound(p *Problem) (int64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	return lowerBound(compile(p)), nil
}

// lowerBound adds independent bounds of the soft components: the cheapest
// value of every cell (requests, disruption) and the larger of the
// coverage's own bound and the capacity bound (bound.go).
func lowerBound(m *model) int64 {
	var lb int64
	for i := range m.fixed {
		best := int64(-1)
		for v := Off; v < m.S; v++ {
			if m.mask[i*m.V+v+1] && (best < 0 || m.cost[i*m.V+v+1] < best) {
				best = m.cost[i*m.V+v+1]
			}
		}
		if best > 0 {
			lb += best
		}
	}
	cover := capacityBound(m)
	if b, ok := m.p.Coverage.(CoverBounder); ok {
		cover = max(cover, b.LowerBound(m.p))
	}
	return lb + cover
}
