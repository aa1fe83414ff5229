package scheduling

import (
	"errors"
	"testing"
	"time"
)

// TestShiftTemplateValidate_StartStep: an open start window needs a step of
// whole minutes, at least one (one shift type per start: a step of a
// second is 86 400 starts over a day); a fixed start needs none.
func TestShiftTemplateValidate_StartStep(t *testing.T) {
	base := ShiftTemplate{Code: "E", EarliestStart: 6 * time.Hour, LatestStart: 8 * time.Hour, Length: 8 * time.Hour}
	for _, tc := range []struct {
		name   string
		step   time.Duration
		closed bool // LatestStart = EarliestStart
		ok     bool
	}{
		{"QuarterHour", 15 * time.Minute, false, true},
		{"OneMinute", time.Minute, false, true},
		{"Zero", 0, false, false},
		{"OneSecond", time.Second, false, false},
		{"Millisecond", time.Millisecond, false, false},
		{"NotWholeMinutes", 90 * time.Second, false, false},
		{"FixedStartNoStep", 0, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tp := base
			tp.StartStep = tc.step
			if tc.closed {
				tp.LatestStart = tp.EarliestStart
			}
			err := tp.Validate()
			if tc.ok {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var v *ValidationError
			if !errors.As(err, &v) || len(v.Fields) != 1 || v.Fields[0].Field != "start_step" {
				t.Fatalf("Validate() = %v, want one error on start_step", err)
			}
		})
	}
}

// TestShiftTemplate_MidBreaks: breaks sit in the middle of their windows in
// elapsed time, so across the spring-forward night in Berlin (02:00 CET
// becomes 03:00 CEST on 29 March 2026) a shift starting at 00:30 CET
// (23:30 UTC) has its break 2 h 30 min later at 02:00 UTC (04:00 CEST),
// not at 03:00 on the wall clock.
func TestShiftTemplate_MidBreaks(t *testing.T) {
	tp := ShiftTemplate{Breaks: []BreakRule{
		{Name: "Break", Length: 15 * time.Minute, Paid: true, EarliestAfter: 2 * time.Hour, LatestAfter: 3 * time.Hour},
		{Name: "Lunch", Length: 30 * time.Minute, EarliestAfter: 4 * time.Hour, LatestAfter: 5*time.Hour + time.Minute},
	}}
	start := time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC)
	got := tp.MidBreaks(start, start.Add(8*time.Hour))
	want := []Break{
		{Name: "Break", Paid: true, Start: time.Date(2026, 3, 29, 2, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 29, 2, 15, 0, 0, time.UTC)},
		// The window 4 h to 5 h 01 min has its middle at 4 h 30 min 30 s: whole minutes.
		{Name: "Lunch", Start: time.Date(2026, 3, 29, 4, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 29, 4, 30, 0, 0, time.UTC)},
	}
	if len(got) != len(want) {
		t.Fatalf("MidBreaks = %v, want %v", got, want)
	}
	for i := range want {
		if !got[i].Start.Equal(want[i].Start) || !got[i].End.Equal(want[i].End) || got[i].Paid != want[i].Paid || got[i].Name != want[i].Name {
			t.Errorf("break %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestShiftTemplate_UnpaidBreaks: only unpaid breaks count, 30 min of an
// unpaid lunch beside a paid 15-minute break: 8 h shifts are paid 7 h 30.
func TestShiftTemplate_UnpaidBreaks(t *testing.T) {
	tp := ShiftTemplate{Length: 8 * time.Hour, Breaks: []BreakRule{
		{Name: "lunch", Length: 30 * time.Minute}, {Name: "coffee", Length: 15 * time.Minute, Paid: true}}}
	if got := tp.UnpaidBreaks(); got != 30*time.Minute {
		t.Errorf("UnpaidBreaks = %v, want 30m", got)
	}
}
