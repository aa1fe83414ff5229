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

func TestSolve_DSTNightBreakInsideShift(t *testing.T) {
	// The night template's 30-minute break may start 6 h to 7 h 30 after
	// 22:00 (04:00–05:30 on an 8-hour night). On the spring-forward night
	// the shift lasts 7 h (22:00 standard → 06:00 summer time), so the
	// break must start 6 h to 6 h 30 after the start to end inside the
	// shift. A week of nights with hourly demand, one agent: every break
	// lies inside its shift, the service level of every interval can be
	// worked out (a break outside its shift took an agent off an hour
	// nobody works), and Check finds nothing wrong.
	for _, tc := range []struct {
		name, zone string
		monday     time.Time
	}{
		{"Berlin", "Europe/Berlin", time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)},
		{"NewYork", "America/New_York", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := nightsOnly(t, tc.zone, tc.monday, 7)
			in.Agents = in.Agents[:1]
			in.Interval = time.Hour
			in.Templates[0].Breaks = []scheduling.BreakRule{{Name: "break", Length: 30 * time.Minute,
				EarliestAfter: 6 * time.Hour, LatestAfter: 7*time.Hour + 30*time.Minute}}
			n := newCalendar(&in).n
			d := QueueDemand{QueueID: "q", Required: make([]float64, n), Volume: make([]float64, n), AHT: make([]time.Duration, n)}
			for i := range n {
				d.Required[i], d.Volume[i], d.AHT[i] = 1, 6, 5*time.Minute
			}
			in.Demand = []QueueDemand{d}
			res, err := Solve(context.Background(), in, quick)
			if err != nil {
				t.Fatal(err)
			}
			short := 0
			for _, s := range res.Shifts {
				if err := s.Validate(); err != nil {
					t.Errorf("shift %v–%v: %v", s.Start, s.End, err)
				}
				if s.End.Sub(s.Start) == 7*time.Hour {
					short++
				}
			}
			if short == 0 {
				t.Errorf("no 7-hour night in %v", res.Shifts)
			}
			if vs := Check(in, res.Shifts); len(vs) != 0 {
				t.Errorf("Check = %v, want none", vs)
			}
		})
	}
}

func TestModel_ClockTimesMissingOrTwice(t *testing.T) {
	// A template starting at a clock time the change skips starts when
	// the clock reaches it, pushed forward by the gap; one the change
	// repeats starts at the first of the two instants. Either way it ends
	// at its clock end, so it lasts what the wall clock says. Worked out
	// from the transitions (EU at 01:00 UTC, US at 02:00 local, Lord Howe
	// 02:00 +10:30 → 02:30 +11 in October and back to 01:30 in April):
	//
	//	Berlin   29 Mar 02:30–10:30: 02:30 skipped → 03:30 CEST (01:30Z), ends 08:30Z: 7 h
	//	Berlin   25 Oct 02:30–10:30: first 02:30 is CEST (00:30Z), ends 10:30 CET (09:30Z): 9 h
	//	New York  8 Mar 02:30–10:30: 02:30 skipped → 03:30 EDT (07:30Z), ends 14:30Z: 7 h
	//	New York  1 Nov 01:30–09:30: first 01:30 is EDT (05:30Z), ends 09:30 EST (14:30Z): 9 h
	//	Lord Howe 4 Oct 02:15–10:15: 02:15 skipped → 02:45 +11 (3 Oct 15:45Z), ends 23:15Z: 7 h 30
	//	Lord Howe 5 Apr 01:45–09:45: first 01:45 is +11 (4 Apr 14:45Z), ends 09:45 +10:30 (23:15Z): 8 h 30
	for _, tc := range []struct {
		name, zone string
		day        time.Time
		clock      time.Duration
		start, end time.Time
	}{
		{"BerlinSkipped", "Europe/Berlin", time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC), 2*time.Hour + 30*time.Minute,
			time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), time.Date(2026, 3, 29, 8, 30, 0, 0, time.UTC)},
		{"BerlinTwice", "Europe/Berlin", time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), 2*time.Hour + 30*time.Minute,
			time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 9, 30, 0, 0, time.UTC)},
		{"NewYorkSkipped", "America/New_York", time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), 2*time.Hour + 30*time.Minute,
			time.Date(2026, 3, 8, 7, 30, 0, 0, time.UTC), time.Date(2026, 3, 8, 14, 30, 0, 0, time.UTC)},
		{"NewYorkTwice", "America/New_York", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Hour + 30*time.Minute,
			time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), time.Date(2026, 11, 1, 14, 30, 0, 0, time.UTC)},
		{"LordHoweSkipped", "Australia/Lord_Howe", time.Date(2026, 10, 4, 0, 0, 0, 0, time.UTC), 2*time.Hour + 15*time.Minute,
			time.Date(2026, 10, 3, 15, 45, 0, 0, time.UTC), time.Date(2026, 10, 3, 23, 15, 0, 0, time.UTC)},
		{"LordHoweTwice", "Australia/Lord_Howe", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), time.Hour + 45*time.Minute,
			time.Date(2026, 4, 4, 14, 45, 0, 0, time.UTC), time.Date(2026, 4, 4, 23, 15, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := nightsOnly(t, tc.zone, tc.day, 2)
			in.Templates[0].EarliestStart, in.Templates[0].LatestStart, in.Templates[0].Night = tc.clock, tc.clock, false
			if err := in.validate(); err != nil {
				t.Fatal(err)
			}
			m, err := buildModel(&in)
			if err != nil {
				t.Fatal(err)
			}
			ins := m.inst[0] // day 0, the only type
			if !ins.ok || !ins.start.Equal(tc.start) || !ins.end.Equal(tc.end) {
				t.Errorf("instance %v–%v (ok %v), want %v–%v", ins.start.UTC(), ins.end.UTC(), ins.ok, tc.start, tc.end)
			}
		})
	}
}

func TestCheck_WeeklyHoursInElapsedTime(t *testing.T) {
	// One night, Saturday 22:00 → Sunday 06:00, in a week whose limit is
	// 8.5 paid hours. Berlin, 25 Oct 2026: 22:00 CEST → 06:00 CET is 9 h,
	// over the limit though the clock says 8 h. Berlin, 29 Mar 2026:
	// 22:00 CET → 06:00 CEST is 7 h, within a limit of 7.5 h though the
	// clock says 8 h.
	loc, _ := time.LoadLocation("Europe/Berlin")
	for _, tc := range []struct {
		name   string
		monday time.Time
		limit  float64
		want   int // max_weekly_hours violations
	}{
		{"FallBack", time.Date(2026, 10, 19, 0, 0, 0, 0, loc), 8.5, 1},
		{"SpringForward", time.Date(2026, 3, 23, 0, 0, 0, 0, loc), 7.5, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := smallInput(t, tc.monday, 7, 1)
			in.Agents[0].Contract.WeeklyMaxHours = tc.limit
			in.Agents[0].Contract.WeeklyHours = tc.limit
			start := time.Date(tc.monday.Year(), tc.monday.Month(), tc.monday.Day()+5, 22, 0, 0, 0, loc)
			end := time.Date(tc.monday.Year(), tc.monday.Month(), tc.monday.Day()+6, 6, 0, 0, 0, loc)
			n := scheduling.Shift{AgentID: "a0", TemplateID: "N", Start: start, End: end, Status: scheduling.ShiftActive}
			got := 0
			for _, v := range Check(in, []scheduling.Shift{n}) {
				if v.Rule == "max_weekly_hours" {
					got++
				}
			}
			if got != tc.want {
				t.Errorf("%d max_weekly_hours violations for a %v night, want %d: %v", got, end.Sub(start), tc.want, Check(in, []scheduling.Shift{n}))
			}
		})
	}
}
