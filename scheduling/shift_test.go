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
