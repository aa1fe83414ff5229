package roster

import (
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

func TestDemandFromHistory_DayStartsWhereTheCalendarDoes(t *testing.T) {
	// Havana skips midnight on 8 March 2026 (00:00 CST → 01:00 CDT): the
	// day runs 23 h from 01:00 CDT (05:00 UTC) to the next midnight
	// (9 March 00:00 CDT, 04:00 UTC), 46 half-hours. The demand must
	// start and end where the roster's calendar does, or every interval
	// of the period would be off by one.
	loc, err := time.LoadLocation("America/Havana")
	if err != nil {
		t.Fatal(err)
	}
	q := scheduling.Queue{ID: "q", SiteID: "s", Name: "Service", Channel: scheduling.Phone, AHT: 5 * time.Minute,
		Target: scheduling.ServiceTarget{ServiceLevel: 0.8, AnswerWithin: 20 * time.Second}}
	// Four weeks of 10 calls every half-hour before the period.
	var hist []scheduling.IntervalVolume
	for at := time.Date(2026, 2, 8, 5, 0, 0, 0, time.UTC); at.Before(time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC)); at = at.Add(30 * time.Minute) {
		hist = append(hist, scheduling.IntervalVolume{QueueID: "q", Start: at, Length: 30 * time.Minute, Offered: 10, AHT: 5 * time.Minute})
	}
	start := scheduling.LocalTime(2026, 3, 8, 0, loc)
	if want := time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC); !start.Equal(want) {
		t.Fatalf("day start %v, want %v", start.UTC(), want)
	}
	ds, err := DemandFromHistory([]scheduling.Queue{q}, map[string][]scheduling.IntervalVolume{"q": hist},
		DemandOptions{Location: loc, PeriodStart: start, Days: 1, Interval: 30 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || len(ds[0].Required) != 46 {
		t.Fatalf("demand %d queues, %d intervals; want 1 queue, 46 intervals", len(ds), len(ds[0].Required))
	}
	in := smallInput(t, start, 1, 1)
	in.Location, in.Site.TimeZone = loc, "America/Havana"
	if c := newCalendar(&in); c.n != 46 || !c.start.Equal(start) {
		t.Errorf("calendar %d intervals from %v, want 46 from %v", c.n, c.start.UTC(), start.UTC())
	}
}
