package staffing

import (
	"errors"
	"math"
	"testing"
)

func TestShrinkage_Reference(t *testing.T) {
	// Section 1 "scheduled with shrinkage". pyworkforce (P1, P2) rounds up:
	// 14 → 20 and 15 → 22 at 30 %. callcentretools (CT) rounds N/(1 − s)
	// to the nearest half agent: 68 → 97 (30 %), 90.5 (25 %), 96 (29 %);
	// 72 → 103 (30 %).
	for _, c := range []struct {
		agents int
		s      float64
		want   int
	}{{14, 0.3, 20}, {15, 0.3, 22}, {64, 0, 64}, {59, 0, 59}} {
		if got := (Shrinkage{Unplanned: c.s}).Scheduled(c.agents); got != c.want {
			t.Errorf("P1: Scheduled(%d) at %v = %d, want %d", c.agents, c.s, got, c.want)
		}
	}
	for _, c := range []struct {
		agents int
		s      float64
		want   float64
	}{{68, 0.3, 97}, {68, 0.25, 90.5}, {68, 0.29, 96}, {72, 0.3, 103}} {
		got := (Shrinkage{Unplanned: c.s}).ScheduledFractional(float64(c.agents))
		if half := math.Round(2*got) / 2; half != c.want {
			t.Errorf("CT: %d at %v → %v (%.2f), want %v", c.agents, c.s, half, got, c.want)
		}
	}
}

func TestShrinkage_PlannedNotCountedTwice(t *testing.T) {
	// Independent calculation: 10 % planned, 20 % unplanned, 14 agents.
	// A roster that places breaks itself needs ⌈14/0.8⌉ = ⌈17.5⌉ = 18; an
	// estimate with no roster needs ⌈14/(0.9·0.8)⌉ = ⌈19.44⌉ = 20; the total
	// is 1 − 0.9·0.8 = 28 %.
	s := Shrinkage{Planned: 0.1, Unplanned: 0.2}
	if s.Rostered(14) != 18 || s.Scheduled(14) != 20 || math.Abs(s.Total()-0.28) > 1e-15 {
		t.Errorf("Rostered %d Scheduled %d Total %v", s.Rostered(14), s.Scheduled(14), s.Total())
	}
	if err := (Shrinkage{Unplanned: 1}).Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("100 %% shrinkage: %v, want ErrInvalid", err)
	}
}

func TestShrinkage_NearOne(t *testing.T) {
	// Each part below 1 but together 1 − (1 − (1 − 2⁻⁵³))(1 − (1 − 10⁻⁷))
	// rounds to 1 in floating point: 14/(1 − Total) is +Inf and would
	// schedule math.MinInt64 agents. Such shrinkage is refused, naming the
	// field past MaxShrinkage, or the pair when only their total is.
	for _, c := range []struct {
		s     Shrinkage
		field string
	}{
		{Shrinkage{Planned: 0.9999999, Unplanned: 0.9999999999999999}, "Shrinkage.Planned"},
		{Shrinkage{Unplanned: 0.999}, "Shrinkage.Unplanned"},
		{Shrinkage{Planned: 0.9, Unplanned: 0.95}, "Shrinkage"}, // 1 − 0.1·0.05 = 99.5 %
	} {
		var ve *ValidationError
		if err := c.s.Validate(); !errors.As(err, &ve) || ve.Field != c.field {
			t.Errorf("%+v: error %v, want one on %s", c.s, err, c.field)
		}
	}
	// At the limit itself, 99 %, 14 agents on the phones are 1400 scheduled
	// (14/0.01 = 1400, independent calculation), a finite count.
	s := Shrinkage{Unplanned: MaxShrinkage}
	if err := s.Validate(); err != nil || s.Scheduled(14) != 1400 {
		t.Errorf("99 %%: %v, scheduled %d, want 1400", err, s.Scheduled(14))
	}
	// Property: scheduled agents never fall as shrinkage rises to the limit.
	prev := 0
	for x := 0.0; x <= MaxShrinkage; x += 0.01 {
		got := Shrinkage{Planned: x / 2, Unplanned: x / 2}.Scheduled(68)
		if got < prev || got < 68 {
			t.Errorf("shrinkage %v/%v: %d scheduled after %d", x/2, x/2, got, prev)
		}
		prev = got
	}
}
