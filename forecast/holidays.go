package forecast

import "time"

// Holidays tells whether a local date is a public holiday at the site, and
// its name. *holiday.Calendar (package scheduling/holiday) satisfies it; nil
// means no known holidays.
type Holidays interface {
	IsHoliday(t time.Time) (name string, ok bool)
}

// HolidaysFrom is a calendar some of whose holidays begin during the day
// (Christmas Eve from 14:00): From gives the local wall-clock time the
// holiday of a date begins, zero for the whole day. *holiday.Calendar
// satisfies it. A calendar without it has whole-day holidays only.
//
// Run forecasts such a date as its weekday before the holiday begins and
// as a holiday from then on; an interval belongs to the holiday when its
// wall-clock start is at or after From (with hourly intervals, a holiday
// from 14:30 begins with the 15:00 interval). On a day the clock goes
// back, both passes of a repeated wall time are on the same side.
type HolidaysFrom interface {
	Holidays
	From(year int, month time.Month, day int) time.Duration
}

// fromSlot is the first wall-clock slot of length iv of the holiday on
// date's civil day in h: 0 for a whole-day holiday (and for a calendar
// without HolidaysFrom), the first slot starting at or after the
// holiday's start otherwise.
func fromSlot(h Holidays, date time.Time, iv time.Duration) int {
	f, ok := h.(HolidaysFrom)
	if !ok {
		return 0
	}
	y, m, d := date.Date()
	from := f.From(y, m, d)
	if from <= 0 {
		return 0
	}
	return int((from + iv - 1) / iv)
}
