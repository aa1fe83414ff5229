package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeHistory writes four weeks of hourly history, open 08:00–17:00 every
// day, with a weekly pattern that repeats exactly.
func writeHistory(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("interval_start,calls,queue\n")
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for d := 0; d < 28; d++ {
		for h := 8; h < 17; h++ {
			ts := start.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour)
			fmt.Fprintf(&b, "%s,%d,sales\n", ts.Format("2006-01-02T15:04"), 10+h+int(ts.Weekday()))
		}
	}
	p := filepath.Join(dir, "history.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func TestForecastCommand(t *testing.T) {
	dir := t.TempDir()
	hist := writeHistory(t, dir)
	code, out, errOut := runCmd("forecast", "--history", hist, "--horizon", "2d", "--country", "DE-BY", "--tz", "Europe/Berlin")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// 2 days × 24 hourly intervals, closed hours as 0, plus the header.
	if len(lines) != 49 || lines[0] != "interval_start,forecast,p10,p90" {
		t.Fatalf("got %d lines starting %q", len(lines), lines[0])
	}
	// The history ends Sunday 2026-02-01 16:00; the forecast starts at the
	// next interval, 17:00, in the input's local style. The pattern repeats
	// exactly, so Monday 09:00 is 10 + 9 + 1 = 20 calls.
	if !strings.HasPrefix(lines[1], "2026-02-01T17:00,0.00,") {
		t.Errorf("first row %q", lines[1])
	}
	found := false
	for _, l := range lines {
		if strings.HasPrefix(l, "2026-02-02T09:00,") {
			found = true
			if !strings.HasPrefix(l, "2026-02-02T09:00,20.00,") {
				t.Errorf("Monday 09:00: %q, want forecast 20.00", l)
			}
		}
	}
	if !found {
		t.Error("no row for Monday 09:00")
	}
	if strings.Count(errOut, "\n") != 1 {
		t.Fatalf("stderr is not one line: %q", errOut)
	}
	var summary struct {
		Model        string   `json:"model"`
		BacktestWAPE *float64 `json:"backtest_wape"`
		Interval     string   `json:"interval"`
		Points       int      `json:"points"`
	}
	if err := json.Unmarshal([]byte(errOut), &summary); err != nil {
		t.Fatalf("stderr %q: %v", errOut, err)
	}
	if summary.Model == "" || summary.Interval != "1h0m0s" || summary.Points != 48 || summary.BacktestWAPE == nil {
		t.Errorf("summary %+v", summary)
	}

	// --out writes the same CSV to a file and nothing to stdout.
	outFile := filepath.Join(dir, "fc.csv")
	code, out2, errOut := runCmd("forecast", "--history", hist, "--horizon", "48h", "--out", outFile, "--tz", "Europe/Berlin", "--country", "DE-BY")
	if code != 0 || out2 != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out2, errOut)
	}
	if b, err := os.ReadFile(outFile); err != nil || string(b) != out {
		t.Errorf("--out file differs from stdout output (%v)", err)
	}
}

func TestForecastCommand_Errors(t *testing.T) {
	dir := t.TempDir()
	hist := writeHistory(t, dir)
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("interval_start,calls\n2026-01-05T08:00,3\n2026-01-05T09:00,many\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"BadRow", []string{"--history", bad, "--horizon", "1d"}, 1, "line 3"},
		{"MissingHorizon", []string{"--history", hist}, 2, "--horizon"},
		{"BadHorizon", []string{"--history", hist, "--horizon", "soon"}, 2, "--horizon"},
		// Past forecast.MaxHorizon (731 days), and a count of days whose
		// nanoseconds overflow int64, refused before any forecasting.
		{"LongHorizon", []string{"--history", hist, "--horizon", "732d"}, 2, "at most 731d"},
		{"HugeHorizon", []string{"--history", hist, "--horizon", "99999999999d"}, 2, "at most 731d"},
		{"BadZone", []string{"--history", hist, "--horizon", "1d", "--tz", "Mars/Olympus"}, 2, "--tz"},
		{"BadCountry", []string{"--history", hist, "--horizon", "1d", "--country", "XX"}, 2, "--country"},
		{"NoFile", []string{"--history", filepath.Join(dir, "none.csv"), "--horizon", "1d"}, 1, "none.csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCmd(append([]string{"forecast"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
}

func TestParseHorizon(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"7d", 7 * 24 * time.Hour, true},
		{"2w", 14 * 24 * time.Hour, true},
		{"36h", 36 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"0d", 0, false},
		{"-1h", 0, false},
		{"week", 0, false},
	} {
		got, err := parseHorizon(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseHorizon(%q) = %v, %v; want %v (ok %v)", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// The benchmark refuses a data directory without the series and names the
// missing file.
func TestBenchForecast_MissingData(t *testing.T) {
	code, _, errOut := runCmd("bench", "forecast", "--data", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "bank_calls_us_2003_5min.csv") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// The benchmark refuses an unknown --model before it reads any data,
// listing the models it has.
func TestBenchForecast_UnknownModel(t *testing.T) {
	code, out, errOut := runCmd("bench", "forecast", "--data", t.TempDir(), "--model", "arima")
	if code != 2 || !strings.Contains(errOut, `--model: "arima"`) || !strings.Contains(errOut, "holt_winters") || out != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 naming --model and the models", code, out, errOut)
	}
}

// TestForecastCommand_HistoryAtTwoLengths: the history of
// api.TestRunForecast_HistoryAtTwoLengths as a file, in 30-minute rows
// until Tuesday 24 February 2026 and 15-minute rows from the next day, at
// one rate of 10 contacts per quarter hour (20 per half hour), Monday to
// Friday 08:00–12:00. With an interval_minutes column and without it (each
// day's own regular spacing), every open quarter hour of the next week is
// forecast at 10, as the API forecasts the same history; read as quarter
// hours, the 30-minute rows made every other quarter hour closed.
func TestForecastCommand_HistoryAtTwoLengths(t *testing.T) {
	for _, withLength := range []bool{true, false} {
		var b strings.Builder
		b.WriteString("interval_start,offered")
		if withLength {
			b.WriteString(",interval_minutes")
		}
		b.WriteString("\n")
		for d := 0; d < 26; d++ { // Monday 2 February to Friday 27 February 2026
			day := time.Date(2026, 2, 2+d, 8, 0, 0, 0, time.UTC)
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			length := 30 * time.Minute
			if d >= 23 { // from Wednesday 25 February
				length = 15 * time.Minute
			}
			for t := day; t.Hour() < 12; t = t.Add(length) {
				fmt.Fprintf(&b, "%s,%g", t.Format("2006-01-02T15:04"), 10*length.Minutes()/15)
				if withLength {
					fmt.Fprintf(&b, ",%d", int(length.Minutes()))
				}
				b.WriteString("\n")
			}
		}
		hist := filepath.Join(t.TempDir(), "history.csv")
		if err := os.WriteFile(hist, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		// The history ends Friday 27 February 11:45; 3 days reach Monday.
		code, out, errOut := runCmd("forecast", "--history", hist, "--horizon", "4d")
		if code != 0 {
			t.Fatalf("interval_minutes %t: exit %d: %s", withLength, code, errOut)
		}
		open := 0
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			f := strings.Split(l, ",")
			ts, err := time.Parse("2006-01-02T15:04", f[0])
			if err != nil {
				t.Fatalf("row %q: %v", l, err)
			}
			if ts.Weekday() != time.Monday || ts.Hour() < 8 || ts.Hour() >= 12 {
				continue
			}
			open++
			// The CSV has two decimals: 10.00.
			if f[1] != "10.00" {
				t.Errorf("interval_minutes %t: %s forecast %s, want 10.00", withLength, f[0], f[1])
			}
		}
		if open != 16 { // Monday's 16 quarter hours
			t.Errorf("interval_minutes %t: %d open quarter hours on Monday, want 16", withLength, open)
		}
	}
}

// The US series gets the US calendar with Columbus Day 2003 as a worked
// day; Labor Day stays a holiday, and the Israeli series has no calendar.
func TestBenchDatasets_Holidays(t *testing.T) {
	seen := 0
	for _, ds := range benchDatasets {
		cal, err := ds.calendar()
		if err != nil {
			t.Fatalf("%s: %v", ds.name, err)
		}
		switch ds.name {
		case "us_bank_5min":
			seen++
			if got := ds.describeHolidays(); got != "US, worked 2003-10-13" {
				t.Errorf("%s: described %q", ds.name, got)
			}
			if _, ok := cal.On(2003, time.October, 13); ok {
				t.Errorf("%s: Columbus Day 2003 is a holiday, want worked", ds.name)
			}
			if _, ok := cal.On(2003, time.September, 1); !ok {
				t.Errorf("%s: Labor Day 2003 is not a holiday", ds.name)
			}
		case "israel_bank_6min":
			seen++
			if cal != nil || ds.describeHolidays() != "none" {
				t.Errorf("%s: calendar %v (%q), want none", ds.name, cal, ds.describeHolidays())
			}
		}
	}
	if seen != 2 {
		t.Errorf("checked %d of the two series", seen)
	}
}

// --holidays=false is accepted (the benchmark then fails on the missing
// data, not on the flag); a value that is not a boolean is a usage error.
func TestBenchForecast_HolidaysFlag(t *testing.T) {
	code, _, errOut := runCmd("bench", "forecast", "--data", t.TempDir(), "--holidays=false")
	if code != 1 || !strings.Contains(errOut, "bank_calls_us_2003_5min.csv") {
		t.Errorf("--holidays=false: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd("bench", "forecast", "--data", t.TempDir(), "--holidays=maybe")
	if code != 2 || !strings.Contains(errOut, "holidays") {
		t.Errorf("--holidays=maybe: exit %d, stderr %q; want 2 naming the flag", code, errOut)
	}
}
