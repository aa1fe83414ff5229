package scheduling

import "time"

// LocalTime returns the instant at which the wall clock in loc shows off
// past midnight of the civil date y-m-d (off may exceed 24 h: 30 h is
// 06:00 the next day).
//
// A clock change leaves time.Date free to pick either answer for a clock
// time that does not exist or exists twice, and it picks differently east
// and west of Greenwich. LocalTime decides, the same in every zone:
//
//   - a clock time a spring-forward change skips is pushed forward by the
//     gap: 02:30 on the night Berlin or New York goes from 02:00 to 03:00
//     is 03:30, and 02:15 in Lord Howe (02:00 → 02:30) is 02:45;
//   - a clock time a fall-back change repeats is the first of its two
//     instants, still on summer time: 02:30 CEST in Berlin on 25 Oct 2026,
//     01:30 EDT in New York on 1 Nov 2026.
//
// It assumes no two changes of loc's offset lie within a day of each other,
// which holds for every zone in use.
func LocalTime(y int, m time.Month, d int, off time.Duration, loc *time.Location) time.Time {
	wall := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Add(off)
	offset := func(t time.Time) time.Duration {
		_, o := t.In(loc).Zone()
		return time.Duration(o) * time.Second
	}
	// The offsets in force a day before and a day after: each gives a
	// candidate instant, valid when that offset is in force at it.
	before, after := offset(wall.Add(-24*time.Hour)), offset(wall.Add(24*time.Hour))
	early, late := wall.Add(-before), wall.Add(-after)
	if late.Before(early) {
		early, late = late, early
	}
	switch {
	case offset(early) == wall.Sub(early):
		return early.In(loc) // the only or the first instant
	case offset(late) == wall.Sub(late):
		return late.In(loc)
	default:
		// Skipped: the clock still on the offset before the change.
		return wall.Add(-before).In(loc)
	}
}
