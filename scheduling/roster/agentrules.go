package roster

import (
	"math"
	"slices"
	"time"
)

// agentRules is the solver.RowRule of the labour rules the solver does not
// know itself — weekly rest in rolling windows, the daily rest across
// days off, nights, weekly days and hours, the 48-hour average, the
// contract's period hours, training days, a weekend begun before the
// period — and the fairness terms. Hard units: one per violating window,
// short rest, excess night or day, and one per started hour beyond an
// hours limit.
type agentRules struct {
	m    *model
	once bool
	mid  []int64 // mid[d+7]: unix second of local midnight of day d, d = −7 … D
	week []int   // pay week of day d
	W0   int     // first pay week
	nw   int     // number of pay weeks
	// facts is what the rules read of each (day, type), packed.
	facts []cellFacts
	// avgMax is the average weekly hours rule's limit on the period's
	// paid minutes, rounded down (floorMinutes), or −1 when it is off.
	avgMax int64
	// pins[e] are agent e's pinned shifts that are paid otherwise than
	// their type's instance: a template's shift with breaks of its own.
	pins [][]pinFact
	// weekends are the solver's (Problem.Weekends), of which an agent
	// works at most maxWeekends (Employee.MaxWeekends).
	weekends    [][2]int
	maxWeekends int
	// prevGaps[e] are the weekly rests of agent e's carry-in, as the
	// gaps of Evaluate, and prevEnd[e] the latest end among its shifts.
	prevGaps [][][2]int64
	prevEnd  []int64
}

// noRest stands for the unbounded ends of the rests before the first
// shift and after the last, in unix seconds.
const noRest = int64(1) << 62

// pinFact is a pinned cell and its shift's paid minutes.
type pinFact struct {
	d, s int
	paid int32
}

// cellFacts is an instance reduced to what the row rules read.
type cellFacts struct {
	start, end        int64 // unix seconds
	paid, hol         int32 // minutes
	night, weekendDay bool
}

// Name implements solver.RowRule.
func (r *agentRules) Name() string { return "labour" }

func (r *agentRules) init() {
	m := r.m
	r.mid = make([]int64, m.D+8)
	for d := -7; d <= m.D; d++ {
		r.mid[d+7] = m.c.midnight(d).Unix()
	}
	r.week = make([]int, m.D)
	for d := range r.week {
		r.week[d] = m.c.week(d)
	}
	r.facts = make([]cellFacts, len(m.inst))
	for i, in := range m.inst {
		r.facts[i] = cellFacts{start: in.startSec, end: in.endSec, paid: int32(in.paid / time.Minute), hol: int32(in.holiday / time.Minute),
			night: in.night, weekendDay: in.weekendDay}
	}
	r.W0 = m.c.week(0)
	r.nw = m.c.week(m.D-1) - r.W0 + 1
	r.avgMax = -1
	if limit, ok := m.c.maxAverage(); ok {
		r.avgMax = floorMinutes(limit)
	}
	for _, w := range weekends(m.c) {
		r.weekends = append(r.weekends, [2]int{max(w[0], 0), min(w[1], m.D-1)})
	}
	r.maxWeekends = len(r.weekends) - m.c.rules.weekendsOff(len(r.weekends))
	need := int64(m.c.rules.weeklyRest / time.Second)
	r.prevGaps, r.prevEnd = make([][][2]int64, len(m.agents)), make([]int64, len(m.agents))
	for e := range m.agents {
		t := -noRest
		for _, p := range m.agents[e].prev {
			if need <= 0 {
				break // no weekly rest rule: no gaps to find
			}
			if start := p.Start.Unix(); start-t >= need {
				r.prevGaps[e] = append(r.prevGaps[e], [2]int64{t, start})
			}
			t = max(t, p.End.Unix())
		}
		r.prevEnd[e] = t
	}
	// Check counts a pinned shift as it is, breaks and all.
	r.pins = make([][]pinFact, len(m.agents))
	for k, pin := range m.pins {
		e, d := k[0], k[1]
		if _, s, ok := m.cellOf(pin); ok {
			if paid := int32(pin.Paid() / time.Minute); paid != r.facts[d*m.S+s].paid {
				r.pins[e] = append(r.pins[e], pinFact{d: d, s: s, paid: paid})
			}
		}
	}
}

// prepare must be called before concurrent use.
func (r *agentRules) prepare() {
	if !r.once {
		r.init()
		r.once = true
	}
}

// Evaluate implements solver.RowRule.
func (r *agentRules) Evaluate(e int, row []int) (hard int, soft int64) {
	m := r.m
	c := m.c
	rs := c.rules
	am := &m.agents[e]
	S := m.S
	// The work spans in unix seconds, carry-in first (all of it, as
	// Check), leave gaps of at least need seconds for the weekly rest:
	// the gap before each span from t, the latest end so far.
	rest := rs.weeklyRest > 0
	need := int64(rs.weeklyRest / time.Second)
	var gapBuf [32][2]int64
	gaps := append(gapBuf[:0], r.prevGaps[e]...)
	t := r.prevEnd[e]
	minRest := int64(max(rs.minRest, 0) / time.Second)
	last, lastEnd := -1, int64(0) // the last day worked and its shift's end
	var nightsRun, nights, weekendDays int
	nightsRun = am.prevNRun
	var total int64 // paid minutes in the period
	var hol time.Duration
	var weekMin [16]int64
	var weekDays [16]int
	for d, s := range row {
		if s < 0 {
			nightsRun = 0
			if am.trainDay[d] {
				hard++
			}
			continue
		}
		ins := &r.facts[d*S+s]
		// The daily rest after the last shift worked days before
		// (Problem.ForbiddenOn holds it for the day before).
		if last >= 0 && last < d-1 && ins.start-lastEnd < minRest {
			hard++
		}
		last, lastEnd = d, ins.end
		if rest {
			if ins.start-t >= need {
				gaps = append(gaps, [2]int64{t, ins.start})
			}
			t = max(t, ins.end)
		}
		pm := int64(ins.paid)
		total += pm
		if w := r.week[d] - r.W0; w < len(weekMin) {
			weekMin[w] += pm
			weekDays[w]++
		}
		if ins.night {
			nights++
			nightsRun++
			if rs.maxConsecN >= 0 && nightsRun > rs.maxConsecN {
				hard++
			}
		} else {
			nightsRun = 0
		}
		if ins.weekendDay {
			weekendDays++
		}
		hol += time.Duration(ins.hol) * time.Minute
	}
	for _, p := range r.pins[e] {
		if row[p.d] == p.s {
			dp := int64(p.paid - r.facts[p.d*S+p.s].paid)
			total += dp
			if w := r.week[p.d] - r.W0; w < len(weekMin) {
				weekMin[w] += dp
			}
		}
	}
	if rs.maxNPP >= 0 && nights > rs.maxNPP {
		hard += nights - rs.maxNPP
	}
	// The first weekend, worked on its Saturday before the period, is
	// one the solver's count (Employee.MaxWeekends) misses when day 0 is
	// off: a unit more when it is the one too many.
	if am.prevWeekend && row[0] < 0 {
		n := 0
		for _, w := range r.weekends {
			if slices.ContainsFunc(row[w[0]:w[1]+1], func(s int) bool { return s >= 0 }) {
				n++
			}
		}
		if n >= r.maxWeekends {
			hard++
		}
	}
	// Weekly rest: every window of seven days overlaps a gap (restMeets).
	// The gaps start in order, t only growing, so those starting before a
	// window's end are the first k, growing with the window; the window
	// overlaps one of them when the latest end among them, reach, is past
	// its start.
	if rest {
		first := 0
		if len(am.prev) > 0 {
			first = max(-6, c.day(am.prev[0].Start))
		}
		gaps = append(gaps, [2]int64{t, noRest})
		k, reach := 0, int64(math.MinInt64)
		for d := first; d+7 <= m.D; d++ {
			ws, we := r.mid[d+7], r.mid[d+14]
			for ; k < len(gaps) && gaps[k][0] < we; k++ {
				reach = max(reach, gaps[k][1])
			}
			if reach <= ws {
				hard++
			}
		}
	}
	// Weekly days and hours, with the carry-in of the first week.
	for w := 0; w < r.nw && w < len(weekMin); w++ {
		mins, days := weekMin[w], weekDays[w]
		if w == 0 {
			mins += am.prevWeekMin
			days += am.prevWeekDays
		}
		if maxDays := am.maxDays[w+r.W0]; days > maxDays {
			hard += days - maxDays
		}
		if limit, ok := am.maxWeek[w+r.W0]; ok {
			if over := mins - limit; over > 1 {
				hard += int((over + 59) / 60)
			}
		}
		if need, ok := am.minWeek[w+r.W0]; ok && mins+1 < need {
			hard += int((need - mins + 59) / 60)
		}
	}
	if r.avgMax >= 0 && total > r.avgMax+1 {
		hard += int((total - r.avgMax + 59) / 60)
	}
	// Contract hours over the period.
	if am.maxPeriod >= 0 && total > am.maxPeriod+1 {
		hard += int((total - am.maxPeriod + 59) / 60)
	}
	if total+1 < am.minPeriod {
		hard += int((am.minPeriod - total + 59) / 60)
	}
	// Fairness: Σ count² / contract share is smallest when every agent's
	// count, ledger included, is proportional to the contract hours.
	n := float64(am.ledger.Nights + nights)
	wd := float64(am.ledger.WeekendDays + weekendDays)
	h := (am.ledger.HolidayHours + hol.Hours()) / 8
	soft = int64(math.Round(float64(m.w.Fairness) * (n*n + wd*wd + h*h) / am.hrel))
	return hard, soft
}
