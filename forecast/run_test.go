package forecast

import (
	"errors"
	"math"
	"testing"
	"time"
)

// A series that repeats the same week exactly is forecast exactly by every
// model that averages or repeats past same-type days (the forecast of slot s
// is a weighted mean of identical values), and the automatic choice finds a
// model with zero backtest error.
func TestRun_PureSeasonalExact(t *testing.T) {
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // a Monday
	s := synth(start, 7*8, 15*time.Minute, weekdayHours, seasonal)
	for _, m := range []string{"seasonal_naive", "week_average_4", "week_average_6", "robust_average", ""} {
		name := m
		if name == "" {
			name = "Automatic"
		}
		t.Run(name, func(t *testing.T) {
			opts := Options{Horizon: 7 * 24 * time.Hour}
			if m != "" {
				opts.Models = []string{m}
			}
			res, err := Run(s, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Points) != 7*96 {
				t.Fatalf("got %d points, want 7 days × 96", len(res.Points))
			}
			for _, p := range res.Points {
				want := 0.0
				if weekdayHours(p.Start) {
					want = seasonal(p.Start)
				}
				if math.Abs(p.Forecast-want) > 1e-9 {
					t.Fatalf("%s: forecast %v, want %v", p.Start, p.Forecast, want)
				}
			}
			if res.Backtest.WAPE > 1e-9 {
				t.Errorf("backtest WAPE = %v, want 0", res.Backtest.WAPE)
			}
		})
	}
}

// The profile model conserves the daily total: on a pure seasonal series its
// forecast of each day sums to that weekday's (constant) total, and closed
// hours stay at zero.
func TestProfile_ConservesTotalAndClosedHours(t *testing.T) {
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	s := synth(start, 7*8, 30*time.Minute, weekdayHours, seasonal)
	res, err := Run(s, Options{Horizon: 7 * 24 * time.Hour, Models: []string{"profile"}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[time.Weekday]float64{}
	for _, p := range res.Points {
		if !weekdayHours(p.Start) && p.Forecast != 0 {
			t.Fatalf("%s is closed but forecast %v", p.Start, p.Forecast)
		}
		got[p.Start.Weekday()] += p.Forecast
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		want := 0.0
		for _, o := range s.Points[len(s.Points)-5*28:] { // the last week: 5 days × 28 open half-hours
			if o.Start.Weekday() == wd {
				want += o.Volume
			}
		}
		if math.Abs(got[wd]-want) > 1e-6*max(1, want) {
			t.Errorf("%v: forecast total %v, want %v", wd, got[wd], want)
		}
	}
}

// After a permanent level shift the forecast follows the new level: the
// backtest sees the shift on its later origins and prefers the models that
// adapt. The property checked: the mean forecast is within 5 % of the new
// level (the old one is 33 % lower).
func TestRun_LevelShiftFollowed(t *testing.T) {
	start := time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)
	shift := start.AddDate(0, 0, 7*6)
	vol := func(t time.Time) float64 {
		if t.Before(shift) {
			return 100
		}
		return 150
	}
	s := synth(start, 7*9, time.Hour, nil, vol)
	res, err := Run(s, Options{Horizon: 7 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, p := range res.Points {
		sum += p.Forecast
	}
	mean := sum / float64(len(res.Points))
	if math.Abs(mean-150)/150 > 0.05 {
		t.Errorf("mean forecast %v after a shift to 150 (model %s)", mean, res.Model)
	}
}

// Rolling-origin backtest chooses the better model on series built for it:
// a weekly level that climbs 10 % a week favours "same slot last week" over a
// 6-week mean (which lags ~3 weeks); a fixed level with independent noise
// favours the mean (its variance is 1/6 of the naive forecast's).
func TestRun_BacktestPicksBetterModel(t *testing.T) {
	start := time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)
	models := []string{"seasonal_naive", "week_average_6"}
	trend := func(t time.Time) float64 {
		weeks := math.Floor(t.Sub(start).Hours() / (24 * 7))
		return seasonal(t) * math.Pow(1.1, weeks)
	}
	noisy := func(t time.Time) float64 { return seasonal(t) * noise(t, 0.3) }
	for _, tc := range []struct {
		name string
		vol  func(time.Time) float64
		want string
	}{
		{"Trend", trend, "seasonal_naive"},
		{"Noise", noisy, "week_average_6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := synth(start, 7*12, time.Hour, nil, tc.vol)
			res, err := Run(s, Options{Horizon: 24 * time.Hour, Models: models})
			if err != nil {
				t.Fatal(err)
			}
			if res.Model != tc.want {
				t.Errorf("chose %s, want %s; candidates %+v", res.Model, tc.want, res.Candidates)
			}
			if len(res.Candidates) != 2 || res.Candidates[0].Model != tc.want {
				t.Errorf("candidates not ranked best first: %+v", res.Candidates)
			}
			if res.Backtest.Origins != backtestOrigins {
				t.Errorf("backtest used %d origins, want %d", res.Backtest.Origins, backtestOrigins)
			}
		})
	}
}

func TestRun_Errors(t *testing.T) {
	start := time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)
	s := synth(start, 21, time.Hour, nil, seasonal)
	if _, err := Run(Series{}, Options{Horizon: time.Hour}); !errors.Is(err, ErrEmptyHistory) {
		t.Errorf("empty history: %v, want ErrEmptyHistory", err)
	}
	if _, err := Run(s, Options{}); !errors.Is(err, ErrHorizon) {
		t.Errorf("zero horizon: %v, want ErrHorizon", err)
	}
	if _, err := Run(s, Options{Horizon: MaxHorizon + time.Nanosecond}); !errors.Is(err, ErrHorizon) {
		t.Errorf("horizon past MaxHorizon: %v, want ErrHorizon", err)
	}
	if _, err := Run(s, Options{Horizon: time.Hour, Models: []string{"prophet"}}); !errors.Is(err, ErrUnknownModel) {
		t.Errorf("unknown model: %v, want ErrUnknownModel", err)
	}
	bad := Series{Points: append([]Observation(nil), s.Points...)}
	bad.Points[3].Volume = -1
	var ve *ValidationError
	if _, err := Run(bad, Options{Horizon: time.Hour}); !errors.As(err, &ve) || ve.Fields[0].Field != "points[3].volume" {
		t.Errorf("negative volume: %v, want a ValidationError on points[3].volume", err)
	}
	// 21 days of hourly history from 4 January: the last interval starts
	// 24 January 23:00. MaxHorizon after it is accepted, an hour later not.
	last := start.AddDate(0, 0, 21).Add(-time.Hour)
	if _, err := Run(s, Options{Horizon: time.Hour, Start: last.Add(MaxHorizon)}); err != nil {
		t.Errorf("start MaxHorizon after the history: %v, want a forecast", err)
	}
	_, err := Run(s, Options{Horizon: time.Hour, Start: last.Add(MaxHorizon + time.Hour)})
	if !errors.As(err, &ve) || ve.Fields[0].Field != "start" {
		t.Errorf("start past MaxHorizon after the history: %v, want a ValidationError on start", err)
	}
	if _, err := Run(s, Options{Horizon: time.Hour, Start: start.Add(-24 * time.Hour)}); !errors.As(err, &ve) || ve.Fields[0].Field != "start" {
		t.Errorf("start before the history: %v, want a ValidationError on start", err)
	}
}

// Adjustments apply after the model: +50 % multiplies forecast and
// quantiles by 1.5 inside the range only; Set replaces them.
func TestRun_Adjustments(t *testing.T) {
	start := time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)
	s := synth(start, 7*5, time.Hour, nil, seasonal)
	end := start.AddDate(0, 0, 7*5)
	plain, err := Run(s, Options{Horizon: 48 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	adj, err := Run(s, Options{Horizon: 48 * time.Hour, Adjustments: []Adjustment{
		{Start: end.Add(2 * time.Hour), End: end.Add(4 * time.Hour), Percent: 50},
		{Start: end.Add(30 * time.Hour), End: end.Add(31 * time.Hour), Set: true, Volume: 7},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range adj.Points {
		q := plain.Points[i]
		k := p.Start.Sub(end) / time.Hour
		switch {
		case k == 2 || k == 3:
			if math.Abs(p.Forecast-1.5*q.Forecast) > 1e-9 || math.Abs(p.P90-1.5*q.P90) > 1e-9 {
				t.Errorf("hour %d: %+v, want 1.5 × %+v", k, p, q)
			}
		case k == 30:
			if p.Forecast != 7 || p.P10 != 7 || p.P90 != 7 {
				t.Errorf("hour %d: %+v, want all 7", k, p)
			}
		default:
			if p != q {
				t.Errorf("hour %d changed: %+v, was %+v", k, p, q)
			}
		}
	}
	if _, err := Run(s, Options{Horizon: time.Hour, Adjustments: []Adjustment{{Start: end, End: end}}}); err == nil {
		t.Error("empty adjustment range accepted")
	}
}

// TestAdjustmentValidate_Limits: each limit itself is valid, a step past it
// is refused naming the field.
func TestAdjustmentValidate_Limits(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := Adjustment{Start: t0, End: t0.Add(time.Hour)}
	for _, a := range []Adjustment{
		{Percent: -100}, {Percent: MaxAdjustPercent}, {Set: true}, {Set: true, Volume: MaxAdjustVolume},
	} {
		a.Start, a.End = r.Start, r.End
		if err := a.Validate(); err != nil {
			t.Errorf("%v: %v, want valid", a, err)
		}
	}
	for field, a := range map[string]Adjustment{
		"adjustment.percent": {Percent: MaxAdjustPercent + 0.5},
		"adjustment.volume":  {Set: true, Volume: MaxAdjustVolume + 1},
	} {
		a.Start, a.End = r.Start, r.End
		var ve *ValidationError
		if err := a.Validate(); !errors.As(err, &ve) || ve.Fields[0].Field != field {
			t.Errorf("%v: %v, want an error on %s", a, err, field)
		}
	}
}

// Handle time is forecast per slot from history: a constant AHT per slot is
// forecast exactly.
func TestRun_AHT(t *testing.T) {
	start := time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)
	s := synth(start, 7*5, time.Hour, nil, seasonal)
	for i := range s.Points {
		s.Points[i].AHT = time.Duration(180+s.Points[i].Start.Hour()) * time.Second
	}
	res, err := Run(s, Options{Horizon: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Points {
		if want := time.Duration(180+p.Start.Hour()) * time.Second; p.AHT != want {
			t.Fatalf("%s: AHT %v, want %v", p.Start, p.AHT, want)
		}
	}
}

// A short history: a weekday not yet seen is forecast like the days that
// were (the profile model's mean over weekdays: here the mean of Monday's
// and Tuesday's totals, since f_Mon·ℓ = T_Mon and f_Tue·ℓ = T_Tue), while a
// weekday that passed without data is closed.
func TestRun_ShortHistory(t *testing.T) {
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // Monday
	s := synth(start, 2, time.Hour, weekdayHours, seasonal)
	res, err := Run(s, Options{Horizon: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	var mon, tue, wed float64
	for _, o := range s.Points {
		if o.Start.Weekday() == time.Monday {
			mon += o.Volume
		} else {
			tue += o.Volume
		}
	}
	for _, p := range res.Points {
		wed += p.Forecast
	}
	if want := (mon + tue) / 2; math.Abs(wed-want) > 1e-9*want || res.Backtest.Origins != 0 {
		t.Errorf("Wednesday total %v, want %v (model %s, %d origins)", wed, want, res.Model, res.Backtest.Origins)
	}

	week := synth(start, 8, time.Hour, weekdayHours, seasonal) // Monday to Monday
	res, err = Run(week, Options{Horizon: 6 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Points {
		if wd := p.Start.Weekday(); (wd == time.Saturday || wd == time.Sunday) && p.Forecast != 0 {
			t.Fatalf("%s: %v on a weekday the history never had data on", p.Start, p.Forecast)
		}
	}
}

// Kolkata is UTC+05:30: an hourly centre there works 09:00, 10:00 … local,
// which are half past the hour in UTC. Rounding a start down must keep the
// local grid.
func TestFloorWall(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	got := floorWall(time.Date(2026, 1, 5, 9, 47, 0, 0, kolkata), time.Hour)
	if want := time.Date(2026, 1, 5, 9, 0, 0, 0, kolkata); !got.Equal(want) {
		t.Errorf("floorWall = %s, want %s", got, want)
	}
}
