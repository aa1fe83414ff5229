package roster

import (
	"context"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
)

// nightsOnly is smallInput in zone with only the 22:00 night template and
// one agent per night, for days from start.
func nightsOnly(t *testing.T, zone string, start time.Time, days int) Input {
	in := smallInput(t, start, days, 3)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	in.Location = loc
	in.Site.TimeZone = zone
	y, m, d := start.Date()
	in.PeriodStart = time.Date(y, m, d, 0, 0, 0, 0, loc)
	in.Templates = in.Templates[2:]
	c := newCalendar(&in)
	req := make([]float64, c.n)
	for i := range req {
		req[i] = 1
	}
	in.Demand = []QueueDemand{{QueueID: "q", Required: req}}
	return in
}

func TestSolve_DSTNights(t *testing.T) {
	// Transition dates: EU summer time starts on the last Sunday of March
	// and ends on the last Sunday of October (Directive 2000/84/EC); US
	// DST starts on the second Sunday of March and ends on the first
	// Sunday of November (Energy Policy Act 2005).
	cases := []struct {
		name, zone string
		night      time.Time // local date of the night the clocks change
		elapsed    time.Duration
		intervals  int // 30-minute intervals of the changeover day
	}{
		{"BerlinSpringForward", "Europe/Berlin", time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC), 7 * time.Hour, 46},
		{"BerlinFallBack", "Europe/Berlin", time.Date(2026, 10, 24, 0, 0, 0, 0, time.UTC), 9 * time.Hour, 50},
		{"NewYorkSpringForward", "America/New_York", time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC), 7 * time.Hour, 46},
		{"NewYorkFallBack", "America/New_York", time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), 9 * time.Hour, 50},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Period: the night before the change, the changeover day and one more.
			in := nightsOnly(t, tc.zone, tc.night, 3)
			c := newCalendar(&in)
			// 24 h + 23 or 25 h + 24 h of 30-minute intervals.
			if c.n != 48+tc.intervals+48 {
				t.Fatalf("%d intervals in the period, want %d", c.n, 48+tc.intervals+48)
			}
			res, err := Solve(context.Background(), in, quick)
			if err != nil {
				t.Fatal(err)
			}
			var got *scheduling.Shift
			for i, s := range res.Shifts {
				if c.day(s.Start) == 0 {
					got = &res.Shifts[i]
				}
			}
			if got == nil {
				t.Fatal("nobody works the changeover night, yet it needs one agent")
			}
			// A 22:00–06:00 template lasts what the clock says: 7 h or 9 h.
			if d := got.End.Sub(got.Start); d != tc.elapsed {
				t.Errorf("night shift lasts %v, want %v", d, tc.elapsed)
			}
			if h := got.End.In(in.Location).Hour(); h != 6 {
				t.Errorf("night shift ends at %02d:00 local, want 06:00", h)
			}
			// Coverage of the changeover night counts real time: the night's
			// scheduled agent-hours are its elapsed length.
			var sched float64
			for _, cv := range res.Coverage {
				if !cv.Start.Before(got.Start) && cv.Start.Before(got.End) {
					sched += cv.Scheduled * in.Interval.Hours()
				}
			}
			if sched != tc.elapsed.Hours() {
				t.Errorf("coverage during the night = %v agent-hours, want %v", sched, tc.elapsed.Hours())
			}
		})
	}
}

func TestCheck_RestInElapsedTime(t *testing.T) {
	// Berlin, 29 Mar 2026: 02:00 CET jumps to 03:00 CEST.
	loc, _ := time.LoadLocation("Europe/Berlin")
	in := smallInput(t, time.Date(2026, 3, 23, 0, 0, 0, 0, loc), 14, 3)
	// Ends Sat 20:00, next starts Sun 07:30: 11.5 h on the wall clock,
	// 10.5 h elapsed — too short.
	a := shift(in, "a0", 5, 11, 30, early, "E")
	b := shift(in, "a0", 6, 7, 30, early, "E")
	vs := Check(in, []scheduling.Shift{a, b})
	if len(vs) != 1 || vs[0].Rule != "min_daily_rest" {
		t.Fatalf("spring forward: Check = %v, want one min_daily_rest", vs)
	}
	// Berlin, 25 Oct 2026: 03:00 CEST falls back to 02:00 CET. Ends Sat
	// 20:30, next starts Sun 07:00: 10.5 h on the wall clock, 11.5 h
	// elapsed — legal.
	in = smallInput(t, time.Date(2026, 10, 19, 0, 0, 0, 0, loc), 14, 3)
	a = shift(in, "a0", 5, 12, 0, early, "E")
	b = shift(in, "a0", 6, 7, 0, early, "E")
	if vs := Check(in, []scheduling.Shift{a, b}); len(vs) != 0 {
		t.Fatalf("fall back: Check = %v, want none", vs)
	}
}

func TestModel_NightIntoPublicHoliday(t *testing.T) {
	// 25 Dec is a public holiday in Berlin (DE-BE), 24 Dec is not: a
	// 22:00–06:00 shift from 24 Dec has 6 holiday hours (00:00–06:00),
	// belongs to 24 Dec, and is paid the holiday premium on them.
	loc, _ := time.LoadLocation("Europe/Berlin")
	in := nightsOnly(t, "Europe/Berlin", time.Date(2026, 12, 21, 0, 0, 0, 0, loc), 7)
	cal, err := holiday.For("DE-BE")
	if err != nil {
		t.Fatal(err)
	}
	in.Holidays = cal
	in.Pay.HolidayPremium = 1.0
	if err := in.validate(); err != nil {
		t.Fatal(err)
	}
	m, err := buildModel(&in)
	if err != nil {
		t.Fatal(err)
	}
	ins := m.inst[3*m.S+0] // day 3 = 24 Dec, the only type
	if got := ins.start.In(loc).Format("2 Jan 15:04"); got != "24 Dec 22:00" {
		t.Fatalf("instance starts %s, want 24 Dec 22:00", got)
	}
	if ins.holiday != 6*time.Hour {
		t.Errorf("holiday time = %v, want 6h", ins.holiday)
	}
	if m.c.holiday(3) || !m.c.holiday(4) {
		t.Errorf("holiday(24 Dec) = %v, holiday(25 Dec) = %v; want false, true", m.c.holiday(3), m.c.holiday(4))
	}
	// 2 h at 1× and 6 h at 2× (premium 100 %): 14 weighted hours.
	if ins.premium != 14 {
		t.Errorf("premium-weighted hours = %v, want 14", ins.premium)
	}
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	// Holiday hours of the week (25 and 26 Dec are holidays in Germany),
	// one agent every night: the night from 24 Dec has 6 h on 25 Dec, the
	// one from 25 Dec 2 h + 6 h, the one from 26 Dec 2 h: 16 h.
	var hol float64
	for _, s := range res.Shifts {
		hol += m.c.holidayTime(s.Start, s.End).Hours()
	}
	if hol != 16 {
		t.Errorf("holiday hours in the roster = %v, want 16", hol)
	}
}
