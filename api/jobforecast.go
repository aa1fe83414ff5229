package api

import (
	"context"
	"encoding/json"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/store"
)

// forecastPayload is a forecast job's input.
type forecastPayload struct {
	QueueID      string    `json:"queue_id"`
	HorizonHours float64   `json:"horizon_hours"`
	Start        time.Time `json:"start,omitempty"`
	UserID       string    `json:"user_id"`
}

type forecastJobResult struct {
	ForecastIDs []string `json:"forecast_ids"`
	// ForecastID is the first (for one queue, the only) forecast.
	ForecastID string `json:"forecast_id,omitempty"`
}

// forecast runs one queue's forecast and stores it.
func (w *Worker) forecast(ctx context.Context, j store.Job, progress func(any)) (any, func(*store.DB) error, error) {
	var p forecastPayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return nil, nil, &scheduling.ValidationError{Fields: []scheduling.FieldError{{Field: "payload", Message: err.Error()}}}
	}
	q, err := w.db.FindQueueByID(ctx, p.QueueID)
	if err != nil {
		return nil, nil, err
	}
	site, err := w.db.FindSiteByID(ctx, q.SiteID)
	if err != nil {
		return nil, nil, err
	}
	progress(map[string]any{"stage": "fitting models", "queue_id": q.ID})
	f, err := runForecast(ctx, w.db, q, site, p.Start, time.Duration(p.HorizonHours*float64(time.Hour)))
	if err != nil {
		return nil, nil, err
	}
	f.CreatedBy = p.UserID
	res := &forecastJobResult{}
	write := func(tx *store.DB) error {
		if err := tx.CreateForecast(ctx, &f); err != nil {
			return err
		}
		res.ForecastID, res.ForecastIDs = f.ID, []string{f.ID}
		return nil
	}
	return res, write, nil
}

// reforecastHorizon is how far the nightly re-forecast looks ahead.
const reforecastHorizon = 14 * 24 * time.Hour

// reforecast forecasts every queue that has history from its newest
// history, and stores all the forecasts together.
func (w *Worker) reforecast(ctx context.Context, j store.Job, progress func(any)) (any, func(*store.DB) error, error) {
	queues, err := w.db.FindQueues(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	var fs []store.Forecast
	skipped := []string{}
	for i, q := range queues {
		progress(map[string]any{"queue": q.Name, "done": i, "of": len(queues)})
		site, err := w.db.FindSiteByID(ctx, q.SiteID)
		if err != nil {
			return nil, nil, err
		}
		f, err := runForecast(ctx, w.db, q, site, time.Time{}, reforecastHorizon)
		if err != nil {
			if isPermanent(err) {
				skipped = append(skipped, q.Name+": "+err.Error())
				continue
			}
			return nil, nil, err
		}
		f.CreatedBy = "reforecast"
		fs = append(fs, f)
	}
	res := map[string]any{"skipped": skipped}
	write := func(tx *store.DB) error {
		ids := []string{}
		for i := range fs {
			if err := tx.CreateForecast(ctx, &fs[i]); err != nil {
				return err
			}
			ids = append(ids, fs[i].ID)
		}
		res["forecast_ids"] = ids
		return nil
	}
	return res, write, nil
}
