package pay

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// Contract is what one agent is contracted for.
type Contract struct {
	// WeeklyHours is the contracted paid time per week in hours; paid
	// time beyond it within one week is overtime. Zero means no weekly
	// overtime (e.g. hourly staff without a weekly contract).
	WeeklyHours float64
	// HourlyRate is the base pay per paid hour in currency units.
	HourlyRate float64
}

func (c Contract) validate(e *ValidationError, field string) {
	if math.IsNaN(c.WeeklyHours) || c.WeeklyHours < 0 || c.WeeklyHours > 168 {
		e.add(field+".weekly_hours", "%v is not in [0, 168]", c.WeeklyHours)
	}
	if math.IsNaN(c.HourlyRate) || math.IsInf(c.HourlyRate, 0) || c.HourlyRate < 0 {
		e.add(field+".hourly_rate", "%v is not a non-negative amount", c.HourlyRate)
	}
}

// Pay is paid time and its estimated cost, for one shift or a total.
type Pay struct {
	Hours
	// Base is Paid × HourlyRate.
	Base float64
	// Premium is the premium amount booked to each category, in currency
	// units. With Stack it is rate × premium × hours of the category; with
	// Highest each minute's single premium is booked to the category that
	// won it, so a category can have hours but no premium amount.
	Premium [NumCategories]float64
}

// Premiums is the sum of the premium amounts.
func (p Pay) Premiums() float64 {
	var s float64
	for _, a := range p.Premium {
		s += a
	}
	return s
}

// Gross is the estimated gross pay: Base + Premiums.
func (p Pay) Gross() float64 { return p.Base + p.Premiums() }

// Add adds o into p, field by field. Summary.Total is built with it.
func (p *Pay) Add(o Pay) {
	p.addHours(o.Hours)
	p.Base += o.Base
	for c := range NumCategories {
		p.Premium[c] += o.Premium[c]
	}
}

// ShiftPay is one shift's line in a Summary.
type ShiftPay struct {
	ID         string
	Start, End time.Time // the shift's start and end in the site's zone
	Segments   Segments  // paid time, with Overtime set where it applies
	// HourlyRate is the rate the shift is paid at: its contract's on the
	// local date it starts.
	HourlyRate float64
	Pay
}

// Summary is one agent's paid time over a period.
type Summary struct {
	// Contract is the contract of the last shift (Contracts.Current when
	// there is none).
	Contract Contract
	Shifts   []ShiftPay // in chronological order
	// Total is the sum of Shifts, built by Pay.Add in slice order, so it
	// equals the sum of the detail rows by construction.
	Total Pay
}

// Summarize classifies every shift of one agent (Classify), marks overtime
// and prices the result at contract.HourlyRate.
//
// Overtime. Paid time is walked in chronological order. A stretch is
// overtime when it lies beyond rules.DailyLimit within its workday (the
// local start date of its shift; only when DailyLimit > 0), or beyond
// contract.WeeklyHours of straight (non-overtime) time within its week (from
// local midnight of rules.WeekStart; only when WeeklyHours > 0). Time made
// overtime by the daily limit does not count towards the weekly hours, so
// no minute is overtime twice. Overtime is a category of its own: an
// overtime minute keeps its Night, Saturday, Sunday and Holiday categories,
// and earns the overtime premium besides theirs (Stack) or competes with
// them for the single highest premium (Highest). Regular time is never
// overtime. The weekly count only sees the shifts passed in: pass every
// shift of the weeks the period touches for exact weekly overtime.
//
// Shifts of one agent must not overlap (ErrOverlap); their order in the
// input does not matter.
func Summarize(shifts []Shift, contract Contract, rules Rules, loc *time.Location, hol Holidays) (Summary, error) {
	return SummarizeOver(shifts, Contracts{Current: contract}, rules, loc, hol)
}

// SummarizeOver is Summarize for an agent whose contract changed: each
// shift is priced at the hourly rate of the contract on its workday, and
// each week's weekly hours are its days' contracts' pro rata (see
// Contracts). Where no contract changed it is Summarize.
func SummarizeOver(shifts []Shift, contracts Contracts, rules Rules, loc *time.Location, hol Holidays) (Summary, error) {
	var e ValidationError
	rules.validate(&e, "rules")
	contracts.validate(&e)
	if loc == nil {
		e.add("loc", "missing time zone")
	}
	for i, s := range shifts {
		s.validate(&e, fmt.Sprintf("shifts[%d]", i))
	}
	if err := e.err(); err != nil {
		return Summary{}, err
	}
	order := make([]int, len(shifts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return shifts[a].Start.Compare(shifts[b].Start) })
	for k := 1; k < len(order); k++ {
		p, q := shifts[order[k-1]], shifts[order[k]]
		if q.Start.Before(p.End) {
			return Summary{}, fmt.Errorf("%w: shifts[%d] (%s) starts at %s before shifts[%d] (%s) ends at %s",
				ErrOverlap, order[k], q.ID, q.Start.Format(time.RFC3339), order[k-1], p.ID, p.End.Format(time.RFC3339))
		}
	}

	c := classifier{rules: rules, loc: loc, hol: hol}
	o := overtime{
		rules:     rules,
		contracts: contracts,
		week:      make(map[Date]time.Duration),
		limit:     make(map[Date]time.Duration),
		day:       make(map[Date]time.Duration),
	}
	sum := Summary{Contract: contracts.Current, Shifts: make([]ShiftPay, 0, len(shifts))}
	var buf Segments
	for _, i := range order {
		s := shifts[i]
		buf = c.classify(s, buf[:0])
		workday := DateOf(s.Start.In(loc))
		contract := contracts.At(workday)
		sp := ShiftPay{ID: s.ID, Start: s.Start.In(loc), End: s.End.In(loc), HourlyRate: contract.HourlyRate}
		for _, g := range buf {
			sp.Segments = o.split(g, workday, sp.Segments)
		}
		sp.Pay = price(sp.Segments, contract.HourlyRate, rules)
		sum.Contract = contract
		sum.Total.Add(sp.Pay)
		sum.Shifts = append(sum.Shifts, sp)
	}
	return sum, nil
}

// overtime tracks straight time per week and paid time per workday.
type overtime struct {
	rules     Rules
	contracts Contracts
	week      map[Date]time.Duration // week start → straight time so far
	limit     map[Date]time.Duration // week start → its weekly hours
	day       map[Date]time.Duration // workday → paid time so far
}

// weekly returns the weekly hours of the week from w.
func (o *overtime) weekly(w Date) time.Duration {
	l, ok := o.limit[w]
	if !ok {
		l = o.contracts.weeklyLimit(w)
		o.limit[w] = l
	}
	return l
}

// weekOf returns the first date of the overtime week holding d.
func (o *overtime) weekOf(d Date) Date {
	back := (int(ISOWeekday(d.Weekday())) - int(o.rules.WeekStart) + 7) % 7
	return d.AddDays(-back)
}

// split appends g to out, cut where it becomes overtime.
func (o *overtime) split(g Segment, workday Date, out Segments) Segments {
	d := g.Duration()
	straight := d
	if o.rules.DailyLimit > 0 {
		straight = min(straight, max(0, o.rules.DailyLimit-o.day[workday]))
	}
	o.day[workday] += d
	if w := o.weekOf(g.Date); o.weekly(w) > 0 {
		straight = min(straight, max(0, o.weekly(w)-o.week[w]))
		o.week[w] += straight
	}
	if straight > 0 {
		out = append(out, Segment{Start: g.Start, End: g.Start.Add(straight), Date: g.Date, Categories: g.Categories})
	}
	if straight < d {
		out = append(out, Segment{Start: g.Start.Add(straight), End: g.End, Date: g.Date, Categories: g.Categories.With(Overtime)})
	}
	return out
}

// highestOrder is Highest's tie-break precedence.
var highestOrder = [NumCategories]Category{Holiday, Sunday, Saturday, Night, Overtime}

// price tallies hours and amounts of one shift's segments at rate.
func price(gs Segments, rate float64, r Rules) Pay {
	var p Pay
	var premiumTime [NumCategories]time.Duration
	for _, g := range gs {
		d := g.Duration()
		p.Hours.add(g.Categories, d)
		switch r.Stacking {
		case Stack:
			for c := range NumCategories {
				if g.Categories.Has(Category(c)) {
					premiumTime[c] += d
				}
			}
		case Highest:
			best, bestP := Category(-1), 0.0
			for _, c := range highestOrder {
				if g.Categories.Has(c) && r.premium(c) > bestP {
					best, bestP = c, r.premium(c)
				}
			}
			if best >= 0 {
				premiumTime[best] += d
			}
		}
	}
	p.Base = rate * p.Paid.Hours()
	for c := range NumCategories {
		p.Premium[c] = rate * r.premium(Category(c)) * premiumTime[c].Hours()
	}
	return p
}

// WeekStartOf returns the start of the overtime week holding t: local
// midnight in loc of the latest rules.WeekStart day on or before t's local
// date, or that day's first instant where a clock change skips midnight
// (scheduling.LocalTime; time.Date would give the evening before). Load
// shifts from there, not from the report's first day, so that Summarize
// sees the whole week for weekly overtime.
func (r Rules) WeekStartOf(t time.Time, loc *time.Location) time.Time {
	o := overtime{rules: r}
	d := o.weekOf(DateOf(t.In(loc)))
	return scheduling.LocalTime(d.Year, d.Month, d.Day, 0, loc)
}
