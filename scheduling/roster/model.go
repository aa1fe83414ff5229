package roster

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// shiftType is one solver shift type: a template started at one clock
// time, or a custom shift (pinned or reference) valid on one day only.
type shiftType struct {
	tmpl  int           // index in Input.Templates, or -1
	start time.Duration // local clock offset from midnight
	// custom, when not nil, is the shift itself; day is its day.
	custom *scheduling.Shift
	day    int
}

// instance is a shift type on one day: real instants and what they mean.
type instance struct {
	ok                  bool
	start, end          time.Time
	paid                time.Duration
	night               bool
	holiday             time.Duration // paid time on public holidays
	premium             float64       // paid hours weighted by 1 + premiums
	first               int           // first interval index
	prof                []int32       // on-phone agent-minutes per interval from first
	startSec, endSec    int64
	weekendDay, holDay  bool
	templateID, display string
}

// model is the Input compiled for the solver.
type model struct {
	in     *Input
	c      *calendar
	w      Weights
	types  []shiftType
	S, D   int
	inst   []instance // inst[d*S+s]
	queues []int      // demand index per Input.Queues index (-1 = no demand)
	dem    []demandCurve
	agents []agentModel
	byID   map[string]int
	rate   float64 // mean hourly rate
	pins   map[[2]int]scheduling.Shift
	// cov is coverable's result, worked out once.
	cov [][]float64
	// bd is hoursDuals' result, worked out once.
	bd *boundDuals
	// base[qd][i] is the on-phone agent-minutes the previous period's
	// shifts bring into interval i of curve qd (a night that started
	// before day 0).
	base [][]int32
}

// agentModel is what the model knows of one agent.
type agentModel struct {
	a        scheduling.Agent
	queues   []int  // demand curves the agent can serve
	allowed  []bool // allowed[d*S+s]
	training [][]trainSlot
	trainDay []bool
	prev     []scheduling.Shift // carry-in, sorted
	prevRun  int                // consecutive days worked up to day -1
	prevOff  int                // consecutive days off up to day -1 (capped)
	prevNRun int                // consecutive nights up to day -1
	ledger   FairnessLedger
	hrel     float64 // contract hours / 40
	// terms are the agent's contracts day by day.
	terms   terms
	minWeek map[int]int64
	// maxWeek[w] is the weekly maximum of pay week w in paid minutes,
	// rounded down (floorMinutes); absent when the week has none.
	// maxDays[w] is the most days worked in it.
	maxWeek map[int]int64
	maxDays map[int]int
	// minPeriod and maxPeriod bound the paid minutes in the period
	// (the contract's period hours, time-off credit deducted; rounded up
	// and down, ceilMinutes and floorMinutes); 0 and solver.NoLimit mean
	// none. minWeek[w] is the week's minimum, rounded up alike.
	minPeriod, maxPeriod int64
	// prevWeekMin and prevWeekDays are paid minutes and days worked in the
	// period's first pay week before day 0.
	prevWeekMin  int64
	prevWeekDays int
	// prevWeekend is set when the period starts on a Sunday and the
	// carry-in works the Saturday before: Check counts that weekend
	// worked, the solver's weekends (day 0 alone) only if day 0 is.
	prevWeekend bool
}

// trainSlot is training time in one interval.
type trainSlot struct {
	iv      int
	minutes int32
}

func buildModel(in *Input) (*model, error) {
	c := newCalendar(in)
	m := &model{in: in, c: c, w: in.Weights.withDefaults(), D: in.Days, byID: map[string]int{}, pins: map[[2]int]scheduling.Shift{}}
	for i, a := range in.Agents {
		m.byID[a.ID] = i
		m.rate += a.HourlyRate
	}
	m.rate /= float64(len(in.Agents))
	if m.rate <= 0 {
		m.rate = 1
	}
	for ti, t := range in.Templates {
		step := t.StartStep
		if step <= 0 {
			step = 24 * time.Hour
		}
		for off := t.EarliestStart; off <= t.LatestStart; off += step {
			m.types = append(m.types, shiftType{tmpl: ti, start: off, day: -1})
		}
	}
	// Pinned and reference shifts that match no type become custom types.
	addCustom := func(s scheduling.Shift) {
		d := c.day(s.Start)
		if d < 0 || d >= m.D {
			return
		}
		if m.findType(d, s) >= 0 {
			return
		}
		cs := s
		m.types = append(m.types, shiftType{tmpl: -1, custom: &cs, day: d})
	}
	for _, s := range in.Pinned {
		if s.Status != scheduling.ShiftCancelled {
			addCustom(s)
		}
	}
	for _, s := range in.Reference {
		if s.Status != scheduling.ShiftCancelled {
			addCustom(s)
		}
	}
	m.S = len(m.types)
	m.inst = make([]instance, m.D*m.S)
	for d := 0; d < m.D; d++ {
		for s := range m.types {
			m.inst[d*m.S+s] = m.instance(d, s)
		}
	}
	if err := m.buildDemand(); err != nil {
		return nil, err
	}
	m.buildAgents()
	m.buildBase()
	return m, nil
}

// findType returns the non-custom type whose instance on day d is s, or -1.
func (m *model) findType(d int, s scheduling.Shift) int {
	for i, t := range m.types {
		if t.custom != nil {
			if t.day == d && t.custom.Start.Equal(s.Start) && t.custom.End.Equal(s.End) {
				return i
			}
			continue
		}
		tp := m.in.Templates[t.tmpl]
		if s.TemplateID != "" && s.TemplateID != tp.ID {
			continue
		}
		st := m.c.at(d, t.start)
		if st.Equal(s.Start) && m.c.at(d, t.start+tp.Length).Equal(s.End) {
			return i
		}
	}
	return -1
}

// instance computes type s on day d.
func (m *model) instance(d, s int) instance {
	t := m.types[s]
	c := m.c
	var in instance
	var breaks []scheduling.BreakRule
	var fixedBreaks []scheduling.Break
	if t.custom != nil {
		if t.day != d {
			return in
		}
		in.start, in.end = t.custom.Start, t.custom.End
		in.templateID = t.custom.TemplateID
		fixedBreaks = t.custom.Breaks
		in.paid = t.custom.Paid()
	} else {
		tp := m.in.Templates[t.tmpl]
		in.start = c.at(d, t.start)
		// The end is the wall-clock end: a 22:00–06:00 shift lasts 7 h on
		// the spring-forward night and 9 h on the fall-back night.
		in.end = c.at(d, t.start+tp.Length)
		if c.day(in.start) != d {
			return in // the clock time does not exist on that day
		}
		if mw := c.rules.maxWork; mw > 0 && in.end.Sub(in.start)-(tp.Length-tp.Work()) > mw {
			return in // longer than a day's work on a clock-change night
		}
		in.templateID = tp.ID
		breaks = tp.Breaks
		in.paid = in.end.Sub(in.start) - tp.UnpaidBreaks()
	}
	if !in.end.After(in.start) || in.paid <= 0 {
		return instance{}
	}
	in.ok = true
	in.startSec, in.endSec = in.start.Unix(), in.end.Unix()
	in.night = c.isNight(in.start, in.end)
	wd := c.weekday(d)
	in.weekendDay = wd == time.Saturday || wd == time.Sunday
	in.holDay = c.holiday(d)
	frac := float64(in.paid) / float64(in.end.Sub(in.start))
	if segs, err := pay.Classify(pay.Shift{Start: in.start, End: in.end}, m.in.Pay, c.loc, m.in.Holidays); err == nil {
		for _, g := range segs {
			in.premium += g.Duration().Hours() * frac * (1 + premiumOf(m.in.Pay, g.Categories))
			if g.Categories.Has(pay.Holiday) {
				in.holiday += time.Duration(float64(g.Duration()) * frac)
			}
		}
	}
	in.prof, in.first = m.profile(in.start, in.end, breaks, fixedBreaks)
	return in
}

// premiumOf is the premium fraction of a minute in categories cs.
func premiumOf(r pay.Rules, cs pay.Set) float64 {
	ps := []struct {
		c pay.Category
		p float64
	}{{pay.Holiday, r.HolidayPremium}, {pay.Sunday, r.SundayPremium}, {pay.Saturday, r.SaturdayPremium}, {pay.Night, r.NightPremium}}
	var sum, best float64
	for _, x := range ps {
		if cs.Has(x.c) {
			sum += x.p
			best = math.Max(best, x.p)
		}
	}
	if r.Stacking == pay.Highest {
		return best
	}
	return sum
}

// profile returns the on-phone agent-minutes of a shift per interval:
// the overlap with each interval, less the expected break time when each
// break's start is spread evenly over its window (fixed breaks are taken
// as they are).
func (m *model) profile(start, end time.Time, rules []scheduling.BreakRule, fixed []scheduling.Break) ([]int32, int) {
	c := m.c
	iv := c.interval
	first := int(start.Sub(c.start) / iv)
	last := int((end.Sub(c.start) - 1) / iv)
	if first < 0 {
		first = 0
	}
	if last >= c.n {
		last = c.n - 1
	}
	if last < first {
		return nil, first
	}
	mins := make([]float64, last-first+1)
	addSpan := func(s, e time.Time, w float64) {
		for i := max(first, int(s.Sub(c.start)/iv)); i <= last; i++ {
			is := c.start.Add(time.Duration(i) * iv)
			ie := is.Add(iv)
			if !is.Before(e) {
				break
			}
			o := minTime(e, ie).Sub(maxTime(s, is))
			if o > 0 {
				mins[i-first] += w * o.Minutes()
			}
		}
	}
	addSpan(start, end, 1)
	for _, b := range fixed {
		addSpan(b.Start, b.End, -1)
	}
	step := min(iv, 15*time.Minute)
	for _, r := range rules {
		// Only the starts at which the break ends within the shift.
		latest := r.LatestIn(end.Sub(start))
		if latest < r.EarliestAfter {
			continue
		}
		n := int((latest-r.EarliestAfter)/step) + 1
		for k := 0; k < n; k++ {
			bs := start.Add(r.EarliestAfter + time.Duration(k)*step)
			addSpan(bs, bs.Add(r.Length), -1/float64(n))
		}
	}
	out := make([]int32, len(mins))
	for i, v := range mins {
		out[i] = int32(math.Round(math.Max(v, 0)))
	}
	return out, first
}

// buildAgents compiles each agent's eligibility, carry-in and fairness.
func (m *model) buildAgents() {
	c, in := m.c, m.in
	prev := map[string][]scheduling.Shift{}
	for _, s := range in.Previous {
		if s.Status != scheduling.ShiftCancelled && s.Start.Before(c.start) {
			prev[s.AgentID] = append(prev[s.AgentID], s)
		}
	}
	hard := newCheckContext(in, c)
	m.agents = make([]agentModel, len(in.Agents))
	for e, a := range in.Agents {
		am := &m.agents[e]
		am.a = a
		for qi, q := range in.Queues {
			if m.queues[qi] >= 0 && a.HasSkills(q.RequiredSkills) {
				am.queues = append(am.queues, m.queues[qi])
			}
		}
		am.ledger = in.Ledger[a.ID]
		am.terms = termsOf(in, c, a)
		am.hrel = am.terms.hoursShare(m.D)
		am.prev = prev[a.ID]
		slices.SortFunc(am.prev, func(x, y scheduling.Shift) int { return x.Start.Compare(y.Start) })
		worked := map[int]bool{}
		nights := map[int]bool{}
		for _, s := range am.prev {
			d := c.day(s.Start)
			worked[d] = true
			if c.isNight(s.Start, s.End) {
				nights[d] = true
			}
		}
		w0 := c.week(0)
		for _, s := range am.prev {
			if d := c.day(s.Start); d < 0 && c.week(d) == w0 {
				am.prevWeekMin += int64(s.Paid() / time.Minute)
			}
		}
		for d := range worked {
			if d < 0 && c.week(d) == w0 {
				am.prevWeekDays++
			}
		}
		am.prevWeekend = c.weekday(0) == time.Sunday && worked[-1]
		for d := -1; worked[d]; d-- {
			am.prevRun++
		}
		for d := -1; nights[d]; d-- {
			am.prevNRun++
		}
		if am.prevRun == 0 && len(am.prev) > 0 {
			for d := -1; !worked[d] && d > -8; d-- {
				am.prevOff++
			}
		}
		// Cells: time off, hard unavailability, carry-in rest, training.
		am.allowed = make([]bool, m.D*m.S)
		am.trainDay = make([]bool, m.D)
		am.training = make([][]trainSlot, m.D)
		var sessions []Training
		for _, t := range hard.training[a.ID] {
			// Training inside a carry-in shift needs no shift of the
			// period (Check finds it inside that one).
			inPrev := slices.ContainsFunc(am.prev, func(p scheduling.Shift) bool { return !p.Start.After(t.Start) && !p.End.Before(t.End) })
			if t.End.After(c.start) && t.Start.Before(c.end) && !inPrev {
				sessions = append(sessions, t)
				am.trainDay[clamp(c.day(t.Start), 0, m.D-1)] = true
			}
		}
		for d := 0; d < m.D; d++ {
			for s := 0; s < m.S; s++ {
				ins := &m.inst[d*m.S+s]
				ok := ins.ok && !am.terms.fixedOff(c, d) &&
					(m.in.Frozen.IsZero() || !ins.start.Before(m.in.Frozen))
				for _, t := range hard.timeOff[a.ID] {
					ok = ok && !overlaps(ins.start, ins.end, t.Start, t.End)
				}
				for _, w := range hard.unavail[a.ID] {
					ok = ok && !w.blocks(ins.start, ins.end)
				}
				for _, p := range am.prev {
					ok = ok && !(ins.start.Sub(p.End) < max(c.rules.minRest, 0) && p.Start.Before(ins.end))
				}
				if am.trainDay[d] {
					in := false
					for _, t := range sessions {
						if c.day(t.Start) == d || (d == 0 && t.Start.Before(c.start)) {
							in = in || (!ins.start.After(t.Start) && !ins.end.Before(t.End))
						}
					}
					ok = ok && in
				}
				if t := m.types[s]; t.custom != nil && t.day == d {
					// Custom types serve only the agent whose shift made them.
					ok = m.customFor(s, a.ID)
				}
				am.allowed[d*m.S+s] = ok
			}
		}
		for _, t := range sessions {
			d := clamp(c.day(t.Start), 0, m.D-1)
			first := max(0, int(t.Start.Sub(c.start)/c.interval))
			for i := first; i < c.n; i++ {
				is := c.start.Add(time.Duration(i) * c.interval)
				if !is.Before(t.End) {
					break
				}
				o := minTime(t.End, is.Add(c.interval)).Sub(maxTime(t.Start, is))
				if o > 0 {
					am.training[d] = append(am.training[d], trainSlot{iv: i, minutes: int32(math.Round(o.Minutes()))})
				}
			}
		}
		am.minWeek, am.maxWeek, am.maxDays = map[int]int64{}, map[int]int64{}, map[int]int{}
		for w := c.week(0); w <= c.week(m.D-1); w++ {
			ws := hard.weekStartDay(w)
			if ws >= 0 && ws+7 <= m.D {
				if need := hard.minWeekly(a, am.terms, ws); need > 0 {
					am.minWeek[w] = ceilMinutes(need)
				}
			}
			if limit, ok := am.terms.weekMax(ws); ok {
				am.maxWeek[w] = floorMinutes(limit)
			}
			am.maxDays[w] = am.terms.maxDays(ws)
		}
		am.maxPeriod = solver.NoLimit
		if limit, ok := am.terms.periodMax(m.D); ok {
			am.maxPeriod = floorMinutes(limit)
		}
		if need := hard.minPeriod(a, am.terms); need > 0 {
			am.minPeriod = ceilMinutes(need)
		}
	}
}

// customFor reports whether custom type s came from a shift of agent id.
func (m *model) customFor(s int, id string) bool {
	t := m.types[s]
	return t.custom != nil && t.custom.AgentID == id
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// cellOf returns the (day, type) of a shift of the model, or ok false.
func (m *model) cellOf(s scheduling.Shift) (d, t int, ok bool) {
	d = m.c.day(s.Start)
	if d < 0 || d >= m.D {
		return 0, 0, false
	}
	for i, ty := range m.types {
		if ty.custom != nil && ty.day == d && ty.custom.AgentID == s.AgentID && ty.custom.Start.Equal(s.Start) && ty.custom.End.Equal(s.End) {
			return d, i, true
		}
	}
	if t = m.findType(d, s); t >= 0 {
		return d, t, true
	}
	return 0, 0, false
}

// problem builds the solver problem.
func (m *model) problem() (*solver.Problem, error) {
	c := m.c
	p := &solver.Problem{Days: m.D}
	for s, t := range m.types {
		sh := solver.Shift{ID: fmt.Sprintf("t%d", s)}
		if t.custom != nil {
			sh.ID = "custom:" + t.custom.AgentID
			sh.Minutes = int(t.custom.Paid() / time.Minute)
		} else {
			tp := m.in.Templates[t.tmpl]
			sh.ID = fmt.Sprintf("%s@%02d:%02d", tp.Code, int(t.start.Hours()), int(t.start.Minutes())%60)
			// The paid minutes on a day the clocks do not change: the
			// rules count paid time, and periodLimits makes up for the
			// days they do.
			sh.Minutes = max(int((tp.Length-tp.UnpaidBreaks())/time.Minute), 0)
			sh.Start, sh.Length = int(t.start/time.Minute), int(tp.Length/time.Minute)
		}
		p.Shifts = append(p.Shifts, sh)
	}
	rest := int64(max(c.rules.minRest, 0) / time.Second)
	S := m.S
	p.ForbiddenOn = func(d, a, b int) bool {
		if d+1 >= m.D {
			return false
		}
		x, y := &m.inst[d*S+a], &m.inst[(d+1)*S+b]
		return y.startSec-x.endSec < rest
	}
	wk := weekends(c)
	for _, w := range wk {
		p.Weekends = append(p.Weekends, [2]int{max(w[0], 0), min(w[1], m.D-1)})
	}
	for e := range m.agents {
		am := &m.agents[e]
		em := solver.Employee{ID: am.a.ID, MaxMinutes: solver.NoLimit, MaxConsecutive: solver.NoLimit, MaxWeekends: solver.NoLimit}
		if c.rules.maxConsec >= 0 {
			em.MaxConsecutive = c.rules.maxConsec
		}
		em.MaxWeekends = len(wk) - c.rules.weekendsOff(len(wk))
		allowed := am.allowed
		em.Unavailable = func(d, s int) bool { return !allowed[d*S+s] }
		em.History = solver.History{WorkedDays: am.prevRun, OffDays: am.prevOff, LastShift: solver.Off}
		p.Employees = append(p.Employees, em)
	}
	// Pins.
	for _, s := range m.in.Pinned {
		e, ok := m.byID[s.AgentID]
		if !ok || s.Status == scheduling.ShiftCancelled {
			continue
		}
		d, t, ok := m.cellOf(s)
		if !ok {
			continue
		}
		if _, dup := m.pins[[2]int{e, d}]; dup {
			return nil, &scheduling.ValidationError{Fields: []scheduling.FieldError{{Field: "pinned", Message: fmt.Sprintf("agent %s has two pinned shifts on %s", s.AgentID, c.dayName(s.Start))}}}
		}
		m.pins[[2]int{e, d}] = s
		m.agents[e].allowed[d*S+t] = true
		p.Pinned = append(p.Pinned, solver.Pin{Employee: e, Day: d, Shift: t})
	}
	m.periodLimits(p)
	// Reference roster for a gentle re-solve.
	if len(m.in.Reference) > 0 {
		p.Reference = make([][]int, len(m.agents))
		for e := range p.Reference {
			p.Reference[e] = make([]int, m.D)
			for d := range p.Reference[e] {
				p.Reference[e][d] = solver.Off
			}
		}
		for _, s := range m.in.Reference {
			e, ok := m.byID[s.AgentID]
			if !ok || s.Status == scheduling.ShiftCancelled {
				continue
			}
			if d, t, ok := m.cellOf(s); ok {
				p.Reference[e][d] = t
			}
		}
		p.DisruptionWeight = m.w.Disruption
	}
	p.Requests = m.requests()
	p.Coverage = &coverage{m: m}
	p.Rules = []solver.RowRule{&agentRules{m: m}}
	return p, nil
}

// requests turns preferences and soft unavailability into solver requests.
func (m *model) requests() []solver.Request {
	var out []solver.Request
	for _, pr := range m.in.Preferences {
		e := m.byID[pr.AgentID]
		d := int(civilDay(pr.Date.Date()) - m.c.civil0)
		if d < 0 || d >= m.D {
			continue
		}
		w := pr.Weight
		if w <= 0 {
			w = m.w.Preference
		}
		switch {
		case pr.Off:
			out = append(out, solver.Request{Employee: e, Day: d, Shift: solver.Off, On: false, Weight: w})
		case pr.TemplateID == "":
			out = append(out, solver.Request{Employee: e, Day: d, Shift: solver.Off, On: true, Weight: w})
		default:
			out = append(out, solver.Request{Employee: e, Day: d, Shift: solver.Off, On: true, Weight: w})
			for s := range m.types {
				if m.inst[d*m.S+s].templateID != pr.TemplateID {
					out = append(out, solver.Request{Employee: e, Day: d, Shift: s, On: false, Weight: w})
				}
			}
		}
	}
	for _, win := range m.in.Unavailable {
		if win.Weight <= 0 {
			continue
		}
		e := m.byID[win.AgentID]
		for d := 0; d < m.D; d++ {
			for s := 0; s < m.S; s++ {
				ins := &m.inst[d*m.S+s]
				if ins.ok && win.blocks(ins.start, ins.end) {
					out = append(out, solver.Request{Employee: e, Day: d, Shift: s, On: false, Weight: win.Weight})
				}
			}
		}
	}
	return out
}

// baseMinutes is a fresh copy of base in floats: the on-phone
// agent-minutes per curve and interval before any shift of the period.
func (m *model) baseMinutes() [][]float64 {
	x := make([][]float64, len(m.base))
	for i, row := range m.base {
		x[i] = make([]float64, len(row))
		for j, v := range row {
			x[i][j] = float64(v)
		}
	}
	return x
}

// buildBase adds the carry-in shifts that reach into the period to the
// coverage, on the queue they name or the agent's first.
func (m *model) buildBase() {
	m.base = make([][]int32, len(m.dem))
	for i := range m.base {
		m.base[i] = make([]int32, m.c.n)
	}
	for e := range m.agents {
		am := &m.agents[e]
		for _, s := range am.prev {
			if !s.End.After(m.c.start) || len(am.queues) == 0 {
				continue
			}
			qd := am.queues[0]
			for _, q := range am.queues {
				if m.in.Queues[m.dem[q].queue].ID == s.QueueID {
					qd = q
				}
			}
			p := placed{shift: s}
			for i, v := range m.onPhone(&p) {
				m.base[qd][i] += int32(math.Round(v))
			}
		}
	}
}
