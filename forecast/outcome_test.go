package forecast

import (
	"math"
	"testing"
	"time"
)

// outcomeCase is four hourly intervals from 08:00 on Monday 2 March 2026
// in Berlin forecast at 10 (p10 8, p90 12) and the same on Tuesday.
func outcomeCase(t *testing.T) ([]Point, *time.Location) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var pts []Point
	for _, d := range []int{2, 3} {
		for h := 8; h < 12; h++ {
			pts = append(pts, Point{Start: time.Date(2026, 3, d, h, 0, 0, 0, loc), Forecast: 10, P10: 8, P90: 12})
		}
	}
	return pts, loc
}

func TestCompare(t *testing.T) {
	pts, loc := outcomeCase(t)
	at := func(h, m int) time.Time { return time.Date(2026, 3, 2, h, m, 0, 0, loc) }
	// Monday: 12 at 08:00; 8 at 09:00 in four quarter hours of 2; nothing
	// at 10:00 (closed: 0); 15 at 11:00. Tuesday has no history yet.
	hist := []Observation{{Start: at(8, 0), Volume: 12, Length: time.Hour},
		{Start: at(9, 0), Volume: 2, Length: 15 * time.Minute}, {Start: at(9, 15), Volume: 2, Length: 15 * time.Minute},
		{Start: at(9, 30), Volume: 2, Length: 15 * time.Minute}, {Start: at(9, 45), Volume: 2, Length: 15 * time.Minute},
		{Start: at(11, 0), Volume: 15, Length: time.Hour}}
	o := Compare(pts, time.Hour, hist, loc)
	// Errors 2, 2, 10 and 5: 19 over 35 contacts, 40 forecast; of the
	// observed hours 12 and 8 lie within [8, 12], 15 outside (the closed
	// 10:00 is left out of the coverage).
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-12 }
	if o.Intervals != 4 || o.Days != 1 || o.Forecast != 40 || o.Actual != 35 || !near(o.WAPE, 19.0/35) || !near(o.MAE, 19.0/4) ||
		!near(o.Bias, 5.0/35) || !near(o.Coverage, 2.0/3) {
		t.Errorf("Compare = %+v; want 4 intervals of 1 day, 40 against 35, WAPE 19/35, MAE 19/4, bias 5/35, coverage 2/3", o)
	}
	if len(o.ByDay) != 1 || !o.ByDay[0].Date.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, loc)) || o.ByDay[0].Actual != 35 || o.ByDay[0].Forecast != 40 {
		t.Errorf("ByDay = %+v, want Monday at 40 against 35", o.ByDay)
	}

	// History up to 10:00 only: the hours after it are not known yet.
	o = Compare(pts, time.Hour, hist[:5], loc)
	if o.Intervals != 2 || o.Actual != 20 || !near(o.WAPE, 4.0/20) {
		t.Errorf("Compare up to 10:00 = %+v; want 2 intervals, 20 contacts, WAPE 4/20", o)
	}

	// A negative forecast counts as 0, as the backtest reads it.
	neg := append([]Point(nil), pts...)
	neg[0].Forecast = -3
	if o := Compare(neg, time.Hour, hist[:1], loc); o.Forecast != 0 || !near(o.WAPE, 1) {
		t.Errorf("Compare of a negative forecast = %+v; want forecast 0 and WAPE 1", o)
	}

	// Nothing known: every figure is NaN.
	if o := Compare(pts, time.Hour, nil, loc); o.Intervals != 0 || !math.IsNaN(o.WAPE) || !math.IsNaN(o.Coverage) || !math.IsNaN(o.Bias) {
		t.Errorf("Compare without history = %+v; want nothing compared", o)
	}
}

// The last day's closing hours count once the history goes on after the
// forecast's end: Tuesday's 10:00 and 11:00 without contacts are closed
// (0) when Wednesday has an observation, and not known without it.
func TestCompare_LastDayWhole(t *testing.T) {
	pts, loc := outcomeCase(t)
	tue := func(h int) time.Time { return time.Date(2026, 3, 3, h, 0, 0, 0, loc) }
	hist := []Observation{{Start: tue(8), Volume: 10, Length: time.Hour}, {Start: tue(9), Volume: 10, Length: time.Hour}}
	if o := Compare(pts, time.Hour, hist, loc); o.Intervals != 2 || o.WAPE != 0 {
		t.Errorf("Compare up to Tuesday 10:00 = %+v; want 2 intervals at WAPE 0", o)
	}
	wed := Observation{Start: time.Date(2026, 3, 4, 8, 0, 0, 0, loc), Volume: 7, Length: time.Hour}
	if o := Compare(pts, time.Hour, append(hist, wed), loc); o.Intervals != 4 || o.Actual != 20 || o.WAPE != 1 {
		t.Errorf("Compare with Wednesday = %+v; want 4 intervals, 20 contacts, WAPE 20/20", o)
	}
}
