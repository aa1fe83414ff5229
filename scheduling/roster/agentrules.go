package roster

import (
	"math"
	"time"
)

// agentRules is the solver.RowRule of the labour rules the solver does not
// know itself — weekly rest in rolling windows, nights, weekly days and
// hours, the 48-hour average, the contract's period hours, training days — and the fairness terms.
// Hard units: one per violating window, excess night or day, and one per
// started hour beyond an hours limit.
type agentRules struct {
	m    *model
	once bool
	mid  []int64 // mid[d+7]: unix second of local midnight of day d, d = −7 … D
	week []int   // pay week of day d
	W0   int     // first pay week
	nw   int     // number of pay weeks
	// facts is what the rules read of each (day, type), packed.
	facts []cellFacts
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
	// The work spans in unix seconds, carry-in first, leave gaps of at
	// least need seconds for the weekly rest: the gap before each span
	// from t, the latest end so far.
	rest := rs.weeklyRest > 0
	need := int64(rs.weeklyRest / time.Second)
	var gapBuf [32][2]int64
	gaps := gapBuf[:0]
	const inf = int64(1) << 62
	t := -inf
	for _, p := range am.prev {
		if end := p.End.Unix(); rest && end > r.mid[0] {
			if start := p.Start.Unix(); start-t >= need {
				gaps = append(gaps, [2]int64{t, start})
			}
			t = max(t, end)
		}
	}
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
	if rs.maxNPP >= 0 && nights > rs.maxNPP {
		hard += nights - rs.maxNPP
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
		gaps = append(gaps, [2]int64{t, inf})
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
	ct := am.a.Contract
	maxDays := ct.MaxDaysPerWeek
	if maxDays == 0 {
		maxDays = 5
	}
	for w := 0; w < r.nw && w < len(weekMin); w++ {
		mins, days := weekMin[w], weekDays[w]
		if w == 0 {
			mins += am.prevWeekMin
			days += am.prevWeekDays
		}
		if days > maxDays {
			hard += days - maxDays
		}
		if ct.WeeklyMaxHours > 0 {
			if over := mins - int64(ct.WeeklyMaxHours*60); over > 1 {
				hard += int((over + 59) / 60)
			}
		}
		if need, ok := am.minWeek[w+r.W0]; ok && mins+1 < need {
			hard += int((need - mins + 59) / 60)
		}
	}
	if rs.maxAvgWeekly > 0 {
		limit := int64(rs.maxAvgWeekly * 60 * max(float64(r.mid[m.D+7]-r.mid[7])/float64(7*24*3600), 1))
		if total > limit+1 {
			hard += int((total - limit + 59) / 60)
		}
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
