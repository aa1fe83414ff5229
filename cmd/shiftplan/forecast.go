package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shiftplan/shiftplan/forecast"
	"github.com/shiftplan/shiftplan/scheduling/holiday"
)

// runForecast is `shiftplan forecast`: it reads an interval history CSV,
// forecasts --horizon from its end with the automatically chosen model and
// writes interval_start,forecast,p10,p90 as CSV, plus a one-line JSON
// summary on stderr.
func runForecast(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("forecast", "forecast --history FILE.csv --horizon DURATION [--tz ZONE] [--country CC[-REGION]] [--out FILE.csv]", io)
	histPath := fs.String("history", "", "interval history CSV (interval_start, calls|volume|offered[, aht_seconds][, interval_minutes])")
	horizonArg := fs.String("horizon", "", "how far to forecast from the end of the history: 7d, 2w or a Go duration like 36h")
	tz := fs.String("tz", "UTC", "IANA time zone of the site (local timestamps are read in it)")
	country := fs.String("country", "", "public-holiday calendar: ISO country code, optionally with region (US, DE-BY)")
	outPath := fs.String("out", "", "write the forecast CSV here instead of stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := requireFlags(fs, "history", "horizon"); err != nil {
		return err
	}
	horizon, err := parseHorizon(*horizonArg)
	if err != nil {
		return usagef("--horizon: %v", err)
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return usagef("--tz: unknown time zone %q", *tz)
	}
	cal, err := holiday.For(*country)
	if err != nil {
		return usagef("--country: %v", err)
	}
	out := io.out
	if *outPath != "" {
		of, err := createOut(*outPath)
		if err != nil {
			return err
		}
		defer of.Discard()
		out = of
	}
	f, err := os.Open(*histPath)
	if err != nil {
		return err
	}
	defer f.Close()
	series, err := forecast.ParseCSV(f, loc)
	if err != nil {
		return fmt.Errorf("%s: %w", *histPath, err)
	}
	// Rows of several interval lengths (30-minute rows of an old system
	// before 15-minute ones) are forecast on the finest grid, as the API
	// does with stored history.
	res, err := forecast.Run(series.OnFinestGrid(), forecast.Options{Horizon: horizon, Holidays: cal})
	if err != nil {
		return err
	}
	if err := forecast.WriteCSV(out, res.Points, series.Style); err != nil {
		return fmt.Errorf("writing forecast: %w", err)
	}
	// The summary line is a contract: model, backtest_wape (null when the
	// history was too short to backtest), interval, points.
	summary := struct {
		Model        string   `json:"model"`
		BacktestWAPE *float64 `json:"backtest_wape"`
		Interval     string   `json:"interval"`
		Points       int      `json:"points"`
	}{Model: res.Model, Interval: res.Interval.String(), Points: len(res.Points)}
	if !math.IsNaN(res.Backtest.WAPE) && res.Backtest.Origins > 0 {
		w := math.Round(res.Backtest.WAPE*1e4) / 1e4
		summary.BacktestWAPE = &w
	}
	line, err := json.Marshal(summary)
	if err != nil {
		return err
	}
	if of, ok := out.(*outFile); ok {
		if err := of.Commit(); err != nil {
			return err
		}
	}
	fmt.Fprintf(io.err, "%s\n", line)
	return nil
}

// parseHorizon reads "7d", "2w" or a Go duration ("36h", "90m").
func parseHorizon(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	var err error
	switch {
	case strings.HasSuffix(s, "d") || strings.HasSuffix(s, "w"):
		n, perr := strconv.Atoi(s[:len(s)-1])
		if perr != nil {
			err = perr
			break
		}
		unit := 24 * time.Hour
		if strings.HasSuffix(s, "w") {
			unit *= 7
		}
		if n > int(forecast.MaxHorizon/unit)+1 {
			n = int(forecast.MaxHorizon/unit) + 1 // refused below, without overflowing
		}
		d = time.Duration(n) * unit
	default:
		d, err = time.ParseDuration(s)
	}
	if err != nil {
		return 0, fmt.Errorf("want 7d, 2w or a Go duration like 36h, got %q", s)
	}
	if d <= 0 {
		return 0, fmt.Errorf("must be positive, got %q", s)
	}
	if d > forecast.MaxHorizon {
		return 0, fmt.Errorf("at most %dd (two years), got %q", forecast.MaxHorizon/(24*time.Hour), s)
	}
	return d, nil
}

// benchDataset is one series of the forecast benchmark and its peer figure:
// the best WAPE among R forecast 8.20's models and the calendar-aware N-week
// averages, from ../shared/benchmarks/forecast/README.md ("Peer figures").
type benchDataset struct {
	name     string
	file     string
	bestPeer float64
	peerName string
	// origins returns the test blocks: each a list of test dates.
	origins func(dates []string, dev bool) ([][]string, error)
	// holidays is the site's public-holiday calendar (holiday.For code);
	// empty when none is known.
	holidays string
	// worked are the public holidays the site opens on as on an ordinary
	// day: part of its own calendar, known ahead like any site's.
	worked []holiday.Day
}

var benchDatasets = []benchDataset{
	// The US bank closes on Memorial Day, Independence Day and Labor Day
	// (no rows) but takes calls on Columbus Day at its usual volume.
	{"us_bank_5min", "bank_calls_us_2003_5min.csv", 0.0937, "week average N=6", usOrigins,
		"US", []holiday.Day{{Year: 2003, Month: time.October, Day: 13, Working: true}}},
	// rickar/cal has no Israeli calendar.
	{"israel_bank_6min", "anonymous_bank_israel_1999_6min.csv", 0.3330, "week average N=8", israelOrigins, "", nil},
}

// calendar is the dataset's holiday calendar with its worked days, nil
// when it has none.
func (ds benchDataset) calendar() (*holiday.Calendar, error) {
	if ds.holidays == "" {
		return nil, nil
	}
	c, err := holiday.For(ds.holidays)
	if err != nil {
		return nil, err
	}
	if len(ds.worked) == 0 {
		return c, nil
	}
	return c.With(ds.worked), nil
}

// describeHolidays names the dataset's calendar and worked days for the
// benchmark's header: "US, worked 2003-10-13" or "none".
func (ds benchDataset) describeHolidays() string {
	if ds.holidays == "" {
		return "none"
	}
	var days []string
	for _, d := range ds.worked {
		days = append(days, d.Date().Format(time.DateOnly))
	}
	if len(days) == 0 {
		return ds.holidays
	}
	return ds.holidays + ", worked " + strings.Join(days, " ")
}

const benchTargetRatio = 0.95

// usOrigins: the 8 blocks of 5 consecutive data days starting at data day
// index n−40, every 5 data days (development protocol: n−80).
func usOrigins(dates []string, dev bool) ([][]string, error) {
	n := len(dates)
	first := n - 40
	if dev {
		first = n - 80
	}
	if first < 20 {
		return nil, fmt.Errorf("only %d data days", n)
	}
	var out [][]string
	for k := 0; k < 8; k++ {
		out = append(out, dates[first+5*k:first+5*k+5])
	}
	return out, nil
}

// israelOrigins: the 8 weeks starting on Sundays 1999-10-31 … 12-19
// (development protocol: the 8 weeks before, from 1999-09-05).
func israelOrigins(dates []string, dev bool) ([][]string, error) {
	start := time.Date(1999, 10, 31, 0, 0, 0, 0, time.UTC)
	if dev {
		start = start.AddDate(0, 0, -56)
	}
	have := map[string]bool{}
	for _, d := range dates {
		have[d] = true
	}
	var out [][]string
	for k := 0; k < 8; k++ {
		var week []string
		for j := 0; j < 7; j++ {
			d := start.AddDate(0, 0, 7*k+j).Format("2006-01-02")
			if !have[d] {
				return nil, fmt.Errorf("test day %s not in the data", d)
			}
			week = append(week, d)
		}
		out = append(out, week)
	}
	return out, nil
}

// runBenchForecast is `shiftplan bench forecast`: the protocol of
// shared/benchmarks/forecast/README.md on both real series, with the
// engine's automatic model choice at every origin.
func runBenchForecast(ctx context.Context, args []string, io stdio) error {
	fs := newFlags("bench forecast", "bench forecast [--data DIR] [--protocol test|dev] [--holidays=false]", io)
	dataDir := fs.String("data", "", "directory with the real series (default: shared/data found by walking up from the working directory)")
	protocol := fs.String("protocol", "test", "origins: test (the published protocol) or dev (the 8 blocks before them, for tuning)")
	model := fs.String("model", "", "force one model (default: the engine's automatic choice)")
	useHolidays := fs.Bool("holidays", true, "give each series its site's holiday calendar (false: no calendars, for comparison)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *protocol != "test" && *protocol != "dev" {
		return usagef("--protocol: want test or dev, got %q", *protocol)
	}
	if m := strings.ToLower(strings.TrimSpace(*model)); m != "" && !slices.Contains(forecast.Models(), m) {
		return usagef("--model: %q is not one of %s", *model, strings.Join(forecast.Models(), ", "))
	}
	dir := *dataDir
	if dir == "" {
		var err error
		if dir, err = findShared("--data", "data"); err != nil {
			return err
		}
	}
	t0 := time.Now()
	var hols []string
	for _, ds := range benchDatasets {
		h := "none"
		if *useHolidays {
			h = ds.describeHolidays()
		}
		hols = append(hols, ds.name+" "+h)
	}
	fmt.Fprintf(io.out, "forecast benchmark: data %s, protocol %s (rolling origins, 1-week horizon; holidays: %s)\n", dir, *protocol, strings.Join(hols, "; "))
	tw := tabwriter.NewWriter(io.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "dataset\tmodel (per origin)\tWAPE\tbest peer\tpeer WAPE\tratio\ttarget\tseconds\tp10–p90 coverage\tdays\t\n")
	for _, ds := range benchDatasets {
		if err := ctx.Err(); err != nil {
			return err
		}
		var cal *holiday.Calendar
		if *useHolidays {
			var err error
			if cal, err = ds.calendar(); err != nil {
				return fmt.Errorf("%s: %w", ds.name, err)
			}
		}
		r, err := benchOne(dir, ds, *protocol == "dev", *model, cal)
		if err != nil {
			return fmt.Errorf("%s: %w", ds.name, err)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.4f\t%s\t%.4f\t%.3f\t%.2f\t%.1f\t%.2f\t%.3f\t\n",
			ds.name, r.models, r.wape, ds.peerName, ds.bestPeer, r.wape/ds.bestPeer, benchTargetRatio, r.seconds, r.coverage, r.dayCoverage)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(io.out, "whole benchmark: %.1f s wall (seconds column: forecasting only, summed over the 8 origins)\n", time.Since(t0).Seconds())
	if *protocol == "dev" {
		fmt.Fprintln(io.out, "(development origins: the peer figures are for the test origins)")
	}
	return nil
}

type benchResult struct {
	wape     float64
	coverage float64 // share of test intervals with p10 ≤ actual ≤ p90 (nominal 0.8)
	// dayCoverage is the share of test days whose total lies in the day
	// band, Quantiles(Σ forecast, DayDispersion) at 0.1 and 0.9 (nominal 0.8).
	dayCoverage float64
	seconds     float64
	models      string
}

// benchOne runs the protocol on one dataset; cal is its holiday calendar,
// nil for none.
func benchOne(dir string, ds benchDataset, dev bool, model string, cal *holiday.Calendar) (benchResult, error) {
	f, err := os.Open(filepath.Join(dir, ds.file))
	if err != nil {
		return benchResult{}, err
	}
	series, err := forecast.ParseCSV(f, time.UTC)
	f.Close()
	if err != nil {
		return benchResult{}, err
	}
	var dates []string
	byDate := map[string][]forecast.Observation{}
	for _, p := range series.Points {
		d := p.Start.Format("2006-01-02")
		if _, ok := byDate[d]; !ok {
			dates = append(dates, d)
		}
		byDate[d] = append(byDate[d], p)
	}
	sort.Strings(dates)
	blocks, err := ds.origins(dates, dev)
	if err != nil {
		return benchResult{}, err
	}
	var abs, act, secs float64
	inside, total := 0, 0
	daysInside, days := 0, 0
	counts := map[string]int{}
	for _, block := range blocks {
		var hist []forecast.Observation
		for _, d := range dates {
			if d < block[0] {
				hist = append(hist, byDate[d]...)
			}
		}
		from, _ := time.Parse("2006-01-02", block[0])
		to, _ := time.Parse("2006-01-02", block[len(block)-1])
		to = to.AddDate(0, 0, 1)
		t0 := time.Now()
		opts := forecast.Options{Start: from, Horizon: to.Sub(from)}
		if cal != nil {
			opts.Holidays = cal
		}
		if model != "" {
			opts.Models = []string{model}
		}
		res, err := forecast.Run(forecast.Series{Points: hist, Location: time.UTC}, opts)
		secs += time.Since(t0).Seconds()
		if err != nil {
			return benchResult{}, fmt.Errorf("origin %s: %w", block[0], err)
		}
		counts[res.Model]++
		fc := make(map[int64]forecast.Point, len(res.Points))
		for _, p := range res.Points {
			fc[p.Start.Unix()] = p
		}
		for _, d := range block {
			var dayAct, dayFc float64
			for _, o := range byDate[d] {
				p := fc[o.Start.Unix()] // a missing forecast is 0
				abs += math.Abs(math.Max(0, p.Forecast) - o.Volume)
				act += o.Volume
				if p.P10 <= o.Volume && o.Volume <= p.P90 {
					inside++
				}
				total++
				dayAct += o.Volume
				dayFc += math.Max(0, p.Forecast)
			}
			q := forecast.Quantiles(dayFc, res.DayDispersion, []float64{0.1, 0.9})
			if q[0] <= dayAct && dayAct <= q[1] {
				daysInside++
			}
			days++
		}
	}
	var names []string
	for m, c := range counts {
		names = append(names, fmt.Sprintf("%s×%d", m, c))
	}
	sort.Strings(names)
	return benchResult{wape: abs / act, coverage: float64(inside) / float64(total), dayCoverage: float64(daysInside) / float64(days),
		seconds: secs, models: strings.Join(names, " ")}, nil
}
