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
