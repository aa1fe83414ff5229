package solver

// state is one roster with its score kept up to date cell by cell: the
// per-employee counters (shifts per type, minutes, weekend days), the
// hard units of each employee's stretches and successions, and the cover
// tracker. setCell re-evaluates only what one cell can change.
type state struct {
	m     *model
	x     []int   // x[e*D+d]: shift or Off
	cnt   []int   // cnt[e*S+s]: shifts of type s worked by e
	mins  []int   // paid minutes of e
	wk    []int8  // wk[e*W+w]: days worked in weekend w
	nwk   []int   // weekends worked by e
	rule  []int64 // rule[e*2], rule[e*2+1]: RowRule hard, soft of e
	cover CoverTracker
	// price is cover where it prices shifts itself (coverPrice), or nil.
	price CoverPricer
	rowH  []int64 // hard units of each employee (RowRules included)
	hard  int64   // hard units
	soft  int64   // soft penalty
	shape int64   // search-only shaping (shape.go), not part of the score
	half  []int   // half-worked two-day weekends of e
	dn    []int32 // dn[d*S+s]: employees on shift s on day d, when the cover is separable
	// journal of changed cells (index, previous value) since mark.
	journal []cellChange
	touched []int // employees with RowRules to re-evaluate
}

// cellChange is one journalled cell: its index, its value before and
// after, and the scores before it (the roster's hard units and soft score,
// and the employee's hard units), so that undo restores them instead of
// pricing the change back.
type cellChange struct {
	i, old, new      int
	hard, soft, rowH int64
}

func newState(m *model, x []int) *state {
	st := &state{m: m}
	st.x = make([]int, m.E*m.D)
	for i := range st.x {
		st.x[i] = Off
	}
	st.cnt = make([]int, m.E*m.S)
	st.mins = make([]int, m.E)
	st.wk = make([]int8, m.E*m.W)
	st.nwk = make([]int, m.E)
	st.half = make([]int, m.E)
	st.rule = make([]int64, 2*m.E)
	st.rowH = make([]int64, m.E)
	if m.sep != nil {
		st.dn = make([]int32, m.D*m.S)
	}
	if m.p.Coverage != nil {
		st.cover = m.p.Coverage.NewTracker()
	} else {
		st.cover = nopTracker{}
	}
	st.price, _ = st.cover.(CoverPricer)
	st.reset(x)
	return st
}

// reset loads roster x (nil: the starting values) and recomputes all
// counters from scratch.
func (st *state) reset(x []int) {
	m := st.m
	for i := range st.x {
		if st.x[i] >= 0 {
			st.unassign(i/m.D, i%m.D, st.x[i])
		}
		st.x[i] = Off
	}
	for i := range st.cnt {
		st.cnt[i] = 0
	}
	for i := range st.dn {
		st.dn[i] = 0
	}
	for e := range st.mins {
		st.mins[e], st.nwk[e] = 0, 0
	}
	for i := range st.wk {
		st.wk[i] = 0
	}
	st.shape = 0
	for e := range st.half {
		st.half[e] = 0
	}
	for i := range st.x {
		v := m.start[i]
		if x != nil {
			v = x[i]
		}
		st.x[i] = v
		if v >= 0 {
			st.assign(i/m.D, i%m.D, v)
		}
	}
	st.hard, st.soft = 0, 0
	for e := 0; e < m.E; e++ {
		st.rowH[e] = st.rowHard(e)
		st.hard += st.rowH[e]
	}
	for i, v := range st.x {
		st.soft += m.cost[i*m.V+v+1]
	}
	st.soft += st.cover.Cost()
	if len(m.p.Rules) > 0 {
		for e := 0; e < m.E; e++ {
			h, s := st.evalRules(e)
			st.rule[2*e], st.rule[2*e+1] = h, s
			st.hard += h
			st.rowH[e] += h
			st.soft += s
		}
	}
	st.journal = st.journal[:0]
}

// shapeWeekend updates the shaping after e's worked days in weekend w
// changed from was (and with it perhaps e's weekends worked, from nwk0).
func (st *state) shapeWeekend(e, w, was, nwk0 int) {
	var dz int64
	st.half[e], dz = st.m.halfAfter(e, w, st.half[e], was, int(st.wk[e*st.m.W+w]), nwk0, st.nwk[e])
	st.shape += dz
}

// halfAfter is e's half-worked weekends, from half, and the change of the
// shaping when e's days worked in weekend w go from wk0 to wk1 and its
// weekends worked from nwk0 to nwk1.
func (m *model) halfAfter(e, w, half, wk0, wk1, nwk0, nwk1 int) (int, int64) {
	if m.wkShaped == nil || !m.wkShaped[e] || m.wkLen[w] != 2 {
		return half, 0
	}
	half1 := half + b2i(wk1 == 1) - b2i(wk0 == 1)
	return half1, m.halfPen(e, half1, nwk1) - m.halfPen(e, half, nwk0)
}

// halfPen is the shaping of an employee with half half-worked weekends
// and nwk weekends worked: they count only while e's weekend limit binds.
func (m *model) halfPen(e, half, nwk int) int64 {
	if nwk < m.emp[e].maxW {
		return 0
	}
	return int64(half) * m.wkShape
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// assign and unassign update counters and cover only (not hard/soft).
func (st *state) assign(e, d, s int) int64 {
	m := st.m
	st.cnt[e*m.S+s]++
	st.mins[e] += m.minutes[s]
	if w := m.weekOf[d]; w >= 0 {
		st.wk[e*m.W+w]++
		nwk0 := st.nwk[e]
		if st.wk[e*m.W+w] == 1 {
			st.nwk[e]++
		}
		st.shapeWeekend(e, w, int(st.wk[e*m.W+w])-1, nwk0)
	}
	if st.dn != nil {
		st.dn[d*m.S+s]++
	}
	return st.cover.Add(e, d, s)
}

func (st *state) unassign(e, d, s int) int64 {
	m := st.m
	st.cnt[e*m.S+s]--
	st.mins[e] -= m.minutes[s]
	if w := m.weekOf[d]; w >= 0 {
		st.wk[e*m.W+w]--
		nwk0 := st.nwk[e]
		if st.wk[e*m.W+w] == 0 {
			st.nwk[e]--
		}
		st.shapeWeekend(e, w, int(st.wk[e*m.W+w])+1, nwk0)
	}
	if st.dn != nil {
		st.dn[d*m.S+s]--
	}
	return st.cover.Remove(e, d, s)
}

func over(n, max int) int {
	if max >= 0 && n > max {
		return n - max
	}
	return 0
}

// minutesPen is the hard units of e's total minutes: the excess over the
// maximum or the shortfall under the minimum, in units rounded up.
func (m *model) minutesPen(e, mins int) int {
	r := &m.emp[e]
	if r.maxM >= 0 && mins > r.maxM {
		return (mins - r.maxM + m.unit - 1) / m.unit
	}
	if mins < r.minM {
		return (r.minM - mins + m.unit - 1) / m.unit
	}
	return 0
}

func (m *model) succPen(e, d, a, b int) int {
	if m.forbidden(d, a, b) {
		return 1
	}
	return 0
}

// around is the values either side of cell (e, d): the day before (or the
// history's last shift) and the day after (Off past the horizon).
func (st *state) around(e, d int) (prev, next int) {
	m := st.m
	prev, next = m.emp[e].histLast, Off
	if d > 0 {
		prev = st.x[e*m.D+d-1]
	}
	if d+1 < m.D {
		next = st.x[e*m.D+d+1]
	}
	return prev, next
}

// succAround is the forbidden successions of value v on day d between
// prev and next.
func (m *model) succAround(e, d, prev, v, next int) int {
	return m.succPen(e, d-1, prev, v) + m.succPen(e, d, v, next)
}

// rowHard is the hard units of employee e from scratch (without RowRules).
func (st *state) rowHard(e int) int64 {
	m := st.m
	return m.rowHardCounted(e, st.x[e*m.D:(e+1)*m.D], st.cnt[e*m.S:(e+1)*m.S], st.mins[e], st.nwk[e])
}

// rowHardCounted is the hard units of employee e's row (D values) with
// its shifts per type cnt, minutes mins and weekends worked nwk.
func (m *model) rowHardCounted(e int, row, cnt []int, mins, nwk int) int64 {
	r := &m.emp[e]
	h := windowPen(r, row, 0, m.D-1)
	for s, c := range cnt {
		h += over(c, r.maxS[s])
	}
	h += m.minutesPen(e, mins)
	h += over(nwk, r.maxW)
	h += m.succPen(e, -1, r.histLast, row[0])
	for d := 0; d+1 < m.D; d++ {
		h += m.succPen(e, d, row[d], row[d+1])
	}
	return int64(h)
}

func (st *state) fullHard() int64 {
	var h int64
	for e := 0; e < st.m.E; e++ {
		h += st.rowHard(e)
	}
	return h
}

func (st *state) evalRules(e int) (int64, int64) {
	m := st.m
	row := st.x[e*m.D : (e+1)*m.D]
	var h, s int64
	for _, rr := range m.p.Rules {
		hh, ss := rr.Evaluate(e, row)
		h += int64(hh)
		s += ss
	}
	return h, s
}

// setCell sets cell (e, d) to v, updating hard and soft incrementally,
// and journals the change for undo.
func (st *state) setCell(e, d, v int) {
	i := e*st.m.D + d
	if st.x[i] != v {
		st.journal = append(st.journal, cellChange{i, st.x[i], v, st.hard, st.soft, st.rowH[e]})
		st.set(e, d, v)
	}
}

func (st *state) set(e, d, v int) {
	m := st.m
	D := m.D
	i := e*D + d
	old := st.x[i]
	r := &m.emp[e]
	row := st.x[e*D : (e+1)*D]
	if m.costAny[i] {
		st.soft += m.cost[i*m.V+v+1] - m.cost[i*m.V+old+1]
	}
	prev, next := st.around(e, d)
	h := m.succAround(e, d, prev, v, next) - m.succAround(e, d, prev, old, next)
	// stretches, when the cell flips between work and off
	if (old >= 0) != (v >= 0) {
		L, R := stretchWindow(row, d)
		h -= windowPen(r, row, L, R)
		row[d] = v
		h += windowPen(r, row, L, R)
	} else {
		row[d] = v
	}
	// counters
	mins0 := st.mins[e]
	nwk0 := st.nwk[e]
	if old >= 0 {
		c := st.cnt[e*m.S+old]
		h += over(c-1, r.maxS[old]) - over(c, r.maxS[old])
		st.soft += st.unassign(e, d, old)
	}
	if v >= 0 {
		c := st.cnt[e*m.S+v]
		h += over(c+1, r.maxS[v]) - over(c, r.maxS[v])
		st.soft += st.assign(e, d, v)
	}
	h += m.minutesPen(e, st.mins[e]) - m.minutesPen(e, mins0)
	h += over(st.nwk[e], r.maxW) - over(nwk0, r.maxW)
	st.hard += int64(h)
	st.rowH[e] += int64(h)
	if len(m.p.Rules) > 0 {
		st.touched = append(st.touched, e)
	}
}

// settle re-evaluates RowRules of the employees touched since the last
// settle.
func (st *state) settle() {
	if len(st.touched) == 0 {
		return
	}
	for k, e := range st.touched {
		dup := false
		for _, f := range st.touched[:k] {
			dup = dup || f == e
		}
		if dup {
			continue
		}
		h, s := st.evalRules(e)
		st.hard += h - st.rule[2*e]
		st.rowH[e] += h - st.rule[2*e]
		st.soft += s - st.rule[2*e+1]
		st.rule[2*e], st.rule[2*e+1] = h, s
	}
	st.touched = st.touched[:0]
}

// undo reverts all cells changed since the journal was last cleared.
func (st *state) undo() { st.undoTo(0) }

// undoTo reverts the journal back to its first n entries. Without
// RowRules it reverts the counters, the cover and the shaping (assign,
// unassign) and restores the scores the journal kept; with them, set and
// settle price every cell back.
func (st *state) undoTo(n int) {
	m := st.m
	if len(st.journal) == n {
		st.settle()
		return
	}
	if len(m.p.Rules) > 0 {
		for k := len(st.journal) - 1; k >= n; k-- {
			c := st.journal[k]
			st.set(c.i/m.D, c.i%m.D, c.old)
		}
		st.journal = st.journal[:n]
		st.settle()
		return
	}
	for k := len(st.journal) - 1; k >= n; k-- {
		c := st.journal[k]
		e, d := c.i/m.D, c.i%m.D
		if c.new >= 0 {
			st.unassign(e, d, c.new)
		}
		st.x[c.i] = c.old
		if c.old >= 0 {
			st.assign(e, d, c.old)
		}
		st.rowH[e] = c.rowH
	}
	c := st.journal[n]
	st.hard, st.soft = c.hard, c.soft
	st.journal = st.journal[:n]
}

// coverPrice is what adding shift v on day d to employee e would change of
// the cover's cost. A CoverPricer leaves the tracker as it was; any other
// tracker is left as its Add followed by its Remove leaves it.
func (st *state) coverPrice(e, d, v int) int64 {
	if st.price != nil {
		return st.price.Price(e, d, v)
	}
	c := st.cover.Add(e, d, v)
	st.cover.Remove(e, d, v)
	return c
}

type nopTracker struct{}

func (nopTracker) Add(_, _, _ int) int64        { return 0 }
func (nopTracker) Remove(_, _, _ int) int64     { return 0 }
func (nopTracker) Cost() int64                  { return 0 }
func (nopTracker) Components() map[string]int64 { return nil }

// priceCell prices every value of cell (e, d) without changing the state:
// out[k] is what setting the cell to vals[k] would change of the hard
// units (weighted by hw), the soft score without the cover, and the
// shaping; the current value prices 0. It reproduces set's arithmetic
// without the RowRules (callers with RowRules add their change, as
// bestValue does, or use setCell and settle). The change of a flip
// between work and off (stretches, weekend and its shaping) is the same
// for every working value, so it is computed once.
func (st *state) priceCell(e, d int, vals []int, hw int64, out []int64) {
	m := st.m
	D := m.D
	i := e*D + d
	old := st.x[i]
	r := &m.emp[e]
	prev, next := st.around(e, d)
	succ0 := m.succAround(e, d, prev, old, next)
	mins0 := st.mins[e]
	minsPen0 := m.minutesPen(e, mins0)
	minsBase := mins0 - m.mins(old)
	leave := 0 // hard change of taking old out of its type's count
	if old >= 0 {
		c := st.cnt[e*m.S+old]
		leave = over(c-1, r.maxS[old]) - over(c, r.maxS[old])
	}
	var cost []int64 // cost[v+1]: the cell's requests at v, nil for none
	var cost0 int64
	if m.costAny[i] {
		cost = m.cost[i*m.V : (i+1)*m.V]
		cost0 = cost[old+1]
	}
	flipped := false
	var flipH, flipZ int64
	for k, v := range vals {
		if v == old {
			out[k] = 0
			continue
		}
		h := m.succAround(e, d, prev, v, next) - succ0 + leave
		if v >= 0 {
			c := st.cnt[e*m.S+v]
			h += over(c+1, r.maxS[v]) - over(c, r.maxS[v])
		}
		h += m.minutesPen(e, minsBase+m.mins(v)) - minsPen0
		var soft int64
		if cost != nil {
			soft = cost[v+1] - cost0
		}
		var z int64
		if (v >= 0) != (old >= 0) {
			if !flipped {
				flipH, flipZ = st.flipDelta(e, d, v)
				flipped = true
			}
			h += int(flipH)
			z = flipZ
		}
		out[k] = int64(h)*hw + soft + z
	}
}

// priceSet is what setting cell (e, d) to v would change of the
// annealing objective (hard units weighted by hw, soft score with the
// cover, shaping), without changing the state. It needs separable cover
// and no RowRules (searcher.priced).
func (st *state) priceSet(e, d, v int, hw int64) int64 {
	return st.priceOne(e, d, v, hw) + st.coverStep(d, st.x[e*st.m.D+d], v)
}

// priceOne is priceCell for the one value v.
func (st *state) priceOne(e, d, v int, hw int64) int64 {
	var out [1]int64
	vals := [1]int{v}
	st.priceCell(e, d, vals[:], hw, out[:])
	return out[0]
}

// coverStep is the change of the separable cover when one employee on
// day d moves from value old to v.
func (st *state) coverStep(d, old, v int) int64 {
	m := st.m
	var c int64
	if old >= 0 {
		c -= m.sep.Step(d, old, int(st.dn[d*m.S+old])-1)
	}
	if v >= 0 {
		c += m.sep.Step(d, v, int(st.dn[d*m.S+v]))
	}
	return c
}

// flipDelta is the change of e's hard units and of the shaping when cell
// (e, d) turns from work to off or back (to v, of the other kind): its
// stretches, its weekends worked and their half-worked shaping.
func (st *state) flipDelta(e, d, v int) (int64, int64) {
	m := st.m
	r := &m.emp[e]
	row := st.x[e*m.D : (e+1)*m.D]
	old := row[d]
	L, R := stretchWindow(row, d)
	h := -windowPen(r, row, L, R)
	row[d] = v
	h += windowPen(r, row, L, R)
	row[d] = old
	var z int64
	if w := m.weekOf[d]; w >= 0 {
		wk := int(st.wk[e*m.W+w])
		nwk := st.nwk[e]
		wk1, nwk1 := wk+1, nwk+b2i(wk == 0)
		if old >= 0 {
			wk1, nwk1 = wk-1, nwk-b2i(wk == 1)
		}
		h += over(nwk1, r.maxW) - over(nwk, r.maxW)
		_, z = m.halfAfter(e, w, st.half[e], wk, wk1, nwk, nwk1)
	}
	return int64(h), z
}
