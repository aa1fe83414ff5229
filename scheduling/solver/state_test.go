package solver

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// randomProblem builds a small random instance exercising every feature
// of the model: several shift lengths, forbidden successions (static and
// day-dependent), per-type maximums, history, pins, requests, a reference
// roster, day cover and a RowRule.
func randomProblem(seed uint64, days, emps, shifts int) *Problem {
	rng := rand.New(rand.NewPCG(seed, 7))
	p := &Problem{Days: days, Weekends: SaturdaySundayWeekends(days, 1)}
	for s := 0; s < shifts; s++ {
		p.Shifts = append(p.Shifts, Shift{ID: string(rune('A' + s)), Minutes: 480 + 120*rng.IntN(3)})
	}
	p.Forbidden = make([][]bool, shifts)
	for a := range p.Forbidden {
		p.Forbidden[a] = make([]bool, shifts)
		for b := 0; b < a; b++ {
			p.Forbidden[a][b] = rng.IntN(2) == 0
		}
	}
	p.ForbiddenOn = func(d, a, b int) bool { return d%5 == 3 && a == shifts-1 && b == 0 }
	for e := 0; e < emps; e++ {
		em := Employee{ID: string(rune('a' + e)), MaxShifts: make([]int, shifts),
			MinMinutes: 480 * days / 3, MaxMinutes: 480 * days * 2 / 3,
			MinConsecutive: 2, MaxConsecutive: 4 + rng.IntN(2), MinConsecutiveOff: 1 + rng.IntN(2),
			MaxWeekends: rng.IntN(3)}
		for s := range em.MaxShifts {
			em.MaxShifts[s] = []int{NoLimit, 0, days / 4}[rng.IntN(3)]
		}
		em.DaysOff = []int{rng.IntN(days)}
		switch e % 3 {
		case 1:
			em.History = History{WorkedDays: 1 + rng.IntN(4), LastShift: rng.IntN(shifts)}
		case 2:
			em.History = History{OffDays: 1 + rng.IntN(3)}
		}
		p.Employees = append(p.Employees, em)
	}
	for k := 0; k < emps*days/4; k++ {
		p.Requests = append(p.Requests, Request{Employee: rng.IntN(emps), Day: rng.IntN(days),
			Shift: rng.IntN(shifts+1) - 1, On: rng.IntN(2) == 0, Weight: int64(1 + rng.IntN(3))})
	}
	p.Pinned = []Pin{{Employee: 0, Day: days / 2, Shift: 0}}
	p.Reference = make([][]int, emps)
	for e := range p.Reference {
		p.Reference[e] = make([]int, days)
		for d := range p.Reference[e] {
			p.Reference[e][d] = rng.IntN(shifts+1) - 1
		}
	}
	p.DisruptionWeight = 1
	c := &DayCover{}
	for d := 0; d < days; d++ {
		var req, under, over []int64
		for s := 0; s < shifts; s++ {
			req = append(req, int64(rng.IntN(emps/2+1)))
			under = append(under, 100)
			over = append(over, 1)
		}
		c.Req, c.Under, c.Over = append(c.Req, req), append(c.Under, under), append(c.Over, over)
	}
	p.Coverage = c
	p.Rules = []RowRule{maxNights{shift: shifts - 1, max: 3}}
	return p
}

// maxNights is a RowRule: at most max shifts of type shift (hard) and one
// soft point per such shift.
type maxNights struct{ shift, max int }

func (r maxNights) Name() string { return "max-nights" }
func (r maxNights) Evaluate(_ int, row []int) (int, int64) {
	n := 0
	for _, v := range row {
		if v == r.shift {
			n++
		}
	}
	return over(n, r.max), int64(n)
}

// checkState compares the incremental score with a full recomputation.
func checkState(t *testing.T, st *state, step int) {
	t.Helper()
	full := st.m.evaluate(st.x)
	var rows int64
	for _, h := range st.rowH {
		rows += h
	}
	if st.hard != full.Hard || st.soft != full.Soft || rows != st.hard {
		t.Fatalf("step %d: incremental hard %d soft %d, full recomputation hard %d soft %d (%v)",
			step, st.hard, st.soft, full.Hard, full.Soft, full.Components)
	}
	fresh := newState(st.m, st.x)
	if fresh.shape != st.shape {
		t.Fatalf("step %d: incremental shaping %d, recomputed %d", step, st.shape, fresh.shape)
	}
	counters := []struct {
		name      string
		got, want any
	}{
		{"shifts per type", st.cnt, fresh.cnt}, {"minutes", st.mins, fresh.mins},
		{"weekend days", st.wk, fresh.wk}, {"weekends", st.nwk, fresh.nwk},
		{"half weekends", st.half, fresh.half}, {"shifts per day", st.dn, fresh.dn},
		{"hard units per row", st.rowH, fresh.rowH},
	}
	for _, c := range counters {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Fatalf("step %d: incremental %s %v, recomputed %v", step, c.name, c.got, c.want)
		}
	}
}

// TestState_IncrementalMatchesFull applies random moves of every kind and
// checks after each that the incremental score equals a from-scratch
// evaluation (Evaluate), and that undo restores the score and every
// counter exactly: by re-pricing the cells with RowRules (seeds 1 and 2),
// from the journal without them (3 and 4).
func TestState_IncrementalMatchesFull(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		p := randomProblem(seed, 21, 7, 3)
		if seed%2 == 0 {
			p.Reference = nil // requests only: most cells cost nothing (costAny)
		}
		if seed > 2 {
			p.Rules = nil
		}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		m := compile(p)
		if m.wkShape == 0 {
			t.Fatalf("seed %d: the weekend shaping is off", seed)
		}
		s := newSearcher(m, nil, seed, 1000)
		s.dpP = 0
		checkState(t, s.st, -1)
		moves := []func() bool{s.moveChange, s.moveSwapDay, s.moveSwapBlock, s.moveShift, s.moveSetBlock, s.moveRowDP, s.moveRuinDP, s.moveRepairDP, s.moveRowBand, func() bool { s.lagrangeRow(s.rng.IntN(m.E)); return true }, s.moveDayFlow, s.moveWeekend, s.moveSwapPair, s.moveSwapWeeks, s.moveSwapWeekends, func() bool { s.findShort(); return s.moveRowChain() }, func() bool {
			s.ruinAim = true
			defer func() { s.ruinAim = false }()
			return s.moveRuinDP()
		}}
		for step := 0; step < 3000; step++ {
			h0, s0 := s.st.hard, s.st.soft
			x0 := append([]int(nil), s.st.x...)
			if !moves[step%len(moves)]() {
				s.st.journal = s.st.journal[:0]
				continue
			}
			s.st.settle()
			checkState(t, s.st, step)
			if step%3 == 0 {
				s.st.undo()
				if s.st.hard != h0 || s.st.soft != s0 {
					t.Fatalf("step %d: undo gives hard %d soft %d, want %d %d", step, s.st.hard, s.st.soft, h0, s0)
				}
				for i := range x0 {
					if x0[i] != s.st.x[i] {
						t.Fatalf("step %d: undo left cell %d at %d, want %d", step, i, s.st.x[i], x0[i])
					}
				}
				checkState(t, s.st, step)
			}
			s.st.journal = s.st.journal[:0]
		}
	}
}

// tryMove runs move on s and settles the score; it returns the roster as
// it was before, and false (with the journal cleared) when the move found
// nothing to change.
func tryMove(s *searcher, move func() bool) ([]int, bool) {
	x0 := append([]int(nil), s.st.x...)
	if !move() {
		s.st.journal = s.st.journal[:0]
		return x0, false
	}
	s.st.settle()
	return x0, true
}

// TestMoveSwapWeeks_ExchangesWeeks: the move exchanges the cells of one
// row day by day with the cells a whole number of weeks away, so only
// that row changes, every changed day's partner is changed too and the
// two swapped values, and the row's shifts per type stay as they were.
func TestMoveSwapWeeks_ExchangesWeeks(t *testing.T) {
	s := constructed(randomProblem(3, 35, 6, 3), 3, 2)
	m := s.m
	moved := 0
	for try := 0; try < 2000; try++ {
		cnt0 := append([]int(nil), s.st.cnt...)
		x0, ok := tryMove(s, s.moveSwapWeeks)
		if !ok {
			continue
		}
		moved++
		var days []int
		e := -1
		for i := range x0 {
			if x0[i] == s.st.x[i] {
				continue
			}
			if e >= 0 && i/m.D != e {
				t.Fatalf("try %d: rows %d and %d changed", try, e, i/m.D)
			}
			e = i / m.D
			days = append(days, i%m.D)
		}
		// The first changed day is in the earlier block: some offset of
		// whole weeks to a changed day must pair every changed day with
		// one it exchanged values with.
		swapped := func(d, f int) bool {
			return f >= 0 && f < m.D && s.st.x[e*m.D+d] == x0[e*m.D+f] && s.st.x[e*m.D+f] == x0[e*m.D+d]
		}
		paired := false
		for _, f := range days[1:] {
			off := f - days[0]
			if off%7 != 0 {
				continue
			}
			all := true
			for _, d := range days {
				all = all && (swapped(d, d+off) || swapped(d, d-off))
			}
			paired = paired || all
		}
		if !paired {
			t.Fatalf("try %d: the changed days %v of row %d are not an exchange a whole number of weeks apart", try, days, e)
		}
		for i := range cnt0 {
			if cnt0[i] != s.st.cnt[i] {
				t.Fatalf("try %d: shifts per type of row %d changed", try, i/m.S)
			}
		}
		checkState(t, s.st, try)
		if try%2 == 0 {
			s.st.undo()
		}
		s.st.journal = s.st.journal[:0]
	}
	// Deterministic for this problem and seed: 1484 of the 2000 tries
	// change the roster. Well under half of that means blocks are being
	// refused that could be swapped.
	if moved < 700 {
		t.Fatalf("only %d week swaps in 2000 tries, want about 1484", moved)
	}
}

// TestFindShort_MatchesRequirements: the days findShort lists are those
// on which some shift has fewer employees than DayCover asks for, counted
// here from the roster and Req directly.
func TestFindShort_MatchesRequirements(t *testing.T) {
	p := randomProblem(5, 35, 8, 3)
	s := constructed(p, 5, 1)
	m := s.m
	req := p.Coverage.(*DayCover).Req
	s.findShort()
	var want []int
	for d := 0; d < m.D; d++ {
		for v := 0; v < m.S; v++ {
			n := 0
			for e := 0; e < m.E; e++ {
				if s.st.x[e*m.D+d] == v {
					n++
				}
			}
			if int64(n) < req[d][v] {
				want = append(want, d)
				break
			}
		}
	}
	if len(want) == 0 || len(want) == m.D {
		t.Fatalf("the test needs some days short of cover and some not, got %d of %d", len(want), m.D)
	}
	if !slices.Equal(s.short, want) {
		t.Fatalf("findShort = %v, want %v", s.short, want)
	}
}

// longConstructed returns a searcher on a constructed 140-day roster: a
// long horizon, where the row windows span a week.
func longConstructed() *searcher { return constructed(randomProblem(3, 140, 6, 3), 3, 2) }

// shortDay returns a day short of cover in s's roster (findShort), failing
// the test when there is none.
func shortDay(t *testing.T, s *searcher) int {
	t.Helper()
	s.findShort()
	if len(s.short) == 0 {
		t.Fatal("the test needs a day short of cover")
	}
	return s.short[len(s.short)/2]
}

// TestMoves_AimAtShortDays: with one day listed as short, the aimed moves
// (week swaps, shift moves, row windows) change that day far more often
// than when they draw their days anywhere.
func TestMoves_AimAtShortDays(t *testing.T) {
	moves := []struct {
		name string
		move func(s *searcher) bool
	}{
		{"week swaps", (*searcher).moveSwapWeeks},
		{"shift moves", (*searcher).moveShift},
		{"row windows", (*searcher).moveRowDP},
	}
	target := shortDay(t, longConstructed())
	for _, mv := range moves {
		hits := func(short []int) (int, int) {
			s := longConstructed()
			s.short = short
			moved, hit := 0, 0
			for try := 0; try < 2000; try++ {
				x0, ok := tryMove(s, func() bool { return mv.move(s) })
				if !ok {
					continue
				}
				if len(s.st.journal) > 0 {
					moved++
				}
				for e := 0; e < s.m.E; e++ {
					if i := e*s.m.D + target; x0[i] != s.st.x[i] {
						hit++
						break
					}
				}
				s.st.undo()
			}
			return moved, hit
		}
		// Drawn anywhere, a move changes the target day about as often
		// as any other of the 140 days. Aimed, it starts there in the
		// row of an employee off that day in half of the draws or more.
		// Aiming that does not at least double the rate has lost its
		// target.
		m0, h0 := hits(nil)
		m1, h1 := hits([]int{target})
		t.Logf("%s: anywhere %d of %d change day %d, aimed %d of %d", mv.name, h0, m0, target, h1, m1)
		if m0 == 0 || h1 == 0 || h1*m0 < 2*h0*m1 {
			t.Errorf("%s: anywhere %d of %d change day %d, aimed %d of %d", mv.name, h0, m0, target, h1, m1)
		}
	}
}

// TestRowDP_NeverWorsens: without per-type maximums and RowRules the
// window dynamic programme is exact, so re-optimising a row can never
// increase the weighted objective (its current values are one candidate).
// The programme minimises the score, not the weekend shaping, which is
// switched off here.
func TestRowDP_NeverWorsens(t *testing.T) {
	rowDPNeverWorsens(t, 28, func(s *searcher, _ int) { s.moveRowDP() })
}

// TestRowDP_BandNeverWorsens: the band mode re-optimises a whole year-long
// row (one with a pinned shift among them) within a band around the
// current row's minutes and weekends. The current row lies in the band, so
// the objective never rises, and the new row's minutes worked so far stay
// within the band of the old row's on every day.
func TestRowDP_BandNeverWorsens(t *testing.T) {
	rowDPNeverWorsens(t, 364, func(s *searcher, step int) {
		m := s.m
		e := s.rng.IntN(m.E)
		old := append([]int(nil), s.st.x[e*m.D:(e+1)*m.D]...)
		s.bandU, s.bandK = 1+step%3, step/2%2
		s.rowDP(e, 0, m.D-1)
		s.st.settle()
		drift := 0
		for d, v := range s.st.x[e*m.D : (e+1)*m.D] {
			if v >= 0 {
				drift += m.su[v]
			}
			if old[d] >= 0 {
				drift -= m.su[old[d]]
			}
			if drift > s.bandU || drift < -s.bandU {
				t.Fatalf("step %d: row %d's minutes after day %d differ from the old row's by %d units, band %d", step, e, d, drift, s.bandU)
			}
		}
		s.bandU, s.bandK = 0, 0
	})
}

// rowDPNeverWorsens alternates random changes with reopt on random
// problems of the given length, per-type maximums, RowRules and the
// weekend shaping switched off, and fails if reopt raises the objective.
func rowDPNeverWorsens(t *testing.T, days int, reopt func(s *searcher, step int)) {
	t.Helper()
	for seed := uint64(1); seed <= 4; seed++ {
		p := randomProblem(seed, days, 6, 3)
		p.Rules = nil
		for e := range p.Employees {
			for s := range p.Employees[e].MaxShifts {
				if p.Employees[e].MaxShifts[s] != 0 {
					p.Employees[e].MaxShifts[s] = NoLimit
				}
			}
		}
		m := compile(p)
		m.wkShape, m.wkShaped = 0, nil
		s := newSearcher(m, nil, seed, 1000)
		for step := 0; step < 400; step++ {
			if step%2 == 0 {
				for k := 0; k < 5; k++ {
					s.moveChange()
				}
				s.st.journal = s.st.journal[:0]
				continue
			}
			before := s.total()
			reopt(s, step)
			if after := s.total(); after > before {
				t.Fatalf("seed %d step %d: row re-optimisation raised the objective from %d to %d", seed, step, before, after)
			}
			s.st.journal = s.st.journal[:0]
		}
	}
}

// A row at its exact minutes with a one-day rest and a one-day stretch:
// the band repair mends both and keeps the minutes.
func TestBandRepair_MendsTightRow(t *testing.T) {
	const days = 56
	p := &Problem{Days: days, Weekends: SaturdaySundayWeekends(days, 1),
		Shifts: []Shift{{ID: "D", Minutes: 480}}, Forbidden: [][]bool{{false}}}
	p.Employees = []Employee{{ID: "a", MaxShifts: []int{NoLimit}, MinMinutes: 32 * 480, MaxMinutes: 32 * 480,
		MinConsecutive: 2, MaxConsecutive: 5, MinConsecutiveOff: 2, MaxWeekends: NoLimit}}
	x := make([]int, days)
	for d := range x {
		x[d] = Off
		if d%7 < 4 {
			x[d] = 0 // four days on, three off: 32 shifts
		}
	}
	x[4], x[8] = 0, Off // days 7 and 8: a one-day stretch and a one-day rest
	m := compile(p)
	s := newSearcher(m, x, 1, 1000)
	if s.st.hard == 0 {
		t.Fatal("the starting row breaks no rule")
	}
	s.hw = 1 << 20
	s.bandRepair(0)
	if s.st.hard != 0 || s.st.mins[0] != 32*480 {
		t.Fatalf("after the band repair: hard %d, minutes %d; want 0 and %d (row %v)", s.st.hard, s.st.mins[0], 32*480, s.st.x)
	}
}

// TestLagrangeRow_ClearsPrices: the whole-row programme raises per-type
// multipliers while a row has too many shifts of a type; the band mode
// adds those multipliers to its costs, so none may outlive the programme.
func TestLagrangeRow_ClearsPrices(t *testing.T) {
	feasible := false
	for seed := uint64(1); seed <= 4; seed++ {
		p := randomProblem(seed, 28, 6, 3)
		m := compile(p)
		s := newSearcher(m, nil, seed, 1000)
		for e := 0; e < m.E; e++ {
			s.lamS[0] = 1 // a stale price from elsewhere is dropped too
			s.lagrangeRow(e)
			for k, l := range s.lamS {
				if l != 0 {
					t.Fatalf("seed %d row %d: multiplier of type %d left at %d", seed, e, k, l)
				}
			}
			if s.relax || s.lamU != 0 || s.lamW != 0 {
				t.Fatalf("seed %d row %d: relaxation left on (%v, %d, %d)", seed, e, s.relax, s.lamU, s.lamW)
			}
			feasible = feasible || s.st.rowH[e] == 0
		}
	}
	if !feasible {
		t.Fatal("no row came out feasible; the test exercises nothing")
	}
}

// TestRowDPAt_BandTakesWholeRow: some row re-optimisations aimed at a day
// short of cover (bandAimPermille of them) take the whole row in band
// mode, so they may change days of that row far from the short day —
// beyond any week's window around it — while each changes one row only.
func TestRowDPAt_BandTakesWholeRow(t *testing.T) {
	s := longConstructed()
	target := shortDay(t, s)
	m := s.m
	far := 0
	for try := 0; try < 2000; try++ {
		x0, _ := tryMove(s, func() bool {
			s.rowDPAt(s.rng.IntN(m.E), target)
			return true
		})
		rows := map[int]bool{}
		for i := range x0 {
			if x0[i] != s.st.x[i] {
				rows[i/m.D] = true
				if d := i % m.D; d < target-dpMaxWindow || d > target+dpMaxWindow {
					far++
				}
			}
		}
		if len(rows) > 1 {
			t.Fatalf("a row re-optimisation aimed at day %d changed %d rows", target, len(rows))
		}
		s.st.undo()
	}
	if far == 0 {
		t.Errorf("no row re-optimisation aimed at day %d changed a day more than %d days from it", target, dpMaxWindow)
	}
	t.Logf("%d cells changed more than %d days from day %d", far, dpMaxWindow, target)
}

// pricingProblem is randomProblem without RowRules (which pricing leaves
// to setCell), and on even seeds with requests only: most cells then
// cost nothing (costAny).
func pricingProblem(seed uint64) *Problem {
	p := randomProblem(seed, 21, 7, 3)
	p.Rules = nil
	if seed%2 == 0 {
		p.Reference = nil
	}
	return p
}

// TestPriceCell_MatchesSetCell prices every value of every free cell
// without changing the state and compares each price with the change
// setCell and settle make (hard weighted, soft without the cover,
// shaping), along random move sequences on problems without RowRules
// (priceCell leaves them to setCell).
func TestPriceCell_MatchesSetCell(t *testing.T) {
	const hw = 1000
	for seed := uint64(1); seed <= 4; seed++ {
		m := compile(pricingProblem(seed))
		if m.wkShape == 0 {
			t.Fatalf("seed %d: the weekend shaping is off", seed)
		}
		s := newSearcher(m, nil, seed, hw)
		st := s.st
		out := make([]int64, m.V)
		priced := 0
		for step := 0; step < 30; step++ {
			for k := 0; k < 20; k++ {
				s.moveChange()
				s.moveSwapBlock()
			}
			st.settle()
			st.journal = st.journal[:0]
			for i := range st.x {
				if m.fixed[i] {
					continue
				}
				e, d := i/m.D, i%m.D
				vals := m.choices[i]
				x0 := append([]int(nil), st.x...)
				st.priceCell(e, d, vals, hw, out[:len(vals)])
				for k, v := range vals {
					h0, s0, c0, z0 := st.hard, st.soft, st.cover.Cost(), st.shape
					st.setCell(e, d, v)
					st.settle()
					want := (st.hard-h0)*hw + (st.soft - s0) - (st.cover.Cost() - c0) + (st.shape - z0)
					st.undo()
					if out[k] != want {
						t.Fatalf("seed %d step %d cell (%d, %d) from %d to %d: priced %d, setCell changes %d",
							seed, step, e, d, x0[i], v, out[k], want)
					}
					priced++
				}
				for j := range x0 {
					if st.x[j] != x0[j] {
						t.Fatalf("seed %d step %d: pricing cell (%d, %d) changed cell %d", seed, step, e, d, j)
					}
				}
			}
		}
		if priced == 0 {
			t.Fatalf("seed %d: nothing priced", seed)
		}
	}
}

// TestDayArcs_CheapestPerClassAndMinutes: for random cell costs, each arc
// stands for the values leading to its class and minutes (n of them, all
// finite ones counted once), holds the cheapest (the first on ties) with
// a forbidden succession priced, and the arcs come in the order of their
// first value.
func TestDayArcs_CheapestPerClassAndMinutes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	merged := 0
	for seed := uint64(1); seed <= 4; seed++ {
		m := compile(randomProblem(seed, 14, 4, 6))
		s := newSearcher(m, nil, seed, 1000)
		cd := make([]int64, m.V)
		for trial := 0; trial < 200; trial++ {
			for v := range cd {
				cd[v] = int64(rng.IntN(4))
				if rng.IntN(5) == 0 {
					cd[v] = dpInf
				}
			}
			d := 1 + rng.IntN(m.D-1)
			pc := rng.IntN(m.C)
			pws := pc != 0
			fb := m.classForb(d-1, pc)
			arcs := s.dayArcs(nil, cd, d, pc, pws, fb, false)
			n, firstSeen := 0, -1
			for j, a := range arcs {
				n += int(a.n)
				if a.n > 1 {
					merged++
				}
				first := -1
				for v := 0; v < m.S; v++ {
					c := cd[v+1]
					if c >= dpInf || int32(m.cls[v+1]) != a.nc || int32(m.su[v]) != a.su {
						continue
					}
					if first < 0 {
						first = v
					}
					if pws && (fb != nil && fb[v] || fb == nil && m.forbidden(d-1, pc-1, v)) {
						c += s.hw
					}
					if c < a.c || c == a.c && int32(v) < a.v {
						t.Fatalf("seed %d trial %d arc %d: value %d costs %d, the arc holds %d at %d", seed, trial, j, v, c, a.v, a.c)
					}
				}
				if first <= firstSeen {
					t.Fatalf("seed %d trial %d: arc %d's first value %d not after %d", seed, trial, j, first, firstSeen)
				}
				firstSeen = first
			}
			finite := 0
			for v := 0; v < m.S; v++ {
				if cd[v+1] < dpInf {
					finite++
				}
			}
			if n != finite {
				t.Fatalf("seed %d trial %d: arcs stand for %d values, %d are finite", seed, trial, n, finite)
			}
		}
	}
	if merged == 0 {
		t.Fatal("no arc stood for more than one value")
	}
	t.Logf("%d arcs stood for more than one value", merged)
}

// TestRowDP_LiftedMatchesCleared: with separable cover the row programme
// prices its window with each cell lifted out of the cover only while its
// own day is priced, instead of clearing the window first; both must
// choose the same values, in plain windows and in band mode, with a
// pinned shift in some windows.
func TestRowDP_LiftedMatchesCleared(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		s := constructed(randomProblem(seed, 28, 8, 4), seed, 2)
		m := s.m
		sep := m.sep
		if sep == nil {
			t.Fatal("the random problem's cover is not separable")
		}
		changed := 0
		for trial := 0; trial < 300; trial++ {
			e := s.rng.IntN(m.E)
			if trial%7 == 0 {
				e = 0 // the employee with a pinned shift
			}
			a := s.rng.IntN(m.D)
			b := min(m.D-1, a+s.rng.IntN(10))
			band := trial%3 == 0
			run := func() []int {
				if band {
					s.bandU, s.bandK = 2, 1
					defer func() { s.bandU, s.bandK = 0, 0 }()
				}
				s.rowDP(e, a, b)
				s.st.settle()
				row := append([]int(nil), s.st.x[e*m.D:(e+1)*m.D]...)
				s.st.undo()
				return row
			}
			before := append([]int(nil), s.st.x[e*m.D:(e+1)*m.D]...)
			lifted := run()
			m.sep = nil
			cleared := run()
			m.sep = sep
			if !slices.Equal(lifted, before) {
				changed++
			}
			for d := range lifted {
				if lifted[d] != cleared[d] {
					t.Fatalf("seed %d trial %d (employee %d, days %d–%d, band %v): day %d lifted %d, cleared %d",
						seed, trial, e, a, b, band, d, lifted[d], cleared[d])
				}
			}
		}
		// Equal rows prove nothing where the programme keeps every row.
		if changed == 0 {
			t.Fatalf("seed %d: no window changed its row", seed)
		}
		t.Logf("seed %d: %d of 300 windows changed their row", seed, changed)
	}
}

// TestRowDP_BoundKeepsBest: the row programme drops the states that cannot
// end below the old row's cost (rowDP's bounds); on random rosters, windows,
// band and chain modes it must set the same row as the programme that
// keeps every state, and it must have dropped some.
func TestRowDP_BoundKeepsBest(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		s := constructed(randomProblem(seed, 28, 8, 4), seed, 2)
		m := s.m
		changed := 0
		var workB, workF int64
		for trial := 0; trial < 300; trial++ {
			if trial%2 == 1 {
				// leave the constructed roster: random changes, some
				// breaking hard rules
				for k := 0; k < 4; k++ {
					s.moveChange()
				}
				s.st.journal = s.st.journal[:0]
			}
			e := s.rng.IntN(m.E)
			a := s.rng.IntN(m.D)
			b := min(m.D-1, a+s.rng.IntN(14))
			band, chain := trial%5 == 0, trial%5 == 1
			var tot [2]int64
			run := func(noBound bool) ([]int, int64) {
				if band {
					s.bandU, s.bandK = 2, 1
					defer func() { s.bandU, s.bandK = 0, 0 }()
				}
				s.dpNoBound, s.chain = noBound, chain
				w0 := s.dpWork
				s.rowDP(e, a, b)
				s.dpNoBound, s.chain = false, false
				s.st.settle()
				row := append([]int(nil), s.st.x[e*m.D:(e+1)*m.D]...)
				tot[b2i(noBound)] = s.total()
				s.st.undo()
				return row, s.dpWork - w0
			}
			before := append([]int(nil), s.st.x[e*m.D:(e+1)*m.D]...)
			bounded, wb := run(false)
			full, wf := run(true)
			if !slices.Equal(bounded, before) {
				changed++
			}
			if !slices.Equal(bounded, full) {
				t.Fatalf("seed %d trial %d (employee %d, days %d–%d, band %v, chain %v): bounded row %v, full %v, totals %v",
					seed, trial, e, a, b, band, chain, bounded, full, tot)
			}
			// (the bounded one's first pass, over the old row, adds at
			// most one transition per day)
			if wb > wf+int64(b-a+1) {
				t.Fatalf("seed %d trial %d: the bounded programme made %d transitions, the full one %d", seed, trial, wb, wf)
			}
			workB, workF = workB+wb, workF+wf
		}
		if changed == 0 {
			t.Fatalf("seed %d: no window changed its row", seed)
		}
		if workB >= workF {
			t.Fatalf("seed %d: the bounds dropped nothing (%d transitions, %d without them)", seed, workB, workF)
		}
		t.Logf("seed %d: %d of 300 windows changed their row; %d transitions, %d without the bounds", seed, changed, workB, workF)
	}
}

// TestPricedMoves_MatchMade: a priced single-cell change or day swap
// prices what making it changes of the annealing objective, changes no
// cell while pricing, and leaves the change to make in pend.
func TestPricedMoves_MatchMade(t *testing.T) {
	const hw = 1000
	for seed := uint64(1); seed <= 4; seed++ {
		m := compile(pricingProblem(seed))
		s := newSearcher(m, nil, seed, hw)
		if !s.priced {
			t.Fatalf("seed %d: separable cover without RowRules is not priced", seed)
		}
		st := s.st
		priced := [2]int{}
		for step := 0; step < 6000; step++ {
			s.moveChange()
			s.moveSwapBlock()
			st.settle()
			st.journal = st.journal[:0]
			x0 := append([]int(nil), st.x...)
			kind := step % 2
			var delta int64
			var ok bool
			if kind == 0 {
				delta, ok = s.priceChange()
			} else {
				delta, ok = s.priceSwapDay()
			}
			if !ok {
				continue
			}
			for j := range x0 {
				if st.x[j] != x0[j] {
					t.Fatalf("seed %d step %d: pricing changed cell %d", seed, step, j)
				}
			}
			before, cover0 := s.total(), st.cover.Cost()
			s.applyPending()
			st.settle()
			if got := s.total() - before; got != delta {
				t.Fatalf("seed %d step %d kind %d %v: priced %d, making it changes %d", seed, step, kind, s.pend, delta, got)
			}
			if kind == 1 && st.cover.Cost() != cover0 {
				t.Fatalf("seed %d step %d: a day swap changed the cover", seed, step)
			}
			priced[kind]++
		}
		if priced[0] < 500 || priced[1] < 500 {
			t.Fatalf("seed %d: priced %v changes and swaps, want at least 500 each", seed, priced)
		}
	}
}

// TestAnneal_PricedSameAsMade: the search with priced moves takes the same
// decisions, and so ends at the same roster, as with every move made and
// undone.
func TestAnneal_PricedSameAsMade(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		p := randomProblem(seed, 28, 8, 3)
		p.Rules = nil
		m := compile(p)
		var stop atomic.Bool
		var rosters [2][]int
		var scores [2][2]int64
		for k, priced := range []bool{true, false} {
			s := newSearcher(m, nil, seed, 1000)
			s.priced = priced
			s.anneal(200000, time.Time{}, time.Time{}, 20, 0.5, &stop)
			rosters[k] = append([]int(nil), s.st.x...)
			scores[k] = [2]int64{s.st.hard, s.st.soft}
		}
		if scores[0] != scores[1] {
			t.Fatalf("seed %d: priced ends at %v, made at %v", seed, scores[0], scores[1])
		}
		for i := range rosters[0] {
			if rosters[0][i] != rosters[1][i] {
				t.Fatalf("seed %d: the rosters differ at cell %d", seed, i)
			}
		}
	}
}

// TestTwoWindows_KeepsTheDaysBetween: the paired programme changes only its
// row, only in its two windows, keeps the row's minutes and weekends
// worked within the band,
// and moves work between the windows (some runs change both).
func TestTwoWindows_KeepsTheDaysBetween(t *testing.T) {
	s := longConstructed()
	m := s.m
	const w = 7
	both := 0
	for try := 0; try < 1500; try++ {
		e := s.rng.IntN(m.E)
		a := s.rng.IntN(m.D - w + 1)
		c := s.otherWindow(a, w)
		if c < 0 {
			t.Fatal("no room for a second window in 140 days")
		}
		if c < a+w && a < c+w {
			t.Fatalf("windows at %d and %d overlap", a, c)
		}
		mins0, nwk0 := s.st.mins[e], s.st.nwk[e]
		x0, _ := tryMove(s, func() bool { s.twoWindows(e, a, c, w); return true })
		inA, inC := false, false
		for i := range x0 {
			if x0[i] == s.st.x[i] {
				continue
			}
			d := i % m.D
			switch {
			case i/m.D != e:
				t.Fatalf("try %d: row %d changed, programme on row %d", try, i/m.D, e)
			case d >= a && d < a+w:
				inA = true
			case d >= c && d < c+w:
				inC = true
			default:
				t.Fatalf("try %d: day %d changed, windows at %d and %d", try, d, a, c)
			}
		}
		band := bandAimShifts * m.maxSu * m.g
		if diff := s.st.mins[e] - mins0; diff > band || -diff > band {
			t.Fatalf("try %d: minutes moved by %d, band %d", try, diff, band)
		}
		if diff := s.st.nwk[e] - nwk0; diff > bandWeeks || -diff > bandWeeks {
			t.Fatalf("try %d: weekends worked moved by %d, band %d", try, diff, bandWeeks)
		}
		if inA && inC {
			both++
		}
		s.st.undo()
	}
	if both == 0 {
		t.Error("no paired programme changed both its windows")
	}
	t.Logf("%d of 1500 changed both windows", both)
}

// TestTwoWindows_CountsFrozenShiftsOnce: a row one shift below its maximum
// of a type may take one more of it in a free window while the days
// between hold some of that type: they count once towards the maximum.
func TestTwoWindows_CountsFrozenShiftsOnce(t *testing.T) {
	s := longConstructed()
	m := s.m
	st := s.st
	const w = 7
	for e := 0; e < m.E; e++ {
		row := st.x[e*m.D : (e+1)*m.D]
		for mid := 3 * w; mid < m.D-3*w; mid++ {
			v := row[mid]
			if v < 0 || m.emp[e].maxS[v] >= 0 && st.cnt[e*m.S+v] > m.emp[e].maxS[v] {
				continue
			}
			// windows a (before mid) and c (after it); day d of a
			// gets a large reward for v
			a, c := mid-2*w, mid+w
			d := -1
			for dd := a; dd < a+w && d < 0; dd++ {
				if i := e*m.D + dd; row[dd] == Off && !m.fixed[i] && m.mask[i*m.V+v+1] {
					d = dd
				}
			}
			if d < 0 {
				continue
			}
			i := e*m.D + d
			m.emp[e].maxS[v] = st.cnt[e*m.S+v] + 1
			m.cost[i*m.V+v+1] = -1_000_000
			m.costAny[i] = true
			x0, _ := tryMove(s, func() bool { s.twoWindows(e, a, c, w); return true })
			if st.x[i] != v {
				t.Fatalf("row %d, %d shifts of type %d with room for one more: day %d got %d, not %d (days between hold %d of them)",
					e, st.cnt[e*m.S+v], v, d, st.x[i], v, x0[mid])
			}
			return
		}
	}
	t.Fatal("no row and day fit the test")
}

// TestMoveRowChain_HandsOverGivenUpDay: four days, one shift wanted once a
// day. A may work two shifts and works days 0 and 1, both requested (10
// each); B has room but day 3 off and works day 2. Day 3 is short and only
// A can take it, giving up a requested day, which B then takes: the cover
// is complete at the cost of one request (−100 + 10). A row programme
// alone keeps A as it is (taking day 3 leaves day 0 or 1 short and loses a
// request), so does a day re-assignment of day 3.
func TestMoveRowChain_HandsOverGivenUpDay(t *testing.T) {
	p := &Problem{Days: 4, Shifts: []Shift{{ID: "D", Minutes: 480}},
		Employees: []Employee{
			{ID: "A", MaxMinutes: 2 * 480, MaxConsecutive: NoLimit},
			{ID: "B", MaxMinutes: 4 * 480, MaxConsecutive: NoLimit, DaysOff: []int{3}},
		},
		Requests: []Request{{Employee: 0, Day: 0, Shift: 0, On: true, Weight: 10}, {Employee: 0, Day: 1, Shift: 0, On: true, Weight: 10}},
	}
	p.Coverage = oneShiftCover(4, 1)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	m := compile(p)
	x := roster(p, []int{0, 1}, []int{2})
	s := newSearcher(m, x, 1, 1000)
	if s.st.hard != 0 || s.st.soft != 100 {
		t.Fatalf("start: hard %d soft %d, want 0 and 100 (day 3 short)", s.st.hard, s.st.soft)
	}
	s.rowDP(0, 0, 3)
	s.dayFlow(3)
	s.st.settle()
	if s.st.soft != 100 {
		t.Fatalf("row programme and day re-assignment alone: soft %d, want 100 unchanged", s.st.soft)
	}
	s.findShort()
	if !slices.Equal(s.short, []int{3}) {
		t.Fatalf("short days %v, want [3]", s.short)
	}
	for try := 0; try < 100 && s.st.soft == 100; try++ {
		s.st.journal = s.st.journal[:0]
		if !s.moveRowChain() {
			continue
		}
		s.st.settle()
		checkState(t, s.st, try)
		if s.st.soft != 100 {
			break
		}
		s.st.undo() // B was drawn: nothing to give up
	}
	if s.st.hard != 0 || s.st.soft != 10 {
		t.Fatalf("after the chain: hard %d soft %d, want 0 and 10 (all days covered, one request lost); roster %v", s.st.hard, s.st.soft, s.st.x)
	}
	if s.st.x[3] != 0 || s.st.x[4+3] != Off {
		t.Fatalf("roster %v: A should work day 3 and B not", s.st.x)
	}
}

// TestDrawWantSwap: the listed cells are exactly the free cells whose one
// cheapest value is a shift; the aimed day swap pairs an employee who does
// not have that shift with a colleague who works it that day and may take
// the employee's value; and the day swaps the search draws give an
// employee their wanted shift more often than plain random swaps do.
func TestDrawWantSwap(t *testing.T) {
	drawn, mixed, plain := 0, 0, 0
	for seed := uint64(1); seed <= 8; seed++ {
		p := randomProblem(seed, 14, 6, 3)
		m := compile(p)
		listed := map[int]int{}
		for j, i := range m.wantCell {
			listed[int(i)] = int(m.wantVal[j])
		}
		for i, ch := range m.choices {
			// The cheapest allowed values of cell i, by the costs alone.
			var cheapest []int
			for _, v := range ch {
				c := m.cost[i*m.V+v+1]
				switch {
				case len(cheapest) == 0 || c < m.cost[i*m.V+cheapest[0]+1]:
					cheapest = []int{v}
				case c == m.cost[i*m.V+cheapest[0]+1]:
					cheapest = append(cheapest, v)
				}
			}
			want := !m.fixed[i] && len(cheapest) == 1 && cheapest[0] != Off
			v, ok := listed[i]
			if ok != want || (ok && v != cheapest[0]) {
				t.Fatalf("seed %d, cell %d (cheapest %v, fixed %v): listed %v with shift %d", seed, i, cheapest, m.fixed[i], ok, v)
			}
		}
		if len(listed) == 0 {
			t.Fatalf("seed %d: no cell listed", seed)
		}
		// A random roster of allowed values.
		rng := rand.New(rand.NewPCG(seed, 9))
		x0 := make([]int, m.E*m.D)
		for i := range x0 {
			x0[i] = m.choices[i][rng.IntN(len(m.choices[i]))]
		}
		s := newSearcher(m, x0, seed, 1000)
		// The search's day swaps, aimed in part, against plain ones on
		// the same roster: the draws that hand an employee their wanted
		// shift.
		served := func(draw func() (int, int, int, bool)) (n int) {
			for try := 0; try < 1000; try++ {
				d, e1, e2, ok := draw()
				if w, listed := m.wanted(e1*m.D + d); ok && listed && x0[e2*m.D+d] == w && x0[e1*m.D+d] != w {
					n++
				}
			}
			return n
		}
		mixed += served(s.drawSwapDay)
		plain += served(s.drawPlainSwap)
		for try := 0; try < 500; try++ {
			d, e1, e2, ok := s.drawWantSwap()
			if !ok {
				continue
			}
			drawn++
			i1, i2 := e1*m.D+d, e2*m.D+d
			want, ok := m.wanted(i1)
			x := s.st.x
			switch {
			case !ok || e1 == e2:
				t.Fatalf("seed %d: drew employees %d and %d, cell %d", seed, e1, e2, i1)
			case x[i1] == want || x[i2] != want:
				t.Fatalf("seed %d: employee %d has %d and wants %d; colleague %d has %d", seed, e1, x[i1], want, e2, x[i2])
			case !m.canTake(i2, x[i1]) || !m.canTake(i1, want):
				t.Fatalf("seed %d: the swap of cells %d and %d takes a value a cell may not take", seed, i1, i2)
			}
		}
	}
	if drawn < 100 {
		t.Fatalf("only %d aimed swaps drawn", drawn)
	}
	// The search's 8 000 swap draws hold about wantPct % aimed ones,
	// which succeed as often as the 4 000 aimed draws above did, and
	// plain ones for the rest: they must reach at least half of that.
	expect := (drawn*2*wantPct + plain*(100-wantPct)) / 100
	if mixed < expect/2 {
		t.Fatalf("day swaps hand an employee their wanted shift in %d draws; %d expected of %d %% aimed", mixed, expect, wantPct)
	}
}

// TestMoveSwapWeekends: the move changes two rows on days within two days
// of a weekend only, each changed cell taking the other row's value that
// day, so the shifts per day stay as they were; aimed draws pair an
// employee missing a wanted weekend shift with a colleague who works it,
// and a weekend the employee works with one the colleague does not; and
// the move's draws, aimed in part, hand employees their wanted weekend
// shifts more often than plain draws do.
func TestMoveSwapWeekends(t *testing.T) {
	moved, aimed, mixed, plain := 0, 0, 0, 0
	for seed := uint64(1); seed <= 4; seed++ {
		p := randomProblem(seed, 28, 8, 3)
		p.Reference = nil // requests only: few cells are wanted
		for e := range p.Employees {
			p.Employees[e].MaxWeekends = 3 // of 4: two employees often share a weekend
		}
		s := constructed(p, seed, 2)
		m := s.m
		if !s.wkSwap {
			t.Fatalf("seed %d: weekend swaps off with limited weekends", seed)
		}
		// wantOn reports whether e1 misses a wanted shift on a day of
		// weekend w that e2 works.
		wantOn := func(e1, e2, w int) bool {
			x := s.st.x
			for d := m.p.Weekends[w][0]; d <= m.p.Weekends[w][1]; d++ {
				if v, ok := m.wanted(e1*m.D + d); ok && x[e1*m.D+d] != v && x[e2*m.D+d] == v {
					return true
				}
			}
			return false
		}
		served := func(draw func() (int, int, int, int, bool)) (n int) {
			for try := 0; try < 1000; try++ {
				if e1, e2, w1, _, ok := draw(); ok && wantOn(e1, e2, w1) {
					n++
				}
			}
			return n
		}
		mixed += served(s.drawWeekendSwap)
		plain += served(s.drawPlainWeekends)
		for try := 0; try < 1000; try++ {
			e1, e2, w1, w2, ok := s.drawWantWeekends()
			if !ok {
				continue
			}
			aimed++
			switch {
			case e1 == e2 || w1 == w2:
				t.Fatalf("seed %d: drew employees %d, %d and weekends %d, %d", seed, e1, e2, w1, w2)
			case !wantOn(e1, e2, w1):
				t.Fatalf("seed %d: employee %d misses no wanted shift colleague %d works on weekend %d", seed, e1, e2, w1)
			case s.st.wk[e1*m.W+w2] == 0 || s.st.wk[e2*m.W+w2] > 0:
				t.Fatalf("seed %d: weekend %d: employee %d works %d days, colleague %d %d", seed, w2, e1, s.st.wk[e1*m.W+w2], e2, s.st.wk[e2*m.W+w2])
			}
		}
		// inTwo reports whether every day of days lies in two weekends
		// stretched by two days on either side.
		inTwo := func(days []int) bool {
			in := func(d, w int) bool { return d >= m.p.Weekends[w][0]-2 && d <= m.p.Weekends[w][1]+2 }
			for w1 := range m.p.Weekends {
				for w2 := w1 + 1; w2 < m.W; w2++ {
					all := true
					for _, d := range days {
						all = all && (in(d, w1) || in(d, w2))
					}
					if all {
						return true
					}
				}
			}
			return false
		}
		for try := 0; try < 2000; try++ {
			dn0 := slices.Clone(s.st.dn)
			x0, ok := tryMove(s, s.moveSwapWeekends)
			if !ok {
				continue
			}
			moved++
			rows := map[int]bool{}
			for i := range x0 {
				if x0[i] != s.st.x[i] {
					rows[i/m.D] = true
				}
			}
			if len(rows) != 2 {
				t.Fatalf("seed %d, try %d: %d rows changed", seed, try, len(rows))
			}
			var two []int
			for e := range rows {
				two = append(two, e)
			}
			e1, e2 := two[0], two[1]
			var days []int
			for d := 0; d < m.D; d++ {
				i1, i2 := e1*m.D+d, e2*m.D+d
				if x0[i1] == s.st.x[i1] && x0[i2] == s.st.x[i2] {
					continue
				}
				if s.st.x[i1] != x0[i2] || s.st.x[i2] != x0[i1] {
					t.Fatalf("seed %d, try %d: day %d of rows %d and %d is not an exchange", seed, try, d, e1, e2)
				}
				days = append(days, d)
			}
			if !inTwo(days) {
				t.Fatalf("seed %d, try %d: changed days %v are not within two weekends stretched by two days", seed, try, days)
			}
			if fmt.Sprint(dn0) != fmt.Sprint(s.st.dn) {
				t.Fatalf("seed %d, try %d: the shifts per day changed", seed, try)
			}
			checkState(t, s.st, try)
			if try%2 == 0 {
				s.st.undo()
			}
			s.st.journal = s.st.journal[:0]
		}
	}
	// Deterministic for these problems and seeds: 872 of the 8 000 moves
	// change the roster and 232 of the 4 000 aimed draws succeed. Well
	// under half of either means swaps or draws are refused that could
	// be made.
	if moved < 400 || aimed < 100 {
		t.Fatalf("%d weekend swaps made in 8 000 tries and %d aimed draws in 4 000; about 872 and 232 expected", moved, aimed)
	}
	// The 4 000 mixed draws hold about wkAimPct % aimed ones, which
	// succeed as often as the 4 000 aimed draws above did, and plain ones
	// for the rest: they must reach at least half of that.
	expect := (aimed*wkAimPct + plain*(100-wkAimPct)) / 100
	t.Logf("%d swaps made; draws handing a wanted shift: %d aimed, %d mixed, %d plain", moved, aimed, mixed, plain)
	if mixed < expect/2 || mixed <= plain {
		t.Fatalf("weekend swaps hand an employee a wanted shift in %d draws (plain draws %d); %d expected of %d %% aimed", mixed, plain, expect, wkAimPct)
	}
}

// TestMoveRuinDP_Aimed: an aimed ruin draws the employee of a shift-on
// request they miss and only colleagues who work the requested shift that
// day; and where the request can only be met by an exchange of two rows,
// the aimed ruin makes it every time, a ruin of rows drawn at random
// seldom.
func TestMoveRuinDP_Aimed(t *testing.T) {
	drawn := 0
	for seed := uint64(1); seed <= 6; seed++ {
		p := randomProblem(seed, 14, 8, 3)
		m := compile(p)
		// A random roster of allowed values.
		rng := rand.New(rand.NewPCG(seed, 9))
		x0 := make([]int, m.E*m.D)
		for i := range x0 {
			x0[i] = m.choices[i][rng.IntN(len(m.choices[i]))]
		}
		s := newSearcher(m, x0, seed, 1000)
		if s.ruinAim {
			t.Fatalf("seed %d: ruins aimed with %d shift types", seed, m.S)
		}
		var es [5]int
		for try := 0; try < 500; try++ {
			d, n := s.drawRuinAim(es[:])
			if d < 0 {
				continue
			}
			drawn++
			want, ok := m.wanted(es[0]*m.D + d)
			x := s.st.x
			if !ok || x[es[0]*m.D+d] == want || n < 2 || n > len(es) {
				t.Fatalf("seed %d: drew employee %d on day %d (wants %d, has %d) and %d rows", seed, es[0], d, want, x[es[0]*m.D+d], n)
			}
			for j, e := range es[1:n] {
				if x[e*m.D+d] != want || slices.Contains(es[:j+1], e) {
					t.Fatalf("seed %d: colleague %d of %v has %d on day %d, want %d", seed, e, es[:n], x[e*m.D+d], d, want)
				}
			}
		}
	}
	// 1 642 of the 3 000 draws find a colleague on these problems; fail
	// under about half.
	if drawn < 800 {
		t.Fatalf("only %d aimed draws of 3 000", drawn)
	}

	// Day 0 needs one early (E) and one late (L). A works the late and
	// asks for the early (5), B works the early; the other 18 employees
	// are off on both days. A alone cannot take the early without leaving
	// the late uncovered (100): only A and B rebuilt together, A first,
	// meet the request.
	p := &Problem{Days: 2, Shifts: []Shift{{ID: "E", Minutes: 480}, {ID: "L", Minutes: 480}},
		Requests: []Request{{Employee: 0, Day: 0, Shift: 0, On: true, Weight: 5}}}
	for e := 0; e < 20; e++ {
		em := Employee{ID: fmt.Sprint(e), MaxMinutes: NoLimit, MaxConsecutive: NoLimit, MaxWeekends: NoLimit}
		if e >= 2 {
			em.DaysOff = []int{0, 1}
		}
		p.Employees = append(p.Employees, em)
	}
	p.Coverage = &DayCover{Req: [][]int64{{1, 1}, {0, 0}}, Under: [][]int64{{100, 100}, {100, 100}}, Over: [][]int64{{1, 1}, {1, 1}}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	m := compile(p)
	x := make([]int, m.E*m.D)
	for i := range x {
		x[i] = Off
	}
	x[0*m.D], x[1*m.D] = 1, 0
	met := func(aim bool) (n int) {
		s := newSearcher(m, x, 1, 1000)
		s.ruinAim = aim
		for try := 0; try < 200; try++ {
			if _, ok := tryMove(s, s.moveRuinDP); !ok {
				continue
			}
			if s.st.x[0] == 0 {
				n++
				if s.st.soft != 0 {
					t.Fatalf("request met at score %d, want 0 (B on the late)", s.st.soft)
				}
			}
			s.st.undo()
			s.st.journal = s.st.journal[:0]
		}
		return n
	}
	aimed, plain := met(true), met(false)
	// Aimed, every move. At random, A and B are both among the 2–5 rows
	// drawn of 20 in 2.6 % of the moves, and A is rebuilt first in half
	// of those: about 3 of 200 (2 here); fail over 20.
	if aimed != 200 || plain > 20 {
		t.Fatalf("the request met by %d of 200 aimed ruins and %d of 200 plain ones", aimed, plain)
	}
}

// TestRuinStart: an aimed ruin's window always holds its day and lies in
// the horizon, and every such start is drawn; a plain one may start
// anywhere the window fits.
func TestRuinStart(t *testing.T) {
	m := compile(randomProblem(1, 21, 3, 2))
	s := newSearcher(m, nil, 1, 1000)
	for _, w := range []int{1, 5, 21} {
		for day := -1; day < m.D; day++ {
			seen := map[int]bool{}
			for try := 0; try < 400; try++ {
				a := s.ruinStart(w, day)
				if a < 0 || a+w > m.D || (day >= 0 && (day < a || day >= a+w)) {
					t.Fatalf("window of %d days for day %d starts on %d", w, day, a)
				}
				seen[a] = true
			}
			// Starts that fit, counted one by one: the window lies in
			// the horizon and holds the day.
			want := 0
			for a := 0; a+w <= m.D; a++ {
				if day < 0 || (a <= day && day < a+w) {
					want++
				}
			}
			if len(seen) != want {
				t.Fatalf("window of %d days for day %d: %d starts drawn, %d fit", w, day, len(seen), want)
			}
		}
	}
}
