package forecast

import (
	"sort"
	"time"
)

// Options configures Run. The zero value of every field but Horizon is a
// sensible default.
type Options struct {
	// Horizon is how far ahead to forecast from Start (> 0, at most
	// MaxHorizon).
	Horizon time.Duration
	// Start is the first interval to forecast; zero means the end of the
	// history (the last observation's start plus one interval). It is
	// rounded down to a whole interval of local wall time. History at or
	// after Start, if any, is used like the rest.
	Start time.Time
	// Holidays marks the site's public holidays; nil = none known. Days far
	// below their day type's level are detected from the data either way.
	// A HolidaysFrom's holidays may begin during the day.
	Holidays Holidays
	// Models restricts the candidates to these names (see Models); empty
	// means all of them and the combination, chosen by backtest.
	Models []string
	// Adjustments are applied, in order, after the model.
	Adjustments []Adjustment
	// BacktestOrigins is the number of weekly rolling origins used to score
	// the models; 0 means 6.
	BacktestOrigins int
}

// Point is the forecast of one interval.
type Point struct {
	Start time.Time
	// Forecast is the expected volume (the model's point forecast).
	Forecast float64
	// P10, P50, P90 are quantiles of the predictive distribution of the
	// interval's volume (see the package's prediction-interval note).
	P10, P50, P90 float64
	// AHT is the forecast average handle time; zero when the history has
	// none.
	AHT time.Duration
}

// Result is a forecast and the evidence for it.
type Result struct {
	// Model is the chosen model's name (one of Models).
	Model string
	// Backtest is the chosen model's rolling-origin accuracy.
	Backtest Accuracy
	// Interval is the inferred interval length.
	Interval time.Duration
	// Points are the horizon's intervals in time order, closed ones as 0.
	Points []Point
	// Candidates are every model's backtest, best first.
	Candidates []ModelScore
	// Dispersion is φ of the predictive distribution Var = μ + φμ².
	Dispersion float64
	// DayDispersion is φ_d of the predictive distribution of a day's
	// total, Var = M + φ_d M² with M the sum of the day's forecasts: a
	// day's p10/p90 are Quantiles(M, DayDispersion, …), not the sums of
	// its intervals' (see the package's note on day totals).
	DayDispersion float64
}

// MaxHorizon is the longest horizon Run forecasts: two years of
// intervals, as far as long-range capacity plans look (a horizon of a
// century at 5-minute intervals would be ten million rows, written for
// a minute).
const MaxHorizon = 731 * 24 * time.Hour

// Run forecasts history over opts.Horizon: it scores every candidate model
// by rolling-origin backtest on the history's last weeks, picks the most
// accurate by WAPE (a combination of the best three when that scores
// better), forecasts with it from all the history, derives prediction
// intervals and handle times, and applies the adjustments.
//
// With too little history for a backtest (under three weeks) the profile
// model is used and Backtest.Origins is 0.
func Run(hist Series, opts Options) (*Result, error) {
	if err := hist.Validate(); err != nil {
		return nil, err
	}
	if opts.Horizon <= 0 || opts.Horizon > MaxHorizon {
		return nil, ErrHorizon
	}
	for _, a := range opts.Adjustments {
		if err := a.Validate(); err != nil {
			return nil, err
		}
	}
	models, combineOK, err := modelsByName(opts.Models)
	if err != nil {
		return nil, err
	}
	iv, err := hist.Interval()
	if err != nil {
		return nil, err
	}
	loc := hist.location()
	pts := append([]Observation(nil), hist.Points...)
	sort.Slice(pts, func(i, j int) bool { return pts[i].Start.Before(pts[j].Start) })
	start := opts.Start
	if start.IsZero() {
		start = pts[len(pts)-1].Start.Add(iv)
	}
	start = floorWall(start.In(loc), iv)
	if last := pts[len(pts)-1].Start; start.Sub(last) > MaxHorizon {
		// Nothing in the history speaks for a start that far on, and the
		// grid would span every day between.
		return nil, fieldError("start", "%s is more than %d days after the history's last interval (%s)",
			start.Format(time.RFC3339), MaxHorizon/(24*time.Hour), last.Format(time.RFC3339))
	}
	end := start.Add(opts.Horizon)
	g := newGrid(pts, loc, iv, opts.Holidays, civil(end.Add(-time.Nanosecond).In(loc)))
	if civil(start) < civil(g.days[0].date) {
		return nil, fieldError("start", "%s is before the history", start.Format(time.RFC3339))
	}

	origins := opts.BacktestOrigins
	if origins <= 0 {
		origins = backtestOrigins
	}
	sel := choose(g, models, combineOK, len(opts.Models) == 1, origins)
	res := &Result{
		Model:         sel.name,
		Backtest:      sel.score,
		Interval:      iv,
		Candidates:    sel.candidates,
		Dispersion:    sel.dispersion,
		DayDispersion: sel.dayDispersion,
	}

	// Forecast the horizon from the whole history.
	h := history{g: g, origin: g.n}
	predict := sel.fit(h)
	first := civil(g.days[0].date)
	cache := map[int][]float64{}
	ahts := map[dayType][]time.Duration{}
	qs := []float64{0.1, 0.5, 0.9}
	ivMin := int(iv / time.Minute)
	for t := start; t.Before(end); t = t.Add(iv) {
		lt := t.In(loc)
		i := civil(lt) - first
		d := &g.days[i]
		f, ok := cache[i]
		if !ok {
			f = predict(d)
			cache[i] = f
		}
		s := (lt.Hour()*60 + lt.Minute()) / ivMin
		p := Point{Start: lt, Forecast: at(f, s)}
		q := nbQuantiles(p.Forecast, res.Dispersion, qs)
		p.P10, p.P50, p.P90 = q[0], q[1], q[2]
		tp := h.targetType(d)
		if d.partDay() && s < d.from {
			tp = h.targetType(d.ordinary())
		}
		a, ok := ahts[tp]
		if !ok {
			a = h.ahtForecast(tp)
			ahts[tp] = a
		}
		if p.Forecast > 0 {
			p.AHT = a[s]
		}
		for _, adj := range opts.Adjustments {
			adj.apply(&p)
		}
		res.Points = append(res.Points, p)
	}
	return res, nil
}

// floorWall rounds t down to a whole interval of local wall-clock time
// (07:37 → 07:30 for 15 minutes), whatever the zone's UTC offset.
func floorWall(t time.Time, iv time.Duration) time.Time {
	ivMin := int(iv / time.Minute)
	mins := (t.Hour()*60 + t.Minute()) / ivMin * ivMin
	y, m, d := t.Date()
	f := time.Date(y, m, d, mins/60, mins%60, 0, 0, t.Location())
	if f.After(t) { // the floored wall time falls in a DST gap or repeat
		f = t.Truncate(iv)
	}
	return f
}
