package scheduling

import (
	"math"
	"slices"
	"time"
)

// MaxVacationDays bounds a contract's vacation days a year.
const MaxVacationDays = 366

// Vacation is an agent's paid vacation in one calendar year, in working
// days (see VacationDays).
type Vacation struct {
	Year int
	// Entitlement is the year's days: each contract's VacationDays for
	// its share of the year's days, and only for the days the agent is
	// employed (HireDate to LeaveDate), to a tenth of a day. A contract
	// that keeps none (0) counts the days of the next one that does (else
	// of the last one before it): days first entered in December hold for
	// the whole year, while a change from 30 to 20 counts pro rata.
	Entitlement float64
	// Approved and Requested are the working days of the year that the
	// agent's approved and pending vacation take.
	Approved, Requested float64
	// Remaining is Entitlement less Approved; negative when more was
	// approved than the year holds.
	Remaining float64
	// Days are the working days of the year each vacation takes, by
	// time-off ID, whatever its status; those that take none are absent.
	Days map[string]float64
}

// Holidays says whether a civil date is a public holiday at the site;
// *holiday.Calendar satisfies it.
type Holidays interface {
	IsHoliday(t time.Time) (name string, ok bool)
}

// VacationDays counts the working days of year that time off t takes, in
// loc: each date Monday to Friday that is not a public holiday (hol, nil
// for none) nor one of fixedOff counts 1 when t covers the whole day and
// ½ when it covers part of it, as for a five-day week (BUrlG § 3 counts
// working days).
func VacationDays(t TimeOff, year int, loc *time.Location, hol Holidays, fixedOff []time.Weekday) float64 {
	var n float64
	s := t.Start.In(loc)
	for y, m, d := s.Date(); ; d++ {
		day := LocalTime(y, m, d, 0, loc)
		if !day.Before(t.End) {
			break
		}
		next := LocalTime(y, m, d+1, 0, loc)
		date := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
		if date.Year() != year || !workday(date, hol, fixedOff) {
			continue
		}
		if !t.Start.After(day) && !t.End.Before(next) {
			n++
		} else {
			n += 0.5
		}
	}
	return n
}

func workday(date time.Time, hol Holidays, fixedOff []time.Weekday) bool {
	if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday || slices.Contains(fixedOff, wd) {
		return false
	}
	if hol != nil {
		if _, ok := hol.IsHoliday(date); ok {
			return false
		}
	}
	return true
}

// VacationOf is a's vacation in year: the entitlement from the contract
// spells (ContractSpells) and employment, and the days its time off of
// kind vacation takes, approved and requested. fixedOff days are those
// of the contract on each day.
func VacationOf(a Agent, spells []ContractSpell, offs []TimeOff, year int, loc *time.Location, hol Holidays) Vacation {
	v := Vacation{Year: year, Days: map[string]float64{}}
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	next := first.AddDate(1, 0, 0)
	days := next.Sub(first).Hours() / 24
	kept := make([]float64, len(spells))
	for i, s := range spells {
		kept[i] = s.Contract.VacationDays
	}
	for i := len(kept) - 2; i >= 0; i-- {
		if kept[i] == 0 {
			kept[i] = kept[i+1]
		}
	}
	for i := 1; i < len(kept); i++ {
		if kept[i] == 0 {
			kept[i] = kept[i-1]
		}
	}
	for i, s := range spells {
		from, until := maxDate(first, s.From, a.HireDate), next
		if !s.Until.IsZero() && s.Until.Before(until) {
			until = s.Until
		}
		if !a.LeaveDate.IsZero() && a.LeaveDate.AddDate(0, 0, 1).Before(until) {
			until = a.LeaveDate.AddDate(0, 0, 1)
		}
		if until.After(from) {
			v.Entitlement += kept[i] * until.Sub(from).Hours() / 24 / days
		}
	}
	v.Entitlement = math.Round(v.Entitlement*10) / 10
	for _, t := range offs {
		if t.Kind != "vacation" || t.AgentID != a.ID {
			continue
		}
		fixed := a.Contract.FixedDaysOff
		for _, s := range spells {
			if !s.From.After(civilDate(t.Start.In(loc))) {
				fixed = s.Contract.FixedDaysOff
			}
		}
		n := VacationDays(t, year, loc, hol, fixed)
		if n > 0 {
			v.Days[t.ID] = n
		}
		switch t.Status {
		case TimeOffApproved:
			v.Approved += n
		case TimeOffRequested:
			v.Requested += n
		}
	}
	v.Remaining = v.Entitlement - v.Approved
	return v
}

// civilDate is t's date at 00:00 UTC.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// maxDate is the latest of the dates, zero ones left out.
func maxDate(ds ...time.Time) time.Time {
	var out time.Time
	for _, d := range ds {
		if d.After(out) {
			out = d
		}
	}
	return out
}
