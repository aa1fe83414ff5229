package roster

import (
	"fmt"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// Check returns every hard rule that shifts break, named and located, in
// order of agent and time. Shifts of in.Previous are the carry-in: they
// are not checked themselves but count for rest, consecutive days and
// nights, weekly rest and weekly limits. Cancelled shifts are ignored.
// Check does not look at in.Pinned or in.Reference: pass the whole roster
// (pinned shifts included) as shifts. An invalid input yields one
// Violation with Rule "input".
func Check(in Input, shifts []scheduling.Shift) []Violation {
	if err := in.validate(); err != nil {
		return []Violation{{Rule: "input", Message: err.Error()}}
	}
	c := newCalendar(&in)
	byAgent := map[string][]tlShift{}
	for _, s := range in.Previous {
		if s.Status != scheduling.ShiftCancelled {
			byAgent[s.AgentID] = append(byAgent[s.AgentID], tlShift{Shift: s, prev: true})
		}
	}
	for _, s := range shifts {
		if s.Status != scheduling.ShiftCancelled {
			byAgent[s.AgentID] = append(byAgent[s.AgentID], tlShift{Shift: s})
		}
	}
	ctx := newCheckContext(&in, c)
	var out []Violation
	for _, a := range in.Agents {
		tl := byAgent[a.ID]
		slices.SortFunc(tl, func(x, y tlShift) int { return x.Start.Compare(y.Start) })
		out = append(out, ctx.agent(a, tl)...)
	}
	return out
}

// tlShift is a shift on an agent's timeline; prev marks carry-in. A
// timeline built from the model's instances carries what they already
// know: the shift's local day (with dayKnown) and whether it is a night
// shift (night: 1 yes, −1 no, 0 not known).
type tlShift struct {
	scheduling.Shift
	prev     bool
	day      int
	dayKnown bool
	night    int8
}

// dayOf is the local day of the shift's start.
func (s *tlShift) dayOf(c *calendar) int {
	if s.dayKnown {
		return s.day
	}
	return c.day(s.Start)
}

// isNight reports whether the shift is a night shift.
func (s *tlShift) isNight(c *calendar) bool {
	if s.night != 0 {
		return s.night > 0
	}
	return c.isNight(s.Start, s.End)
}

// checkContext holds what Check needs across agents.
type checkContext struct {
	in        *Input
	c         *calendar
	timeOff   map[string][]scheduling.TimeOff
	unavail   map[string][]Window
	training  map[string][]Training
	queues    map[string]scheduling.Queue
	templates map[string]scheduling.ShiftTemplate
	weekends  [][2]int
}

func newCheckContext(in *Input, c *calendar) *checkContext {
	x := &checkContext{in: in, c: c, timeOff: map[string][]scheduling.TimeOff{}, unavail: map[string][]Window{},
		training: map[string][]Training{}, queues: map[string]scheduling.Queue{}, templates: map[string]scheduling.ShiftTemplate{}}
	for _, t := range in.TimeOff {
		if approved(t) {
			x.timeOff[t.AgentID] = append(x.timeOff[t.AgentID], t)
		}
	}
	for _, w := range in.Unavailable {
		if w.Weight == 0 {
			x.unavail[w.AgentID] = append(x.unavail[w.AgentID], w)
		}
	}
	for _, t := range in.Training {
		x.training[t.AgentID] = append(x.training[t.AgentID], t)
	}
	for _, q := range in.Queues {
		x.queues[q.ID] = q
	}
	for _, t := range in.Templates {
		x.templates[t.ID] = t
	}
	x.weekends = weekends(c)
	return x
}

// approved reports whether time off is to be honoured.
func approved(t scheduling.TimeOff) bool {
	return t.Status == scheduling.TimeOffApproved || t.Status == ""
}

// weekends returns the Saturday–Sunday pairs [sat, sun] of the period's
// days with at least one day inside the period (indexes may fall outside).
func weekends(c *calendar) [][2]int {
	var w [][2]int
	for d := 0; d < c.days; d++ {
		switch c.weekday(d) {
		case time.Saturday:
			w = append(w, [2]int{d, d + 1})
		case time.Sunday:
			if d == 0 {
				w = append(w, [2]int{-1, 0})
			}
		}
	}
	return w
}

func overlaps(s1, e1, s2, e2 time.Time) bool { return s1.Before(e2) && s2.Before(e1) }

// agent checks one agent's timeline.
func (x *checkContext) agent(a scheduling.Agent, tl []tlShift) []Violation {
	c, rs := x.c, x.c.rules
	var out []Violation
	add := func(rule string, at time.Time, format string, args ...any) {
		out = append(out, Violation{Rule: rule, AgentID: a.ID, At: at, Message: fmt.Sprintf(format, args...), format: format, args: args})
	}
	inPeriod := func(s tlShift) bool { return !s.prev }
	// Succession: overlap and daily rest.
	for i := 1; i < len(tl); i++ {
		p, s := tl[i-1], tl[i]
		if p.prev && s.prev {
			continue
		}
		gap := s.Start.Sub(p.End)
		switch {
		case gap < 0:
			add("overlap", s.Start, "%s overlaps %s", c.shiftAt(s.Start), c.shiftAt(p.Start))
		case rs.minRest > 0 && gap < rs.minRest:
			add("min_daily_rest", s.Start, "%s between %s and %s, %s required", Hours(gap), c.shiftAt(p.Start), c.shiftAt(s.Start), Hours(rs.minRest))
		}
	}
	// Days and nights worked, by local day of the shift's start.
	worked, nights := map[int]bool{}, map[int]bool{}
	nightCount := 0
	for _, s := range tl {
		d := s.dayOf(c)
		worked[d] = true
		if s.isNight(c) {
			nights[d] = true
			if inPeriod(s) && d >= 0 && d < c.days {
				nightCount++
			}
		}
	}
	x.runs(worked, rs.maxConsec, func(d, n int) {
		add("max_consecutive_days", c.midnight(d), "%d consecutive working days up to %s, at most %d", n, c.onDay(c.midnight(d)), rs.maxConsec)
	})
	x.runs(nights, rs.maxConsecN, func(d, n int) {
		add("max_consecutive_nights", c.midnight(d), "%d consecutive night shifts up to %s, at most %d", n, c.onDay(c.midnight(d)), rs.maxConsecN)
	})
	if rs.maxNPP >= 0 && nightCount > rs.maxNPP {
		add("max_nights_per_period", c.start, "%d night shifts in the period, at most %d", nightCount, rs.maxNPP)
	}
	off := 0
	for _, w := range x.weekends {
		if !worked[w[0]] && !worked[w[1]] {
			off++
		}
	}
	if need := rs.weekendsOff(len(x.weekends)); off < need {
		add("min_weekends_off", c.start, "%d weekends off in the period, at least %d", off, need)
	}
	// Weekly rest in rolling 7-day windows starting at each local midnight.
	if rs.weeklyRest > 0 {
		first := 0
		if len(tl) > 0 && tl[0].prev {
			first = max(-6, c.day(tl[0].Start))
		}
		spans := make([][2]int64, len(tl))
		for i, s := range tl {
			spans[i] = [2]int64{s.Start.Unix(), s.End.Unix()}
		}
		gaps := longRests(spans, int64(rs.weeklyRest/time.Second))
		for d := first; d+7 <= c.days; d++ {
			ws, we := c.midnight(d), c.midnight(d+7)
			if !restMeets(gaps, ws.Unix(), we.Unix()) {
				add("weekly_rest", ws, "no rest of %s touches the 7 days from %s", Hours(rs.weeklyRest), c.onDay(ws))
				d += 6 // one report per stretch of violating windows is enough
			}
		}
	}
	// Paid hours: average over the period and per pay week.
	var total time.Duration
	weekPaid, weekDays := map[int]time.Duration{}, map[int]map[int]bool{}
	for _, s := range tl {
		d := s.dayOf(c)
		if inPeriod(s) {
			total += s.Paid()
		}
		w := c.week(d)
		weekPaid[w] += s.Paid()
		if weekDays[w] == nil {
			weekDays[w] = map[int]bool{}
		}
		weekDays[w][d] = true
	}
	if limit, ok := c.maxAverage(); ok {
		if total > limit+time.Minute {
			add("max_average_weekly_hours", c.start, "%s paid in the period, more than %g h a week on average (%s)", Hours(total), rs.maxAvgWeekly, Hours(limit))
		}
	}
	t := termsOf(x.in, c, a)
	if limit, ok := t.periodMax(c.days); ok && total > limit+time.Minute {
		add("period_hours", c.start, "%s paid in the period, at most %s", Hours(total), Hours(limit))
	}
	if need := x.minPeriod(a, t); need > 0 && total+time.Minute < need {
		add("period_hours", c.start, "%s paid in the period, at least %s", Hours(total), Hours(need))
	}
	for w := c.week(0); w <= c.week(c.days-1); w++ {
		ws := x.weekStartDay(w)
		at := c.midnight(max(ws, 0))
		if limit, ok := t.weekMax(ws); ok && weekPaid[w] > limit+time.Minute {
			add("max_weekly_hours", at, "%s paid in the week of %s, at most %s", Hours(weekPaid[w]), c.onDay(c.midnight(ws)), Hours(limit))
		}
		if n, maxDays := len(weekDays[w]), t.maxDays(ws); n > maxDays {
			add("max_days_per_week", at, "%d working days in the week of %s, at most %d", n, c.onDay(c.midnight(ws)), maxDays)
		}
		if ws >= 0 && ws+7 <= c.days {
			if need := x.minWeekly(a, t, ws); need > 0 && weekPaid[w]+time.Minute < need {
				add("min_weekly_hours", at, "%s paid in the week of %s, at least %s", Hours(weekPaid[w]), c.onDay(c.midnight(ws)), Hours(need))
			}
		}
	}
	// Shift by shift: days off, absences, skills, breaks.
	for _, s := range tl {
		if s.prev {
			continue
		}
		if w := s.Work(); rs.maxWork > 0 && w > rs.maxWork {
			add("max_daily_work", s.Start, "%s: %s of work, at most %s a day", c.shiftAt(s.Start), Hours(w), Hours(rs.maxWork))
		}
		if t.fixedOff(c, c.day(s.Start)) {
			add("fixed_day_off", s.Start, "%s falls on a fixed day off (%s)", c.shiftAt(s.Start), c.weekday(c.day(s.Start)))
		}
		for _, t := range x.timeOff[a.ID] {
			if overlaps(s.Start, s.End, t.Start, t.End) {
				add("time_off", s.Start, "%s overlaps approved %s from %s", c.shiftAt(s.Start), TimeOffKind(t.Kind), c.onDay(t.Start))
			}
		}
		for _, w := range x.unavail[a.ID] {
			switch {
			case !w.blocks(s.Start, s.End):
			case w.Reason != "":
				add("unavailable", s.Start, "%s is %s", c.shiftAt(s.Start), w.Reason)
			default:
				add("unavailable", s.Start, "%s overlaps unavailability %s %s–%s", c.shiftAt(s.Start), c.onDay(w.Start), c.clockAt(w.Start), c.clockAt(w.End))
			}
		}
		if s.QueueID != "" {
			if q, ok := x.queues[s.QueueID]; ok && !a.HasSkills(q.RequiredSkills) {
				add("skills", s.Start, "%s serves queue %s without its skills %v", c.shiftAt(s.Start), q.Name, q.RequiredSkills)
			}
		}
		if t, ok := x.templates[s.TemplateID]; ok {
			if r, ok := missingBreak(t, s.Shift); ok {
				add("breaks", s.Start, "%s: %s of %s is missing or outside %s–%s after the start", c.shiftAt(s.Start), BreakName(r.Name),
					Hours(r.Length), Hours(r.EarliestAfter), Hours(r.LatestAfter))
			}
		}
	}
	for _, t := range x.training[a.ID] {
		if !t.End.After(c.start) || !t.Start.Before(c.end) {
			continue
		}
		inside := false
		for _, s := range tl {
			if !s.Start.After(t.Start) && !s.End.Before(t.End) {
				inside = true
			}
		}
		if !inside {
			add("training", t.Start, "training %q %s %s–%s lies outside every shift", t.Name, c.onDay(t.Start), c.clockAt(t.Start), c.clockAt(t.End))
		}
	}
	return out
}

// runs calls report for every stretch of consecutive days in set longer
// than limit that reaches into the period, at the day the limit is passed
// (day 0 for a stretch of the carry-in already past it).
func (x *checkContext) runs(set map[int]bool, limit int, report func(d, n int)) {
	if limit < 0 {
		return
	}
	first := 0
	for d := range set {
		first = min(first, d)
	}
	run := 0
	for d := first; d < x.c.days; d++ {
		if !set[d] {
			run = 0
			continue
		}
		run++
		// At the day the limit is passed, or at day 0 when the
		// carry-in passed it already and the period continues the run.
		if run > limit && (run == limit+1 || d == 0) && d >= 0 {
			n := run
			for set[d+n-run] {
				n++
			}
			report(d, n-1)
		}
	}
}

// weekStartDay is the day index of the first day of pay week w.
func (x *checkContext) weekStartDay(w int) int {
	off := (int(x.c.weekday(0)) - int(x.c.weekAnch) + 7) % 7
	return w*7 - off
}

// minWeekly is the agent's minimum paid time in the week from day ws,
// less a pro-rata credit for approved time off in it.
func (x *checkContext) minWeekly(a scheduling.Agent, t terms, ws int) time.Duration {
	need := t.prorate(ws, ws+7, func(c scheduling.Contract) float64 { return c.WeeklyMinHours })
	need -= x.credit(a.ID, t, ws, ws+7, x.c.midnight(ws+7).Sub(x.c.midnight(ws)))
	return max(need, 0)
}

// minPeriod is the agent's minimum paid time in the period, less the
// same pro-rata credit for approved time off as minWeekly gives: the
// contracted weekly hours for each week of absence within the period.
func (x *checkContext) minPeriod(a scheduling.Agent, t terms) time.Duration {
	need := t.prorate(0, x.c.days, func(c scheduling.Contract) float64 { return c.PeriodMinHours })
	need -= x.credit(a.ID, t, 0, x.c.days, 7*24*time.Hour)
	return max(need, 0)
}

// credit is the time-off credit of the days [from, to): for each spell of
// one contract, its weekly hours times the approved absence within the
// spell over week, the length of the week the credit is for.
func (x *checkContext) credit(id string, t terms, from, to int, week time.Duration) time.Duration {
	var sum time.Duration
	for _, sp := range t.spells(from, to) {
		s, e := x.c.midnight(sp.from), x.c.midnight(sp.to)
		var absent time.Duration
		for _, o := range x.timeOff[id] {
			if overlaps(s, e, o.Start, o.End) {
				absent += minTime(e, o.End).Sub(maxTime(s, o.Start))
			}
		}
		sum += time.Duration(float64(hoursDur(sp.c.WeeklyHours)) * float64(absent) / float64(week))
	}
	return sum
}

func hoursDur(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

// floorMinutes and ceilMinutes are a limit of paid time in whole minutes,
// a maximum rounded down and a minimum rounded up. For paid time of whole
// minutes T they turn Check's tests, paid > limit + 1 min and paid +
// 1 min < need, into T > floorMinutes(limit) + 1 and T + 1 <
// ceilMinutes(need) exactly, which is how the solver's labour rule
// counts (agentRules).
func floorMinutes(d time.Duration) int64 { return int64(d / time.Minute) }

func ceilMinutes(d time.Duration) int64 { return int64((d + time.Minute - 1) / time.Minute) }

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// longRests returns the rests between work spans (sorted by start) that
// last at least need seconds, as [start, end) in unix seconds; the rest
// before the first span and after the last are unbounded.
func longRests(spans [][2]int64, need int64) [][2]int64 {
	const inf = int64(1) << 62
	var out [][2]int64
	t := -inf
	for _, sp := range spans {
		if sp[0]-t >= need {
			out = append(out, [2]int64{t, sp[0]})
		}
		t = max(t, sp[1])
	}
	return append(out, [2]int64{t, inf})
}

// restMeets reports whether a long rest overlaps the window [ws, we): the
// weekly rest of a rolling 7-day window may start before it or end after
// it, so a Monday-to-Friday worker's weekend serves every window that
// touches it.
func restMeets(gaps [][2]int64, ws, we int64) bool {
	for _, g := range gaps {
		if g[0] < we && g[1] > ws {
			return true
		}
	}
	return false
}

// missingBreak returns the first of the template's break rules that has
// no break of the shift of its length inside its window, if any.
func missingBreak(t scheduling.ShiftTemplate, s scheduling.Shift) (scheduling.BreakRule, bool) {
	used := make([]bool, len(s.Breaks))
	for _, r := range t.Breaks {
		found := false
		for i, b := range s.Breaks {
			off := b.Start.Sub(s.Start)
			if !used[i] && b.End.Sub(b.Start) == r.Length && off >= r.EarliestAfter && off <= r.LatestAfter {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return r, true
		}
	}
	return scheduling.BreakRule{}, false
}

func nameOr(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
