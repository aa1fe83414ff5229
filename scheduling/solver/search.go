package solver

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"time"
)

// searcher is one thread of the search: a state, a random source and the
// best roster it has seen.
type searcher struct {
	m   *model
	st  *state
	rng *rand.Rand
	// cancel, when set, is Solve's flag for a cancelled context: the
	// construction stops at it as at its hard deadline.
	cancel *atomic.Bool
	hw     int64 // weight of one hard unit in the annealing objective
	// hw rises from hwLo to hwHi during a cycle, so the search crosses
	// infeasible regions early and ends feasible (strategic oscillation,
	// Glover and Hao, 2011).
	hwLo, hwHi int64

	best               []int
	bestHard, bestSoft int64
	curIsBest          bool // best equals the current state, not yet copied

	iters, accepted int64
	dp              rowDP
	flow            dayFlow
	bad             []int
	hwBase          int64   // Settings.HardWeight
	flatHW          bool    // keep the hard weight at hwHi (polishing a repaired roster)
	late            bool    // the last part of a cycle: whole-row repairs allowed
	relax           bool    // rowDP prices totals by lamU, lamW
	lamU, lamW      int64   // multipliers per g minutes and per weekend
	lamS            []int64 // multipliers per shift of each type
	bandU, bandK    int     // rowDP's band mode (rowdp.go) when bandU > 0
	frozeA, frozeN  int     // rowDP keeps frozeN days from frozeA as they are (twoWindows)
	cnt             []int   // scratch: shifts per type
	delta           []int64 // scratch of construct: the change of the total per value of a cell
	dpP             float64 // probability of a row re-optimisation move
	dpShare         float64 // time in row re-optimisation per time in plain moves
	flowP           float64 // probability of a day re-assignment move
	dpWork, dpRuns  int64   // transitions and runs of the row re-optimisation
	dpFill          float64 // share of the row programme's state space reached
	dpNoBound       bool    // rowDP keeps every state (tests compare it with the bounded programme)
	weeksPct        int     // percent of the plain moves that swap weeks (moveSwapWeeks)
	wkSwap          bool    // some of the block swaps exchange weekends (moveSwapWeekends)
	ruinAim         bool    // every ruin is aimed at a shift-on request (drawRuinAim)
	redo            []cellChange
	pend            []cellChange // a priced change not yet made (applyPending)
	priced          bool         // single-cell changes and day swaps are priced before they are made
	short           []int        // days short of cover (findShort), for aim and moveRowChain
	aimShort        bool         // aim at them (aim): on long horizons
	wkFirst         bool         // construct's first sweep takes the busiest weekends first (weekendPriority)
	chainP          float64      // probability of an ejection chain (moveRowChain)
	chain           bool         // rowDP discounts the cover the row gives now (moveRowChain)
	chainOld        []int        // scratch of moveRowChain: the window's old values
	wkFlowed        int          // the day the last moveWeekend re-assigned, or −1 (for its test)
	xch             exchanger    // scratch of exchangeDescent
	polish          bool         // a cycle after the first: on long horizons it ends with a wide sweep (wideSweep)
}

func newSearcher(m *model, x []int, seed uint64, hw int64) *searcher {
	s := &searcher{m: m, rng: rand.New(newSplitMix(seed)), hw: hw, hwLo: int64(float64(hw) * hwLoF), hwHi: int64(float64(hw) * hwHiF)}
	s.hwBase = hw
	s.st = newState(m, x)
	s.dpShare = dpShare
	if m.sep != nil && m.D <= longHorizon {
		s.dpShare = dpShareFlow
	}
	s.dpP = s.dpShare * 30 / float64(s.dpCost())
	if m.sep != nil {
		// A day re-assignment cost about one cell evaluation (half a
		// plain move) per employee and value when the shares were
		// measured; priceCell has since halved it, and twice the long
		// share (4.0) was no better on instances 22 and 24 (60 s, seeds
		// 1 and 2: 35 030, 34 444 and 53 111, 50 499 against 35 100,
		// 34 373 and 51 704, 51 098).
		share := flowShare
		if m.D > longHorizon {
			share = flowShareLong
		}
		s.flowP = share * 2 / float64(m.E*m.V)
	}
	if m.D > longHorizon {
		s.weeksPct = weeksPctLong
		s.aimShort = true
		s.wkFirst = true
	}
	s.priced = m.sep != nil && len(m.p.Rules) == 0
	if m.W >= 2 && m.E >= 2 {
		for e := 0; e < m.E && !s.wkSwap; e++ {
			s.wkSwap = m.weekendsLimited(e)
		}
	}
	s.ruinAim = m.S >= ruinAimShifts && len(m.wantCell) > 0
	if m.sep != nil {
		s.chainP = chainP
		if m.D > longHorizon {
			s.chainP = chainPLong
		}
	}
	s.lamS = make([]int64, m.S)
	s.best = append([]int(nil), s.st.x...)
	s.bestHard, s.bestSoft = s.st.hard, s.st.soft
	return s
}

// load restarts the search from roster x with known score.
func (s *searcher) load(x []int) {
	s.st.reset(x)
	copy(s.best, s.st.x)
	s.bestHard, s.bestSoft = s.st.hard, s.st.soft
	s.curIsBest = false
}

func (s *searcher) total() int64 { return s.st.hard*s.hw + s.st.soft + s.st.shape }

func lexLess(h1, s1, h2, s2 int64) bool { return h1 < h2 || (h1 == h2 && s1 < s2) }

// commitBest copies the current roster into best if it is pending.
func (s *searcher) commitBest() {
	if s.curIsBest {
		copy(s.best, s.st.x)
		s.curIsBest = false
	}
}

// construct improves the starting roster greedily: in random order, every
// free cell takes its best value, for a few sweeps. With wkFirst the first
// sweep takes the cells of weekend days first, busiest weekends first
// (weekendPriority), the rest in random order.
func (s *searcher) construct(sweeps int, until, hard time.Time) {
	m := s.m
	order := make([]int, len(m.fixed))
	for i := range order {
		order[i] = i
	}
	var prio []int
	if s.wkFirst {
		prio = weekendPriority(m)
	}
	for sw := 0; sw < sweeps; sw++ {
		s.rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		if sw == 0 && prio != nil {
			slices.SortStableFunc(order, func(a, b int) int { return prio[b%m.D] - prio[a%m.D] })
		}
		improved := false
		for k, i := range order {
			if k&1023 == 1023 && s.cut(hard) {
				break
			}
			if m.fixed[i] {
				continue
			}
			if s.bestValue(i) {
				improved = true
			}
		}
		if !improved || passed(until) || s.cut(hard) {
			break
		}
	}
	s.noteBest()
	s.commitBest()
}

// bestValue sets free cell i to its best value, the one of the cell's
// choices that leaves the smallest total (the first on ties, the current
// value unless another is strictly better), and reports whether the value
// changed.
//
// Every value is priced against the state with the cell's shift taken out
// of the cover once: the cell's own terms (priceCell), the cover of the new
// shift (coverPrice) and the employee's RowRules on the changed row. The
// totals are those of setting each value in turn and undoing it, and so is
// the state left behind: the cover holds the current shift again where it
// serves best without it, as it does once the first value was undone.
func (s *searcher) bestValue(i int) bool {
	m, st := s.m, s.st
	e, d := i/m.D, i%m.D
	cur := st.x[i]
	vals := m.choices[i]
	if len(vals) == 0 || len(vals) == 1 && vals[0] == cur {
		return false
	}
	base := s.total()
	if cap(s.delta) < len(vals) {
		s.delta = make([]int64, len(vals))
	}
	delta := s.delta[:len(vals)]
	st.priceCell(e, d, vals, s.hw, delta)
	var cover int64 // the cover's change with cur taken out (and put back)
	if cur >= 0 {
		cover = st.cover.Remove(e, d, cur)
	}
	rules := len(m.p.Rules) > 0
	row := st.x[e*m.D : (e+1)*m.D]
	bestV, bestT := cur, base
	for k, v := range vals {
		if v == cur {
			continue
		}
		t := base + delta[k] + cover
		if v >= 0 {
			t += st.coverPrice(e, d, v)
		}
		if rules {
			row[d] = v
			h, sf := st.evalRules(e)
			row[d] = cur
			t += (h-st.rule[2*e])*s.hw + sf - st.rule[2*e+1]
		}
		if t < bestT {
			bestV, bestT = v, t
		}
	}
	if cur >= 0 {
		cover += st.cover.Add(e, d, cur)
	}
	st.soft += cover
	if bestV == cur {
		return false
	}
	st.setCell(e, d, bestV)
	st.settle()
	st.journal = st.journal[:0]
	return true
}

// passed reports whether deadline t is set and past.
func passed(t time.Time) bool {
	return !t.IsZero() && time.Now().After(t)
}

// cut reports whether the construction must stop: its hard deadline has
// passed or Solve's context is cancelled.
func (s *searcher) cut(hard time.Time) bool {
	return passed(hard) || (s.cancel != nil && s.cancel.Load())
}

// build constructs a roster from the starting values: greedily cell by
// cell, then row by row (Solve's first roster and its fresh starts). Past
// until no sweep and no row window starts, but each row still gets its
// first window; past hard (Solve's deadline), or once Solve's context is
// cancelled, the construction stops within a sweep, checked every 1 024
// cells and before every row. On a contact-centre roster of 2 000 agents,
// 28 days and 132 shift starts a day one cell sweep took 6 s, and a 20-s
// solve spent 31 s constructing and none searching. Stopping at until
// within a sweep as well cost the 500-agent benchmark (`shiftplan bench
// roster`, seed 2) its gap: 2.60 % against 0.10 %, its construction cut
// at a fifth of the limit.
func (s *searcher) build(until, hard time.Time) {
	s.load(nil)
	s.construct(3, until, hard)
	s.constructDP(dpSweeps, until, hard)
}

// constructDP sweeps over the employees in random order and re-optimises
// each row window by window (rowDP), keeping only improvements: a greedy
// build in the spirit of column generation's pricing.
func (s *searcher) constructDP(sweeps int, until, hard time.Time) {
	order := s.rng.Perm(s.m.E)
	for sw := 0; sw < sweeps; sw++ {
		for _, e := range order {
			if s.cut(hard) {
				break
			}
			s.sweepRowDP(e, 2, until)
		}
	}
	s.noteBest()
	s.commitBest()
}

// keepIfBetter applies change, settles the score and undoes the change if
// the weighted total got worse.
func (s *searcher) keepIfBetter(change func()) {
	before := s.total()
	change()
	s.st.settle()
	if s.total() > before {
		s.st.undo()
	}
	s.st.journal = s.st.journal[:0]
}

// sweepRowDP re-optimises row e window by window from the first day to the
// last, successive windows overlapping by all but 1/parts of their width,
// keeping only improvements; it stops early once until (if set) has passed.
func (s *searcher) sweepRowDP(e, parts int, until time.Time) {
	w := s.dpWindow(e, dpBudget)
	s.sweepRow(e, w, max(1, w/parts), until)
}

// sweepRow re-optimises row e in windows of w days, each starting step
// days after the one before, from the first day to the last, keeping only
// improvements; it stops early once until (if set) has passed.
func (s *searcher) sweepRow(e, w, step int, until time.Time) {
	d := s.m.D
	for a := 0; a < d; a += step {
		b := min(a+w-1, d-1)
		s.keepIfBetter(func() { s.rowDP(e, a, b) })
		if b == d-1 || passed(until) {
			return
		}
	}
}

// wideWindow and wideAt: on long horizons, where the search's row
// programmes take a week at most (dpMaxWindow), each cycle after the
// first re-optimises every row in windows of wideWindow days once wideAt
// of it has passed (wideSweep). Measured at 60 s on Curtois and Qu's
// year-long instances, in the last 5 % of the second cycle (each thread's
// own roster): the sweep gained 124, 147, 139 and 155 on 24 (seeds 1, 2;
// about 1 s, cut off by the limit) where the annealing gained 39, 52,
// 117 and 73 in the same part of runs without it, and 111, 97, 78 and 144
// on 23 against 41, 44, 46 and 21. At the end of the first cycle the
// annealing did as well (24: 463, 137, 235, 242 against 235, 178, 212,
// 273), so the first cycle goes without. Windows of 14 days gained less
// (a whole 60-s roster of 24: 152 against 212 with 56).
const (
	wideWindow = 56
	wideAt     = 0.95
)

// wideSweep re-optimises every row, from a row drawn at random, in
// windows of wideWindow days that overlap by half, keeping only
// improvements, until the sweep ends or until (if set) has passed. It
// returns the amount the total fell.
func (s *searcher) wideSweep(until time.Time) int64 {
	m := s.m
	before := s.total()
	w := min(wideWindow, m.D)
	first := s.rng.IntN(m.E)
	for k := 0; k < m.E; k++ {
		if passed(until) {
			break
		}
		s.sweepRow((first+k)%m.E, w, w/2, until)
	}
	return before - s.total()
}

// repair re-optimises the rows of the employees that break hard rules,
// with the hard weight raised so that feasibility comes first: each row
// first in band mode (its totals kept near, so the rest of it keeps its
// cover), then, while still broken, by the Lagrangian whole-row programme
// and window by window. It keeps only improvements.
func (s *searcher) repair(rounds int, until time.Time) {
	m := s.m
	st := s.st
	hw := s.hw
	s.hw = 1 << 20
	defer func() { s.hw = hw }()
	for round := 0; round < rounds && st.hard > 0; round++ {
		for e := 0; e < m.E; e++ {
			if st.rowH[e] == 0 {
				continue
			}
			if passed(until) {
				break
			}
			s.bandRepair(e)
			if st.rowH[e] == 0 {
				continue
			}
			s.keepIfBetter(func() { s.lagrangeRow(e) })
			s.sweepRowDP(e, 3, time.Time{})
		}
	}
	s.noteBest()
	s.commitBest()
}

// descend runs a descent (a change of the state outside the annealing's
// moves, kept only where it lowers the total) between the annealing's
// moves: the best roster is copied first, since a descent may lower the
// total through the shaping while the score rises, and the state after it
// is then recorded if it is the best.
func (s *searcher) descend(run func()) {
	s.commitBest()
	run()
	s.noteBest()
}

// noteBest records the current state as best if it is better.
func (s *searcher) noteBest() {
	if lexLess(s.st.hard, s.st.soft, s.bestHard, s.bestSoft) {
		s.bestHard, s.bestSoft = s.st.hard, s.st.soft
		s.curIsBest = true
	}
}

// anneal runs simulated annealing for iters iterations (or until the
// deadline, whichever is sooner in schedule terms) with the temperature
// falling geometrically from t0 to t1. stop aborts it.
func (s *searcher) anneal(iters int64, start, deadline time.Time, t0, t1 float64, stop *atomic.Bool) {
	st := s.st
	span := deadline.Sub(start).Seconds()
	ratio := t1 / t0
	temp := t0
	cur := s.total()
	xDone, wDone := false, false
	for it := int64(0); it < iters; it++ {
		if it&1023 == 0 {
			frac := float64(it) / float64(iters)
			if !deadline.IsZero() {
				el := time.Since(start).Seconds()
				if el >= span {
					break
				}
				if f := el / span; f > frac {
					frac = f
				}
			}
			if stop.Load() {
				break
			}
			temp = t0 * math.Pow(ratio, frac)
			s.late = frac > 0.7
			s.hw = int64(float64(s.hwLo) * math.Pow(float64(s.hwHi)/float64(s.hwLo), frac))
			if s.flatHW {
				s.hw = s.hwHi
			}
			if !xDone && frac >= xAt && st.hard == 0 && s.m.D <= longHorizon {
				// Near the cycle's end, cold: a descent by chains
				// (exchange.go), which the annealing then goes on
				// from. Not past longHorizon (Curtois and Qu's
				// half-year and year-long 20–24, whose loss is cover):
				// on Instance24 (60 s, seed 1) each took 2–4 s of the
				// threads' time and gained 0–4.
				xDone = true
				s.descend(func() { s.exchangeDescent(int64(xShare*float64(iters)), deadline) })
			}
			if !wDone && s.polish && frac >= wideAt && st.hard == 0 && s.m.D > longHorizon {
				wDone = true
				s.descend(func() { s.wideSweep(deadline) })
			}
			cur = s.total()
			if (s.aimShort || s.chainP > 0) && it&(1<<16-1) == 0 {
				s.findShort()
			}
		}
		s.iters++
		var ok, priced bool
		var pdelta int64
		// One draw picks the move: its high half the large moves by
		// their probabilities, its low half the plain moves by percent.
		u := s.rng.Uint64()
		x := float64(u>>32) * 0x1p-32
		switch r := int((u & 0xffffffff) * 100 >> 32); {
		case x < s.flowP:
			ok = s.moveDayFlow()
		case x < s.flowP+s.chainP:
			ok = s.moveRowChain()
		case x < s.flowP+s.chainP+s.dpP:
			switch k := s.rng.IntN(3); {
			case k == 0 && st.hard > 0:
				if s.late && s.rng.IntN(4) == 0 {
					ok = s.moveRowBand()
				} else {
					ok = s.moveRepairDP()
				}
			case k < 2:
				ok = s.moveRowDP()
			default:
				ok = s.moveRuinDP()
			}
			// Keep the share of time near dpShare, counting one plain
			// move as 30 transitions (BenchmarkMoves).
			s.dpP = s.dpShare * 30 * float64(s.dpRuns) / float64(s.dpWork+1)
		case r < 30 && s.m.wkShaped != nil && s.rng.IntN(wkMoveDiv) == 0:
			ok = s.moveWeekend()
		case r < 30 && s.priced:
			pdelta, ok = s.priceChange()
			priced = true
		case r < 30:
			ok = s.moveChange()
		case r < 50:
			if s.m.sep != nil && s.rng.IntN(100) < pairPct {
				ok = s.moveSwapPair()
			} else if s.priced {
				pdelta, ok = s.priceSwapDay()
				priced = true
			} else {
				ok = s.moveSwapDay()
			}
		case r < 75 && r >= 75-s.weeksPct:
			ok = s.moveSwapWeeks()
		case r < 75 && s.wkSwap && s.rng.IntN(100) < wkSwapPct:
			ok = s.moveSwapWeekends()
		case r < 75:
			ok = s.moveSwapBlock()
		case r < 85:
			ok = s.moveShift()
		default:
			ok = s.moveSetBlock()
		}
		if !ok {
			st.journal = st.journal[:0]
			continue
		}
		// A priced change is made only once accepted; any other is
		// undone when rejected.
		if priced && !s.accepts(pdelta, temp) {
			continue
		}
		if priced {
			s.applyPending()
		}
		st.settle()
		next := s.total()
		if priced || s.accepts(next-cur, temp) {
			if s.curIsBest && lexLess(s.bestHard, s.bestSoft, st.hard, st.soft) {
				// leaving the best roster: save it first
				s.redo = append(s.redo[:0], st.journal...)
				st.undo()
				s.commitBest()
				for _, c := range s.redo {
					st.setCell(c.i/s.m.D, c.i%s.m.D, c.new)
				}
				st.settle()
			}
			st.journal = st.journal[:0]
			cur = next
			s.accepted++
			s.noteBest()
		} else {
			st.undo()
		}
	}
	s.commitBest()
}

// accepts is the annealing's rule for a change of delta at temperature
// temp: always when it does not worsen, else with probability
// exp(−delta/temp) (one random draw, only then).
func (s *searcher) accepts(delta int64, temp float64) bool {
	return delta <= 0 || s.rng.Float64() < math.Exp(-float64(delta)/temp)
}

func (s *searcher) cntTmp(n int) []int {
	if len(s.cnt) < n {
		s.cnt = make([]int, n)
	}
	return s.cnt[:n]
}
