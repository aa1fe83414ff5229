package roster

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// tradeTypes is how many shift types a trade tries on a day: the cheapest
// for the cover, and as many of the cheapest that keep the hours the
// trade gives up.
const tradeTypes = 4

// repair mends rows that still break a hard rule when the search stops (a
// time limit can cut it short before every row is legal). First it sets
// to Off, row by row and one at a time, the unpinned cell whose removal
// leaves the agent's timeline with the fewest violations, as long as that
// count falls. A row that still breaks a rule then trades: one day, or the
// worked days of one weekend, go off while another day takes a shift (a
// free day starts one, a worked day changes its shift), so that a weekend
// cleared, a sixth day dropped or a short rest lengthened keeps the
// week's minimum hours. The days set off are those the violations name;
// the day taking a shift lies in their pay weeks, or anywhere when no
// trade there lowers the count. Rows that trades of one day leave
// breaking a rule are taken again, after every row had its turn, with
// trades that give shifts to two days of the week. Each step takes the
// trade with the fewest violations, the cheapest for the cover among
// equals, while the count falls. Rules about breaks and training are left
// out (breaks are placed later). Removals and trades stop at deadline
// (zero: none). It returns the number of cells changed.
func (m *model) repair(p *solver.Problem, x [][]int, deadline time.Time) int {
	ctx := newCheckContext(m.in, m.c)
	check := func(e int) []Violation {
		var out []Violation
		for _, v := range ctx.agent(m.agents[e].a, m.timeline(e, x[e])) {
			if v.Rule != "breaks" && v.Rule != "training" {
				out = append(out, v)
			}
		}
		return out
	}
	// Removals first, row by row, then the trades on the rows still
	// breaking a rule, all priced on the roster the removals left; both
	// stop at the deadline, the removals a step at a time.
	left := make([]int, len(x)) // violations of each row after its removals
	changed := 0
	for e := range x {
		if passed(deadline) {
			return changed
		}
		count := func() int { return len(check(e)) }
		cur := count()
		for cur > 0 && !passed(deadline) {
			best, bestN := -1, cur
			for d, s := range x[e] {
				if s < 0 || m.pinned(e, d) {
					continue
				}
				x[e][d] = solver.Off
				if n := count(); n < bestN {
					best, bestN = d, n
				}
				x[e][d] = s
			}
			if best < 0 {
				break
			}
			x[e][best] = solver.Off
			changed++
			cur = bestN
		}
		left[e] = cur
	}
	var tr *trader
	var again []int // rows the trades of one day did not mend
	for e, cur := range left {
		if cur == 0 {
			continue
		}
		if passed(deadline) {
			return changed
		}
		if tr == nil {
			if tr = m.newTrader(p, x); tr == nil {
				return changed
			}
		}
		n, cells := tr.mend(e, cur, 1, func() []Violation { return check(e) }, deadline)
		changed += cells
		if n > 0 {
			again = append(again, e)
		}
	}
	for _, e := range again {
		if passed(deadline) {
			break
		}
		_, cells := tr.mend(e, len(check(e)), 2, func() []Violation { return check(e) }, deadline)
		changed += cells
	}
	return changed
}

// mend trades on row e, whose check finds cur violations, while the count
// falls and deadline has not passed: a day of the violations' weeks given
// a shift, else any day, else (at depth 2) two days of those weeks. It
// returns the violations left and the cells changed.
func (tr *trader) mend(e, cur, depth int, check func() []Violation, deadline time.Time) (int, int) {
	count := func() int {
		if passed(deadline) {
			// A trade priced after the deadline is no better than
			// none: a step (hundreds of trades at depth 2) ends with
			// what it found before.
			return math.MaxInt
		}
		return len(check())
	}
	changed := 0
	for cur > 0 && !passed(deadline) {
		focus := tr.focus(check())
		n, cells := tr.step(e, cur, focus, false, 1, count)
		if n >= cur {
			n, cells = tr.step(e, cur, focus, true, 1, count)
		}
		if n >= cur && depth == 2 {
			n, cells = tr.step(e, cur, focus, false, 2, count)
		}
		if n >= cur {
			break
		}
		changed += cells
		cur = n
	}
	return cur, changed
}

// passed reports whether deadline (zero: none) has passed.
func passed(deadline time.Time) bool { return !deadline.IsZero() && time.Now().After(deadline) }

// pinned reports whether cell (e, d) is fixed by a pinned shift.
func (m *model) pinned(e, d int) bool {
	_, ok := m.pins[[2]int{e, d}]
	return ok
}

// trader makes the trades of repair, pricing them on a cover tracker of
// the whole roster.
type trader struct {
	*polisher
	weekends [][2]int
	ranked   map[int][]rankedType // per day of the row in hand, by price
}

// rankedType is a shift type with its price for the cover (the change of
// cost were it added) and its paid minutes.
type rankedType struct {
	s    int
	c    int64
	paid time.Duration
}

// newTrader returns a trader of x, or nil when p has no agent rules or
// cover of this model.
func (m *model) newTrader(p *solver.Problem, x [][]int) *trader {
	pl := m.newPolisher(p, x)
	if pl == nil {
		return nil
	}
	t, ok := p.Coverage.NewTracker().(*tracker)
	if !ok {
		return nil
	}
	pl.t = t
	for e, row := range x {
		for d, s := range row {
			if s >= 0 {
				t.Add(e, d, s)
			}
		}
	}
	return &trader{polisher: pl, weekends: weekends(m.c)}
}

// focus is the days the violations vs concern: a rule on a week names the
// week, a rest or a succession the days around it, a run of days the
// week before and after it, the weekends rule every weekend day; rules
// on the whole period name every day.
func (tr *trader) focus(vs []Violation) []bool {
	m, c := tr.m, tr.m.c
	f := make([]bool, m.D)
	mark := func(from, to int) {
		for d := max(from, 0); d <= to && d < m.D; d++ {
			f[d] = true
		}
	}
	for _, v := range vs {
		d := c.day(v.At)
		switch v.Rule {
		case "max_days_per_week", "max_weekly_hours", "min_weekly_hours", "weekly_rest":
			mark(d, d+6)
		case "min_daily_rest", "overlap", "fixed_day_off", "time_off", "unavailable", "skills", "max_daily_work":
			mark(d-1, d)
		case "max_consecutive_days", "max_consecutive_nights":
			mark(d-7, d+7)
		case "min_weekends_off":
			for _, w := range tr.weekends {
				mark(w[0], w[1])
			}
		default:
			mark(0, m.D-1)
		}
	}
	return f
}

// change sets day d of a row from was to s (either may be solver.Off).
type change struct{ d, was, s int }

// trade is one candidate: its changes, the violations after them and the
// change of the cover's cost.
type trade struct {
	cells []change
	n     int
	cost  int64
}

// tradeSeconds is how many trades of depth 1, for each set of days taken
// off, a step of depth 2 builds on: half the cheapest, half those that
// give back the most paid time.
const tradeSeconds = 4

// step finds the best trade for agent e, whose row has cur violations as
// counted by count: focus days set off (one, a weekend's two, or none),
// and a day of their pay weeks (any day when wide; a focus day when none
// is set off) given a shift. At depth 2 a second day of those weeks is
// given a shift too, on top of the best trades of one (tradeSeconds for
// each set of days taken off). The trade is made if it lowers the count;
// step returns the new count and the cells changed.
func (tr *trader) step(e, cur int, focus []bool, wide bool, depth int, count func() int) (int, int) {
	m, c, row := tr.m, tr.m.c, tr.x[e]
	removals := [][]int{nil} // nil: no day set off, a focus day changed
	for d, s := range row {
		if s >= 0 && focus[d] && !m.pinned(e, d) {
			removals = append(removals, []int{d})
		}
	}
	for _, w := range tr.weekends {
		if w[0] >= 0 && w[1] < m.D && focus[w[0]] && row[w[0]] >= 0 && row[w[1]] >= 0 && !m.pinned(e, w[0]) && !m.pinned(e, w[1]) {
			removals = append(removals, []int{w[0], w[1]})
		}
	}
	tr.ranked = map[int][]rankedType{}
	best := trade{n: cur}
	var firsts []trade // trades of one day given that do not lower the count
	try := func(cells []change) {
		n := count()
		if n > best.n || (n >= cur && depth < 2) {
			return
		}
		t := trade{cells: slices.Clone(cells), n: n, cost: tr.cost(e, cells)}
		switch {
		case n >= cur:
			firsts = append(firsts, t)
		case n < best.n || t.cost < best.cost:
			best = t
		}
	}
	// each sets, one after the other, every day of scope not in cells
	// to every candidate type and calls f with the change; paid is the
	// paid time cells give up.
	each := func(cells []change, paid time.Duration, scope func(d int) bool, f func(change)) {
		var saved []int
		for _, ch := range cells {
			if ch.s < 0 {
				saved = append(saved, ch.was)
			}
		}
		for d := range m.D {
			if !scope(d) || m.pinned(e, d) || slices.ContainsFunc(cells, func(ch change) bool { return ch.d == d }) {
				continue
			}
			was := row[d]
			need := paid
			if was >= 0 {
				if m.types[was].custom != nil {
					continue
				}
				need += m.inst[d*m.S+was].paid
			}
			for _, s := range tr.candidates(e, d, saved, need) {
				if s != was {
					row[d] = s
					f(change{d, was, s})
				}
			}
			row[d] = was
		}
	}
	inWeeks := func(cells []change) func(int) bool {
		return func(d int) bool {
			if wide {
				return true
			}
			off := takenOff(cells)
			if len(off) == 0 {
				return focus[d]
			}
			return slices.ContainsFunc(off, func(o int) bool { return c.week(o) == c.week(d) })
		}
	}
	paid := func(cells []change) time.Duration {
		var p time.Duration
		for _, ch := range cells {
			if ch.was >= 0 {
				p += m.inst[ch.d*m.S+ch.was].paid
			}
			if ch.s >= 0 {
				p -= m.inst[ch.d*m.S+ch.s].paid
			}
		}
		return p
	}
	// set makes cells in the row, or undoes them.
	set := func(cells []change, undo bool) {
		for _, ch := range cells {
			row[ch.d] = ch.s
			if undo {
				row[ch.d] = ch.was
			}
		}
	}
	for _, off := range removals {
		var cells []change
		for _, d := range off {
			cells = append(cells, change{d, row[d], solver.Off})
		}
		set(cells, false)
		if off != nil && !wide && depth == 1 {
			try(cells)
		}
		each(cells, paid(cells), inWeeks(cells), func(ch change) { try(append(cells, ch)) })
		set(cells, true)
	}
	if best.n >= cur && depth == 2 {
		// The seconds build, for each set of days taken off, on its
		// cheapest firsts and on those that give back the most of the
		// paid time taken off.
		byCost := func(a, b trade) int {
			if a.n != b.n {
				return a.n - b.n
			}
			return cmp.Compare(a.cost, b.cost)
		}
		byPaid := func(a, b trade) int {
			if a.n != b.n {
				return a.n - b.n
			}
			if c := cmp.Compare(paid(a.cells), paid(b.cells)); c != 0 {
				return c
			}
			return cmp.Compare(a.cost, b.cost)
		}
		var bases []trade
		for _, off := range removals {
			var mine []trade
			for _, f := range firsts {
				if slices.Equal(takenOff(f.cells), off) {
					mine = append(mine, f)
				}
			}
			for _, order := range []func(a, b trade) int{byCost, byPaid} {
				slices.SortStableFunc(mine, order)
				k := 0
				for _, f := range mine {
					if k == tradeSeconds/2 {
						break
					}
					if !slices.ContainsFunc(bases, func(b trade) bool { return slices.Equal(b.cells, f.cells) }) {
						bases = append(bases, f)
						k++
					}
				}
			}
		}
		for _, f := range bases {
			set(f.cells, false)
			each(f.cells, paid(f.cells), inWeeks(f.cells), func(ch change) { try(append(f.cells, ch)) })
			set(f.cells, true)
		}
	}
	if best.n >= cur {
		return cur, 0
	}
	t := tr.t
	for _, ch := range best.cells {
		if ch.was >= 0 {
			t.Remove(e, ch.d, ch.was)
		}
	}
	for _, ch := range best.cells {
		if ch.s >= 0 {
			t.Add(e, ch.d, ch.s)
		}
		row[ch.d] = ch.s
	}
	return best.n, len(best.cells)
}

// takenOff is the days cells set off.
func takenOff(cells []change) []int {
	var out []int
	for _, ch := range cells {
		if ch.s < 0 {
			out = append(out, ch.d)
		}
	}
	return out
}

// candidates are the shift types a trade tries on day d of agent e's row,
// each allowed on d next to the neighbouring days' shifts: those of the
// cells it sets off (saved), the tradeTypes cheapest for the cover, and
// the tradeTypes cheapest of at least need paid time (or of the longest
// paid time there is, if less).
func (tr *trader) candidates(e, d int, saved []int, need time.Duration) []int {
	m := tr.m
	var out []int
	add := func(s int) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, s := range saved {
		if tr.fits(e, d, s) {
			add(s)
		}
	}
	ranked, ok := tr.ranked[d]
	if !ok {
		for s := range m.S {
			if m.types[s].custom == nil && tr.fits(e, d, s) {
				ranked = append(ranked, rankedType{s: s, c: tr.t.Price(e, d, s), paid: m.inst[d*m.S+s].paid})
			}
		}
		slices.SortStableFunc(ranked, func(a, b rankedType) int { return cmp.Compare(a.c, b.c) })
		tr.ranked[d] = ranked
	}
	for i := 0; i < len(ranked) && i < tradeTypes; i++ {
		add(ranked[i].s)
	}
	// Where no type gives back need, the longest do.
	var longest time.Duration
	for _, r := range ranked {
		longest = max(longest, r.paid)
	}
	need = min(need, longest)
	k := 0
	for _, r := range ranked {
		if k == tradeTypes {
			break
		}
		if r.paid >= need {
			add(r.s)
			k++
		}
	}
	return out
}

// cost is the change of the cover's cost were the changes made; the
// tracker is left as it was.
func (tr *trader) cost(e int, cells []change) int64 {
	t, D := tr.t, tr.m.D
	var qs [4]int8
	q := qs[:0]
	var c int64
	for _, ch := range cells {
		q = append(q, t.q[e*D+ch.d])
		if ch.was >= 0 {
			c += t.Remove(e, ch.d, ch.was)
		}
	}
	for _, ch := range cells {
		if ch.s >= 0 {
			c += t.Add(e, ch.d, ch.s)
		}
	}
	for _, ch := range cells {
		if ch.s >= 0 {
			t.Remove(e, ch.d, ch.s)
		}
	}
	for i, ch := range cells {
		if ch.was >= 0 {
			t.addTo(e, ch.d, ch.was, int(q[i]))
		}
	}
	return c
}

// timeline is agent e's carry-in and row as sorted shifts.
func (m *model) timeline(e int, row []int) []tlShift {
	am := &m.agents[e]
	var tl []tlShift
	for _, p := range am.prev {
		tl = append(tl, tlShift{Shift: p, prev: true})
	}
	for d, s := range row {
		if s < 0 {
			continue
		}
		ins := &m.inst[d*m.S+s]
		if t := m.types[s]; t.custom != nil {
			tl = append(tl, tlShift{Shift: *t.custom})
			continue
		}
		night := int8(-1)
		if ins.night {
			night = 1
		}
		if pin, ok := m.pins[[2]int{e, d}]; ok {
			// A pinned template shift keeps its own breaks, as in the
			// result; the search never moves it off its cell.
			tl = append(tl, tlShift{Shift: pin, day: d, dayKnown: true, night: night})
			continue
		}
		// Unpaid break time counts against paid hours as in the result.
		sh := scheduling.Shift{AgentID: am.a.ID, Start: ins.start, End: ins.end, Status: scheduling.ShiftActive, Breaks: m.unpaidPlaceholder(ins)}
		tl = append(tl, tlShift{Shift: sh, day: d, dayKnown: true, night: night})
	}
	return tl
}

// unpaidPlaceholder stands for a template's unpaid breaks so that Paid()
// equals the instance's paid time.
func (m *model) unpaidPlaceholder(ins *instance) []scheduling.Break {
	unpaid := ins.end.Sub(ins.start) - ins.paid
	if unpaid <= 0 {
		return nil
	}
	return []scheduling.Break{{Start: ins.start, End: ins.start.Add(unpaid), Paid: false}}
}
