package solver

// The neighbourhoods of the local search. Each move changes cells through
// state.setCell (so it can be undone) and reports false when it found
// nothing to change. Fixed and disallowed cells are never touched.

// moveChange gives one cell another allowed value.
func (s *searcher) moveChange() bool {
	i, v, ok := s.drawChange()
	if ok {
		s.st.setCell(i/s.m.D, i%s.m.D, v)
	}
	return ok
}

// drawChange draws a free cell and one of its values (ok false when the
// cell is fixed or the value is its own).
func (s *searcher) drawChange() (i, v int, ok bool) {
	m := s.m
	i = s.rng.IntN(len(m.fixed))
	if m.fixed[i] {
		return i, 0, false
	}
	ch := m.choices[i]
	v = ch[s.rng.IntN(len(ch))]
	return i, v, v != s.st.x[i]
}

// priceChange draws what moveChange would and prices it without making
// it: the change of the annealing objective, and false when the draw
// changes nothing. The change waits in s.pend (applyPending).
func (s *searcher) priceChange() (int64, bool) {
	i, v, ok := s.drawChange()
	if !ok {
		return 0, false
	}
	s.pend = append(s.pend[:0], cellChange{i: i, old: s.st.x[i], new: v})
	return s.st.priceSet(i/s.m.D, i%s.m.D, v, s.hw), true
}

// applyPending makes the priced change waiting in s.pend.
func (s *searcher) applyPending() {
	D := s.m.D
	for _, c := range s.pend {
		s.st.setCell(c.i/D, c.i%D, c.new)
	}
}

// canTake reports whether cell i may take value v.
func (m *model) canTake(i, v int) bool { return !m.fixed[i] && m.mask[i*m.V+v+1] }

// twoEmployees draws two different employees (m.E ≥ 2).
func (s *searcher) twoEmployees() (int, int) {
	e1 := s.rng.IntN(s.m.E)
	e2 := s.rng.IntN(s.m.E - 1)
	if e2 >= e1 {
		e2++
	}
	return e1, e2
}

// moveSwapDay swaps the cells of two employees on one day.
func (s *searcher) moveSwapDay() bool {
	d, e1, e2, ok := s.drawSwapDay()
	if ok {
		x := s.st.x
		v1, v2 := x[e1*s.m.D+d], x[e2*s.m.D+d]
		s.st.setCell(e1, d, v2)
		s.st.setCell(e2, d, v1)
	}
	return ok
}

// drawSwapDay draws a day and two employees whose cells on it differ and
// may take each other's value (ok false otherwise).
func (s *searcher) drawSwapDay() (d, e1, e2 int, ok bool) {
	m := s.m
	if m.E < 2 {
		return 0, 0, 0, false
	}
	if len(m.wantCell) > 0 && s.rng.IntN(100) < wantPct {
		return s.drawWantSwap()
	}
	return s.drawPlainSwap()
}

// drawPlainSwap draws the day and the two employees at random.
func (s *searcher) drawPlainSwap() (d, e1, e2 int, ok bool) {
	m := s.m
	d = s.rng.IntN(m.D)
	e1, e2 = s.twoEmployees()
	i1, i2 := e1*m.D+d, e2*m.D+d
	v1, v2 := s.st.x[i1], s.st.x[i2]
	return d, e1, e2, v1 != v2 && m.canTake(i1, v2) && m.canTake(i2, v1)
}

// wantPct of the day swaps are aimed at a shift-on request (drawWantSwap).
// A plain swap seldom pairs the employee who asked for a shift with one
// who works it that day; on Instance13 (589 such requests, 60 s, seeds
// 1–3) the runs ended at 1 503, 1 501, 1 492 without the aimed swaps,
// 1 455, 1 484, 1 487 with a quarter of them aimed and 1 465, 1 473,
// 1 464 with half.
const wantPct = 50

// drawWantSwap draws a shift-on request its employee does not have and a
// colleague who works the requested shift that day and may take the
// employee's value instead (ok false when there is none).
func (s *searcher) drawWantSwap() (d, e1, e2 int, ok bool) {
	m := s.m
	e1, d, v, ok := s.drawMissedWant()
	if !ok {
		return 0, 0, 0, false
	}
	x := s.st.x
	i1 := e1*m.D + d
	from := s.rng.IntN(m.E)
	for k := 0; k < m.E; k++ {
		e2 = (from + k) % m.E
		if i2 := e2*m.D + d; e2 != e1 && x[i2] == v && m.canTake(i2, x[i1]) {
			return d, e1, e2, true
		}
	}
	return 0, 0, 0, false
}

// drawMissedWant draws one of the shift-on requests (wantCell) and
// returns its employee, day and shift; ok is false when the roster
// already gives it.
func (s *searcher) drawMissedWant() (e, d, v int, ok bool) {
	m := s.m
	j := s.rng.IntN(len(m.wantCell))
	i, v := int(m.wantCell[j]), int(m.wantVal[j])
	if s.st.x[i] == v {
		return 0, 0, 0, false
	}
	return i / m.D, i % m.D, v, true
}

// priceSwapDay draws what moveSwapDay would and prices it without making
// it (as priceChange). The two rows are priced apart, since a row's
// score does not depend on the other rows, and the separable cover does
// not change: the day keeps its shifts, only their employees change.
func (s *searcher) priceSwapDay() (int64, bool) {
	d, e1, e2, ok := s.drawSwapDay()
	if !ok {
		return 0, false
	}
	i1, i2 := e1*s.m.D+d, e2*s.m.D+d
	v1, v2 := s.st.x[i1], s.st.x[i2]
	s.pend = append(s.pend[:0], cellChange{i: i1, old: v1, new: v2}, cellChange{i: i2, old: v2, new: v1})
	return s.st.priceOne(e1, d, v2, s.hw) + s.st.priceOne(e2, d, v1, s.hw), true
}

// moveSwapBlock swaps days a … a+k−1 between two employees; coverage per
// shift type is unchanged, only the two rows' rules move.
func (s *searcher) moveSwapBlock() bool {
	m := s.m
	if m.E < 2 {
		return false
	}
	e1, e2 := s.twoEmployees()
	k := s.blockLen()
	a := s.rng.IntN(m.D - k + 1)
	return s.swapRuns(e1, a, e2, a, k)
}

// swapRuns exchanges days a1 … a1+k−1 of row e1 with days a2 … a2+k−1 of
// row e2, day by day, if every cell may take the other's value; it
// reports false (changing nothing) when one may not or none differ.
func (s *searcher) swapRuns(e1, a1, e2, a2, k int) bool {
	diff, ok := s.canSwapRuns(e1, a1, e2, a2, k)
	if !ok || !diff {
		return false
	}
	s.applySwapRuns(e1, a1, e2, a2, k)
	return true
}

// canSwapRuns reports whether the exchange of swapRuns changes a cell
// (diff) and whether every changed cell may take the other's value (ok).
func (s *searcher) canSwapRuns(e1, a1, e2, a2, k int) (diff, ok bool) {
	m := s.m
	x := s.st.x
	for t := 0; t < k; t++ {
		i1, i2 := e1*m.D+a1+t, e2*m.D+a2+t
		v1, v2 := x[i1], x[i2]
		if v1 == v2 {
			continue
		}
		if !m.canTake(i1, v2) || !m.canTake(i2, v1) {
			return false, false
		}
		diff = true
	}
	return diff, true
}

// applySwapRuns makes the exchange of swapRuns.
func (s *searcher) applySwapRuns(e1, a1, e2, a2, k int) {
	m := s.m
	x := s.st.x
	for t := 0; t < k; t++ {
		i1, i2 := e1*m.D+a1+t, e2*m.D+a2+t
		v1, v2 := x[i1], x[i2]
		if v1 != v2 {
			s.st.setCell(e1, a1+t, v2)
			s.st.setCell(e2, a2+t, v1)
		}
	}
}

// moveSwapWeeks exchanges days a … a+k−1 of one row with the same
// weekdays of another week of it, a whole number of weeks away. The row's
// totals (minutes, shifts per type, and weekends worked when the blocks
// hold whole weekends) stay as they are while its work moves through the
// horizon, from days over-covered to days under-covered: on a year where
// every row sits at its minutes and weekend limits, no move of a single
// cell or day can do that without breaking a rule on the way.
func (s *searcher) moveSwapWeeks() bool {
	m := s.m
	if m.D < 8 {
		return false // no day has its weekday a week later
	}
	e := s.rng.IntN(m.E)
	k := 1 + s.rng.IntN(7)
	a := s.rng.IntN(m.D - k + 1)
	if d, ok := s.aim(weeksAimPct); ok {
		e = s.offOn(e, d)
		a = s.startHolding(d, k)
	}
	// b = a + 7j, j ≠ 0, with b+k ≤ D
	lo, hi := -(a / 7), (m.D-k-a)/7
	if hi-lo < 1 {
		return false
	}
	j := lo + s.rng.IntN(hi-lo)
	if j >= 0 {
		j++
	}
	return s.swapRuns(e, a, e, a+7*j, k)
}

// blockLen draws a block length: mostly short, sometimes up to half the
// horizon.
func (s *searcher) blockLen() int {
	D := s.m.D
	max := 7
	if s.rng.IntN(4) == 0 {
		max = D / 2
	}
	if max > D {
		max = D
	}
	if max < 1 {
		max = 1
	}
	return 1 + s.rng.IntN(max)
}

// moveShift moves one employee's shift from a worked day to a day off.
func (s *searcher) moveShift() bool {
	m := s.m
	e := s.rng.IntN(m.E)
	d1, d2 := s.rng.IntN(m.D), s.rng.IntN(m.D)
	if d, ok := s.aim(shiftAimPct); ok {
		d2 = d
		e = s.offOn(e, d)
	} else if s.rng.IntN(2) == 0 {
		// nearby: within a week either side
		d2 = d1 - 7 + s.rng.IntN(15)
		if d2 < 0 || d2 >= m.D {
			return false
		}
	}
	i1, i2 := e*m.D+d1, e*m.D+d2
	v := s.st.x[i1]
	if v == Off || s.st.x[i2] != Off || !m.canTake(i1, Off) || !m.canTake(i2, v) {
		return false
	}
	s.st.setCell(e, d1, Off)
	s.st.setCell(e, d2, v)
	return true
}

// moveSetBlock sets up to five consecutive days of one row to one value.
func (s *searcher) moveSetBlock() bool {
	m := s.m
	e := s.rng.IntN(m.E)
	k := 2 + s.rng.IntN(4)
	if k > m.D {
		k = m.D
	}
	a := s.rng.IntN(m.D - k + 1)
	v := Off + s.rng.IntN(m.V)
	changed := false
	for d := a; d < a+k; d++ {
		i := e*m.D + d
		if s.st.x[i] != v && m.canTake(i, v) {
			s.st.setCell(e, d, v)
			changed = true
		}
	}
	return changed
}

// moveSwapPair swaps two employees' cells on two days at once: day d and
// a day d2 on which the difference of their shift lengths is the opposite
// of d's (for example one works D on d and the other is off, and on d2 the
// other way round, on a shift of the same length). Cover on both days and
// both rows' minutes stay as they were; the rows' sequences, requests and
// shifts per type change, which single swaps cannot reach when the totals
// are tight.
func (s *searcher) moveSwapPair() bool {
	m := s.m
	if m.E < 2 {
		return false
	}
	x := s.st.x
	d := s.rng.IntN(m.D)
	e1, e2 := s.twoEmployees()
	i1, i2 := e1*m.D+d, e2*m.D+d
	u, v := x[i1], x[i2]
	if u == v || !m.canTake(i1, v) || !m.canTake(i2, u) {
		return false
	}
	d0 := s.rng.IntN(m.D)
	for k := 0; k < m.D; k++ {
		d2 := (d0 + k) % m.D
		j1, j2 := e1*m.D+d2, e2*m.D+d2
		a, b := x[j1], x[j2]
		if d2 == d || a == b || m.mins(b)-m.mins(a) != m.mins(u)-m.mins(v) || !m.canTake(j1, b) || !m.canTake(j2, a) {
			continue
		}
		s.st.setCell(e1, d, v)
		s.st.setCell(e2, d, u)
		s.st.setCell(e1, d2, b)
		s.st.setCell(e2, d2, a)
		return true
	}
	return false
}

// mins is the length of value v in minutes (0 for Off).
func (m *model) mins(v int) int {
	if v < 0 {
		return 0
	}
	return m.minutes[v]
}

// aim draws a day short of cover with probability pct percent, or reports
// false. The short days are listed on long horizons only (see
// weeksAimPct).
func (s *searcher) aim(pct int) (int, bool) {
	n := len(s.short)
	if n == 0 || !s.aimShort || s.rng.IntN(100) >= pct {
		return 0, false
	}
	return s.short[s.rng.IntN(n)], true
}

// offOn returns e if e is off on day d, otherwise the first of up to four
// employees drawn at random who is (or the last drawn).
func (s *searcher) offOn(e, d int) int {
	m := s.m
	for try := 0; try < 4 && s.st.x[e*m.D+d] != Off; try++ {
		e = s.rng.IntN(m.E)
	}
	return e
}

// startHolding draws the first day of a block of k days that holds day d.
func (s *searcher) startHolding(d, k int) int {
	return min(max(0, d-s.rng.IntN(k)), s.m.D-k)
}

// findShort lists the days on which some shift is under-covered (its next
// employee lowers the cost), for the moves aimed at them (aim) and the
// ejection chains (moveRowChain).
func (s *searcher) findShort() {
	m := s.m
	s.short = s.short[:0]
	if m.sep == nil {
		return
	}
	cnt := s.cntTmp(m.S)
	for d := 0; d < m.D; d++ {
		for v := range cnt {
			cnt[v] = 0
		}
		for e := 0; e < m.E; e++ {
			if v := s.st.x[e*m.D+d]; v >= 0 {
				cnt[v]++
			}
		}
		for v, n := range cnt {
			if m.sep.Step(d, v, n) < 0 {
				s.short = append(s.short, d)
				break
			}
		}
	}
}

// wkSwapPct of the block swaps exchange two weekends between two
// employees (moveSwapWeekends) where some employee's weekends are limited,
// and wkAimPct of those are aimed at a shift-on request on a weekend
// (drawWantWeekends). Measured with one thread per run, two runs at once
// (the code without and with the move, same seed, 60 s): instance 13 of
// Curtois and Qu from 1 506, 1 513, 1 515 to 1 490, 1 488, 1 496 (seeds
// 1–3), 14 from 1 357, 1 363 to 1 336, 1 355, 8 from 1 457 to 1 368, 16
// from 3 345 to 3 246, 18 from 4 714 to 4 622; 19 from 3 359 to 3 420
// and 12 from 4 121 to 4 133 (seed 1); see docs/solver-history.md.
const (
	wkSwapPct = 25
	wkAimPct  = 50
)

// moveSwapWeekends exchanges two employees' values on two weekends at
// once, each stretched by up to two days on either side. The cover does
// not change. When each of them works one of the two weekends and not the
// other, they trade weekends and both keep the number they work: on
// Curtois and Qu's instance 13 every employee who misses a requested
// shift works as many weekends as allowed, and a third of the requests
// missed fall on a weekend, where a swap of one block would put one of
// the two over the limit on the way.
func (s *searcher) moveSwapWeekends() bool {
	m := s.m
	e1, e2, w1, w2, ok := s.drawWeekendSwap()
	if !ok {
		return false
	}
	var spans [2][2]int
	for j, w := range [2]int{w1, w2} {
		spans[j] = [2]int{max(m.p.Weekends[w][0]-s.rng.IntN(3), 0), min(m.p.Weekends[w][1]+s.rng.IntN(3), m.D-1)}
	}
	if spans[0][1] >= spans[1][0] && spans[1][1] >= spans[0][0] {
		return false // the stretched weekends overlap
	}
	diff := false
	for _, sp := range spans {
		d, ok := s.canSwapRuns(e1, sp[0], e2, sp[0], sp[1]-sp[0]+1)
		if !ok {
			return false
		}
		diff = diff || d
	}
	if !diff {
		return false
	}
	for _, sp := range spans {
		s.applySwapRuns(e1, sp[0], e2, sp[0], sp[1]-sp[0]+1)
	}
	return true
}

// drawWeekendSwap draws the two employees and two weekends of
// moveSwapWeekends, aimed at a request in wkAimPct of the draws.
func (s *searcher) drawWeekendSwap() (e1, e2, w1, w2 int, ok bool) {
	if len(s.m.wantCell) > 0 && s.rng.IntN(100) < wkAimPct {
		return s.drawWantWeekends()
	}
	return s.drawPlainWeekends()
}

// drawPlainWeekends draws two employees and two weekends at random.
func (s *searcher) drawPlainWeekends() (e1, e2, w1, w2 int, ok bool) {
	W := s.m.W
	e1, e2 = s.twoEmployees()
	w1 = s.rng.IntN(W)
	w2 = s.rng.IntN(W - 1)
	if w2 >= w1 {
		w2++
	}
	return e1, e2, w1, w2, true
}

// drawWantWeekends draws a shift-on request on a weekend day that its
// employee e1 does not have, a colleague e2 who works that shift that day
// (drawWantSwap), the request's weekend w1, and a weekend w2 that e1
// works and e2 does not (ok false when there is none).
func (s *searcher) drawWantWeekends() (e1, e2, w1, w2 int, ok bool) {
	m := s.m
	d, e1, e2, ok := s.drawWantSwap()
	if !ok || m.weekOf[d] < 0 {
		return 0, 0, 0, 0, false
	}
	w1 = m.weekOf[d]
	from := s.rng.IntN(m.W)
	for k := 0; k < m.W; k++ {
		w := (from + k) % m.W
		if w != w1 && s.st.wk[e1*m.W+w] > 0 && s.st.wk[e2*m.W+w] == 0 {
			return e1, e2, w1, w, true
		}
	}
	return 0, 0, 0, 0, false
}
