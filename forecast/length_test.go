package forecast

import (
	"slices"
	"testing"
	"time"
)

// TestDayLengths: a day of 16 rows every 30 minutes keeps 30 minutes; a
// day of 16 rows every 15 minutes, and a quiet day of three rows 90
// minutes apart (too few rows to read a spacing from), keep the smallest
// gap, 15 minutes.
func TestDayLengths(t *testing.T) {
	day := func(d int, every time.Duration, n int) []time.Time {
		var out []time.Time
		for i := range n {
			out = append(out, time.Date(2026, 3, d, 8, 0, 0, 0, time.UTC).Add(time.Duration(i)*every))
		}
		return out
	}
	starts := slices.Concat(day(2, 30*time.Minute, 16), day(3, 15*time.Minute, 16), day(4, 90*time.Minute, 3))
	got := DayLengths(starts, time.UTC, 15*time.Minute)
	for i, l := range got {
		want := 15 * time.Minute
		if i < 16 {
			want = 30 * time.Minute
		}
		if l != want {
			t.Errorf("row %d (%v): length %v, want %v", i, starts[i], l, want)
		}
	}
}

// TestOnFinestGrid: a 30-minute interval of 20 calls becomes two quarter
// hours of 10 each (volume conserved, handle time kept); a 15-minute
// interval starting inside a longer one keeps its own figure, which
// stands for that quarter hour instead of the longer one's share.
func TestOnFinestGrid(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 3, 2, 8, m, 0, 0, time.UTC) }
	s := Series{Location: time.UTC, Points: []Observation{
		{Start: at(0), Length: 30 * time.Minute, Volume: 20, AHT: 300 * time.Second},
		{Start: at(30), Length: 30 * time.Minute, Volume: 8},
		{Start: at(45), Length: 15 * time.Minute, Volume: 7},
	}}
	var got []Observation
	for _, p := range s.OnFinestGrid().Points {
		got = append(got, Observation{Start: p.Start, Length: p.Length, Volume: p.Volume, AHT: p.AHT})
	}
	q := 15 * time.Minute
	want := []Observation{
		{Start: at(0), Length: q, Volume: 10, AHT: 300 * time.Second},
		{Start: at(15), Length: q, Volume: 10, AHT: 300 * time.Second},
		{Start: at(30), Length: q, Volume: 4},
		{Start: at(45), Length: q, Volume: 7},
	}
	if !slices.Equal(got, want) {
		t.Errorf("OnFinestGrid = %+v\nwant %+v", got, want)
	}
}
