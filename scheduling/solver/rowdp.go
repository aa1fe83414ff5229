package solver

import "math"

// Row re-optimisation: the best values for days a … b of one employee's
// row, every other cell of the roster fixed, by dynamic programming over
// states (value of the day, length of the current work or rest stretch,
// minutes worked in the window, weekends started in the window). This is
// the pricing problem of column-generation approaches to nurse rostering
// (e.g. Strandmark, Qu, Curtois, Computers & Operations Research 120,
// 2020) restricted to a window; the per-type maximums and RowRules are
// not in the state, so the state's score of the applied move decides.

// dpNode is a reachable state, decoded.
type dpNode struct {
	i          int32
	v, r, u, k int16
}

type rowDP struct {
	cost, next []int64
	act, nact  []dpNode // reachable states of the current and next day
	back       []int32
	bv         []int16 // value chosen on the way into each state
	cell       []int64
	wkNew      []bool // working the day starts a weekend not yet worked
	first      []bool // shifts that may not follow the window's starting value
	vals, old  []int
	du, dk     []int // band mode (rowDP)
	kOff       []int
	cntOut     []int     // the row's shifts per type outside the window
	wkOut      []int8    // and its days worked per weekend
	arcs       [][]dpArc // arcs[key]: the current day's work transitions (dayArcs)
	arcAt      []int     // arcAt[key]: 1 + the day arcs[key] was built for, 0 for none
	arcN       []int64   // arcN[key]: the values arcs[key] stands for
	lb         []int64   // the bounds of rowDP's states by day, class and stretch
	lbArcs     []dpArc   // the work transitions they priced (lbAt)
	cellOld    []int64   // the cells with the old row's values only

	// lbAt[2(j·C+pc)] … lbAt[2(j·C+pc)+1] is where lbArcs holds the work
	// transitions of day a+j from class pc, for the programme's pass over
	// the same cells to take up again; use[key] is the current day's
	// transitions, arcs[key] or those of lbArcs.
	lbAt []int
	use  [][]dpArc
	// arcPos[nc·(maxSu+1)+su] is the index in dayArcs' out of the arc of
	// class nc and minutes su, or −1.
	arcPos []int32
}

// dpArc is one work transition of the row programme on a day from the
// states of one class: after the day a state depends on the value worked
// through its succession class and minutes only, so of the values leading
// to the same class and minutes only the cheapest counts. v is that value
// (the first on ties), c its cost (the cell's, a forbidden succession's
// and, relaxed, the multipliers'), and n the values it stands for,
// counted as transitions.
type dpArc struct {
	c            int64
	v, nc, su, n int32
}

// dayArcs appends to out the work transitions of day d from yesterday's
// class pc (worked yesterday when pws; fb, when not nil, the shifts that
// may not follow it), cell costs cd. (Their order decides nothing: rowDP
// breaks ties by state and value.) Each class and minutes has its slot in
// dp.arcPos while the arcs are built, so a value finds its arc at once.
func (s *searcher) dayArcs(out []dpArc, cd []int64, d, pc int, pws bool, fb []bool, relax bool) []dpArc {
	m := s.m
	w := int32(m.maxSu + 1)
	if len(s.dp.arcPos) < m.C*int(w) {
		s.dp.arcPos = make([]int32, m.C*int(w))
		for i := range s.dp.arcPos {
			s.dp.arcPos[i] = -1
		}
	}
	pos := s.dp.arcPos
	for j, t := range out {
		pos[t.nc*w+t.su] = int32(j)
	}
	for v := 0; v < m.S; v++ {
		c := cd[v+1]
		if c >= dpInf {
			continue
		}
		if pws {
			if fb != nil {
				if fb[v] {
					c += s.hw
				}
			} else if m.forbidden(d-1, pc-1, v) {
				c += s.hw
			}
		}
		su := int32(m.su[v])
		if relax {
			c += s.lamU*int64(su) + s.lamS[v]
			su = 0
		}
		nc := int32(m.cls[v+1])
		j := pos[nc*w+su]
		if j < 0 {
			j = int32(len(out))
			pos[nc*w+su] = j
			out = append(out, dpArc{c: c, v: int32(v), nc: nc, su: su})
		} else if c < out[j].c {
			out[j].c, out[j].v = c, int32(v)
		}
		out[j].n++
	}
	for _, t := range out {
		pos[t.nc*w+t.su] = -1
	}
	return out
}

const dpInf = int64(1) << 60

// dpStates returns the state-space sizes for a window of w days.
func (s *searcher) dpDims(e, w int) (R, U, K int) {
	m := s.m
	r := &m.emp[e]
	R = 1
	for _, c := range []int{r.maxC + 1, r.minC, r.minOff} {
		if c > R {
			R = c
		}
	}
	U = w*m.maxSu + 1
	if r.maxM >= 0 {
		U = min(U, r.maxM/m.g+2)
	}
	K = w/7 + 2
	if r.maxW >= 0 && r.maxW+2 < K {
		K = r.maxW + 2
	}
	return R, U, K
}

// dpWindow picks the window length for employee e so that one solve costs
// about budget state transitions. The state space of dpDims is an upper
// bound; the share of it actually reached (dpFill, measured as the search
// runs) scales the estimate.
func (s *searcher) dpWindow(e int, budget int) int {
	m := s.m
	w := m.D
	if m.D > longHorizon {
		w = min(w, dpMaxWindow)
	}
	fill := s.dpFill
	if fill <= 0 {
		fill = 1
	}
	for w > 4 {
		R, U, K := s.dpDims(e, w)
		if float64(w*m.C*R*U*K*m.V)*fill <= float64(budget) {
			break
		}
		w = w * 3 / 4
	}
	return w
}

// noteFill updates dpFill after a programme over w days of row e that
// made work transitions.
func (s *searcher) noteFill(e, w int, work int64) {
	R, U, K := s.dpDims(e, w)
	f := float64(work) / float64(w*s.m.C*R*U*K*s.m.V)
	if s.dpFill <= 0 {
		s.dpFill = f
		return
	}
	s.dpFill = 0.95*s.dpFill + 0.05*f
}

// dpShare is the ratio of time spent in row re-optimisation to time spent
// in plain moves, counting a plain move as 30 state transitions.
const dpShare = 1.2

// dpShareFlow replaces dpShare when coverage is separable and the day
// re-assignment runs: the row programme then earns less than the plain
// moves it displaces (measured with shiftplan bench curtois).
const dpShareFlow = 0.04

// flowShare is, roughly, the ratio of time spent in day re-assignment
// (dayflow.go) to time spent in plain moves; one re-assignment is counted
// as half a plain move per employee and value.
const flowShare = 0.1

// flowShareLong replaces flowShare on horizons longer than longHorizon,
// where the search is short of iterations and an exact day gains most.
// Measured with shiftplan solve at 60 s, instances 20–24, seeds 1 and 2:
// the mean ratio to the best known went from 1.224 and 1.211 to 1.188
// and 1.179 (instance 24 from 66 506–69 518 to 60 032–60 372); 3 was
// as good on 24 but 1.5 % worse on 22, and on 10–19 (seed 1) even 3
// instead of 0.1 was worse on 13, 15, 17 and 18.
const flowShareLong = 2.0

// weeksPctLong is the percent of the plain moves that swap weeks within a
// row (moveSwapWeeks) on horizons longer than longHorizon, taken from the
// block swaps between rows. Measured with shiftplan solve at 60 s, seed 1:
// instance 24 went from 62 769 without them to 57 711 at 10, 55 782 at 20
// and 56 592 at 25, and 20–23 came out equal or up to 2 % better. On 16–19
// (56 and 84 days, seeds 1 and 2) they were better on 17 and worse on 18,
// so shorter horizons go without.
const weeksPctLong = 20

// weeksAimPct of the week swaps start their block at a day short of cover
// (findShort, refreshed every 65 536 iterations), in the row of an
// employee off that day where one of four draws finds one; the others
// start anywhere. On a year whose demand grows towards its end the short
// days are few and late, and a block drawn anywhere seldom holds one.
// Measured with shiftplan solve at 60 s on instance 24, seeds 1, 3, 4
// and 5: 60 274, 59 887, 60 693, 59 478 drawn anywhere; 56 545, 57 985,
// 57 020, 57 185 with 90 % aimed (50 %: 57 868 at seed 1). On 20–23
// (seeds 1 and 2) 22 gained 1–1.5 % (36 157, 35 474 → 35 834, 34 938),
// 20 lost up to 2 % (5 267, 5 299 → 5 371, 5 322) and 21 and 23 stayed
// within 0.3 %.
const weeksAimPct = 90

// Aimed likewise on long horizons: shiftAimPct of the shift moves
// (moveShift) take a shift to a day short of cover, in the row of an
// employee off that day, and rowAimPct of the row re-optimisations
// (moveRowDP) take a window holding such a day in such a row. Measured
// with shiftplan solve at 60 s on instance 24, seeds 1, 3, 4 and 5, after
// the aimed week swaps (56 545, 57 985, 57 020, 57 185): aimed shift
// moves gave 56 273, 56 612, 56 460, 55 463 (at 90 %: 56 473, 57 359 on
// seeds 1 and 3), and aimed row windows on top 55 022, 55 529, 56 275,
// 55 350 (at 90 %: 56 340, 55 298). Aiming the day re-assignment too
// gained 125–300, within the noise, and was left out. On 20–23 (seeds
// 1 and 2) both together gave 5 232, 5 240 / 22 206, 22 094 / 36 503,
// 35 053 / 20 024, 20 152 against 5 371, 5 322 / 22 079, 22 068 / 35 834,
// 34 938 / 20 155, 20 166 with the aimed week swaps alone: 20 better, 22
// within its noise (35 119–35 834 over seeds 1–4 without them), 21 and 23
// within 0.6 %.
const (
	shiftAimPct = 50
	rowAimPct   = 50
)

// dpCost estimates the state transitions of one row re-optimisation.
func (s *searcher) dpCost() int {
	fill := s.dpFill
	if fill <= 0 {
		fill = 1
	}
	n := 1.0
	for e := 0; e < s.m.E; e++ {
		w := s.dpWindow(e, dpBudget)
		R, U, K := s.dpDims(e, w)
		n += float64(w*s.m.C*R*U*K*s.m.V) * fill
	}
	return int(n) / s.m.E
}

const dpBudget = 400000

// On horizons longer than longHorizon days the row programme's window is
// at most dpMaxWindow days (many short windows beat a few long ones there)
// and it keeps dpShare even with the day re-assignment (measured with
// shiftplan bench curtois, instances 20–24).
const (
	longHorizon = 120
	dpMaxWindow = 7
)

// moveRowDP re-optimises a window of one row, or aims at a day short of
// cover (rowDPAt).
func (s *searcher) moveRowDP() bool {
	m := s.m
	e := s.rng.IntN(m.E)
	w := s.dpWindow(e, dpBudget)
	a := s.rng.IntN(m.D - w + 1)
	if d, ok := s.aim(rowAimPct); ok {
		s.rowDPAt(e, d)
		return true
	}
	s.rowDP(e, a, a+w-1)
	return true
}

// rowDPAt re-optimises, in the row of an employee off on day d (offOn
// from e), a window holding d or, bandAimPermille of the time, the whole
// row in band mode.
func (s *searcher) rowDPAt(e, d int) {
	e = s.offOn(e, d)
	if s.rng.IntN(1000) < bandAimPermille {
		s.bandRow(e, bandAimShifts)
		return
	}
	w := s.dpWindow(e, dpBudget)
	a := s.startHolding(d, w)
	if s.m.sep != nil && s.rng.IntN(1000) < pairAimPermille {
		if c := s.otherWindow(a, w); c >= 0 {
			s.twoWindows(e, a, c, w)
			return
		}
	}
	s.rowDP(e, a, a+w-1)
}

// pairAimPermille of the aimed row programmes re-optimise, in band mode,
// the window holding the short day together with a second window of the
// row drawn anywhere else, the days between them kept as they are: the
// row can then take the short day and give up work or a weekend in the
// other window, its totals held within the band (on instance 24 the rows
// are at their minutes and weekends, and the short days sit in the last
// weeks, far from the over-covered ones). Measured with shiftplan solve
// at 60 s, seeds 1–4, against none: 24 at 50 547, 50 482, 50 289, 51 023
// against 50 929, 50 997, 51 526, 50 535; 22 at 34 122, 34 280, 34 015,
// 34 137 against 34 782, 33 432, 33 640, 34 245; 20, 21 and 23 (seeds 1
// and 2) within 0.5 %. At 400 per mille 24 was at 51 137, 50 881 (and
// 50 915, 49 910 run again); drawing the second window at a day the row
// over-covers gave 24 50 398, 50 415 but 22 34 417, 34 478.
const pairAimPermille = 200

// otherWindow draws the start of a window of w days apart from days
// a … a+w−1, not overlapping it, or −1 when the horizon has no room.
func (s *searcher) otherWindow(a, w int) int {
	D := s.m.D
	if D < 3*w {
		return -1
	}
	c := s.rng.IntN(D - 3*w + 1)
	if c+w >= a {
		c += 2 * w // past a's window
	}
	return c
}

// twoWindows re-optimises days a … a+w−1 and c … c+w−1 of row e in band
// mode, keeping the days between them as they are.
func (s *searcher) twoWindows(e, a, c, w int) {
	m := s.m
	lo, hi := min(a, c), max(a, c)
	s.frozeA, s.frozeN = lo+w, hi-lo-w
	s.bandU, s.bandK = bandAimShifts*m.maxSu, bandWeeks
	s.rowDP(e, lo, hi+w-1)
	s.bandU, s.bandK = 0, 0
	s.frozeN = 0
}

// brokenRow returns a random employee whose row breaks hard rules, found
// among 16 random draws, or -1.
func (s *searcher) brokenRow() int {
	for try := 0; try < 16; try++ {
		if f := s.rng.IntN(s.m.E); s.st.rowH[f] > 0 {
			return f
		}
	}
	return -1
}

// moveRepairDP re-optimises a window around a broken stretch or
// succession of an employee who breaks hard rules (or a random window of
// that row when only totals are broken).
func (s *searcher) moveRepairDP() bool {
	m := s.m
	st := s.st
	e := s.brokenRow()
	if e < 0 {
		return false
	}
	r := &m.emp[e]
	row := st.x[e*m.D : (e+1)*m.D]
	bad := s.bad[:0]
	for a := 0; a < m.D; {
		w := row[a] >= 0
		b := a
		for b+1 < m.D && (row[b+1] >= 0) == w {
			b++
		}
		if stretchPen(r, m.D, a, b, w) > 0 {
			bad = append(bad, a)
		}
		if b+1 < m.D && m.forbidden(b, row[b], row[b+1]) {
			bad = append(bad, b)
		}
		a = b + 1
	}
	s.bad = bad
	w := s.dpWindow(e, dpBudget)
	a := s.rng.IntN(m.D - w + 1)
	if len(bad) > 0 {
		a = bad[s.rng.IntN(len(bad))] - w/2 + s.rng.IntN(w/2+1)
		if a < 0 {
			a = 0
		}
		if a > m.D-w {
			a = m.D - w
		}
	}
	s.rowDP(e, a, a+w-1)
	return true
}

// Band mode of rowDP: the whole row is re-optimised, but its minutes and
// weekends worked so far may differ from the current row's by at most
// bandU units of g minutes and bandK weekends on any day. The programme's
// state then stays small over a year-long horizon (the band replaces the
// totals), yet a shift can move anywhere in the row: the rows of a
// year-long instance, tight on minutes and weekends, break minimum rest
// stretches that no window of a week can mend.
const (
	bandShifts = 2 // bandU in units of the longest shift
	bandWeeks  = 1 // bandK
)

// bandAimPermille of the aimed row re-optimisations (moveRowDP) take the
// whole row of the employee off on the short day in band mode, with a
// band of bandAimShifts longest shifts, instead of a window of a week:
// the demand of a year-long instance can grow towards its end while each
// row's minutes and weekends are held to a narrow range, so the row has to
// give up work early in the year to take the short day, and no window
// reaches both. One such programme costs about 35 windows on instance 24
// (32 ms against 0.9 ms; the share of time in row programmes stays the
// same). Measured with shiftplan solve at 60 s against none (seeds 1 and
// 2; 24 also 3): 20 from 5 202, 5 251 to 5 038, 5 051 at 50 per mille;
// 21 from 21 936, 22 022 to 21 558, 21 594; 23 from 19 788, 19 657 to
// 19 380, 19 460; 24 from 53 415, 52 945, 53 295 to 51 532, 51 441,
// 52 139; 22 within its noise (33 862, 34 721 to 34 786, 34 271). At 100
// per mille: 20 5 051, 5 044 (seeds 2, 3), 21 21 499, 23 19 299, 24
// 50 735, 51 257, 22 34 136, 34 360; at 200, 24 51 419, 51 009 and 22
// 35 860, 34 371.
const (
	bandAimPermille = 100
	bandAimShifts   = 1
)

// bandRow re-optimises row e in band mode, its minutes within shifts
// longest shifts of the current row's.
func (s *searcher) bandRow(e, shifts int) {
	m := s.m
	s.bandU, s.bandK = shifts*m.maxSu, bandWeeks
	s.rowDP(e, 0, m.D-1)
	s.bandU, s.bandK = 0, 0
}

// moveRowBand re-optimises, in band mode, the row of an employee who
// breaks hard rules.
func (s *searcher) moveRowBand() bool {
	e := s.brokenRow()
	if e < 0 {
		return false
	}
	s.bandRow(e, bandShifts)
	return true
}

// bandRepair re-optimises row e in band mode and keeps the result if it
// is better. The maximum shifts per type, kept by the programme only for
// types at their maximum (rowDP), are priced by multipliers that double
// while the row breaks them.
func (s *searcher) bandRepair(e int) {
	m := s.m
	st := s.st
	r := &m.emp[e]
	defer s.clearPrices()
	s.keepIfBetter(func() {
		for round := 0; round < 8; round++ {
			mark := len(st.journal)
			s.bandRow(e, bandShifts)
			over := false
			for k := 0; k < m.S; k++ {
				if r.maxS[k] >= 0 && st.cnt[e*m.S+k] > r.maxS[k] {
					s.lamS[k] = 2*s.lamS[k] + lamSStep
					over = true
				}
			}
			if !over {
				return
			}
			st.undoTo(mark)
		}
		s.bandRow(e, bandShifts)
	})
}

// clearPrices ends a priced programme: the multipliers are zero, and the
// relaxation off, whenever no pricing runs (band mode adds lamS too).
func (s *searcher) clearPrices() {
	s.relax, s.lamU, s.lamW = false, 0, 0
	clear(s.lamS)
}

// lamSStep is the first multiplier of a shift type the band repair's row
// has too many of (a quarter of an under-covered shift in the benchmark).
const lamSStep = 25

// lagrangeRow sets the whole row of employee e by the relaxed programme.
func (s *searcher) lagrangeRow(e int) {
	m := s.m
	st := s.st
	r := &m.emp[e]
	s.relax = true
	defer s.clearPrices()
	bestLam, found := int64(0), false
	for round := 0; round < 6; round++ {
		lo, hi := -2*s.hwBase, 2*s.hwBase // multiplier per g minutes
		found = false
		var nwk int
		for it := 0; it < 18 && lo <= hi; it++ {
			mark := len(st.journal)
			s.lamU = (lo + hi) / 2
			s.rowDP(e, 0, m.D-1)
			mins := st.mins[e]
			nwk = st.nwk[e]
			copy(s.cntTmp(m.S), st.cnt[e*m.S:(e+1)*m.S])
			st.undoTo(mark)
			switch {
			case mins < r.minM:
				hi = s.lamU - 1
			case r.maxM >= 0 && mins > r.maxM:
				lo = s.lamU + 1
			default:
				bestLam, found = s.lamU, true
				lo = hi + 1
			}
		}
		more := false
		if r.maxW >= 0 && nwk > r.maxW {
			s.lamW = 2*s.lamW + s.hwBase/8
			more = true
		}
		for k, c := range s.cnt {
			if r.maxS[k] >= 0 && c > r.maxS[k] {
				s.lamS[k] = 2*s.lamS[k] + s.hwBase/8
				more = true
			}
		}
		if !more {
			break
		}
	}
	if found {
		s.lamU = bestLam
	}
	s.rowDP(e, 0, m.D-1)
}

// One iteration in 1/chainP, where the cover is separable, is an ejection
// chain (moveRowChain), one in 1/chainPLong on horizons longer than
// longHorizon; its row programme counts chainDisc eighths of the cover the
// row's present shifts give. Measured with shiftplan solve at 60 s, 2
// threads, against the search without it (seed 1 unless said): 16 from
// 3 350 to 3 252, 17 from 5 908 to 5 797, 19 from 3 360 and 3 430 (seeds 1,
// 2) to 3 318 and 3 283, 18 seed 2 from 4 811 to 4 710, 6 from 2 046 to
// 1 970, 7 from 1 096 and 1 088 to 1 083 and 1 086; 15 (seeds 1–4) at
// 4 293, 4 382, 4 066, 4 072 against 3 979, 4 380, 4 180, 4 005, within
// its noise; the others within ±1 %. One in 1 000 was worse on 13, 18 and
// 19 (1 610, 4 807, 3 497). On the year-long 22 and 24 (seeds 1 and 2),
// without it 34 277, 34 700 and 50 082, 50 452; at 0.0001 34 001, 34 072
// and 49 414, 49 024; at 0.001 33 902, 33 441 and 48 743, 48 324; at
// 0.003 34 009, 33 204 and 48 025, 48 007; at 0.01 33 255, 33 454 and
// 49 022, 48 464.
const (
	chainP     = 0.0001
	chainPLong = 0.003
	chainDisc  = 4
)

// moveRowChain is an ejection chain: an employee off on a day short of
// cover re-optimises a window holding it, the cover its present shifts
// give counted at chainDisc eighths, so that it gives some of them up to
// take the short day; every day on which it gave a shift up is then
// re-assigned across all employees (dayFlow), where one with room may
// take the shift. Each step alone rarely pays: on a roster whose other
// days are exactly covered, taking the short day means leaving another
// short, and an employee with room cannot reach the short day itself.
func (s *searcher) moveRowChain() bool {
	m := s.m
	st := s.st
	if len(s.short) == 0 {
		return false
	}
	d := s.short[s.rng.IntN(len(s.short))]
	e := s.offOn(s.rng.IntN(m.E), d)
	if st.x[e*m.D+d] != Off {
		return false
	}
	w := s.dpWindow(e, dpBudget)
	a := s.startHolding(d, w)
	s.chainOld = append(s.chainOld[:0], st.x[e*m.D+a:e*m.D+a+w]...)
	s.chain = true
	s.rowDP(e, a, a+w-1)
	s.chain = false
	for j, o := range s.chainOld {
		if o >= 0 && st.x[e*m.D+a+j] != o {
			s.dayFlow(a + j)
		}
	}
	return true
}

// moveRuinDP clears the same window of two to ruinMax rows and rebuilds
// them one after the other, each by rowDP against the others' cover: a
// ruin-and-recreate move (Schrimpf et al., J. Comput. Phys. 159, 2000)
// that lets employees trade coverage. The rows are drawn at random, or
// with ruinAim those of a missed shift-on request and of colleagues who
// work its shift that day, in a window holding the day.
func (s *searcher) moveRuinDP() bool {
	m := s.m
	if m.E < 2 {
		return false
	}
	k := 2 + s.rng.IntN(ruinMax-1)
	if k > m.E {
		k = m.E
	}
	var es [8]int
	day := -1
	if s.ruinAim {
		if day, k = s.drawRuinAim(es[:k]); day < 0 {
			return false
		}
	} else {
		for j := 0; j < k; j++ {
		again:
			es[j] = s.rng.IntN(m.E)
			for _, f := range es[:j] {
				if f == es[j] {
					goto again
				}
			}
		}
	}
	w := m.D
	for _, e := range es[:k] {
		w = min(w, s.dpWindow(e, dpBudget))
	}
	a := s.ruinStart(w, day)
	b := a + w - 1
	for _, e := range es[:k] {
		for d := a; d <= b; d++ {
			if m.canTake(e*m.D+d, Off) {
				s.st.setCell(e, d, Off)
			}
		}
	}
	for pass := 0; pass < ruinPasses; pass++ {
		for _, e := range es[:k] {
			s.rowDP(e, a, b)
		}
	}
	return true
}

// ruinStart draws the first day of a ruin's window of w days: any, or
// (day ≥ 0) one whose window holds day, each with equal chance.
func (s *searcher) ruinStart(w, day int) int {
	lo, hi := 0, s.m.D-w
	if day >= 0 {
		lo, hi = max(0, day-w+1), min(day, s.m.D-w)
	}
	return lo + s.rng.IntN(hi-lo+1)
}

// ruinAimShifts: with this many shift types or more, every ruin is aimed
// at a shift-on request (drawRuinAim). With many types, employees drawn
// at random seldom work the same shift on the same day, so rebuilding
// their rows together seldom lets one take over what another gives up.
// Measured with one thread per run, the code without and with the aim
// run at the same time (60 s): Instance13 (18 types) over seeds 1–9
// 1 522 → 1 502 on average, 23 (16) 18 869 → 18 662 and 18 942 →
// 18 727, 24 (32) 48 095 → 47 176 and 48 367 → 46 603 (seeds 1, 2); with
// 10 types 12 was equal (4 111 → 4 114, 4 115 → 4 118) and 22 worse
// (34 232 → 34 660, 33 640 → 34 220), and with 3–6 types 15, 18 and 19
// were worse.
const ruinAimShifts = 16

// drawRuinAim fills es with the employee of a shift-on request they do
// not have, first, and colleagues who work the requested shift that day;
// it returns the day and how many employees it chose (day −1 when the
// request is met or nobody works the shift). Rebuilt in that order, the
// employee's row is priced with the shift uncovered.
func (s *searcher) drawRuinAim(es []int) (int, int) {
	m := s.m
	e1, d, v, ok := s.drawMissedWant()
	if !ok {
		return -1, 0
	}
	x := s.st.x
	es[0] = e1
	n := 1
	from := s.rng.IntN(m.E)
	for k := 0; k < m.E && n < len(es); k++ {
		e2 := (from + k) % m.E
		if e2 != e1 && x[e2*m.D+d] == v {
			es[n] = e2
			n++
		}
	}
	if n < 2 {
		return -1, 0
	}
	return d, n
}

// rowDP sets days a … b of row e to their best values given the rest of
// the roster.
func (s *searcher) rowDP(e, a, b int) {
	m := s.m
	st := s.st
	w := b - a + 1
	s.dpRuns++
	r := &m.emp[e]
	D, V, S := m.D, m.V, m.S
	row := st.x[e*D : (e+1)*D]
	R, U, K := s.dpDims(e, w)
	relax := s.relax
	band := s.bandU > 0 && !relax
	if relax {
		U, K = 1, 1
	}
	if band {
		U, K = 2*s.bandU+1, 2*s.bandK+1
	}
	dp := &s.dp
	hw := s.hw
	if !relax && !band {
		defer func(w0 int64) { s.noteFill(e, w, s.dpWork-w0) }(s.dpWork)
	}
	known := r.histWork > 0 || r.histOff > 0

	// The window's cells are priced as if the row were off there, so
	// that the cover tracker prices the others only (a pinned shift stays
	// in the row; the programme counts it in the window). Where the cover
	// is separable a day's price depends on that day alone: each cell is
	// then lifted out of the tracker only while its own day is priced, and
	// only the cells that change are set at the end. Otherwise the window
	// is cleared first.
	if cap(dp.old) < w {
		dp.old = make([]int, w)
	}
	old := dp.old[:w]
	copy(old, row[a:b+1])
	// A frozen day (twoWindows) keeps its value, as a pinned one does.
	// taken reports whether cell (e, d) leaves the row's counters while
	// the window is priced: it holds a shift that may be taken off and is
	// not frozen.
	frozen := func(d int) bool { return d >= s.frozeA && d < s.frozeA+s.frozeN }
	taken := func(d int) bool { return old[d-a] >= 0 && m.canTake(e*D+d, Off) && !frozen(d) }
	lifted := m.sep != nil
	if !lifted {
		for d := a; d <= b; d++ {
			if taken(d) {
				st.setCell(e, d, Off)
			}
		}
	}
	// lift reports whether cell (e, d) counts as off while pricing but
	// still holds its shift.
	lift := func(d int) bool { return lifted && taken(d) }
	// Counters outside the window: shifts per type, minutes, and days
	// worked per weekend.
	if cap(dp.cntOut) < S {
		dp.cntOut = make([]int, S)
	}
	if cap(dp.wkOut) < m.W {
		dp.wkOut = make([]int8, m.W)
	}
	cntOut, wkOut := dp.cntOut[:S], dp.wkOut[:m.W]
	copy(cntOut, st.cnt[e*S:(e+1)*S])
	copy(wkOut, st.wk[e*m.W:(e+1)*m.W])
	minsOut, nwkOut := st.mins[e], st.nwk[e]
	for d := a; d <= b; d++ {
		v := row[d]
		if v < 0 {
			continue
		}
		minsOut -= m.minutes[v]
		if lift(d) {
			cntOut[v]--
			if wd := m.weekOf[d]; wd >= 0 {
				wkOut[wd]--
				nwkOut -= b2i(wkOut[wd] == 0)
			}
		}
	}
	if !relax && !band && r.maxM >= 0 {
		// Totals past the maximum are all over it: one bucket.
		U = min(U, max(2, (r.maxM-minsOut)/m.g+2))
	}
	if cap(dp.cell) < w*V {
		dp.cell = make([]int64, w*V)
		dp.wkNew = make([]bool, w)
	}
	cell := dp.cell[:w*V]
	wkNew := dp.wkNew[:w]
	if cap(dp.du) < w {
		dp.du = make([]int, w)
		dp.dk = make([]int, w)
		dp.kOff = make([]int, w+1)
	}
	// In band mode u and k count the window's minutes (in g units) and
	// weekends started relative to the old row's, offset by the band's
	// half-width: du and dk are the old row's per day, kOff[d−a+1] turns
	// k after day d back into weekends started in the window.
	du, dk, kOff := dp.du[:w], dp.dk[:w], dp.kOff[:w+1]
	uEnd := 0
	for j := range du {
		du[j], dk[j], kOff[j+1] = 0, 0, 0
	}
	kOff[0] = 0
	if band {
		kOff[0] = -s.bandK
		for d := a; d <= b; d++ {
			j := d - a
			if v := old[j]; v >= 0 {
				du[j] = m.su[v]
				if wd := m.weekOf[d]; wd >= 0 && wkOut[wd] == 0 && !(d > a && m.weekOf[d-1] == wd && old[j-1] >= 0) {
					dk[j] = 1
				}
			}
			uEnd += du[j]
			kOff[j+1] = kOff[j] + dk[j]
		}
		uEnd -= s.bandU
	}
	// In band mode a type whose maximum the old row reaches keeps only
	// the old row's days of it (the others are left to the state's score).
	// The old row's count is cntOut and the window's cells taken out of
	// it (a pinned or frozen cell stays in cntOut).
	var oldCnt []int
	if band {
		oldCnt = s.cntTmp(S)
		copy(oldCnt, cntOut)
		for d := a; d <= b; d++ {
			if taken(d) {
				oldCnt[old[d-a]]++
			}
		}
	}
	for d := a; d <= b; d++ {
		i := e*D + d
		o := row[d]
		wd := m.weekOf[d]
		wkNew[d-a] = wd >= 0 && wkOut[wd] == 0
		if frozen(d) {
			// the day keeps its value: a constant cost
			for v := Off; v < S; v++ {
				cell[(d-a)*V+v+1] = dpInf
			}
			cell[(d-a)*V+o+1] = 0
			continue
		}
		lo := lift(d)
		if lo {
			st.cover.Remove(e, d, o)
		}
		for v := Off; v < S; v++ {
			c := dpInf
			ok := v < 0 || r.maxS[v] < 0 || cntOut[v] < r.maxS[v]
			if band && v >= 0 && r.maxS[v] >= 0 {
				ok = oldCnt[v] < r.maxS[v] || old[d-a] == v
			}
			if m.mask[i*V+v+1] && ok {
				c = m.cost[i*V+v+1]
				if v >= 0 {
					cv := st.coverPrice(e, d, v)
					if s.chain && lo && v == o && cv < 0 {
						cv = cv * chainDisc / 8 // moveRowChain
					}
					c += cv
					if band {
						c += s.lamS[v]
					}
				}
			}
			cell[(d-a)*V+v+1] = c
		}
		if lo {
			st.cover.Add(e, d, o)
		}
	}
	// Initial state.
	pv, r0 := Off, R
	switch {
	case a > 0:
		pv = row[a-1]
		ws := pv >= 0
		r0 = 0
		for d := a - 1; d >= 0 && (row[d] >= 0) == ws && r0 < R; d-- {
			r0++
			if d == 0 {
				if ws {
					r0 += r.histWork
				} else {
					r0 += r.histOff
				}
			}
		}
	case r.histWork > 0:
		pv, r0 = r.histLast, r.histWork
	case r.histOff > 0:
		r0 = r.histOff
	}
	r0 = max(1, min(r0, R))
	C := m.C
	NS := C * R * U * K
	// The class innermost and the minutes next: one state's transitions
	// land close together in memory.
	idx := func(c, rl, u, k int) int { return (((rl-1)*K+k)*U+u)*C + c }
	if cap(dp.cost) < NS {
		dp.cost = make([]int64, NS)
		dp.next = make([]int64, NS)
		for i := range dp.cost {
			dp.cost[i], dp.next[i] = dpInf, dpInf
		}
	}
	if cap(dp.back) < w*NS {
		dp.back = make([]int32, w*NS)
		dp.bv = make([]int16, w*NS)
	}
	cur, nxt := dp.cost[:NS], dp.next[:NS]
	back, bv := dp.back[:w*NS], dp.bv[:w*NS]
	u0, k0 := 0, 0
	if band {
		u0, k0 = s.bandU, s.bandK
	}
	// minPen is the shortfall of a stretch of rl days (work or off) that
	// began on day from and ends before its minimum.
	minPen := func(rl, from int, work bool) int64 {
		if rl >= R || (from <= 0 && !known) {
			return 0
		}
		if work && rl < r.minC {
			return int64(r.minC - rl)
		}
		if !work && rl < r.minOff {
			return int64(r.minOff - rl)
		}
		return 0
	}
	// step prices day d's stretch rules from a state with stretch rl
	// (worked yesterday when pws), off on day d or working it: the stretch
	// length after the day, and the shortfall or excess of the stretch that
	// ends or grows (the weekends are the caller's).
	step := func(d, rl int, pws, works bool) (nr int, c int64) {
		stay := min(rl+1, R)
		switch {
		case !works && !pws:
			return stay, 0
		case !works:
			return 1, hw * minPen(rl, d-rl, true)
		case pws:
			if r.maxC >= 0 && rl+1 > r.maxC {
				return stay, hw
			}
			return stay, 0
		}
		c = hw * minPen(rl, d-rl, false)
		if r.maxC == 0 {
			c += hw
		}
		return 1, c
	}
	kAllow := K - 1
	// A half-worked two-day weekend costs the shaping (shape.go) once the
	// weekends worked so far reach the limit; the state's total decides
	// whether the move is kept.
	shp := int64(0)
	if m.wkShaped != nil && m.wkShaped[e] && !relax {
		shp = m.wkShape
	}
	secondDay := func(d int) bool {
		return shp > 0 && d > 0 && d < D && m.weekOf[d] >= 0 && m.weekOf[d-1] == m.weekOf[d] && m.wkLen[m.weekOf[d]] == 2
	}
	if cap(dp.first) < S {
		dp.first = make([]bool, S)
	}
	first := dp.first[:S] // successions from the starting value
	if pv >= 0 {
		for v := 0; v < S; v++ {
			first[v] = m.forbidden(a-1, pv, v)
		}
	}
	if len(dp.arcAt) < C+1 {
		dp.arcs = make([][]dpArc, C+1)
		dp.arcAt = make([]int, C+1)
		dp.arcN = make([]int64, C+1)
		dp.use = make([][]dpArc, C+1)
	}
	// Bounds. A state after day d (class c, stretch rl) costs at least
	// lb[(d−a+1)·C·R + c·R + rl−1] more by the end: the cheapest way on
	// through the cells, successions and stretches, the minutes and
	// weekends left out (all they add is at least 0), by a backward
	// programme over class and stretch alone. The old row is one path
	// through the programme; its cost, found first by a pass allowed its
	// own values only, bounds the best, and a state that cannot end below
	// it is dropped. (Relaxed, the multipliers may price a value below its
	// cell: no bound.)
	prune := !relax && !s.dpNoBound
	CR := C * R
	if cap(dp.lb) < (w+1)*CR {
		dp.lb = make([]int64, (w+1)*CR)
	}
	if cap(dp.cellOld) < w*V {
		dp.cellOld = make([]int64, w*V)
	}
	lb := dp.lb[:(w+1)*CR]
	if cap(dp.lbAt) < 2*w*C {
		dp.lbAt = make([]int, 2*w*C)
	}
	lbAt := dp.lbAt[:2*w*C]
	if prune {
		clear(lb[w*CR:])
		dp.lbArcs = dp.lbArcs[:0]
		for j := w - 1; j >= 1; j-- {
			d := a + j
			cd := cell[j*V : (j+1)*V]
			nx := lb[(j+1)*CR : (j+2)*CR]
			for pc := 0; pc < C; pc++ {
				pws := pc != 0
				from := len(dp.lbArcs)
				arcs := s.dayArcs(dp.lbArcs[from:from], cd, d, pc, pws, m.classForb(d-1, pc), false)
				dp.lbArcs = append(dp.lbArcs, arcs...)
				lbAt[2*(j*C+pc)], lbAt[2*(j*C+pc)+1] = from, len(dp.lbArcs)
				for rl := 1; rl <= R; rl++ {
					best := dpInf
					if c := cd[0]; c < dpInf {
						nr, sc := step(d, rl, pws, false)
						best = min(best, c+sc+nx[nr-1])
					}
					nr, base := step(d, rl, pws, true)
					for _, t := range arcs {
						best = min(best, base+t.c+nx[int(t.nc)*R+nr-1])
					}
					lb[j*CR+pc*R+rl-1] = min(best, dpInf)
				}
			}
		}
	}
	cellOld := dp.cellOld[:w*V]
	if prune {
		for j := range cellOld {
			cellOld[j] = dpInf
		}
		for j, o := range old {
			cellOld[j*V+o+1] = cell[j*V+o+1]
		}
	}
	work := int64(0) // transitions, added to s.dpWork after the days
	ub := dpInf      // the old row's cost
	var bestI int
	var bestC int64
	var act []dpNode
	for pass := b2i(!prune); pass < 2; pass++ {
		cells := cell
		if pass == 0 {
			cells = cellOld
		}
		// A state cannot end below the old row when its cost and its
		// bound come to more than lim (no limit before ub is known).
		lim := int64(math.MaxInt64)
		if pass > 0 && prune && ub < dpInf {
			lim = ub
		}
		clear(dp.arcAt)
		start := idx(m.cls[pv+1], r0, u0, k0)
		cur[start] = 0
		act = append(dp.act[:0], dpNode{int32(start), int16(m.cls[pv+1]), int16(r0), int16(u0), int16(k0)})
		nact := dp.nact[:0]
		for d := a; d <= b; d++ {
			bk := back[(d-a)*NS : (d-a+1)*NS]
			bvd := bv[(d-a)*NS : (d-a+1)*NS]
			cd := cells[(d-a)*V : (d-a+1)*V]
			lbCur, lbNext := lb[(d-a)*CR:(d-a+1)*CR], lb[(d-a+1)*CR:(d-a+2)*CR]
			newWk := wkNew[d-a]
			sameWk := d > a && m.weekOf[d-1] == m.weekOf[d]
			half := secondDay(d)
			ddu, ddk, kPrev, kCur := du[d-a], dk[d-a], kOff[d-a], kOff[d-a+1]
			nact = nact[:0]
			for _, nd := range act {
				si := int(nd.i)
				c0 := cur[si]
				k, u, rl, pc := int(nd.k), int(nd.u), int(nd.r), int(nd.v)
				if d > a && c0+lbCur[pc*R+rl-1] > lim {
					continue
				}
				pws := pc != 0
				var fb []bool
				switch {
				case d == a:
					fb = first
				case pws:
					fb = m.classForb(d-1, pc)
				}
				// Off: the work stretch (if any) ends.
				if c := cd[0]; c < dpInf && u >= ddu && k >= ddk {
					work++
					nr, sc := step(d, rl, pws, false)
					c += c0 + sc
					if pws && half && nwkOut+k+kPrev >= r.maxW {
						c += shp
					}
					ni := idx(0, nr, u-ddu, k-ddk)
					if c+lbNext[nr-1] <= lim && (c < nxt[ni] || c == nxt[ni] && int32(si) < bk[ni]) {
						if nxt[ni] == dpInf {
							nact = append(nact, dpNode{int32(ni), 0, int16(nr), int16(u - ddu), int16(k - ddk)})
						}
						nxt[ni] = c
						bk[ni] = int32(si)
						bvd[ni] = Off
					}
				}
				// Work: the base cost of the stretch and the weekend.
				nr, base := step(d, rl, pws, true)
				base += c0
				if !pws && half && nwkOut+k+kPrev+1 >= r.maxW {
					base += shp
				}
				nk := k - ddk
				wkCost := int64(0)
				if newWk && !(sameWk && pws) {
					if relax {
						wkCost = s.lamW
					} else {
						nk++
						if r.maxW >= 0 && nwkOut+nk+kCur > r.maxW {
							base += hw
						}
						if nk > kAllow {
							if band {
								continue
							}
							nk = kAllow
						}
					}
				}
				if nk < 0 {
					continue
				}
				// The day's work transitions from this state's class,
				// one per class and minutes reached (dayArcs).
				key := 0
				if pws {
					key = pc
					if d == a {
						key = C
					}
				}
				if dp.arcAt[key] != d+1 {
					dp.arcAt[key] = d + 1
					if pass > 0 && prune && d > a {
						// The bounds priced these already (key is pc).
						j := 2 * ((d-a)*C + pc)
						dp.use[key] = dp.lbArcs[lbAt[j]:lbAt[j+1]]
					} else {
						dp.arcs[key] = s.dayArcs(dp.arcs[key][:0], cd, d, pc, pws, fb, relax)
						dp.use[key] = dp.arcs[key]
					}
					dp.arcN[key] = 0
					for _, t := range dp.use[key] {
						dp.arcN[key] += int64(t.n)
					}
				}
				// The states this one reaches differ in class and minutes
				// only: the rest of the index is the same for every arc. (In
				// relaxed mode the minutes are priced, not counted: su is 0
				// and U 1.)
				rk := ((nr-1)*K + nk) * U
				base += wkCost
				u0 := u - ddu
				lbr := lbNext[nr-1:] // lbr[c·R]: the bound after the day at class c
				arcs := dp.use[key]
				work += dp.arcN[key]
				for i := range arcs {
					t := &arcs[i]
					c := base + t.c
					if c+lbr[int(t.nc)*R] > lim {
						continue
					}
					// Below 0 only in band mode, where both ends of the
					// band prune.
					nu := u0 + int(t.su)
					if uint(nu) >= uint(U) {
						if band {
							continue
						}
						nu = U - 1
					}
					nc := int(t.nc)
					ni := (rk+nu)*C + nc
					// Of equal costs the state with the smaller index wins,
					// and of its arcs (those clamped to the last minutes
					// bucket may meet) the smaller value: the states the
					// bounds drop then change no choice.
					if c < nxt[ni] || c == nxt[ni] && (int32(si) < bk[ni] || bk[ni] == int32(si) && int16(t.v) < bvd[ni]) {
						if nxt[ni] == dpInf {
							nact = append(nact, dpNode{int32(ni), int16(nc), int16(nr), int16(nu), int16(nk)})
						}
						nxt[ni] = c
						bk[ni] = int32(si)
						bvd[ni] = int16(t.v)
					}
				}
			}
			for _, nd := range act {
				cur[nd.i] = dpInf
			}
			cur, nxt = nxt, cur
			act, nact = nact, act
		}
		dp.act, dp.nact = act, nact
		// Close the window.
		var tailStatus bool
		tailLen := 0
		if b+1 < D {
			tailStatus = row[b+1] >= 0
			for d := b + 1; d < D && (row[d] >= 0) == tailStatus; d++ {
				tailLen++
			}
		}
		bestI, bestC = -1, dpInf
		for _, nd := range act {
			si := int(nd.i)
			c := cur[si]
			u, rl := int(nd.u), int(nd.r)
			ws := nd.v != 0
			if !relax {
				c += hw * int64(m.minutesPen(e, minsOut+(u+uEnd)*m.g))
			}
			if b+1 < D {
				if secondDay(b+1) && ws != (row[b+1] >= 0) && nwkOut+int(nd.k)+kOff[w] >= r.maxW {
					c += shp
				}
				if ws && row[b+1] >= 0 {
					v := int(bv[(w-1)*NS+si])
					if m.forbidden(b, v, row[b+1]) {
						c += hw
					}
				}
				if ws == tailStatus {
					if ws && r.maxC >= 0 {
						c += hw * int64(over(rl+tailLen, r.maxC)-over(rl, r.maxC))
					}
					if b+tailLen < D-1 {
						c += hw * minPen(rl+tailLen, b+1-rl, ws)
					}
				} else {
					c += hw * minPen(rl, b+1-rl, ws)
					c += hw * int64(stretchPen(r, D, b+1, b+tailLen, tailStatus))
				}
			}
			if c < bestC || c == bestC && si < bestI {
				bestI, bestC = si, c
			}
		}
		for _, nd := range act {
			cur[nd.i] = dpInf
		}
		if pass == 0 && bestI >= 0 {
			ub = bestC
		}
	}
	s.dpWork += work
	if bestI < 0 {
		for d := a; d <= b; d++ {
			st.setCell(e, d, old[d-a])
		}
		return
	}
	if cap(dp.vals) < w {
		dp.vals = make([]int, w)
	}
	vals := dp.vals[:w]
	si := bestI
	for d := b; d >= a; d-- {
		vals[d-a] = int(bv[(d-a)*NS+si])
		si = int(back[(d-a)*NS+si])
	}
	for d := a; d <= b; d++ {
		st.setCell(e, d, vals[d-a])
	}
}
