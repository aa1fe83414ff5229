package roster

import (
	"math"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// terms are one agent's contracts over the period, day by day: the
// agent's own until the first of Input.ContractChanges, each change from
// its day on. Days before the period take the first day's contract and
// days after it the last day's.
//
// A limit over several days counts each day at its contract's share, pro
// rata temporis as pay counts a week's straight time: a week with 40 h
// at most for three days and 20 h for four allows 28h34. A bound that
// one of the contracts lacks (0) is no bound over the days it spans.
type terms struct {
	contracts []scheduling.Contract
	rates     []float64
	of        []int // of[d] indexes contracts and rates for day d
}

func termsOf(in *Input, c *calendar, a scheduling.Agent) terms {
	t := terms{contracts: []scheduling.Contract{a.Contract}, rates: []float64{a.HourlyRate}, of: make([]int, c.days)}
	changes := in.ContractChanges[a.ID]
	k := 0
	for d := range c.days {
		for k < len(changes) && civilDate(changes[k].From)-int(c.civil0) <= d {
			t.contracts = append(t.contracts, changes[k].Contract)
			t.rates = append(t.rates, changes[k].HourlyRate)
			k++
		}
		t.of[d] = len(t.contracts) - 1
	}
	return t
}

// civilDate numbers a civil date, read as it is whatever its location, as
// civilDay does.
func civilDate(t time.Time) int {
	y, m, d := t.Date()
	return int(civilDay(y, m, d))
}

func (t terms) index(d int) int { return t.of[clamp(d, 0, len(t.of)-1)] }

// on returns the contract of day d.
func (t terms) on(d int) scheduling.Contract { return t.contracts[t.index(d)] }

// rateOn is the hourly rate of day d.
func (t terms) rateOn(d int) float64 { return t.rates[t.index(d)] }

// spell is the days [from, to) under one contract.
type spell struct {
	from, to int
	c        scheduling.Contract
}

// spells splits the days [from, to) by contract.
func (t terms) spells(from, to int) []spell {
	var out []spell
	for d := from; d < to; d++ {
		i := t.index(d)
		if n := len(out); n > 0 && t.index(d-1) == i {
			out[n-1].to = d + 1
			continue
		}
		out = append(out, spell{from: d, to: d + 1, c: t.contracts[i]})
	}
	return out
}

// prorate is f's hours over the days [from, to): f of the contract when
// one holds, else each spell's f for its share of the days.
func (t terms) prorate(from, to int, f func(scheduling.Contract) float64) time.Duration {
	sp := t.spells(from, to)
	if len(sp) == 1 {
		return hoursDur(f(sp[0].c))
	}
	var sum time.Duration
	for _, s := range sp {
		sum += time.Duration(float64(hoursDur(f(s.c))) * float64(s.to-s.from) / float64(to-from))
	}
	return sum
}

// limit is prorate for a bound that 0 leaves out: ok false when a
// contract of the days has none.
func (t terms) limit(from, to int, f func(scheduling.Contract) float64) (time.Duration, bool) {
	for _, s := range t.spells(from, to) {
		if f(s.c) <= 0 {
			return 0, false
		}
	}
	return t.prorate(from, to, f), true
}

// weekMax is the most paid time in the pay week from day ws.
func (t terms) weekMax(ws int) (time.Duration, bool) {
	return t.limit(ws, ws+7, func(c scheduling.Contract) float64 { return c.WeeklyMaxHours })
}

// maxDays is the most working days in the pay week from day ws, pro rata
// and rounded to the nearest day.
func (t terms) maxDays(ws int) int {
	var sum float64
	for _, s := range t.spells(ws, ws+7) {
		n := s.c.MaxDaysPerWeek
		if n == 0 {
			n = 5
		}
		sum += float64(n * (s.to - s.from))
	}
	return int(math.Round(sum / 7))
}

// periodMax is the most paid time in the period of days days.
func (t terms) periodMax(days int) (time.Duration, bool) {
	return t.limit(0, days, func(c scheduling.Contract) float64 { return c.PeriodMaxHours })
}

// hoursShare is the contracted weekly hours over the period as a share
// of 40, 1 when the contracts have none: the weight of the agent's
// fairness counts.
func (t terms) hoursShare(days int) float64 {
	h := t.prorate(0, days, func(c scheduling.Contract) float64 { return c.WeeklyHours }).Hours() / 40
	if h <= 0 {
		return 1
	}
	return h
}

// fixedOff reports whether day d is a fixed day off of its contract.
func (t terms) fixedOff(c *calendar, d int) bool {
	return slices.Contains(t.on(d).FixedDaysOff, c.weekday(d))
}
