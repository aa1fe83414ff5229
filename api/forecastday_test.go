package api_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/store"
)

// TestForecast_DayBand: GET /forecasts/{id} gives each local day of the
// site (Berlin, UTC+1 in March) its total with the quantiles of the day's
// own law, forecast.Quantiles(total, DayDispersion); a day an absolute
// adjustment covers in part keeps the law on the model's part and adds
// the planner's figure without spread; a forecast stored without a day law
// has no day band rather than a wrong one.
func TestForecast_DayBand(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	lead := f.login(t, "leadA")
	// Four quarter-hours of 10 calls from 22:30 UTC on 1 March: 23:30 and
	// 23:45 in Berlin are 1 March, 00:00 and 00:15 are 2 March.
	start := time.Date(2026, 3, 1, 22, 30, 0, 0, time.UTC)
	const phiDay = 0.01
	stored := func(phi float64) string {
		fc := store.Forecast{QueueID: f.queue.ID, Model: "flat", Interval: 15 * time.Minute, Start: start, End: start.Add(time.Hour), DayDispersion: phi}
		for i := range 4 {
			fc.Points = append(fc.Points, forecast.Point{Start: start.Add(time.Duration(i) * 15 * time.Minute), Forecast: 10, P10: 8, P50: 10, P90: 12})
		}
		must(t, f.db.CreateForecast(ctx, &fc))
		return fc.ID
	}
	type day struct {
		Date                string
		Forecast            float64
		Base, P10, P50, P90 *float64
	}
	days := func(body []byte) []day { return decode[struct{ Days []day }](t, body).Days }
	check := func(name string, got []day, totals, fixed []float64) {
		t.Helper()
		if len(got) != 2 || got[0].Date != "2026-03-01" || got[1].Date != "2026-03-02" {
			t.Fatalf("%s: days %+v, want 1 and 2 March (Berlin)", name, got)
		}
		for k, d := range got {
			q := forecast.Quantiles(totals[k]-fixed[k], phiDay, []float64{0.1, 0.5, 0.9})
			if d.Forecast != totals[k] || d.P10 == nil || d.P90 == nil ||
				math.Abs(*d.P10-q[0]-fixed[k]) > 1e-9 || math.Abs(*d.P50-q[1]-fixed[k]) > 1e-9 || math.Abs(*d.P90-q[2]-fixed[k]) > 1e-9 {
				t.Errorf("%s: %s = %+v, want total %v with %v + the day law's quantiles %v", name, d.Date, d, totals[k], fixed[k], q)
			}
		}
	}
	id := stored(phiDay)
	_, body := lead.do("GET", "/api/v1/forecasts/"+id, nil, nil)
	check("model", days(body), []float64{20, 20}, []float64{0, 0})
	// 1 March 23:30 set to 3: that day is 3 + 10, its model part 10.
	res, body := lead.do("POST", "/api/v1/forecasts/"+id+"/adjustments", map[string]any{"from": start, "to": start.Add(15 * time.Minute), "absolute": 3}, nil)
	if res.StatusCode != 200 {
		t.Fatalf("adjust: %d %s", res.StatusCode, body)
	}
	got := days(body)
	check("adjusted", got, []float64{13, 20}, []float64{3, 0})
	if got[0].Base == nil || *got[0].Base != 20 || got[1].Base != nil {
		t.Errorf("bases %v, %v: want the model's 20 on 1 March only", got[0].Base, got[1].Base)
	}
	_, body = lead.do("GET", "/api/v1/forecasts/"+stored(math.NaN()), nil, nil)
	for _, d := range days(body) {
		if d.Forecast != 20 || d.P10 != nil || d.P90 != nil {
			t.Errorf("without a day law: %+v, want total 20 and no band", d)
		}
	}
}
