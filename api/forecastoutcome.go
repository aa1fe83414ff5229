package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/forecast"
)

// outcomeDTO is how a forecast fared against the history imported after
// it (forecast.Outcome): its adjusted points against the queue's
// intervals, by the site's days. The figures are null until a day of the
// forecast is in the history.
type outcomeDTO struct {
	Intervals int      `json:"intervals"`
	Days      int      `json:"days"`
	Forecast  float64  `json:"forecast"`
	Actual    float64  `json:"actual"`
	WAPE      *float64 `json:"wape"`
	MAE       *float64 `json:"mae"`
	Bias      *float64 `json:"bias"`
	Coverage  *float64 `json:"coverage"`
	// Backtest is the WAPE the forecast's backtest promised, to set the
	// outcome beside.
	Backtest *float64         `json:"backtest_wape"`
	ByDay    []dayOutcomeDTO  `json:"by_day"`
	Points   []actualPointDTO `json:"points"`
}

type dayOutcomeDTO struct {
	// Date is the site's local date, YYYY-MM-DD.
	Date      string  `json:"date"`
	Intervals int     `json:"intervals"`
	Forecast  float64 `json:"forecast"`
	Actual    float64 `json:"actual"`
}

// actualPointDTO is the history's volume in one of the forecast's
// intervals, for drawing beside it.
type actualPointDTO struct {
	Start  time.Time `json:"start"`
	Actual float64   `json:"actual"`
}

// getForecastOutcome answers how a forecast fared (GET
// /forecasts/{id}/outcome): to whoever may read the forecast.
func (s *Server) getForecastOutcome(c echo.Context) error {
	p, err := requireRole(c, plannerRoles...)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	f, err := s.db.FindForecastByID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	if err := s.plansForecast(c, p, f); err != nil {
		return err
	}
	_, _, loc, err := s.queueSite(c, f.QueueID)
	if err != nil {
		return err
	}
	// A day past the end tells whether the history goes on after it, and
	// so whether the last day's closing hours are known.
	hs, err := s.db.FindHistory(ctx, f.QueueID, f.Start, f.End.AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	obs := make([]forecast.Observation, len(hs))
	for i, h := range hs {
		obs[i] = forecast.Observation{Start: h.Start.In(loc), Volume: h.Offered, Length: h.Length}
	}
	o := forecast.Compare(adjusted(f), f.Interval, obs, loc)
	out := outcomeDTO{Intervals: o.Intervals, Days: o.Days, Forecast: o.Forecast, Actual: o.Actual, WAPE: finiteOrNil(o.WAPE),
		MAE: finiteOrNil(o.MAE), Bias: finiteOrNil(o.Bias), Coverage: finiteOrNil(o.Coverage), Backtest: finiteOrNil(f.Backtest.WAPE),
		ByDay: make([]dayOutcomeDTO, len(o.ByDay)), Points: []actualPointDTO{}}
	for i, d := range o.ByDay {
		out.ByDay[i] = dayOutcomeDTO{Date: d.Date.Format(time.DateOnly), Intervals: d.Intervals, Forecast: d.Forecast, Actual: d.Actual}
	}
	for _, h := range hs {
		if h.Start.Before(f.End) {
			out.Points = append(out.Points, actualPointDTO{Start: h.Start, Actual: h.Offered})
		}
	}
	return c.JSON(http.StatusOK, out)
}
