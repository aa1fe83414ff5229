package pay

import (
	"fmt"
	"math"
	"time"
)

// Stacking says how premiums combine when a minute falls in several
// categories.
type Stacking int

const (
	// Stack pays every applicable premium: a Sunday night overtime minute
	// with 25 % night, 50 % Sunday and 25 % overtime premium earns
	// +100 %.
	Stack Stacking = iota
	// Highest pays only the largest applicable premium: the same minute
	// earns +50 %, booked to Sunday. Ties go to the category listed
	// first in Highest's precedence: Holiday, Sunday, Saturday, Night,
	// Overtime.
	Highest
)

func (s Stacking) String() string {
	switch s {
	case Stack:
		return "stack"
	case Highest:
		return "highest"
	}
	return fmt.Sprintf("stacking(%d)", int(s))
}

// Weekday numbers the days of the week as ISO 8601 does but from zero:
// 0 = Monday … 6 = Sunday, so that the zero value of Rules.WeekStart is
// Monday. Convert with ISOWeekday and Weekday.Time.
type Weekday int

// ISOWeekday converts a standard-library weekday (Sunday = 0).
func ISOWeekday(d time.Weekday) Weekday { return Weekday((int(d) + 6) % 7) }

// Time converts to the standard library's numbering (Sunday = 0).
func (d Weekday) Time() time.Weekday { return time.Weekday((int(d) + 1) % 7) }

// String returns the English day name.
func (d Weekday) String() string {
	if d < 0 || d > 6 {
		return fmt.Sprintf("weekday(%d)", int(d))
	}
	return d.Time().String()
}

// Rules are one site's pay rules. Premiums are fractions of the agent's
// hourly rate: 0.25 means +25 %, so a minute earning premium p costs
// rate·(1+p)/60 in total. The zero value pays no premium and knows no night
// window and no daily limit; weekly overtime then still applies beyond the
// contract's weekly hours (Summarize).
//
// All times of day are local wall-clock times in the site's zone; a
// premium is decided per minute by that minute's local date and clock.
type Rules struct {
	// NightStart and NightEnd bound the night window as offsets from
	// local midnight, each in [0, 24h). The window is [NightStart,
	// NightEnd) and crosses midnight when NightEnd < NightStart: 22h and
	// 6h mean 22:00–06:00. Equal values (the zero value) mean no night
	// window. The window follows the wall clock, so on the fall-back
	// night the repeated hour 02:00–03:00 counts twice.
	NightStart, NightEnd time.Duration
	// NightPremium is paid on minutes in the night window.
	NightPremium float64
	// SaturdayPremium, SundayPremium and HolidayPremium are paid on
	// minutes whose local date is a Saturday, a Sunday or a public
	// holiday (Holidays passed to Classify or Summarize).
	SaturdayPremium, SundayPremium, HolidayPremium float64

	// WeekStart is the first day of the overtime week, which starts at
	// local midnight of that day. The zero value is Monday (ISO 8601);
	// ISOWeekday(time.Sunday) gives US-style weeks.
	WeekStart Weekday
	// DailyLimit, when positive, makes paid time beyond it within one
	// workday overtime. A shift belongs wholly to the workday of its
	// local start date. Zero means no daily overtime.
	DailyLimit time.Duration
	// OvertimePremium is paid on overtime minutes.
	OvertimePremium float64

	// Stacking says how premiums of one minute combine.
	Stacking Stacking
}

// maxPremium bounds premiums to catch percentages typed as such (25 for
// 0.25): no premium in a collective agreement known to us exceeds +300 %.
const maxPremium = 3.0

// Validate reports every bad field as a *ValidationError naming it.
func (r Rules) Validate() error {
	var e ValidationError
	r.validate(&e, "rules")
	return e.err()
}

func (r Rules) validate(e *ValidationError, prefix string) {
	clock := func(name string, d time.Duration) {
		if d < 0 || d >= 24*time.Hour {
			e.add(prefix+"."+name, "%v is not a time of day in [0, 24h)", d)
		}
	}
	clock("night_start", r.NightStart)
	clock("night_end", r.NightEnd)
	premium := func(name string, p float64) {
		if math.IsNaN(p) || p < 0 || p > maxPremium {
			e.add(prefix+"."+name, "%v is not a fraction of the rate in [0, %v] (0.25 means +25 %%)", p, maxPremium)
		}
	}
	premium("night_premium", r.NightPremium)
	premium("saturday_premium", r.SaturdayPremium)
	premium("sunday_premium", r.SundayPremium)
	premium("holiday_premium", r.HolidayPremium)
	premium("overtime_premium", r.OvertimePremium)
	if r.WeekStart < 0 || r.WeekStart > 6 {
		e.add(prefix+".week_start", "%d is not a weekday (0 = Monday … 6 = Sunday)", int(r.WeekStart))
	}
	if r.DailyLimit < 0 {
		e.add(prefix+".daily_limit", "%v is negative", r.DailyLimit)
	}
	if r.Stacking != Stack && r.Stacking != Highest {
		e.add(prefix+".stacking", "%d is neither Stack nor Highest", int(r.Stacking))
	}
}

// premium returns the premium fraction of c.
func (r Rules) premium(c Category) float64 {
	switch c {
	case Night:
		return r.NightPremium
	case Saturday:
		return r.SaturdayPremium
	case Sunday:
		return r.SundayPremium
	case Holiday:
		return r.HolidayPremium
	case Overtime:
		return r.OvertimePremium
	}
	return 0
}

// night reports whether the wall-clock offset w from local midnight lies in
// the night window.
func (r Rules) night(w time.Duration) bool {
	switch {
	case r.NightStart == r.NightEnd:
		return false
	case r.NightStart < r.NightEnd:
		return r.NightStart <= w && w < r.NightEnd
	default:
		return w >= r.NightStart || w < r.NightEnd
	}
}

// nextClockBoundary returns the smallest wall-clock offset after w at which
// the night state or the local date can change: NightStart, NightEnd or
// midnight (24h).
func (r Rules) nextClockBoundary(w time.Duration) time.Duration {
	next := 24 * time.Hour
	if r.NightStart != r.NightEnd {
		for _, b := range [2]time.Duration{r.NightStart, r.NightEnd} {
			if b > w && b < next {
				next = b
			}
		}
	}
	return next
}
