package store

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling"
)

// Forecast is a stored forecast of one queue: the model's points as run, and
// the planners' adjustments to apply on top of them.
type Forecast struct {
	ID       string
	QueueID  string
	Model    string
	Interval time.Duration
	// Start and End bound the forecast horizon [Start, End).
	Start, End time.Time
	Backtest   forecast.Accuracy
	// DayDispersion is forecast.Result.DayDispersion, the spread of a day
	// total's law; NaN for forecasts stored before it was kept.
	DayDispersion float64
	Points        []forecast.Point
	Adjustments   []ForecastAdjustment
	CreatedBy     string
	CreatedAt     time.Time
}

// ForecastAdjustment is a planner's adjustment as stored with a forecast;
// ID names it for removal.
type ForecastAdjustment struct {
	ID string
	forecast.Adjustment
}

type forecastRow struct {
	ID          string `gorm:"primaryKey"`
	QueueID     string
	Model       string
	IntervalS   int64 `gorm:"column:interval_s"`
	StartAt     time.Time
	EndAt       time.Time
	Backtest    string
	Points      string
	Adjustments string
	CreatedBy   string
	CreatedAt   time.Time
}

func (forecastRow) TableName() string { return "forecasts" }

// accuracyJSON stores an Accuracy; NaN (nothing scored) is stored as null.
type accuracyJSON struct {
	WAPE      *float64 `json:"wape"`
	MAE       *float64 `json:"mae"`
	Origins   int      `json:"origins"`
	Intervals int      `json:"intervals"`
	// DayDispersion is kept with the backtest it is estimated from.
	DayDispersion *float64 `json:"day_dispersion"`
}

func finite(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func orNaN(f *float64) float64 {
	if f == nil {
		return math.NaN()
	}
	return *f
}

type pointJSON struct {
	Start    time.Time `json:"s"`
	Forecast float64   `json:"f"`
	P10      float64   `json:"p10"`
	P50      float64   `json:"p50"`
	P90      float64   `json:"p90"`
	AHTs     float64   `json:"aht_s"`
}

type adjustmentJSON struct {
	// ID is absent from adjustments stored before adjustments could be
	// removed; they are named by adjustmentID.
	ID      string    `json:"id,omitempty"`
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Percent float64   `json:"percent"`
	Set     bool      `json:"set"`
	Volume  float64   `json:"volume"`
}

// CreateForecast stores a forecast and sets its ID and creation time.
func (db *DB) CreateForecast(ctx context.Context, f *Forecast) error {
	pts := make([]pointJSON, len(f.Points))
	for i, p := range f.Points {
		pts[i] = pointJSON{Start: p.Start.UTC(), Forecast: p.Forecast, P10: p.P10, P50: p.P50, P90: p.P90, AHTs: p.AHT.Seconds()}
	}
	row := forecastRow{ID: newID(), QueueID: f.QueueID, Model: f.Model, IntervalS: secs(f.Interval), StartAt: f.Start.UTC(),
		EndAt: f.End.UTC(), Backtest: toJSON(accuracyJSON{WAPE: finite(f.Backtest.WAPE), MAE: finite(f.Backtest.MAE),
			Origins: f.Backtest.Origins, Intervals: f.Backtest.Intervals, DayDispersion: finite(f.DayDispersion)}),
		Points: toJSON(pts), Adjustments: toJSON(adjustmentsJSON(f.Adjustments)), CreatedBy: f.CreatedBy, CreatedAt: db.now()}
	if err := db.gorm.WithContext(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create forecast: %w", err)
	}
	f.ID, f.CreatedAt = row.ID, row.CreatedAt
	return nil
}

func adjustmentsJSON(as []ForecastAdjustment) []adjustmentJSON {
	out := make([]adjustmentJSON, len(as))
	for i, a := range as {
		out[i] = adjustmentJSON{ID: a.ID, Start: a.Start.UTC(), End: a.End.UTC(), Percent: a.Percent, Set: a.Set, Volume: a.Volume}
	}
	return out
}

// adjustmentID names an adjustment stored without an ID by its content,
// so that it keeps its name from one read to the next; two identical
// adjustments share it, and removing either changes the forecast alike.
func adjustmentID(a adjustmentJSON) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d|%d|%v|%t|%v", a.Start.UnixNano(), a.End.UnixNano(), a.Percent, a.Set, a.Volume)
	return fmt.Sprintf("adj-%016x", h.Sum64())
}

func (r forecastRow) domain(withPoints bool) (Forecast, error) {
	f := Forecast{ID: r.ID, QueueID: r.QueueID, Model: r.Model, Interval: dur(r.IntervalS), Start: r.StartAt.UTC(), End: r.EndAt.UTC(),
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC()}
	var acc accuracyJSON
	if err := fromJSON(r.Backtest, &acc); err != nil {
		return f, fmt.Errorf("forecast %s backtest: %w", r.ID, err)
	}
	f.Backtest = forecast.Accuracy{WAPE: orNaN(acc.WAPE), MAE: orNaN(acc.MAE), Origins: acc.Origins, Intervals: acc.Intervals}
	f.DayDispersion = orNaN(acc.DayDispersion)
	var adj []adjustmentJSON
	if err := fromJSON(r.Adjustments, &adj); err != nil {
		return f, fmt.Errorf("forecast %s adjustments: %w", r.ID, err)
	}
	for _, a := range adj {
		id := a.ID
		if id == "" {
			id = adjustmentID(a)
		}
		f.Adjustments = append(f.Adjustments, ForecastAdjustment{ID: id,
			Adjustment: forecast.Adjustment{Start: a.Start.UTC(), End: a.End.UTC(), Percent: a.Percent, Set: a.Set, Volume: a.Volume}})
	}
	if withPoints {
		var pts []pointJSON
		if err := fromJSON(r.Points, &pts); err != nil {
			return f, fmt.Errorf("forecast %s points: %w", r.ID, err)
		}
		f.Points = make([]forecast.Point, len(pts))
		for i, p := range pts {
			f.Points[i] = forecast.Point{Start: p.Start.UTC(), Forecast: p.Forecast, P10: p.P10, P50: p.P50, P90: p.P90,
				AHT: time.Duration(p.AHTs * float64(time.Second))}
		}
	}
	return f, nil
}

// FindForecastByID returns one forecast with its points.
func (db *DB) FindForecastByID(ctx context.Context, id string) (Forecast, error) {
	var row forecastRow
	if err := db.gorm.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
		return Forecast{}, notFound(err, "find forecast "+id)
	}
	return row.domain(true)
}

// FindForecasts lists a queue's forecasts ("" = all queues), newest first,
// without their points.
func (db *DB) FindForecasts(ctx context.Context, queueID string) ([]Forecast, error) {
	q := db.gorm.WithContext(ctx).Omit("points").Order("created_at DESC, id")
	if queueID != "" {
		q = q.Where("queue_id = ?", queueID)
	}
	var rows []forecastRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find forecasts: %w", err)
	}
	out := make([]Forecast, 0, len(rows))
	for _, r := range rows {
		f, err := r.domain(false)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// LatestForecast returns the newest forecast of a queue that covers t (zero
// t: the newest of all), with its points.
func (db *DB) LatestForecast(ctx context.Context, queueID string, t time.Time) (Forecast, error) {
	q := db.gorm.WithContext(ctx).Where("queue_id = ?", queueID).Order("created_at DESC, id")
	if !t.IsZero() {
		q = q.Where("start_at <= ? AND end_at > ?", t.UTC(), t.UTC())
	}
	var row forecastRow
	if err := q.First(&row).Error; err != nil {
		return Forecast{}, notFound(err, "find latest forecast of queue "+queueID)
	}
	return row.domain(true)
}

// AddForecastAdjustment appends a planner's adjustment to a forecast under
// a new ID.
func (db *DB) AddForecastAdjustment(ctx context.Context, id string, a forecast.Adjustment) (Forecast, error) {
	if err := a.Validate(); err != nil {
		v := &scheduling.ValidationError{}
		var fe *forecast.ValidationError
		errors.As(err, &fe)
		for _, f := range fe.Fields {
			v.Add(f.Field, "%s", f.Message)
		}
		return Forecast{}, v
	}
	return db.editAdjustments(ctx, id, func(f *Forecast) error {
		if !a.Start.Before(f.End) || !a.End.After(f.Start) {
			return scheduling.Invalid("adjustment.start", "%s–%s lies outside the forecast, %s–%s", a.Start.Format(time.RFC3339),
				a.End.Format(time.RFC3339), f.Start.Format(time.RFC3339), f.End.Format(time.RFC3339))
		}
		f.Adjustments = append(f.Adjustments, ForecastAdjustment{ID: newID(), Adjustment: a})
		return nil
	})
}

// RemoveForecastAdjustment takes adjustment adjID off forecast id; the
// forecast's points and other adjustments stay as they are. It returns
// ErrNotFound when the forecast has no such adjustment.
func (db *DB) RemoveForecastAdjustment(ctx context.Context, id, adjID string) (Forecast, error) {
	return db.editAdjustments(ctx, id, func(f *Forecast) error {
		i := slices.IndexFunc(f.Adjustments, func(a ForecastAdjustment) bool { return a.ID == adjID })
		if i < 0 {
			return fmt.Errorf("find adjustment %s of forecast %s: %w", adjID, id, scheduling.ErrNotFound)
		}
		f.Adjustments = slices.Delete(f.Adjustments, i, i+1)
		return nil
	})
}

// editAdjustments changes a forecast's adjustments by edit and stores them.
// The row stays locked from the read to the write, so that two planners
// adding or removing at once both keep their change.
func (db *DB) editAdjustments(ctx context.Context, id string, edit func(*Forecast) error) (Forecast, error) {
	var out Forecast
	err := db.Tx(ctx, func(tx *DB) error {
		var row forecastRow
		if err := locked(tx.gorm).First(&row, "id = ?", id).Error; err != nil {
			return notFound(err, "find forecast "+id)
		}
		f, err := row.domain(true)
		if err != nil {
			return err
		}
		if err := edit(&f); err != nil {
			return err
		}
		if err := tx.gorm.Model(&forecastRow{}).Where("id = ?", id).Update("adjustments", toJSON(adjustmentsJSON(f.Adjustments))).Error; err != nil {
			return fmt.Errorf("store adjustments of forecast %s: %w", id, err)
		}
		out = f
		return nil
	})
	return out, err
}
