package forecast

import "time"

// Holidays tells whether a local date is a public holiday at the site, and
// its name. *holiday.Calendar (package scheduling/holiday) satisfies it; nil
// means no known holidays.
type Holidays interface {
	IsHoliday(t time.Time) (name string, ok bool)
}
