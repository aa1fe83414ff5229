package pay

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/holiday"
)

// dates is a fixed holiday list for tests.
type dates map[Date]string

func (d dates) On(y int, m time.Month, day int) (string, bool) {
	n, ok := d[Date{y, m, day}]
	return n, ok
}

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// at returns local wall-clock time in loc. For a time repeated on a
// fall-back night Go picks the first (summer-time) occurrence.
func at(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

// nightRules has the usual contact-centre night window 22:00–06:00.
var nightRules = Rules{NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour, NightPremium: 0.25,
	SaturdayPremium: 0.1, SundayPremium: 0.5, HolidayPremium: 1.0}

type want struct {
	paid, regular, night, sat, sun, hol time.Duration
}

func (w want) check(t *testing.T, h Hours) {
	t.Helper()
	got := want{h.Paid, h.Regular, h.Category[Night], h.Category[Saturday], h.Category[Sunday], h.Category[Holiday]}
	if got != w {
		t.Errorf("hours = %+v, want %+v", got, w)
	}
	if h.Category[Overtime] != 0 {
		t.Errorf("Classify set overtime %v", h.Category[Overtime])
	}
}

const H = time.Hour

func TestClassify_DST(t *testing.T) {
	// Every shift runs 22:00 Saturday → 06:00 Sunday local time over the
	// night the clocks change; all six changes of 2026 fall on a Sunday
	// (EU: last Sunday of March/October at 01:00 UTC; US: second Sunday of
	// March, first of November at 02:00 local; NSW: first Sunday of April
	// and of October). Saturday part 22:00–24:00 = 2 h real time; the
	// Sunday part 00:00–06:00 is 6 h on the wall clock, minus one hour on
	// spring-forward (the skipped hour) or plus one on fall-back (the
	// repeated hour). The whole shift lies in the night window.
	tests := []struct {
		name, zone string
		sat        Date
		want       want
	}{
		// 2026-03-29 02:00 CET → 03:00 CEST: 2 h + (6 − 1) h = 7 h.
		{"Berlin/SpringForward", "Europe/Berlin", Date{2026, 3, 28}, want{paid: 7 * H, night: 7 * H, sat: 2 * H, sun: 5 * H}},
		// 2026-10-25 03:00 CEST → 02:00 CET: 2 h + (6 + 1) h = 9 h.
		{"Berlin/FallBack", "Europe/Berlin", Date{2026, 10, 24}, want{paid: 9 * H, night: 9 * H, sat: 2 * H, sun: 7 * H}},
		// 2026-03-08 02:00 EST → 03:00 EDT: 2 h + 5 h = 7 h.
		{"NewYork/SpringForward", "America/New_York", Date{2026, 3, 7}, want{paid: 7 * H, night: 7 * H, sat: 2 * H, sun: 5 * H}},
		// 2026-11-01 02:00 EDT → 01:00 EST: 2 h + 7 h = 9 h.
		{"NewYork/FallBack", "America/New_York", Date{2026, 10, 31}, want{paid: 9 * H, night: 9 * H, sat: 2 * H, sun: 7 * H}},
		// 2026-04-05 03:00 AEDT → 02:00 AEST: 2 h + 7 h = 9 h.
		{"Sydney/FallBack", "Australia/Sydney", Date{2026, 4, 4}, want{paid: 9 * H, night: 9 * H, sat: 2 * H, sun: 7 * H}},
		// 2026-10-04 02:00 AEST → 03:00 AEDT: 2 h + 5 h = 7 h.
		{"Sydney/SpringForward", "Australia/Sydney", Date{2026, 10, 3}, want{paid: 7 * H, night: 7 * H, sat: 2 * H, sun: 5 * H}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := zone(t, tt.zone)
			if tt.sat.Weekday() != time.Saturday {
				t.Fatalf("%v is a %v", tt.sat, tt.sat.Weekday())
			}
			sun := tt.sat.AddDays(1)
			s := Shift{Start: at(loc, tt.sat.Year, tt.sat.Month, tt.sat.Day, 22, 0), End: at(loc, sun.Year, sun.Month, sun.Day, 6, 0)}
			gs, err := Classify(s, nightRules, loc, nil)
			if err != nil {
				t.Fatal(err)
			}
			tt.want.check(t, gs.Hours())
		})
	}
}

func TestClassify_NightWindowAcrossDST(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	// A day shift 04:00–10:00 on Sunday 2026-03-29 with night until
	// 06:00: 04:00–06:00 CEST is 2 h of night, 06:00–10:00 is 4 h; the
	// skipped hour 02:00–03:00 lies before the shift, so nothing is lost.
	gs, err := Classify(Shift{Start: at(loc, 2026, 3, 29, 4, 0), End: at(loc, 2026, 3, 29, 10, 0)}, nightRules, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	want{paid: 6 * H, night: 2 * H, sun: 6 * H}.check(t, gs.Hours())

	// 00:00–04:00 on the same night spans the skipped hour: 3 h real,
	// all night, all Sunday.
	gs, err = Classify(Shift{Start: at(loc, 2026, 3, 29, 0, 0), End: at(loc, 2026, 3, 29, 4, 0)}, nightRules, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	want{paid: 3 * H, night: 3 * H, sun: 3 * H}.check(t, gs.Hours())
}

func TestClassify_MidnightIntoHoliday(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	by, err := holiday.For("DE-BY")
	if err != nil {
		t.Fatal(err)
	}
	// Thursday 24 Dec 2026 20:00 → Friday 25 Dec 04:00 (CET all along,
	// 8 h). Christmas Eve is not a public holiday in Germany; Christmas
	// Day is. Regular 20:00–22:00 = 2 h; night 22:00–04:00 = 6 h;
	// holiday 00:00–04:00 = 4 h.
	s := Shift{Start: at(loc, 2026, 12, 24, 20, 0), End: at(loc, 2026, 12, 25, 4, 0)}
	gs, err := Classify(s, nightRules, loc, by)
	if err != nil {
		t.Fatal(err)
	}
	want{paid: 8 * H, regular: 2 * H, night: 6 * H, hol: 4 * H}.check(t, gs.Hours())
	// The split falls exactly at local midnight.
	mid := at(loc, 2026, 12, 25, 0, 0)
	var cut bool
	for _, g := range gs {
		if g.Start.Before(mid) && g.End.After(mid) {
			t.Errorf("segment %v–%v crosses midnight", g.Start, g.End)
		}
		cut = cut || g.Start.Equal(mid)
	}
	if !cut {
		t.Error("no segment starts at local midnight")
	}
}

// TestClassify_HavanaSkippedMidnight: Cuba starts summer time at
// midnight, so 8 March 2026 (the second Sunday of March) has no 00:00:
// the clock goes from 23:59:59 CST (UTC−5) on Saturday to 01:00 CDT
// (UTC−4) on Sunday, at 05:00Z (IANA tzdata, "Cuba" rules). The night
// Saturday 22:00 CST (03:00Z) → Sunday 06:00 CDT (10:00Z) is 7 h real,
// all night: 2 h on Saturday (03:00Z–05:00Z) and 5 h on Sunday
// (05:00Z–10:00Z), cut where Sunday really begins, 01:00 CDT.
func TestClassify_HavanaSkippedMidnight(t *testing.T) {
	loc := zone(t, "America/Havana")
	s := Shift{Start: at(loc, 2026, 3, 7, 22, 0), End: at(loc, 2026, 3, 8, 6, 0)}
	gs, err := Classify(s, nightRules, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	want{paid: 7 * H, night: 7 * H, sat: 2 * H, sun: 5 * H}.check(t, gs.Hours())
	sunday := time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC)
	for _, g := range gs {
		sat := g.Date == Date{2026, time.March, 7}
		if sat && g.End.After(sunday) || !sat && g.Start.Before(sunday) {
			t.Errorf("segment %v–%v on %v, want Saturday's to end and Sunday's to begin at %v", g.Start.UTC(), g.End.UTC(), g.Date, sunday)
		}
	}
}

func TestClassify_Breaks(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	// Tuesday 2026-06-09 08:00–16:30 with a 30 min break at 12:00:
	// unpaid → 8 h paid, paid → 8.5 h paid; all regular.
	s := Shift{Start: at(loc, 2026, 6, 9, 8, 0), End: at(loc, 2026, 6, 9, 16, 30)}
	brk := Break{Start: at(loc, 2026, 6, 9, 12, 0), End: at(loc, 2026, 6, 9, 12, 30)}
	for _, tt := range []struct {
		name string
		paid bool
		want time.Duration
	}{{"Unpaid", false, 8 * H}, {"Paid", true, 8*H + 30*time.Minute}} {
		t.Run(tt.name, func(t *testing.T) {
			b := brk
			b.Paid = tt.paid
			s.Breaks = []Break{b}
			gs, err := Classify(s, nightRules, loc, nil)
			if err != nil {
				t.Fatal(err)
			}
			want{paid: tt.want, regular: tt.want}.check(t, gs.Hours())
		})
	}
	// An unpaid break in the night window removes night time: 22:00–06:00
	// on Tuesday→Wednesday 2026-06-09/10 with an unpaid 02:00–02:45 break
	// leaves 8 h − 45 min = 7 h 15 min, all night.
	s = Shift{Start: at(loc, 2026, 6, 9, 22, 0), End: at(loc, 2026, 6, 10, 6, 0),
		Breaks: []Break{{Start: at(loc, 2026, 6, 10, 2, 0), End: at(loc, 2026, 6, 10, 2, 45)}}}
	gs, err := Classify(s, nightRules, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	want{paid: 7*H + 15*time.Minute, night: 7*H + 15*time.Minute}.check(t, gs.Hours())
}

func TestClassify_Invalid(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	s := Shift{Start: at(loc, 2026, 6, 9, 8, 0), End: at(loc, 2026, 6, 9, 16, 0)}
	tests := []struct {
		name  string
		shift Shift
		rules Rules
		loc   *time.Location
		field string
	}{
		{"PercentNotFraction", s, Rules{NightPremium: 25}, loc, "rules.night_premium"},
		{"NightStartPastMidnight", s, Rules{NightStart: 25 * H}, loc, "rules.night_start"},
		{"EndBeforeStart", Shift{Start: s.End, End: s.Start}, Rules{}, loc, "shift.end"},
		{"BreakOutside", Shift{Start: s.Start, End: s.End, Breaks: []Break{{Start: s.Start.Add(-H), End: s.Start}}}, Rules{}, loc, "shift.breaks[0].start"},
		{"OverlappingBreaks", Shift{Start: s.Start, End: s.End, Breaks: []Break{
			{Start: s.Start.Add(H), End: s.Start.Add(2 * H)}, {Start: s.Start.Add(90 * time.Minute), End: s.Start.Add(3 * H)}}}, Rules{}, loc, "shift.breaks"},
		{"NoZone", s, Rules{}, nil, "loc"},
		{"Stacking", s, Rules{Stacking: 7}, loc, "rules.stacking"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Classify(tt.shift, tt.rules, tt.loc, nil)
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if ve.Fields[0].Field != tt.field {
				t.Errorf("field = %q, want %q (%v)", ve.Fields[0].Field, tt.field, err)
			}
		})
	}
}

// perMinute is an independent oracle: it steps the shift minute by minute
// in UTC and classifies each minute by its local time.
func perMinute(s Shift, r Rules, loc *time.Location, hol Holidays) Hours {
	var h Hours
	for t := s.Start; t.Before(s.End); t = t.Add(time.Minute) {
		unpaid := false
		for _, b := range s.Breaks {
			if !b.Paid && !t.Before(b.Start) && t.Before(b.End) {
				unpaid = true
			}
		}
		if unpaid {
			continue
		}
		lt := t.In(loc)
		var set Set
		w := time.Duration(lt.Hour())*H + time.Duration(lt.Minute())*time.Minute
		if r.night(w) {
			set = set.With(Night)
		}
		switch lt.Weekday() {
		case time.Saturday:
			set = set.With(Saturday)
		case time.Sunday:
			set = set.With(Sunday)
		}
		if hol != nil {
			if _, ok := hol.On(lt.Date()); ok {
				set = set.With(Holiday)
			}
		}
		h.add(set, time.Minute)
	}
	return h
}

func TestClassify_MatchesPerMinute(t *testing.T) {
	// Property: the boundary-splitting classifier agrees to the minute
	// with the per-minute oracle on random shifts around every 2026 DST
	// change of three zones and around Christmas.
	rng := rand.New(rand.NewPCG(8, 2026))
	hol := dates{{2026, 12, 25}: "Christmas Day", {2026, 4, 5}: "Easter Sunday", {2026, 11, 1}: "All Saints"}
	around := []struct {
		zone string
		day  Date
	}{
		{"Europe/Berlin", Date{2026, 3, 29}}, {"Europe/Berlin", Date{2026, 10, 25}},
		{"America/New_York", Date{2026, 3, 8}}, {"America/New_York", Date{2026, 11, 1}},
		{"Australia/Sydney", Date{2026, 4, 5}}, {"Australia/Sydney", Date{2026, 10, 4}},
		{"Europe/Berlin", Date{2026, 12, 25}}, {"Asia/Kolkata", Date{2026, 12, 25}},
	}
	for n := 0; n < 400; n++ {
		a := around[n%len(around)]
		loc := zone(t, a.zone)
		r := Rules{NightStart: time.Duration(rng.IntN(96)) * 15 * time.Minute, NightEnd: time.Duration(rng.IntN(96)) * 15 * time.Minute}
		start := time.Date(a.day.Year, a.day.Month, a.day.Day, 0, 0, 0, 0, loc).Add(time.Duration(rng.IntN(48*60)-24*60) * time.Minute)
		length := time.Duration(1+rng.IntN(14*60)) * time.Minute
		s := Shift{Start: start, End: start.Add(length)}
		if length > 3*H && rng.IntN(2) == 0 {
			bs := start.Add(time.Duration(rng.IntN(int(length/time.Minute)-90)) * time.Minute)
			s.Breaks = []Break{{Start: bs, End: bs.Add(time.Duration(1+rng.IntN(60)) * time.Minute), Paid: rng.IntN(3) == 0}}
		}
		gs, err := Classify(s, r, loc, hol)
		if err != nil {
			t.Fatal(err)
		}
		got, want := gs.Hours(), perMinute(s, r, loc, hol)
		if got != want {
			t.Fatalf("%s shift %v–%v night %v–%v:\n got %+v\nwant %+v", a.zone, s.Start, s.End, r.NightStart, r.NightEnd, got, want)
		}
	}
}

// TestClassify_HolidayFromTime: Christmas Eve 2026 (a Thursday) as a
// holiday of the site's own from 14:00, as § 3b (2) EStG counts it. A
// 10:00–18:00 shift has 4 holiday hours (14:00–18:00), one ending at 14:00
// none; a night shift 22:00 on 23 December to 06:00 on the 24th none
// (the holiday begins at 14:00); 22:00 on the 24th to 06:00 on Christmas
// Day (a public holiday, all day) is holiday throughout, night too. The
// same through Memo, which keeps each date's start.
func TestClassify_HolidayFromTime(t *testing.T) {
	de, err := holiday.For("DE-BE")
	if err != nil {
		t.Fatal(err)
	}
	cal := de.With([]holiday.Day{{Year: 2026, Month: time.December, Day: 24, Name: "Heiligabend", From: 14 * H}})
	berlin := zone(t, "Europe/Berlin")
	for _, hol := range []Holidays{cal, Memo(cal)} {
		for _, c := range []struct {
			start, end time.Time
			want       want
		}{
			{at(berlin, 2026, 12, 24, 10, 0), at(berlin, 2026, 12, 24, 18, 0), want{paid: 8 * H, regular: 4 * H, hol: 4 * H}},
			{at(berlin, 2026, 12, 24, 6, 0), at(berlin, 2026, 12, 24, 14, 0), want{paid: 8 * H, regular: 8 * H}},
			{at(berlin, 2026, 12, 23, 22, 0), at(berlin, 2026, 12, 24, 6, 0), want{paid: 8 * H, night: 8 * H}},
			{at(berlin, 2026, 12, 24, 22, 0), at(berlin, 2026, 12, 25, 6, 0), want{paid: 8 * H, night: 8 * H, hol: 8 * H}},
		} {
			segs, err := Classify(Shift{Start: c.start, End: c.end}, nightRules, berlin, hol)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(c.start.Format("Jan 2 15:04"), func(t *testing.T) { c.want.check(t, segs.Hours()) })
		}
	}
}
