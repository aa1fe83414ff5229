package forecast_test

import (
	"fmt"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
)

func ExampleRun() {
	// Four weeks of hourly history of a centre open 08:00–17:00, with the
	// same week repeated: 10 calls an hour plus the hour of the day.
	var hist forecast.Series
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for t := start; t.Before(start.AddDate(0, 0, 28)); t = t.Add(time.Hour) {
		if t.Hour() >= 8 && t.Hour() < 17 {
			hist.Points = append(hist.Points, forecast.Observation{Start: t, Volume: float64(10 + t.Hour())})
		}
	}
	res, err := forecast.Run(hist, forecast.Options{Horizon: 24 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Model, res.Interval, res.Backtest.WAPE, len(res.Points))
	for _, p := range res.Points[14:17] {
		fmt.Printf("%s %.0f [%.0f, %.0f]\n", p.Start.Format("Mon 15:04"), p.Forecast, p.P10, p.P90)
	}
	// The backtest error is 0, so the band is Poisson's: for a mean of 18
	// the 10 % and 90 % quantiles are 13 and 24.
	// Output:
	// seasonal_naive 1h0m0s 0 24
	// Mon 07:00 0 [0, 0]
	// Mon 08:00 18 [13, 24]
	// Mon 09:00 19 [14, 25]
}
