package api

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/forecast/staffing"
	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// historyWeeks is how much history a forecast run reads.
const historyWeeks = 12

// runForecast forecasts a queue over [start, start+horizon) from its newest
// history (historyWeeks weeks), with the site's holidays. A zero start
// forecasts from the end of the history.
func runForecast(ctx context.Context, db *store.DB, q scheduling.Queue, site scheduling.Site, start time.Time, horizon time.Duration) (store.Forecast, error) {
	return forecastBefore(ctx, db, q, site, start, horizon, time.Time{})
}

// ForecastAsOf stores the forecast of a queue over [start, start+horizon)
// made from its history before start alone: the forecast a planner would
// have had then, which the history since scores (GET
// /forecasts/{id}/outcome). The demo keeps last week's.
func ForecastAsOf(ctx context.Context, db *store.DB, queueID string, start time.Time, horizon time.Duration) (store.Forecast, error) {
	q, err := db.FindQueueByID(ctx, queueID)
	if err != nil {
		return store.Forecast{}, err
	}
	site, err := db.FindSiteByID(ctx, q.SiteID)
	if err != nil {
		return store.Forecast{}, err
	}
	f, err := forecastBefore(ctx, db, q, site, start, horizon, start)
	if err == nil {
		err = db.CreateForecast(ctx, &f)
	}
	return f, err
}

// forecastBefore is runForecast from the history before until (zero: all).
func forecastBefore(ctx context.Context, db *store.DB, q scheduling.Queue, site scheduling.Site, start time.Time, horizon time.Duration, until time.Time) (store.Forecast, error) {
	loc, err := site.Location()
	if err != nil {
		return store.Forecast{}, err
	}
	latest, err := db.FindHistory(ctx, q.ID, time.Time{}, until)
	if err != nil {
		return store.Forecast{}, err
	}
	if len(latest) == 0 {
		v := &scheduling.ValidationError{}
		v.Add("queue_id", "queue %q has no history to forecast from; import some first", q.Name)
		return store.Forecast{}, v
	}
	end := latest[len(latest)-1].Start
	from := end.AddDate(0, 0, -7*historyWeeks)
	i := 0
	for i < len(latest) && latest[i].Start.Before(from) {
		i++
	}
	series := historySeries(latest[i:], loc)
	opts := forecast.Options{Horizon: horizon, Start: start}
	if opts.Holidays, err = siteCalendar(ctx, db, site); err != nil {
		return store.Forecast{}, err
	}
	res, err := forecast.Run(series, opts)
	if err != nil {
		return store.Forecast{}, forecastInputError(q, err)
	}
	f := store.Forecast{QueueID: q.ID, Model: res.Model, Interval: res.Interval, Backtest: res.Backtest, DayDispersion: res.DayDispersion,
		Points: res.Points}
	if len(res.Points) > 0 {
		f.Start = res.Points[0].Start.UTC()
		f.End = res.Points[len(res.Points)-1].Start.Add(res.Interval).UTC()
	}
	return f, nil
}

// historySeries turns stored intervals into the forecast's series, on the
// finest grid that holds all their lengths (forecast.Series.OnFinestGrid).
func historySeries(hs []scheduling.IntervalVolume, loc *time.Location) forecast.Series {
	series := forecast.Series{Location: loc, Points: make([]forecast.Observation, 0, len(hs))}
	for _, h := range hs {
		series.Points = append(series.Points, forecast.Observation{Start: h.Start.In(loc), Volume: h.Offered, AHT: h.AHT, Length: h.Length})
	}
	return series.OnFinestGrid()
}

// forecastInputError turns what the forecast refuses in its input into a
// validation error, so that the API answers 422 and a job does not retry
// what cannot succeed; other errors are wrapped as they are.
func forecastInputError(q scheduling.Queue, err error) error {
	var fe *forecast.ValidationError
	v := &scheduling.ValidationError{}
	switch {
	case errors.As(err, &fe):
		for _, f := range fe.Fields {
			v.Add(f.Field, "forecast of queue %s: %s", q.Name, f.Message)
		}
	case errors.Is(err, forecast.ErrEmptyHistory), errors.Is(err, forecast.ErrInterval):
		v.Add("queue_id", "history of queue %s: %v", q.Name, err)
	case errors.Is(err, forecast.ErrHorizon):
		v.Add("horizon", "%v", err)
	default:
		return fmt.Errorf("forecast queue %s: %w", q.Name, err)
	}
	return v
}

// adjusted applies a forecast's adjustments in order to its points, as
// forecast.Adjustment defines them: Percent p scales the forecast and its
// quantiles by (1 + p/100); Set replaces all four by Volume.
func adjusted(f store.Forecast) []forecast.Point {
	out := append([]forecast.Point(nil), f.Points...)
	for _, a := range f.Adjustments {
		for i := range out {
			p := &out[i]
			if p.Start.Before(a.Start) || !p.Start.Before(a.End) {
				continue
			}
			if a.Set {
				p.Forecast, p.P10, p.P50, p.P90 = a.Volume, a.Volume, a.Volume, a.Volume
				continue
			}
			k := 1 + a.Percent/100
			p.Forecast, p.P10, p.P50, p.P90 = p.Forecast*k, p.P10*k, p.P50*k, p.P90*k
		}
	}
	return out
}

// staffingQueue maps a queue to the staffing model's description of it;
// a queue stored under older rules that fails today's check is refused
// naming the field as this API spells it.
func staffingQueue(q scheduling.Queue) (staffing.Queue, error) {
	sq, err := q.Staffing()
	return sq, apiFields(err, queueFields)
}

// requirements returns the queue's staffing requirement per interval over
// [from, to) from its newest stored forecast covering from, adjustments
// applied. Without a stored forecast, create=true runs one (and stores it).
func requirements(ctx context.Context, db *store.DB, q scheduling.Queue, site scheduling.Site, from, to time.Time, create bool) ([]staffing.Requirement, time.Duration, error) {
	f, err := db.LatestForecast(ctx, q.ID, from)
	if errors.Is(err, scheduling.ErrNotFound) || (err == nil && f.End.Before(to)) {
		if !create {
			return nil, 0, fmt.Errorf("no forecast of queue %q covers %s: %w", q.Name, from.Format(time.DateOnly), scheduling.ErrNotFound)
		}
		f, err = runForecast(ctx, db, q, site, from, to.Sub(from))
		if err == nil {
			err = db.CreateForecast(ctx, &f)
		}
	}
	if err != nil {
		return nil, 0, err
	}
	sq, err := staffingQueue(q)
	if err != nil {
		return nil, 0, err
	}
	var ivs []staffing.Interval
	for _, p := range adjusted(f) {
		if p.Start.Before(from) || !p.Start.Before(to) {
			continue
		}
		aht := p.AHT
		if aht <= 0 {
			aht = q.AHT
		}
		ivs = append(ivs, staffing.Interval{Start: p.Start, Volume: p.Forecast, AHT: aht})
	}
	if len(ivs) == 0 {
		return nil, f.Interval, nil
	}
	reqs, err := staffing.Requirements(ivs, f.Interval, sq)
	if err != nil {
		return nil, 0, fmt.Errorf("requirements of queue %s: %w", q.Name, err)
	}
	return reqs, f.Interval, nil
}
