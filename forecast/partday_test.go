package forecast

import (
	"math"
	"reflect"
	"testing"
	"time"
)

// partDates is a HolidaysFrom of fixed local dates, each holiday beginning
// at its wall-clock time (0: the whole day).
type partDates map[string]time.Duration

func (p partDates) IsHoliday(t time.Time) (string, bool) {
	_, ok := p[t.Format(time.DateOnly)]
	return "holiday", ok
}

func (p partDates) From(y int, m time.Month, d int) time.Duration {
	return p[time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)]
}

// Levels of the flat synthetic histories: every open interval of an
// ordinary day takes flatDay contacts, of a holiday flatHoliday. A past
// part-day holiday from 14:00, taken as an ordinary day, would total
// (7·20 + 7·5)/(14·20) = 0.625 of its weekday: above anomalyLow, so the
// anomaly rule would not keep it out of the weekday's estimates.
const (
	flatDay     = 20.0
	flatHoliday = 5.0
)

// flatTol is the tolerance of a forecast from flat levels: every model
// averages or rescales equal numbers, leaving rounding only.
const flatTol = 1e-9

// flatHistory is eight weeks from Monday 5 January 2026 to Sunday 1 March
// 2026 of a centre open at the hours open, at flatDay on ordinary days and
// at flatHoliday while hol says a holiday is on (a part-day holiday's
// morning at flatDay).
func flatHistory(iv time.Duration, open func(time.Time) bool, hol partDates) Series {
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	return synth(start, 7*8, iv, open, func(t time.Time) float64 {
		if onHoliday(hol, t) {
			return flatHoliday
		}
		return flatDay
	})
}

// onHoliday reports whether the instant t is on a holiday of hol: on its
// date, at or after its start.
func onHoliday(hol partDates, t time.Time) bool {
	from, ok := hol[t.Format(time.DateOnly)]
	y, m, d := t.Date()
	return ok && !t.Before(time.Date(y, m, d, 0, 0, 0, 0, t.Location()).Add(from))
}

// A part-day holiday is forecast as its weekday before it begins and as a
// holiday from then on, and a past one pollutes neither type. The history
// has three whole-day holidays at flatHoliday and a part-day holiday from
// 14:00 on Wednesday 18 February (flatDay before, flatHoliday after); the
// horizon a part-day holiday from 14:00 on Thursday 5 March and a
// whole-day one on Friday 6 March. Every model but holt_winters (which
// forecasts holidays as ordinary days), and the model Run chooses,
// forecasts exactly, the levels being flat: Thursday flatDay before 14:00 and flatHoliday from it; Friday
// flatHoliday; Wednesday 4 March flatDay all day, its afternoon not pulled
// down by 18 February's. Taking the whole of 18 February as a holiday would
// raise the holiday's afternoon (the profile model's total is the mean of
// the last four holidays' totals) and its morning (the averages').
func TestRun_PartDayHoliday(t *testing.T) {
	hol := partDates{
		"2026-01-19": 0,              // Monday
		"2026-01-29": 0,              // Thursday
		"2026-02-10": 0,              // Tuesday
		"2026-02-18": 14 * time.Hour, // Wednesday, in the last four weeks
		"2026-03-05": 14 * time.Hour, // Thursday, in the horizon
		"2026-03-06": 0,              // Friday, in the horizon
	}
	s := flatHistory(time.Hour, weekdayHours, hol)
	for _, m := range []string{"seasonal_naive", "week_average_4", "week_average_6", "robust_average", "profile", ""} {
		name := m
		if m == "" {
			name = "chosen"
		}
		t.Run(name, func(t *testing.T) {
			res, err := Run(s, Options{Horizon: 7 * 24 * time.Hour, Holidays: hol, Models: nonEmpty(m)})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range res.Points {
				want := 0.0
				if weekdayHours(p.Start) {
					want = flatDay
					if onHoliday(hol, p.Start) {
						want = flatHoliday
					}
					n++
				}
				if math.Abs(p.Forecast-want) > flatTol*flatDay {
					t.Errorf("%s: forecast %v, want %v", p.Start.Format("Mon 2006-01-02 15:04"), p.Forecast, want)
				}
			}
			if n != 5*14 {
				t.Errorf("%d open intervals forecast, want 70", n)
			}
		})
	}
}

// The cut falls on interval boundaries as HolidaysFrom says: an interval
// belongs to the holiday when it starts at or after the holiday's start.
// From 14:10 the holiday begins with the 14:15 interval at 15 minutes,
// the 14:30 one at 30 and the 15:00 one at 60; the interval holding 14:10
// is forecast as the weekday.
func TestRun_PartDayHolidayAlignment(t *testing.T) {
	for _, tc := range []struct {
		iv    time.Duration
		first string // wall-clock start of the first holiday interval
	}{
		{15 * time.Minute, "14:15"},
		{30 * time.Minute, "14:30"},
		{time.Hour, "15:00"},
	} {
		t.Run(tc.iv.String(), func(t *testing.T) {
			hol := partDates{"2026-01-21": 0, "2026-02-11": 0, "2026-03-04": 14*time.Hour + 10*time.Minute}
			s := flatHistory(tc.iv, weekdayHours, hol)
			res, err := Run(s, Options{Horizon: 7 * 24 * time.Hour, Holidays: hol, Models: []string{"week_average_4"}})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range res.Points {
				if p.Start.Format(time.DateOnly) != "2026-03-04" || !weekdayHours(p.Start) {
					continue
				}
				want := flatDay
				if p.Start.Format("15:04") >= tc.first {
					want = flatHoliday
				}
				if math.Abs(p.Forecast-want) > flatTol*flatDay {
					t.Errorf("%s: forecast %v, want %v", p.Start.Format("15:04"), p.Forecast, want)
				}
			}
		})
	}
}

// The cut is wall-clock time on days the clock changes too. Europe/Berlin
// skips 02:00–03:00 on 29 March 2026 and repeats it on 25 October 2026
// (Directive 2000/84/EC: last Sundays of March and October). A holiday
// from 02:30 begins with the 03:00 interval on the first, and covers both
// passes of 02:30 and 02:45 on the second (a slot is a wall time); the
// day keeps its 92 or 100 quarter hours. The centre is open around the
// clock, flatDay on ordinary days and flatHoliday on four past Sunday
// holidays.
func TestRun_PartDayHolidayDST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	for _, tc := range []struct {
		name      string
		day       time.Time
		intervals int // quarter hours of the day
		holiday   int // of them on the holiday
	}{
		{"SpringForward", time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), 23 * 4, 21 * 4},
		{"FallBack", time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), 25 * 4, 21*4 + 2 + 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hol := partDates{tc.day.Format(time.DateOnly): 2*time.Hour + 30*time.Minute}
			for w := 1; w <= 4; w++ {
				hol[tc.day.AddDate(0, 0, -7*w).Format(time.DateOnly)] = 0
			}
			start := tc.day.AddDate(0, 0, -42)
			s := synth(start, 42, 15*time.Minute, nil, func(t time.Time) float64 {
				if _, ok := hol[t.Format(time.DateOnly)]; ok {
					return flatHoliday
				}
				return flatDay
			})
			res, err := Run(s, Options{Horizon: 2 * 24 * time.Hour, Holidays: hol, Models: []string{"week_average_4"}})
			if err != nil {
				t.Fatal(err)
			}
			var n, onHol int
			for _, p := range res.Points {
				if p.Start.Format(time.DateOnly) != tc.day.Format(time.DateOnly) {
					continue
				}
				n++
				want := flatDay
				if p.Start.Format("15:04") >= "02:30" {
					want = flatHoliday
					onHol++
				}
				if math.Abs(p.Forecast-want) > flatTol*flatDay {
					t.Errorf("%s: forecast %v, want %v", p.Start.Format(time.RFC3339), p.Forecast, want)
				}
			}
			if n != tc.intervals || onHol != tc.holiday {
				t.Errorf("%d intervals, %d on the holiday; want %d, %d", n, onHol, tc.intervals, tc.holiday)
			}
		})
	}
}

// A centre that closes on holidays and from the start of a part-day one:
// the part-day holiday is open before it begins, so it is no closure and
// the day after is an ordinary one. The history has three closed Wednesday
// holidays, each followed by a Thursday at 1.3× (carry-over c = 1 +
// 3·0.3/(3 + carryShrink) = 1.225, as in TestRun_CarryOverAfterClosure),
// and a part-day holiday from 14:00 on Wednesday 25 February without rows
// from 14:00. Wednesday 4 March, a part-day holiday from 14:00, is
// forecast flatDay to 14:00 and closed after; Thursday 5 March at 14
// ordinary hours of flatDay, not 1.225 times that.
func TestRun_PartDayHolidayNoClosure(t *testing.T) {
	hol := partDates{"2026-01-21": 0, "2026-02-04": 0, "2026-02-18": 0, "2026-02-25": 14 * time.Hour, "2026-03-04": 14 * time.Hour}
	after := map[string]bool{"2026-01-22": true, "2026-02-05": true, "2026-02-19": true}
	open := func(t time.Time) bool { return weekdayHours(t) && !onHoliday(hol, t) }
	s := synth(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), 7*8, time.Hour, open, func(t time.Time) float64 {
		if after[t.Format(time.DateOnly)] {
			return 1.3 * flatDay
		}
		return flatDay
	})
	res, err := Run(s, Options{Horizon: 7 * 24 * time.Hour, Holidays: hol, Models: []string{"profile"}})
	if err != nil {
		t.Fatal(err)
	}
	var thursday float64
	for _, p := range res.Points {
		switch p.Start.Format(time.DateOnly) {
		case "2026-03-04":
			want := 0.0
			if open(p.Start) {
				want = flatDay
			}
			if math.Abs(p.Forecast-want) > flatTol*flatDay {
				t.Errorf("%s: forecast %v, want %v", p.Start.Format("Mon 15:04"), p.Forecast, want)
			}
		case "2026-03-05":
			thursday += p.Forecast
		}
	}
	if want := 14 * flatDay; math.Abs(thursday-want) > flatTol*want {
		t.Errorf("Thursday after the part-day holiday: total %v, want %v", thursday, want)
	}
}

// Whole-day holidays are forecast exactly as before: a HolidaysFrom
// whose holidays all begin at 00:00 gives the same result, candidates,
// dispersions and points, as the plain Holidays of the same dates, on
// the seasonal history of TestRun_HolidayOwnDayType with every model.
func TestRun_WholeDayHolidayUnchanged(t *testing.T) {
	plain := dates{"2026-01-19": "h", "2026-02-04": "h", "2026-02-23": "h", "2026-03-04": "h"}
	from := partDates{}
	for d := range plain {
		from[d] = 0
	}
	vol := func(t time.Time) float64 {
		if _, ok := plain.IsHoliday(t); ok {
			return seasonal(t) / 10 * noise(t, 0.2)
		}
		return seasonal(t) * noise(t, 0.2)
	}
	s := synth(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), 7*8, time.Hour, weekdayHours, vol)
	want, err := Run(s, Options{Horizon: 7 * 24 * time.Hour, Holidays: plain})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Run(s, Options{Horizon: 7 * 24 * time.Hour, Holidays: from})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with From = 0: model %s, %d points; without: model %s, %d points; results differ",
			got.Model, len(got.Points), want.Model, len(want.Points))
	}
}

// Before a part-day holiday begins, every model forecasts the day exactly
// as it forecasts the same day without a holiday (on a noisy seasonal
// history with whole-day holidays in it, so the forecasts differ from
// slot to slot and model to model).
func TestRun_PartDayHolidayMorningAsWeekday(t *testing.T) {
	past := partDates{"2026-01-19": 0, "2026-02-04": 0, "2026-02-23": 0}
	part := partDates{"2026-03-04": 15 * time.Hour}
	for d, from := range past {
		part[d] = from
	}
	vol := func(t time.Time) float64 {
		if onHoliday(past, t) {
			return seasonal(t) / 4 * noise(t, 0.2)
		}
		return seasonal(t) * noise(t, 0.2)
	}
	s := synth(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), 7*8, time.Hour, weekdayHours, vol)
	for _, m := range allModels {
		t.Run(m.name(), func(t *testing.T) {
			opts := Options{Horizon: 7 * 24 * time.Hour, Holidays: past, Models: []string{m.name()}}
			want, err := Run(s, opts)
			if err != nil {
				t.Fatal(err)
			}
			opts.Holidays = part
			got, err := Run(s, opts)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range got.Points {
				if p.Start.Format(time.DateOnly) == "2026-03-04" && p.Start.Hour() < 15 && p.Forecast != want.Points[i].Forecast {
					t.Errorf("%s: forecast %v, without the holiday %v", p.Start.Format("Mon 15:04"), p.Forecast, want.Points[i].Forecast)
				}
			}
		})
	}
}
