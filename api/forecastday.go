package api

import (
	"math"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/store"
)

// dayDTO is one local day of a forecast at its queue's site, the points'
// total with the day's own band (GET /forecasts/{id} and the answers of
// the adjustment routes only).
type dayDTO struct {
	// Date is the site's local date, YYYY-MM-DD.
	Date string `json:"date"`
	// Forecast is the day's total after the adjustments; Base the model's
	// total where an adjustment changed it.
	Forecast float64  `json:"forecast"`
	Base     *float64 `json:"base,omitempty"`
	// P10, P50 and P90 are quantiles of the day's total under its own law
	// (forecast.Result.DayDispersion), not sums of the intervals'
	// quantiles; absent for forecasts stored before that law was kept.
	P10 *float64 `json:"p10,omitempty"`
	P50 *float64 `json:"p50,omitempty"`
	P90 *float64 `json:"p90,omitempty"`
}

// forecastDays totals a forecast's adjusted points per local day of loc.
// The quantiles are those of the day's law on what the model still
// forecasts, shifted by what planners set: an interval an absolute
// adjustment covers is a planner's figure without spread, as on the
// interval itself (forecast.Adjustment).
func forecastDays(f store.Forecast, pts []forecast.Point, loc *time.Location) []dayDTO {
	out := []dayDTO{}
	var free, fixed, base []float64
	for i, p := range pts {
		date := p.Start.In(loc).Format(time.DateOnly)
		if len(out) == 0 || out[len(out)-1].Date != date {
			out = append(out, dayDTO{Date: date})
			free, fixed, base = append(free, 0), append(fixed, 0), append(base, 0)
		}
		k := len(out) - 1
		out[k].Forecast += p.Forecast
		base[k] += f.Points[i].Forecast
		if setBy(f.Adjustments, p.Start) {
			fixed[k] += p.Forecast
		} else {
			free[k] += p.Forecast
		}
	}
	for k := range out {
		if b := base[k]; math.Abs(b-out[k].Forecast) > 1e-9*math.Max(1, b) {
			out[k].Base = &b
		}
		if math.IsNaN(f.DayDispersion) {
			continue
		}
		q := forecast.Quantiles(free[k], f.DayDispersion, []float64{0.1, 0.5, 0.9})
		for i := range q {
			q[i] += fixed[k]
		}
		out[k].P10, out[k].P50, out[k].P90 = &q[0], &q[1], &q[2]
	}
	return out
}

// setBy reports whether an absolute adjustment covers the interval
// starting at t.
func setBy(as []store.ForecastAdjustment, t time.Time) bool {
	for _, a := range as {
		if a.Set && !t.Before(a.Start) && t.Before(a.End) {
			return true
		}
	}
	return false
}
