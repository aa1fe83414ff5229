package forecast

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// synth builds a series of days consecutive days from the local midnight of
// start, one observation per interval at which open reports true, with
// volume vol(t).
func synth(start time.Time, days int, iv time.Duration, open func(t time.Time) bool, vol func(t time.Time) float64) Series {
	loc := start.Location()
	var s Series
	s.Location = loc
	y, m, d := start.Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, loc)
	to := time.Date(y, m, d+days, 0, 0, 0, 0, loc)
	for t := from; t.Before(to); t = t.Add(iv) {
		if open == nil || open(t) {
			s.Points = append(s.Points, Observation{Start: t, Volume: vol(t)})
		}
	}
	return s
}

// weekdayHours is a centre open Monday–Friday 07:00–21:00.
func weekdayHours(t time.Time) bool {
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday && t.Hour() >= 7 && t.Hour() < 21
}

// sevenDayHours is a centre open 08:00–20:00 Monday to Saturday and
// 10:00–16:00 on Sundays.
func sevenDayHours(t time.Time) bool {
	if t.Weekday() == time.Sunday {
		return t.Hour() >= 10 && t.Hour() < 16
	}
	return t.Hour() >= 8 && t.Hour() < 20
}

// seasonal is a deterministic weekly pattern: an intraday hump scaled by a
// weekday factor, constant from week to week.
func seasonal(t time.Time) float64 {
	h := float64(t.Hour()) + float64(t.Minute())/60
	return float64(10+int(t.Weekday())*3) * (1 + 0.5*float64(int(h)%7))
}

// noise is a deterministic pseudo-random factor in [1−a, 1+a] (a
// multiplicative hash of the instant, so tests stay reproducible).
func noise(t time.Time, a float64) float64 {
	x := uint64(t.Unix()) * 0x9E3779B97F4A7C15
	x ^= x >> 29
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 32
	return 1 + a*(2*float64(x%10000)/9999-1)
}

// dates is a Holidays of fixed local dates.
type dates map[string]string

func (d dates) IsHoliday(t time.Time) (string, bool) {
	n, ok := d[t.Format("2006-01-02")]
	return n, ok
}

// byStart indexes points by instant.
func byStart(ps []Point) map[int64]Point {
	m := make(map[int64]Point, len(ps))
	for _, p := range ps {
		m[p.Start.Unix()] = p
	}
	return m
}

// realSeries reads one of the real call-centre series of ../shared/data
// (name: its file) in UTC, skipping the test or benchmark when the data
// is not there.
func realSeries(tb testing.TB, name string) Series {
	tb.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "data", name))
	if err != nil {
		tb.Skip("real data not found:", err)
	}
	defer f.Close()
	s, err := ParseCSV(f, time.UTC)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
