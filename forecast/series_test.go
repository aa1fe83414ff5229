package forecast

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// halfHours is 08:00–17:30 every half hour on the weekdays of two weeks
// from Monday 2 March 2026: 2 × 5 × 20 = 200 starts.
func halfHours() []time.Time {
	var ts []time.Time
	for d := 0; d < 14; d++ {
		day := time.Date(2026, 3, 2+d, 0, 0, 0, 0, time.UTC)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		for m := 8 * 60; m < 18*60; m += 30 {
			ts = append(ts, day.Add(time.Duration(m)*time.Minute))
		}
	}
	return ts
}

// TestOffGrid: one start typed seven minutes off among 200 half-hours is
// found by its index; a regular grid, one with gaps, and a sparse history
// where too few starts agree are not flagged.
func TestOffGrid(t *testing.T) {
	ts := halfHours()
	if len(ts) != 200 {
		t.Fatalf("%d starts, want 200", len(ts))
	}
	if _, i := OffGrid(ts); i != -1 {
		t.Errorf("regular half-hours: index %d, want -1", i)
	}
	typo := append([]time.Time(nil), ts...)
	typo[57] = typo[57].Add(7 * time.Minute)
	if grid, i := OffGrid(typo); i != 57 || grid != 30*time.Minute {
		t.Errorf("one start 7 minutes off: grid %v index %d, want 30m and 57", grid, i)
	}
	// Every third half-hour missing: gaps of 30 and 60 minutes, divisor 30.
	var holes []time.Time
	for i, s := range ts {
		if i%3 != 2 {
			holes = append(holes, s)
		}
	}
	if _, i := OffGrid(holes); i != -1 {
		t.Errorf("half-hours with holes: index %d, want -1", i)
	}
	// Only intervals with contacts, 15 minutes apart in truth: 08:00,
	// 08:45, 09:15 share no gap with their divisor, and only two of three
	// agree on a 30-minute grid.
	day := ts[0]
	sparse := []time.Time{day, day.Add(45 * time.Minute), day.Add(75 * time.Minute)}
	if _, i := OffGrid(sparse); i != -1 {
		t.Errorf("sparse quarter-hours: index %d, want -1", i)
	}
}

// TestSeriesInterval_OffGrid: the typo is an ErrInterval naming the start
// in the series' zone, not a one-minute interval.
func TestSeriesInterval_OffGrid(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	var s Series
	for _, st := range halfHours() {
		s.Points = append(s.Points, Observation{Start: time.Date(st.Year(), st.Month(), st.Day(), st.Hour(), st.Minute(), 0, 0, berlin), Volume: 3})
	}
	s.Points[57].Start = s.Points[57].Start.Add(7 * time.Minute)
	_, err := s.Interval()
	if !errors.Is(err, ErrInterval) || !strings.Contains(err.Error(), s.Points[57].Start.Format(time.RFC3339)) {
		t.Errorf("Interval() = %v, want ErrInterval naming %s", err, s.Points[57].Start.Format(time.RFC3339))
	}
	s.Points[57].Start = s.Points[57].Start.Add(-7 * time.Minute)
	if d, err := s.Interval(); err != nil || d != 30*time.Minute {
		t.Errorf("Interval() = %v, %v, want 30m", d, err)
	}
}
