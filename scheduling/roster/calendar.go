package roster

import (
	"math"
	"strconv"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// calendar converts between instants and the period's local days in the
// site's zone. Day 0 is the period's first local date; negative days lie
// before the period.
type calendar struct {
	loc      *time.Location
	start    time.Time // local midnight of day 0
	end      time.Time // local midnight of day Days
	days     int
	civil0   int64 // civil day number of day 0
	rules    ruleSet
	hol      Holidays
	interval time.Duration
	n        int // intervals in the period
	weekAnch time.Weekday
}

func newCalendar(in *Input) *calendar {
	c := &calendar{loc: in.Location, days: in.Days, rules: in.Rules.compile(), hol: in.Holidays, interval: in.Interval}
	y, m, d := in.PeriodStart.In(in.Location).Date()
	c.start = scheduling.LocalTime(y, m, d, 0, in.Location)
	c.end = c.midnight(in.Days)
	c.civil0 = civilDay(y, m, d)
	if in.Interval > 0 {
		c.n = int(c.end.Sub(c.start) / in.Interval)
	}
	c.weekAnch = in.Pay.WeekStart.Time()
	return c
}

// civilDay numbers civil dates consecutively.
func civilDay(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// midnight returns the start of day d: local midnight, or the first
// instant of the day where a clock change skips midnight.
func (c *calendar) midnight(d int) time.Time {
	y, m, dd := c.date(d)
	return scheduling.LocalTime(y, m, dd, 0, c.loc)
}

// at returns the instant at local wall-clock offset off from midnight of
// day d (off may exceed 24 h: 30 h is 06:00 the next day). A clock time
// skipped by a spring-forward change is pushed forward by the gap; one
// repeated by a fall-back change is its first instant
// (scheduling.LocalTime).
func (c *calendar) at(d int, off time.Duration) time.Time {
	y, m, dd := c.date(d)
	return scheduling.LocalTime(y, m, dd, off, c.loc)
}

// day returns the local day index of t.
func (c *calendar) day(t time.Time) int {
	y, m, d := t.In(c.loc).Date()
	return int(civilDay(y, m, d) - c.civil0)
}

// date returns the civil date of day d.
func (c *calendar) date(d int) (int, time.Month, int) {
	y, m, dd := c.start.Date()
	return time.Date(y, m, dd+d, 12, 0, 0, 0, time.UTC).Date()
}

// weekday of day d.
func (c *calendar) weekday(d int) time.Weekday {
	y, m, dd := c.date(d)
	return time.Date(y, m, dd, 12, 0, 0, 0, time.UTC).Weekday()
}

// week returns the index of the pay week (starting on the pay rules'
// WeekStart) holding day d; week 0 holds day 0.
func (c *calendar) week(d int) int {
	off := (int(c.weekday(0)) - int(c.weekAnch) + 7) % 7
	return floorDiv(d+off, 7)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// maxAverage returns the most paid time in the period the average weekly
// hours rule allows (Check's tolerance aside), or false when it is off:
// the weekly average times the period's weeks, at least one.
func (c *calendar) maxAverage() (time.Duration, bool) {
	if c.rules.maxAvgWeekly <= 0 {
		return 0, false
	}
	return time.Duration(c.rules.maxAvgWeekly * max(float64(c.end.Sub(c.start))/float64(7*24*time.Hour), 1) * float64(time.Hour)), true
}

// holiday reports whether day d is a public holiday.
func (c *calendar) holiday(d int) bool {
	if c.hol == nil {
		return false
	}
	y, m, dd := c.date(d)
	_, ok := c.hol.On(y, m, dd)
	return ok
}

// nightTime is the part of [s, e) in the night window, by the wall clock.
func (c *calendar) nightTime(s, e time.Time) time.Duration {
	if !e.After(s) {
		return 0
	}
	segs, err := pay.Classify(pay.Shift{Start: s, End: e}, pay.Rules{NightStart: c.rules.nightStart, NightEnd: c.rules.nightEnd}, c.loc, nil)
	if err != nil {
		return 0
	}
	return segs.Hours().Category[pay.Night]
}

// isNight reports whether a shift [s, e) is a night shift.
func (c *calendar) isNight(s, e time.Time) bool { return c.nightTime(s, e) > c.rules.nightMin }

// holidayTime is the part of [s, e) on public holidays.
func (c *calendar) holidayTime(s, e time.Time) time.Duration {
	if c.hol == nil || !e.After(s) {
		return 0
	}
	segs, err := pay.Classify(pay.Shift{Start: s, End: e}, pay.Rules{}, c.loc, c.hol)
	if err != nil {
		return 0
	}
	return segs.Hours().Category[pay.Holiday]
}

// clock formats t as a local wall-clock time, "22:00".
func (c *calendar) clock(t time.Time) string { return c.clockAt(t).String() }

// dayName formats t's local date, "24 Dec".
func (c *calendar) dayName(t time.Time) string { return c.onDay(t).String() }

// hours formats a duration as hours, "9h" or "9.5h".
func hours(d time.Duration) string {
	return strconv.FormatFloat(math.Round(d.Hours()*100)/100, 'f', -1, 64) + "h"
}
