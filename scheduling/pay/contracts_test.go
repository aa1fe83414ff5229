package pay

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"
)

// TestSummarizeOver_RateChange: 09:00–17:00 Monday to Friday, the rate 20
// until Wednesday and 30 from it: two shifts at 8 × 20 and three at
// 8 × 30, base 320 + 720 = 1 040; the weekly hours stay 40, so no
// overtime.
func TestSummarizeOver_RateChange(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	mon := Date{2026, 6, 8}
	cs := Contracts{Past: []PastContract{{Contract{WeeklyHours: 40, HourlyRate: 20}, mon.AddDays(2)}},
		Current: Contract{WeeklyHours: 40, HourlyRate: 30}}
	s, err := SummarizeOver(week(loc, mon), cs, Rules{OvertimePremium: 0.25}, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(s.Total.Base-1040) > 1e-9 || s.Total.Category[Overtime] != 0 {
		t.Errorf("base %v, overtime %v; want 1040 and none", s.Total.Base, s.Total.Category[Overtime])
	}
	for i, want := range []float64{20, 20, 30, 30, 30} {
		if s.Shifts[i].HourlyRate != want {
			t.Errorf("shift %d paid at %v, want %v", i, s.Shifts[i].HourlyRate, want)
		}
	}
	if s.Contract != cs.Current {
		t.Errorf("summary contract %+v, want the last shift's %+v", s.Contract, cs.Current)
	}
}

// TestSummarizeOver_WeeklyHoursProRata: 40 weekly hours Monday to
// Wednesday and 20 from Thursday make the week's limit (3·40 + 4·20)/7 =
// 200/7 h; its five 8 h shifts (40 h) are overtime beyond it. The next
// week is all under the new contract: a 24 h week has 4 h overtime.
func TestSummarizeOver_WeeklyHoursProRata(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	mon := Date{2026, 6, 8}
	cs := Contracts{Past: []PastContract{{Contract{WeeklyHours: 40, HourlyRate: 20}, mon.AddDays(3)}},
		Current: Contract{WeeklyHours: 20, HourlyRate: 20}}
	limit := time.Duration(math.Round(200.0 / 7 * float64(time.Hour)))
	s, err := SummarizeOver(week(loc, mon), cs, Rules{}, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Total.Category[Overtime], 40*H-limit; got != want {
		t.Errorf("overtime %v, want %v (40 h beyond %v)", got, want, limit)
	}
	next := week(loc, mon.AddDays(7))[:3]
	s, err = SummarizeOver(next, cs, Rules{}, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Total.Category[Overtime]; got != 4*H {
		t.Errorf("overtime of a 24 h week on 20 weekly hours: %v, want 4h", got)
	}
}

// TestSummarizeOver_SameContractIsSummarize: past contracts equal to the
// current one change nothing.
func TestSummarizeOver_SameContractIsSummarize(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	mon := Date{2026, 10, 19}
	c := Contract{WeeklyHours: 38.5, HourlyRate: 17.25}
	sh := append(week(loc, mon), Shift{ID: "night", Start: at(loc, 2026, 10, 24, 22, 0), End: at(loc, 2026, 10, 25, 6, 0)})
	r := Rules{OvertimePremium: 0.25, NightPremium: 0.1, NightStart: 22 * H, NightEnd: 6 * H}
	want, err := Summarize(sh, c, r, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := SummarizeOver(sh, Contracts{Past: []PastContract{{c, mon.AddDays(3)}, {c, mon.AddDays(5)}}, Current: c}, r, loc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SummarizeOver with the same contract\n%+v\nwant\n%+v", got.Total, want.Total)
	}
}

func TestSummarizeOver_Errors(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	mon := Date{2026, 6, 8}
	cs := Contracts{Past: []PastContract{{Contract{WeeklyHours: 40}, mon.AddDays(3)}, {Contract{WeeklyHours: -2}, mon.AddDays(3)}},
		Current: Contract{WeeklyHours: 20}}
	_, err := SummarizeOver(nil, cs, Rules{}, loc, nil)
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 2 || ve.Fields[0].Field != "contracts[1].weekly_hours" || ve.Fields[1].Field != "contracts[1].until" {
		t.Errorf("err = %v, want contracts[1].weekly_hours and contracts[1].until named", err)
	}
}
