package api_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/api"
)

// TestForecast_RunAdjustRequirements imports four weeks of a flat history
// (weekdays 08:00–18:00 Berlin, 20 calls per quarter-hour, AHT 300 s),
// forecasts the next week in a background job, adjusts Monday by +50 % and
// reads the staffing requirement.
func TestForecast_RunAdjustRequirements(t *testing.T) {
	f := sqliteFixture(t)
	lead := f.login(t, "leadA")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	importFlatHistory(t, f, lead)
	forecastID, points := forecastWeek(t, f, lead, time.Date(2026, 3, 2, 0, 0, 0, 0, berlin))
	monday9 := time.Date(2026, 3, 2, 9, 0, 0, 0, berlin)
	base := math.NaN()
	for _, p := range points {
		if p.Start.Equal(monday9) {
			base = p.Forecast
		}
	}
	// A flat history forecasts about its level: 20 calls.
	if math.IsNaN(base) || math.Abs(base-20) > 2 {
		t.Fatalf("Monday 09:00 forecast = %v, want about 20 (the flat history's level)", base)
	}
	res, body := lead.do("POST", "/api/v1/forecasts/"+forecastID+"/adjustments", map[string]any{
		"from": time.Date(2026, 3, 2, 0, 0, 0, 0, berlin), "to": time.Date(2026, 3, 3, 0, 0, 0, 0, berlin), "percent": 50}, nil)
	if res.StatusCode != 200 {
		t.Fatalf("adjust: %d %s", res.StatusCode, body)
	}
	type adjustedPoint struct {
		forecastPoint
		Base *float64
	}
	for _, p := range decode[struct{ Points []adjustedPoint }](t, body).Points {
		// +50 % means × 1.5 (forecast.Adjustment).
		if p.Start.Equal(monday9) && math.Abs(p.Forecast-1.5*base) > 1e-9 {
			t.Errorf("adjusted Monday 09:00 = %v, want 1.5 × %v", p.Forecast, base)
		}
		// The model's figure stays visible beside the adjusted one on
		// the adjusted (open) intervals of Monday, and only there.
		monday := p.Start.Before(time.Date(2026, 3, 3, 0, 0, 0, 0, berlin))
		switch {
		case monday && p.Forecast > 0 && (p.Base == nil || math.Abs(1.5**p.Base-p.Forecast) > 1e-9):
			t.Errorf("%v: base %v, want the model's forecast %v / 1.5", p.Start, p.Base, p.Forecast)
		case !monday && p.Base != nil:
			t.Errorf("%v: base %v on an interval no adjustment covers", p.Start, *p.Base)
		}
	}
	_, body = lead.do("GET", "/api/v1/requirements?queue="+f.queue.ID+"&from=2026-03-02T09:00:00%2B01:00&to=2026-03-02T09:15:00%2B01:00", nil, nil)
	reqs := decode[struct {
		Items []struct {
			Volume  float64
			Erlangs float64
			Agents  int
		}
	}](t, body).Items
	if len(reqs) != 1 {
		t.Fatalf("requirements = %s", body)
	}
	r := reqs[0]
	// Offered load A = volume × AHT / interval = V × 300 s / 900 s.
	if math.Abs(r.Volume-1.5*base) > 1e-9 || math.Abs(r.Erlangs-r.Volume*300/900) > 0.05 || r.Agents <= int(r.Erlangs) {
		t.Errorf("requirement = %+v, want load V·300/900 and more agents than erlangs (Erlang C stability)", r)
	}
	// Adjustments past their limits, or outside the forecast's week, are
	// refused naming the field as sent, and change nothing.
	adjust := func(body map[string]any) (*http.Response, []byte) {
		return lead.do("POST", "/api/v1/forecasts/"+forecastID+"/adjustments", body, nil)
	}
	_, before := lead.do("GET", "/api/v1/forecasts/"+forecastID, nil, nil)
	tue9, tue915 := time.Date(2026, 3, 3, 9, 0, 0, 0, berlin), time.Date(2026, 3, 3, 9, 15, 0, 0, berlin)
	for field, body := range map[string]map[string]any{
		"absolute": {"from": tue9, "to": tue915, "absolute": 1e9},
		"percent":  {"from": tue9, "to": tue915, "percent": 1001},
		"from":     {"from": tue9.AddDate(1, 0, 0), "to": tue915.AddDate(1, 0, 0), "percent": 10},
	} {
		if res, got := adjust(body); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(got), `"field":"`+field+`"`) {
			t.Errorf("adjustment %v: %d %s, want 422 naming %s", body, res.StatusCode, got, field)
		}
	}
	if _, after := lead.do("GET", "/api/v1/forecasts/"+forecastID, nil, nil); string(after) != string(before) {
		t.Errorf("refused adjustments changed the forecast")
	}
	// A day's volume set on one interval by mistake, within the limit: 10⁶
	// calls of 300 s in 15 minutes offer 3.3·10⁵ erlangs, past
	// staffing.MaxErlangs. The requirements are refused, naming the
	// interval, and the forecast keeps the adjustment for the lead to
	// correct.
	if res, body := adjust(map[string]any{"from": tue9, "to": tue915, "absolute": 1e6}); res.StatusCode != 200 {
		t.Fatalf("absolute adjustment: %d %s", res.StatusCode, body)
	}
	res, body = lead.do("GET", "/api/v1/requirements?queue="+f.queue.ID+"&from=2026-03-03T09:00:00%2B01:00&to=2026-03-03T09:30:00%2B01:00", nil, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "2026-03-03T08:00:00Z") || !strings.Contains(string(body), "erlangs") {
		t.Errorf("requirements of 10⁶ calls: %d %s, want 422 naming the interval and its erlangs", res.StatusCode, body)
	}
}

// importFlatHistory imports four weeks of a flat history into the
// fixture's queue: weekdays 08:00–18:00 in Berlin from Monday 2 February
// 2026 to Friday 27 February, 20 calls per quarter-hour, AHT 300 s.
func importFlatHistory(t *testing.T, f *fixture, lead *client) {
	t.Helper()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	var csv strings.Builder
	csv.WriteString("interval_start,offered,aht_seconds\n")
	for d := time.Date(2026, 2, 2, 0, 0, 0, 0, berlin); d.Before(time.Date(2026, 2, 28, 0, 0, 0, 0, berlin)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		for m := 8 * 60; m < 18*60; m += 15 {
			fmt.Fprintf(&csv, "%sT%02d:%02d,20,300\n", d.Format("2006-01-02"), m/60, m%60)
		}
	}
	if res, body := lead.do("POST", "/api/v1/queues/"+f.queue.ID+"/history", csv.String(), nil); res.StatusCode != 200 {
		t.Fatalf("import: %d %s", res.StatusCode, body)
	}
}

type forecastPoint struct {
	Start    time.Time
	Forecast float64
}

// forecastWeek forecasts the fixture's queue for the week from start in
// a background job, and returns the forecast's ID and points.
func forecastWeek(t *testing.T, f *fixture, lead *client, start time.Time) (string, []forecastPoint) {
	t.Helper()
	res, body := lead.do("POST", "/api/v1/forecasts", map[string]any{"queue_id": f.queue.ID, "horizon": "7d", "start": start}, nil)
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("forecast: %d %s", res.StatusCode, body)
	}
	jobID := decode[map[string]string](t, body)["job_id"]
	w := api.NewWorker(f.db, quietLog(), api.WorkerConfig{})
	_, err := w.RunOnce(context.Background())
	must(t, err)
	_, body = lead.do("GET", "/api/v1/jobs/"+jobID, nil, nil)
	job := decode[struct {
		Status, Error string
		Result        struct {
			ForecastID string `json:"forecast_id"`
		}
	}](t, body)
	if job.Status != "succeeded" {
		t.Fatalf("job = %s", body)
	}
	_, body = lead.do("GET", "/api/v1/forecasts/"+job.Result.ForecastID, nil, nil)
	return job.Result.ForecastID, decode[struct{ Points []forecastPoint }](t, body).Points
}

// TestForecast_SiteHoliday: the flat weekday history of
// importFlatHistory, where the centre closes at weekends, forecast for
// the week of 2 March 2026 after the site made Wednesday 4 March a
// holiday of its own: a holiday the history holds none of is forecast
// as the site's rest day, closed (README, Forecast), while Tuesday
// keeps the history's 20 calls a quarter-hour.
func TestForecast_SiteHoliday(t *testing.T) {
	f := sqliteFixture(t)
	lead := f.login(t, "leadA")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	importFlatHistory(t, f, lead)
	if res, body := f.login(t, "admin").do("PUT", "/api/v1/sites/"+f.site.ID+"/holidays/2026-03-04", map[string]any{"name": "Betriebsausflug"}, nil); res.StatusCode != 200 {
		t.Fatalf("site holiday: %d %s", res.StatusCode, body)
	}
	_, points := forecastWeek(t, f, lead, time.Date(2026, 3, 2, 0, 0, 0, 0, berlin))
	day := map[int]float64{}
	for _, p := range points {
		if h := p.Start.In(berlin).Hour(); h >= 8 && h < 18 {
			day[p.Start.In(berlin).Day()] += p.Forecast
		}
	}
	// 40 quarter-hours of 20 calls: 800 a day.
	if math.Abs(day[3]-800) > 80 || day[4] > 1 {
		t.Errorf("Tuesday %v calls, Wednesday (the site's holiday) %v; want about 800 and none", day[3], day[4])
	}
}

// TestForecast_BadStartFailsOnce: a forecast starting before the history,
// or more than forecast.MaxHorizon after it, cannot succeed on a retry: the
// job fails at its first attempt with the reason, naming start.
func TestForecast_BadStartFailsOnce(t *testing.T) {
	f := sqliteFixture(t)
	ctx := context.Background()
	lead := f.login(t, "leadA")
	var csv strings.Builder
	csv.WriteString("interval_start,offered\n")
	for h := 0; h < 48; h++ { // 2 and 3 February 2026, hourly
		fmt.Fprintf(&csv, "2026-02-%02dT%02d:00,%d\n", 2+h/24, h%24, 10+h%24)
	}
	if res, body := lead.do("POST", "/api/v1/queues/"+f.queue.ID+"/history", csv.String(), nil); res.StatusCode != 200 {
		t.Fatalf("import: %d %s", res.StatusCode, body)
	}
	w := api.NewWorker(f.db, quietLog(), api.WorkerConfig{})
	for _, start := range []time.Time{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)} {
		res, body := lead.do("POST", "/api/v1/forecasts", map[string]any{"queue_id": f.queue.ID, "horizon": "1d", "start": start}, nil)
		if res.StatusCode != http.StatusAccepted {
			t.Fatalf("forecast: %d %s", res.StatusCode, body)
		}
		jobID := decode[map[string]string](t, body)["job_id"]
		_, err := w.RunOnce(ctx)
		must(t, err)
		_, body = lead.do("GET", "/api/v1/jobs/"+jobID, nil, nil)
		job := decode[struct {
			Status, Error string
			Attempts      int
		}](t, body)
		if job.Status != "failed" || job.Attempts != 1 || !strings.Contains(job.Error, "start") {
			t.Errorf("start %s: job %s, want failed at the first attempt naming start", start.Format(time.DateOnly), body)
		}
	}
}

// TestForecast_RemoveAdjustment: a lead takes one of two adjustments off
// a forecast; the intervals only it changed show the model's figure again
// (no base), the other adjustment stays, and the removed one, or one
// never made, is 404.
func TestForecast_RemoveAdjustment(t *testing.T) {
	f := sqliteFixture(t)
	lead := f.login(t, "leadA")
	id := storedForecast(f)
	path := "/api/v1/forecasts/" + id + "/adjustments"
	type adjustment struct {
		ID       string
		Percent  *float64
		Absolute *float64
	}
	type point struct {
		Start    time.Time
		Forecast float64
		Base     *float64
	}
	type forecastBody struct {
		Points      []point
		Adjustments []adjustment
	}
	// storedForecast: 10 calls in each quarter-hour of [week, week+1h).
	if res, body := lead.do("POST", path, map[string]any{"from": week, "to": week.Add(time.Hour), "percent": 20}, nil); res.StatusCode != 200 {
		t.Fatalf("adjust +20 %%: %d %s", res.StatusCode, body)
	}
	res, body := lead.do("POST", path, map[string]any{"from": week, "to": week.Add(15 * time.Minute), "absolute": 3}, nil)
	if res.StatusCode != 200 {
		t.Fatalf("adjust = 3: %d %s", res.StatusCode, body)
	}
	fc := decode[forecastBody](t, body)
	if len(fc.Adjustments) != 2 || fc.Adjustments[0].ID == "" || fc.Adjustments[0].Percent == nil {
		t.Fatalf("adjustments = %s, want +20 %% then = 3, each with an id", body)
	}
	plus := fc.Adjustments[0].ID
	res, body = lead.do("DELETE", path+"/"+plus, nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("remove +20 %%: %d %s", res.StatusCode, body)
	}
	fc = decode[forecastBody](t, body)
	if len(fc.Adjustments) != 1 || fc.Adjustments[0].Absolute == nil || *fc.Adjustments[0].Absolute != 3 {
		t.Errorf("adjustments after removal = %+v, want = 3 only", fc.Adjustments)
	}
	for _, p := range fc.Points {
		// The first quarter-hour is still set to 3 over the model's 10;
		// the others are the model's 10, no longer 10 × 1.2.
		want, base := 10.0, false
		if p.Start.Equal(week) {
			want, base = 3, true
		}
		if p.Forecast != want || (p.Base != nil) != base {
			t.Errorf("%v: forecast %v (base %v), want %v with base shown %t", p.Start, p.Forecast, p.Base, want, base)
		}
	}
	for _, adj := range []string{plus, "no-such-adjustment"} {
		if res, body := lead.do("DELETE", path+"/"+adj, nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("remove %s again: %d %s, want 404", adj, res.StatusCode, body)
		}
	}
	if _, body := lead.do("GET", "/api/v1/forecasts/"+id, nil, nil); len(decode[forecastBody](t, body).Adjustments) != 1 {
		t.Errorf("stored forecast after the refused removals: %s, want the = 3 adjustment kept", body)
	}
}
