package roster

import (
	"math"
	"time"

	"github.com/shiftplan/shiftplan/forecast/staffing"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// measure computes the coverage and KPIs of placed shifts; res.Violations
// must hold their hard violations (the contract floor of the hours bound
// holds only for rosters without any).
func (m *model) measure(ps []placed, res *Result) {
	c := m.c
	ivMin := c.interval.Minutes()
	ivH := c.interval.Hours()
	x := m.baseMinutes()
	for k := range ps {
		p := &ps[k]
		if p.qd < 0 {
			continue
		}
		for i, v := range m.onPhone(p) {
			x[p.qd][i] += v
		}
	}
	k := &res.KPIs
	coverable := m.coverable()
	var slNum, slDen float64
	need := m.need()
	sum := make([]float64, len(m.dem))
	cover := make([][]float64, len(m.dem))
	for qd, dc := range m.dem {
		cover[qd] = make([]float64, c.n)
		q := m.in.Queues[dc.queue]
		dem := m.in.Demand[m.demandIndex(dc.id)]
		qk := QueueKPI{QueueID: dc.id}
		for i := 0; i < c.n; i++ {
			sch := x[qd][i] / ivMin
			cover[qd][i] = sch
			req := dc.req[i]
			ic := IntervalCoverage{Start: c.start.Add(time.Duration(i) * c.interval), QueueID: dc.id, Required: req, Scheduled: round3(sch), ServiceLevel: -1}
			if i < len(dem.Volume) && i < len(dem.AHT) && dem.Volume[i] > 0 && dem.AHT[i] > 0 {
				on := sch
				if i < len(dem.Others) {
					on += dem.Others[i]
				}
				if sl, ok := serviceLevel(q, dem.Volume[i], dem.AHT[i], c.interval, on*(1-dem.Unplanned)); ok {
					ic.ServiceLevel = round3(sl)
					slNum += sl * dem.Volume[i]
					slDen += dem.Volume[i]
				}
			}
			res.Coverage = append(res.Coverage, ic)
			qk.RequiredHours += req * ivH
			qk.ScheduledHours += sch * ivH
			qk.UnderHours += math.Max(0, req-sch) * ivH
			qk.OverHours += math.Max(0, sch-req) * ivH
			cov := coverable[qd][i]
			k.UnderLowerBound += math.Max(0, req-cov) * ivH
			sum[qd] += math.Min(need[qd][i], sch) * ivH
		}
		k.Queues = append(k.Queues, qk)
		k.RequiredHours += qk.RequiredHours
		k.ScheduledHours += qk.ScheduledHours
		k.UnderHours += qk.UnderHours
		k.OverHours += qk.OverHours
	}
	k.ServiceLevel = -1
	if slDen > 0 {
		k.ServiceLevel = round3(slNum / slDen)
	}
	// The bound is on what this roster covers of the coverable
	// requirement (bound.go (3)): a team short of agents or hours leaves
	// some of it open, and the hours to meet all of it would lie above
	// the roster's. Per curve both Σ min(required, coverable, scheduled)
	// and the shift-count LP are valid, the LP the tighter one up to
	// floating-point rounding; the contract floor (floor.go) combines
	// them with the agents' weekly minimum hours, which only a roster
	// without hard violations is sure to keep.
	lp := m.hoursBound(cover)
	for qd := range lp {
		lp[qd] = math.Max(lp[qd], sum[qd])
	}
	if len(res.Violations) == 0 {
		k.HoursLowerBound = m.floorBound(lp)
	} else {
		k.HoursLowerBound = m.partitionBound(lp, nil)
	}
	if k.HoursLowerBound > 0 {
		k.Gap = (k.ScheduledHours - k.HoursLowerBound) / k.HoursLowerBound
		// The bound is proven not to exceed ScheduledHours; below 0
		// is the rounding of their float sums.
		if k.Gap < 0 && k.Gap > -gapTol {
			k.Gap = 0
		}
	}
	// Pay and fairness.
	type tally struct{ nights, weekend, hol float64 }
	per := make([]tally, len(m.agents))
	for _, p := range ps {
		rate := m.agents[p.e].terms.rateOn(p.d)
		s := p.shift
		k.PaidHours += s.Paid().Hours()
		segs, err := pay.Classify(toPay(s), m.in.Pay, c.loc, m.in.Holidays)
		if err == nil {
			for _, g := range segs {
				h := g.Duration().Hours()
				k.Cost += h * rate * (1 + premiumOf(m.in.Pay, g.Categories))
				k.PremiumCost += h * rate * premiumOf(m.in.Pay, g.Categories)
				if g.Categories.Has(pay.Holiday) {
					per[p.e].hol += h
				}
			}
		}
		if c.isNight(s.Start, s.End) {
			per[p.e].nights++
		}
		if wd := c.weekday(p.d); wd == time.Saturday || wd == time.Sunday {
			per[p.e].weekend++
		}
	}
	spread := func(f func(e int) float64) float64 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for e := range m.agents {
			v := f(e) / m.agents[e].hrel
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		return round3(hi - lo)
	}
	k.NightSpread = spread(func(e int) float64 { return per[e].nights + float64(m.agents[e].ledger.Nights) })
	k.WeekendSpread = spread(func(e int) float64 { return per[e].weekend + float64(m.agents[e].ledger.WeekendDays) })
	k.HolidaySpread = spread(func(e int) float64 { return per[e].hol + m.agents[e].ledger.HolidayHours })
	k.Cost, k.PremiumCost = round2(k.Cost), round2(k.PremiumCost)
	k.PaidHours = round2(k.PaidHours)
	for _, f := range []*float64{&k.RequiredHours, &k.ScheduledHours, &k.UnderHours, &k.OverHours, &k.UnderLowerBound, &k.HoursLowerBound} {
		*f = round2(*f)
	}
	k.Gap = round3(k.Gap)
	for i := range k.Queues {
		q := &k.Queues[i]
		q.RequiredHours, q.ScheduledHours, q.UnderHours, q.OverHours = round2(q.RequiredHours), round2(q.ScheduledHours), round2(q.UnderHours), round2(q.OverHours)
	}
}

func (m *model) demandIndex(id string) int {
	for i, d := range m.in.Demand {
		if d.QueueID == id {
			return i
		}
	}
	return -1
}

// need[qd][i] is min(required, coverable) on curve qd in interval i: what
// a roster must cover to meet every coverable requirement.
func (m *model) need() [][]float64 {
	cov := m.coverable()
	out := make([][]float64, len(cov))
	for qd, dc := range m.dem {
		out[qd] = make([]float64, len(cov[qd]))
		for i, v := range cov[qd] {
			out[qd][i] = math.Min(dc.req[i], v)
		}
	}
	return out
}

// coverable[qd][i] is the number of agents who could be on curve qd in
// interval i: they hold its skills and some shift they may work covers the
// interval. No roster puts more agents there, so Σ max(0, required −
// coverable) bounds any roster's under-cover from below. The result is
// the model's: callers must not change it.
func (m *model) coverable() [][]float64 {
	if m.cov == nil {
		m.cov = m.countCoverable()
	}
	return m.cov
}

// countCoverable works out coverable.
func (m *model) countCoverable() [][]float64 {
	c := m.c
	out := make([][]float64, len(m.dem))
	for i := range out {
		out[i] = make([]float64, c.n)
	}
	seen := make([]int, c.n)
	for e := range m.agents {
		am := &m.agents[e]
		if len(am.queues) == 0 {
			continue
		}
		for i := range seen {
			seen[i] = 0
		}
		for d := 0; d < m.D; d++ {
			for s := 0; s < m.S; s++ {
				if !am.allowed[d*m.S+s] {
					continue
				}
				ins := &m.inst[d*m.S+s]
				for k, v := range ins.prof {
					if v > 0 {
						seen[ins.first+k] = 1
					}
				}
			}
		}
		for _, qd := range am.queues {
			for i, v := range seen {
				out[qd][i] += float64(v)
			}
		}
	}
	for qd := range out {
		for i, v := range m.base[qd] {
			out[qd][i] += float64(v) / c.interval.Minutes()
		}
	}
	return out
}

// serviceLevel is the expected service level of a queue with n agents
// (fractional n interpolated between its neighbours): Erlang C, Erlang A
// with a patience, chat as n·concurrency slots; false for e-mail.
func serviceLevel(q scheduling.Queue, volume float64, aht, period time.Duration, n float64) (float64, bool) {
	if q.Channel == scheduling.Email || q.Target.AnswerWithin <= 0 {
		return 0, false
	}
	l := staffing.Load{Volume: volume, Period: period, AHT: aht}
	k := 1
	if q.Channel == scheduling.Chat && q.Concurrency > 1 {
		k = q.Concurrency
		l = staffing.ChatLoad(l, k, 0)
	}
	at := func(n int) float64 {
		if q.Patience > 0 {
			return staffing.EvaluateA(l, n*k, q.Target.AnswerWithin, q.Patience).ServiceLevel
		}
		return staffing.EvaluateC(l, n*k, q.Target.AnswerWithin).ServiceLevel
	}
	lo := int(math.Floor(n))
	f := n - float64(lo)
	sl := at(lo)
	if f > 0 {
		sl += f * (at(lo+1) - sl)
	}
	return math.Max(0, math.Min(1, sl)), true
}

func toPay(s scheduling.Shift) pay.Shift {
	ps := pay.Shift{ID: s.ID, Start: s.Start, End: s.End}
	for _, b := range s.Breaks {
		ps.Breaks = append(ps.Breaks, pay.Break{Start: b.Start, End: b.End, Paid: b.Paid})
	}
	return ps
}

// gapTol is how far below 0 float rounding may put the gap of a roster
// that meets its hours bound exactly.
const gapTol = 1e-9

func round2(v float64) float64 { return math.Round(v*100) / 100 }
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
