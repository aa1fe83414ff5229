package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runPlanCmd runs the shiftplan command in-process.
func runPlanCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// planScenario writes a small scenario — one phone queue with three weeks
// of half-hourly history in a CSV, five agents, a week to roster — and
// returns its path.
func planScenario(t *testing.T, mutate func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("interval_start,calls\n")
	for d := time.Date(2026, 5, 11, 0, 0, 0, 0, loc); d.Before(time.Date(2026, 6, 1, 0, 0, 0, 0, loc)); d = d.AddDate(0, 0, 1) {
		for slot := 0; slot < 48; slot++ {
			h := float64(slot) / 2
			calls := 0.0
			if h >= 7 && h < 21 {
				calls = math.Round(12 + 8*math.Sin((h-7)/14*math.Pi))
			}
			fmt.Fprintf(&csv, "%s,%g\n", d.Add(time.Duration(slot)*30*time.Minute).Format("2006-01-02T15:04"), calls)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "history.csv"), []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	sc := `{
  "name": "test centre",
  "site": {"time_zone": "Europe/Berlin", "holiday_region": "DE-BE"},
  "period_start": "2026-06-01", "days": 7, "interval": "30m",
  "queues": [{"id": "q", "name": "Service", "channel": "phone", "skills": ["phone"],
    "target": {"service_level": 0.8, "answer_within": "20s"}, "aht": "4m", "history": "history.csv"}],
  "templates": [
    {"id": "E", "earliest_start": "07:00", "latest_start": "08:00", "start_step": "30m", "length": "8h30m",
     "breaks": [{"name": "Lunch", "length": "30m", "earliest_after": "3h", "latest_after": "5h"}]},
    {"id": "L", "earliest_start": "12:00", "latest_start": "13:00", "start_step": "30m", "length": "8h30m",
     "breaks": [{"name": "Lunch", "length": "30m", "earliest_after": "3h", "latest_after": "5h"}]}],
  "pay": {"sunday_premium": 0.5},
  "agent_groups": [{"prefix": "a", "count": 5, "rate": 20, "skills": ["phone"],
    "contract": {"kind": "full_time", "weekly_hours": 40, "weekly_max_hours": 48, "max_days_per_week": 5}}]
}`
	if mutate != nil {
		sc = mutate(sc)
	}
	path := filepath.Join(dir, "scenario.json")
	if err := os.WriteFile(path, []byte(sc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPlanCommand(t *testing.T) {
	path := planScenario(t, nil)
	out := filepath.Join(filepath.Dir(path), "roster.json")
	code, _, stderr := runPlanCmd("plan", "--scenario", path, "--out", out, "--time-limit", "1s", "--threads", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Shifts []struct {
			Agent, Queue string
			Start, End   string
			Breaks       []struct{ Start, End string }
		}
		Coverage []struct {
			Start               string
			Required, Scheduled float64
		}
		KPIs struct {
			HardViolations int     `json:"hard_violations"`
			RequiredHours  float64 `json:"required_hours"`
		}
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Shifts) == 0 || r.KPIs.HardViolations != 0 {
		t.Fatalf("%d shifts, %d hard violations", len(r.Shifts), r.KPIs.HardViolations)
	}
	for _, s := range r.Shifts {
		// RFC 3339 with the site's summer offset, and a placed lunch.
		st, err := time.Parse(time.RFC3339, s.Start)
		if err != nil || !strings.HasSuffix(s.Start, "+02:00") || len(s.Breaks) != 1 || s.Queue != "q" {
			t.Fatalf("shift %+v: want an RFC 3339 start with +02:00, one break and queue q", s)
		}
		if en, _ := time.Parse(time.RFC3339, s.End); en.Sub(st) != 8*time.Hour+30*time.Minute {
			t.Errorf("shift %+v lasts %v, want the template's 8h30m", s, en.Sub(st))
		}
	}
	// One coverage row per half hour of the week (no DST change in June).
	if len(r.Coverage) != 7*48 {
		t.Errorf("%d coverage rows, want %d", len(r.Coverage), 7*48)
	}
	// Demand only while the history has calls (07:00–21:00).
	if r.KPIs.RequiredHours <= 0 {
		t.Error("no required hours")
	}
}

func TestPlanCommand_Errors(t *testing.T) {
	code, _, stderr := runPlanCmd("plan", "--out", "x.json")
	if code != 2 || !strings.Contains(stderr, "--scenario") {
		t.Errorf("missing --scenario: exit %d, %q", code, stderr)
	}
	path := planScenario(t, func(s string) string { return strings.Replace(s, `"length": "8h30m"`, `"length": "eight hours"`, 1) })
	code, _, stderr = runPlanCmd("plan", "--scenario", path, "--out", filepath.Join(t.TempDir(), "r.json"))
	if code != 1 || !strings.Contains(stderr, "eight hours") {
		t.Errorf("bad length: exit %d, %q", code, stderr)
	}
	path = planScenario(t, func(s string) string { return strings.Replace(s, `"weekly_hours": 40`, `"weekly_hours": 90`, 1) })
	code, _, stderr = runPlanCmd("plan", "--scenario", path, "--out", filepath.Join(t.TempDir(), "r.json"))
	if code != 1 || !strings.Contains(stderr, "agents[0]") || !strings.Contains(stderr, "weekly_hours") {
		t.Errorf("bad contract: exit %d, %q", code, stderr)
	}
}

// TestBenchRoster_Scaled: with --agents the header names the scaled count,
// the same number the agents × days line reports.
func TestBenchRoster_Scaled(t *testing.T) {
	path := planScenario(t, nil)
	code, out, stderr := runPlanCmd("bench", "roster", "--scenario", path, "--agents", "10", "--time-limit", "1s", "--threads", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var n int
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, "agents × days"); ok {
			fmt.Sscan(rest, &n)
		}
	}
	if n < 10 || !strings.Contains(out, fmt.Sprintf("(scaled to %d agents)", n)) {
		t.Fatalf("agents %d; output:\n%s", n, out)
	}
}
