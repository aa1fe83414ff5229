package pay

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

const M = time.Minute

// week returns five 8 h day shifts Monday–Friday 09:00–17:00 starting on
// monday (local date in loc).
func week(loc *time.Location, monday Date) []Shift {
	var out []Shift
	for i := range 5 {
		d := monday.AddDays(i)
		out = append(out, Shift{ID: d.String(), Start: at(loc, d.Year, d.Month, d.Day, 9, 0), End: at(loc, d.Year, d.Month, d.Day, 17, 0)})
	}
	return out
}

func TestSummarize_OvertimeBoundaries(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	mon := Date{2026, 6, 8} // a Monday
	if mon.Weekday() != time.Monday {
		t.Fatal("2026-06-08 is not a Monday")
	}
	c := Contract{WeeklyHours: 40, HourlyRate: 20}
	r := Rules{OvertimePremium: 0.25}

	t.Run("ExactlyContract", func(t *testing.T) {
		// 5 × 8 h = 40 h = contract: no overtime.
		s, err := Summarize(week(loc, mon), c, r, loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if s.Total.Paid != 40*H || s.Total.Category[Overtime] != 0 || s.Total.Regular != 40*H {
			t.Errorf("total %+v, want 40 h paid, all regular", s.Total.Hours)
		}
	})
	t.Run("OneMinuteOver", func(t *testing.T) {
		// Friday ends 17:01: 40 h 1 min paid; the last minute, and only
		// it, is overtime; premium 20 × 0.25 / 60 = 0.08333….
		sh := week(loc, mon)
		sh[4].End = sh[4].End.Add(M)
		s, err := Summarize(sh, c, r, loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Total.Category[Overtime]; got != M {
			t.Fatalf("overtime %v, want 1m", got)
		}
		last := s.Shifts[4].Segments[len(s.Shifts[4].Segments)-1]
		if !last.Categories.Has(Overtime) || !last.Start.Equal(at(loc, 2026, 6, 12, 17, 0)) {
			t.Errorf("overtime segment %+v, want from Friday 17:00", last)
		}
		if want := 20 * 0.25 / 60; math.Abs(s.Total.Premium[Overtime]-want) > 1e-12 {
			t.Errorf("overtime premium %v, want %v", s.Total.Premium[Overtime], want)
		}
	})
	t.Run("WeekBoundaryLocal", func(t *testing.T) {
		// The week is full (40 h) when a night shift runs Sunday 22:00 →
		// Monday 06:00. With ISO weeks the Sunday part (2 h) is overtime
		// of the full week and the Monday part (6 h) starts a new week;
		// with weeks starting on Sunday all 8 h belong to the new week.
		sh := week(loc, mon)
		sun := mon.AddDays(6)
		sh = append(sh, Shift{ID: "night", Start: at(loc, sun.Year, sun.Month, sun.Day, 22, 0), End: at(loc, 2026, 6, 15, 6, 0)})
		for _, tt := range []struct {
			name  string
			start Weekday
			want  time.Duration
		}{{"ISO", 0, 2 * H}, {"Sunday", ISOWeekday(time.Sunday), 0}} {
			t.Run(tt.name, func(t *testing.T) {
				rr := r
				rr.WeekStart = tt.start
				s, err := Summarize(sh, c, rr, loc, nil)
				if err != nil {
					t.Fatal(err)
				}
				if got := s.Total.Category[Overtime]; got != tt.want {
					t.Errorf("overtime %v, want %v", got, tt.want)
				}
			})
		}
	})
	t.Run("DailyLimitNoPyramiding", func(t *testing.T) {
		// Five 10 h days (08:00–18:00) with an 8 h daily limit: 2 h daily
		// overtime each = 10 h; straight time 5 × 8 h = 40 h = contract,
		// so no weekly overtime on top. A 4 h Saturday shift then finds
		// the week full: 4 h more. Total 14 h overtime, 54 h paid.
		var sh []Shift
		for i := range 5 {
			d := mon.AddDays(i)
			sh = append(sh, Shift{Start: at(loc, d.Year, d.Month, d.Day, 8, 0), End: at(loc, d.Year, d.Month, d.Day, 18, 0)})
		}
		sat := mon.AddDays(5)
		sh = append(sh, Shift{Start: at(loc, sat.Year, sat.Month, sat.Day, 8, 0), End: at(loc, sat.Year, sat.Month, sat.Day, 12, 0)})
		rr := r
		rr.DailyLimit = 8 * H
		s, err := Summarize(sh, c, rr, loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if s.Total.Paid != 54*H || s.Total.Category[Overtime] != 14*H {
			t.Errorf("paid %v overtime %v, want 54h and 14h", s.Total.Paid, s.Total.Category[Overtime])
		}
		// Regular = weekday straight time = 5 × 8 h; Saturday's 4 h are
		// Saturday and overtime, not regular.
		if s.Total.Regular != 40*H {
			t.Errorf("regular %v, want 40h", s.Total.Regular)
		}
	})
	t.Run("WeekOverDSTIsRealTime", func(t *testing.T) {
		// Contract 40 h; the week of 2026-10-19 plus a Saturday→Sunday
		// night 22:00–06:00 over the fall-back: 40 h + 9 h real time, so
		// 9 h overtime (an 8 h wall-clock count would give 8 h).
		sh := append(week(loc, Date{2026, 10, 19}), Shift{Start: at(loc, 2026, 10, 24, 22, 0), End: at(loc, 2026, 10, 25, 6, 0)})
		s, err := Summarize(sh, c, r, loc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Total.Category[Overtime]; got != 9*H {
			t.Errorf("overtime %v, want 9h", got)
		}
	})
}

func TestSummarize_Stacking(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	// Tuesday 2026-06-09 22:00–24:00, daily limit 1 h, rate 10, night
	// +25 %, overtime +50 %. Hour 1 is night; hour 2 is night and
	// overtime.
	//   Stack:   night 2 h × 10 × 0.25 = 5, overtime 1 h × 10 × 0.5 = 5.
	//   Highest: hour 1 night 2.5; hour 2 overtime wins (0.5 > 0.25) 5.
	// Base 2 h × 10 = 20 either way.
	s := []Shift{{Start: at(loc, 2026, 6, 9, 22, 0), End: at(loc, 2026, 6, 10, 0, 0)}}
	r := Rules{NightStart: 22 * H, NightEnd: 6 * H, NightPremium: 0.25, OvertimePremium: 0.5, DailyLimit: H}
	tests := []struct {
		mode            Stacking
		night, overtime float64
		gross           float64
		nightH, otH     time.Duration
	}{
		{Stack, 5, 5, 30, 2 * H, H},
		{Highest, 2.5, 5, 27.5, 2 * H, H},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			rr := r
			rr.Stacking = tt.mode
			sum, err := Summarize(s, Contract{WeeklyHours: 40, HourlyRate: 10}, rr, loc, nil)
			if err != nil {
				t.Fatal(err)
			}
			p := sum.Total
			if p.Premium[Night] != tt.night || p.Premium[Overtime] != tt.overtime || p.Gross() != tt.gross || p.Base != 20 {
				t.Errorf("premiums night %v overtime %v base %v gross %v, want %v %v 20 %v", p.Premium[Night], p.Premium[Overtime], p.Base, p.Gross(), tt.night, tt.overtime, tt.gross)
			}
			// Hours describe the time, whatever the stacking.
			if p.Category[Night] != tt.nightH || p.Category[Overtime] != tt.otH {
				t.Errorf("hours %+v", p.Hours)
			}
		})
	}

	t.Run("HighestAcrossHoliday", func(t *testing.T) {
		// 24→25 Dec 2026 20:00–04:00 at rate 20, night +25 %, holiday
		// +125 %. Stack: night 6 h × 5 = 30, holiday 4 h × 25 = 100,
		// gross 8 × 20 + 130 = 290. Highest: 00:00–04:00 holiday wins
		// (100), night only 22:00–24:00 (2 h × 5 = 10), gross 270.
		hol := dates{{2026, 12, 25}: "Christmas Day"}
		sh := []Shift{{Start: at(loc, 2026, 12, 24, 20, 0), End: at(loc, 2026, 12, 25, 4, 0)}}
		r := Rules{NightStart: 22 * H, NightEnd: 6 * H, NightPremium: 0.25, HolidayPremium: 1.25}
		for _, tt := range []struct {
			mode                  Stacking
			night, holiday, gross float64
		}{{Stack, 30, 100, 290}, {Highest, 10, 100, 270}} {
			r.Stacking = tt.mode
			sum, err := Summarize(sh, Contract{WeeklyHours: 40, HourlyRate: 20}, r, loc, hol)
			if err != nil {
				t.Fatal(err)
			}
			p := sum.Total
			if p.Premium[Night] != tt.night || p.Premium[Holiday] != tt.holiday || p.Gross() != tt.gross {
				t.Errorf("%v: night %v holiday %v gross %v, want %v %v %v", tt.mode, p.Premium[Night], p.Premium[Holiday], p.Gross(), tt.night, tt.holiday, tt.gross)
			}
		}
	})
}

func TestSummarize_TotalsEqualDetails(t *testing.T) {
	// Property on four random weeks: Total equals the field-wise sum of
	// the shift rows; Paid = Regular + time in at least one category;
	// Base = rate × Paid; with Stack each premium = rate × p × hours of
	// its category; overtime without a daily limit is the paid time
	// beyond 40 h of each week.
	loc := zone(t, "America/New_York")
	rng := rand.New(rand.NewPCG(4, 2000))
	r := Rules{NightStart: 22 * H, NightEnd: 6 * H, NightPremium: 0.2, SaturdayPremium: 0.1, SundayPremium: 0.3, HolidayPremium: 1, OvertimePremium: 0.5}
	c := Contract{WeeklyHours: 40, HourlyRate: 23.5}
	hol := dates{{2026, 11, 26}: "Thanksgiving"}
	var sh []Shift
	perWeek := map[[2]int]time.Duration{} // ISO year, week
	for d := (Date{2026, 10, 26}); d.civil().Before(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)); d = d.AddDays(1) {
		if rng.IntN(7) == 0 {
			continue
		}
		// Shifts start 05:00–14:45 and last 6–9.5 h: never past local
		// midnight, so the week of the shift is the week of its minutes.
		st := at(loc, d.Year, d.Month, d.Day, 5+rng.IntN(10), 15*rng.IntN(4))
		s := Shift{ID: d.String(), Start: st, End: st.Add(time.Duration(24+rng.IntN(15)) * 15 * M)}
		s.Breaks = []Break{{Start: st.Add(3 * H), End: st.Add(3*H + 30*M)}}
		sh = append(sh, s)
		y, w := d.civil().ISOWeek()
		perWeek[[2]int{y, w}] += s.End.Sub(s.Start) - 30*M
	}
	rng.Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
	sum, err := Summarize(sh, c, r, loc, hol)
	if err != nil {
		t.Fatal(err)
	}
	var add Pay
	var inCat time.Duration
	for i, sp := range sum.Shifts {
		if i > 0 && sp.Start.Before(sum.Shifts[i-1].Start) {
			t.Errorf("shift rows not chronological at %d", i)
		}
		add.Add(sp.Pay)
		for _, g := range sp.Segments {
			if g.Categories != 0 {
				inCat += g.Duration()
			}
		}
	}
	if add != sum.Total {
		t.Errorf("total %+v != sum of details %+v", sum.Total, add)
	}
	if sum.Total.Paid != sum.Total.Regular+inCat {
		t.Errorf("paid %v != regular %v + categorised %v", sum.Total.Paid, sum.Total.Regular, inCat)
	}
	const tol = 1e-9
	if math.Abs(sum.Total.Base-c.HourlyRate*sum.Total.Paid.Hours()) > tol {
		t.Errorf("base %v != rate × paid %v", sum.Total.Base, c.HourlyRate*sum.Total.Paid.Hours())
	}
	for _, cat := range Categories() {
		want := c.HourlyRate * r.premium(cat) * sum.Total.Category[cat].Hours()
		if math.Abs(sum.Total.Premium[cat]-want) > tol {
			t.Errorf("%v premium %v, want %v", cat, sum.Total.Premium[cat], want)
		}
	}
	var wantOT time.Duration
	for _, p := range perWeek {
		wantOT += max(0, p-40*H)
	}
	if sum.Total.Category[Overtime] != wantOT || wantOT == 0 {
		t.Errorf("overtime %v, want %v (> 0 for the test to bite)", sum.Total.Category[Overtime], wantOT)
	}
}

func TestSummarize_Errors(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	sh := week(loc, Date{2026, 6, 8})
	sh[1].Start = sh[0].End.Add(-M)
	if _, err := Summarize(sh, Contract{WeeklyHours: 40}, Rules{}, loc, nil); !errors.Is(err, ErrOverlap) {
		t.Errorf("overlap: err = %v, want ErrOverlap", err)
	}
	_, err := Summarize(nil, Contract{WeeklyHours: -1, HourlyRate: math.NaN()}, Rules{}, loc, nil)
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 2 || ve.Fields[0].Field != "contract.weekly_hours" || ve.Fields[1].Field != "contract.hourly_rate" {
		t.Errorf("err = %v, want weekly_hours and hourly_rate named", err)
	}
}

func TestRules_WeekStartOf(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	wed := at(loc, 2026, 10, 28, 10, 0) // a Wednesday, CET
	// ISO week: Monday 2026-10-26 00:00 CET (+01:00).
	if got, want := (Rules{}).WeekStartOf(wed, loc), at(loc, 2026, 10, 26, 0, 0); !got.Equal(want) {
		t.Errorf("ISO: %v, want %v", got, want)
	}
	// Sunday weeks: Sunday 2026-10-25 00:00, still CEST (+02:00): the
	// clocks go back only at 03:00 that night.
	got := (Rules{WeekStart: ISOWeekday(time.Sunday)}).WeekStartOf(wed, loc)
	if want := time.Date(2026, 10, 24, 22, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Sunday: %v, want %v", got, want)
	}

	// Where a clock change skips midnight the week starts at the day's
	// first instant, not an hour early on Saturday evening (what time.Date
	// gives): Havana, Sunday 8 March 2026, 00:00 CST (UTC−5) → 01:00 CDT
	// at 05:00Z; Santiago, Sunday 6 September 2026 (the first Saturday of
	// September ends at 24:00 −04 → 01:00 −03) at 04:00Z (IANA tzdata,
	// "Cuba" and "Chile" rules).
	for _, tc := range []struct {
		zone string
		wed  [3]int
		want time.Time
	}{
		{"America/Havana", [3]int{2026, 3, 11}, time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC)},
		{"America/Santiago", [3]int{2026, 9, 9}, time.Date(2026, 9, 6, 4, 0, 0, 0, time.UTC)},
	} {
		loc := zone(t, tc.zone)
		wed := at(loc, tc.wed[0], time.Month(tc.wed[1]), tc.wed[2], 12, 0)
		if got := (Rules{WeekStart: ISOWeekday(time.Sunday)}).WeekStartOf(wed, loc); !got.Equal(tc.want) {
			t.Errorf("%s Sunday: %v, want %v", tc.zone, got.UTC(), tc.want)
		}
	}
}

func TestSummarize_HighestTie(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	// Sunday 2026-12-27 10:00–14:00, declared a holiday here, with equal
	// Sunday and holiday premiums of +50 % at rate 10: Highest books the
	// 4 h × 10 × 0.5 = 20 to Holiday (first in precedence), none to
	// Sunday; Stack books 20 to each.
	hol := dates{{2026, 12, 27}: "test holiday"}
	sh := []Shift{{Start: at(loc, 2026, 12, 27, 10, 0), End: at(loc, 2026, 12, 27, 14, 0)}}
	for _, tt := range []struct {
		mode         Stacking
		sun, holiday float64
	}{{Highest, 0, 20}, {Stack, 20, 20}} {
		s, err := Summarize(sh, Contract{HourlyRate: 10}, Rules{SundayPremium: 0.5, HolidayPremium: 0.5, Stacking: tt.mode}, loc, hol)
		if err != nil {
			t.Fatal(err)
		}
		if p := s.Total.Premium; p[Sunday] != tt.sun || p[Holiday] != tt.holiday {
			t.Errorf("%v: Sunday %v holiday %v, want %v %v", tt.mode, p[Sunday], p[Holiday], tt.sun, tt.holiday)
		}
	}
}

func TestSummarize_DailyLimitWorkday(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	// Tuesday 2026-06-09 20:00 → Wednesday 04:00 and 06:00: a 10 h shift
	// with an 8 h daily limit. The whole shift belongs to Tuesday's
	// workday, so 04:00–06:00 (2 h) is overtime although neither calendar
	// date holds more than 8 h.
	sh := []Shift{{Start: at(loc, 2026, 6, 9, 20, 0), End: at(loc, 2026, 6, 10, 6, 0)}}
	s, err := Summarize(sh, Contract{}, Rules{DailyLimit: 8 * H}, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Total.Category[Overtime]; got != 2*H {
		t.Errorf("overtime %v, want 2h", got)
	}
	last := s.Shifts[0].Segments[len(s.Shifts[0].Segments)-1]
	if !last.Start.Equal(at(loc, 2026, 6, 10, 4, 0)) || !last.Categories.Has(Overtime) {
		t.Errorf("last segment %+v, want overtime from 04:00", last)
	}
}
