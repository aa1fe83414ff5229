package forecast

import (
	"math"
	"testing"
	"time"
)

// Europe/Berlin switches to summer time on 2026-03-29 (02:00 → 03:00, a
// 23-hour day) and back on 2026-10-25 (03:00 → 02:00, a 25-hour day), per
// the EU rule of Directive 2000/84/EC (last Sundays of March and October).
func TestRun_DST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	for _, tc := range []struct {
		name  string
		day   time.Time
		hours int
	}{
		{"SpringForward", time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), 23},
		{"FallBack", time.Date(2026, 10, 25, 0, 0, 0, 0, berlin), 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Six weeks of a purely weekly 24-hour pattern, ending the
			// day before the change.
			s := synth(tc.day.AddDate(0, 0, -42), 42, 15*time.Minute, nil, seasonal)
			res, err := Run(s, Options{Horizon: 3 * 24 * time.Hour, Models: []string{"week_average_4"}})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[int64]bool{}
			onDay := 0
			for i, p := range res.Points {
				if seen[p.Start.Unix()] {
					t.Fatalf("duplicate interval %s", p.Start.Format(time.RFC3339))
				}
				seen[p.Start.Unix()] = true
				if i > 0 && p.Start.Sub(res.Points[i-1].Start) != 15*time.Minute {
					t.Fatalf("gap before %s", p.Start.Format(time.RFC3339))
				}
				if y, m, d := p.Start.Date(); y == tc.day.Year() && m == tc.day.Month() && d == tc.day.Day() {
					onDay++
				}
				// Slots are keyed by wall time: 09:15 on the DST day is
				// forecast as 09:15 on the same weekday before (the
				// series is purely seasonal, so exactly).
				if want := seasonal(p.Start); math.Abs(p.Forecast-want) > 1e-9 {
					t.Fatalf("%s: forecast %v, want %v", p.Start.Format(time.RFC3339), p.Forecast, want)
				}
			}
			if want := tc.hours * 4; onDay != want {
				t.Errorf("%d intervals on %s, want %d (%d h)", onDay, tc.day.Format("2006-01-02"), want, tc.hours)
			}
		})
	}
}

// A history that contains both DST days is read into wall-clock slots
// without losing or doubling volume: the 25-hour day's repeated hour is
// averaged into its slot and the 23-hour day's missing hour is not data.
func TestGrid_DSTHistory(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	start := time.Date(2026, 3, 22, 0, 0, 0, 0, berlin)
	s := synth(start, 14, time.Hour, nil, func(time.Time) float64 { return 1 })
	iv, err := s.Interval()
	if err != nil || iv != time.Hour {
		t.Fatalf("interval %v, %v; want 1h", iv, err)
	}
	g := newGrid(s.Points, berlin, iv, nil, civil(start.AddDate(0, 0, 13)))
	spring := &g.days[7] // 2026-03-29
	if spring.date.Day() != 29 || spring.total != 23 || !math.IsNaN(spring.vals[2]) {
		t.Errorf("spring day: %s total %v slot 02:00 %v; want total 23 (one per hour) and no 02:00", spring.date, spring.total, spring.vals[2])
	}
}

// Havana's clocks skip midnight on 2026-03-08 (00:00 CST → 01:00 CDT, per
// the tz database): that Sunday starts at 01:00 CDT (05:00 UTC) and has
// 23 hours, its 00:00 slot missing. time.Date(…, 0, 0, …) answers with
// Saturday 23:00 CST there.
func TestGrid_SkippedMidnight(t *testing.T) {
	havana, err := time.LoadLocation("America/Havana")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var s Series
	s.Location = havana
	for at := start; at.Before(start.AddDate(0, 0, 14)); at = at.Add(time.Hour) {
		s.Points = append(s.Points, Observation{Start: at, Volume: 1})
	}
	g := newGrid(s.Points, havana, time.Hour, nil, civil(start.AddDate(0, 0, 14).In(havana)))
	i := civil(time.Date(2026, 3, 8, 12, 0, 0, 0, havana)) - civil(g.days[0].date)
	d := &g.days[i]
	if want := time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC); !d.date.Equal(want) || d.wd != time.Sunday {
		t.Errorf("8 March starts %s (%s), want %s (Sunday)", d.date.UTC(), d.wd, want)
	}
	if d.total != 23 || !math.IsNaN(d.vals[0]) {
		t.Errorf("8 March: total %v, slot 00:00 %v; want 23 and no 00:00", d.total, d.vals[0])
	}
	if prev := &g.days[i-1]; prev.wd != time.Saturday || prev.total != 24 {
		t.Errorf("7 March: %s, total %v; want Saturday, 24", prev.wd, prev.total)
	}
}
