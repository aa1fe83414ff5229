package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runStaffing runs the shiftplan command in-process.
func runStaffing(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, stdio{in: strings.NewReader(""), out: &out, err: &errb, getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func TestErlangCommand_ReferenceRows(t *testing.T) {
	// Rows of ../shared/data/erlang_reference.md section 1 (and section 3
	// for Erlang A), printed values to their precision.
	for _, c := range []struct {
		name   string
		args   []string
		agents int
		shrunk int
		want   map[string]float64 // field → value
		tol    float64
	}{
		{
			// Row 1 (P1, H): 14 agents, 20 with 30 % shrinkage, SL 88.8 %,
			// occupancy 71.4 %, P(wait) 17.4 %, A = 10.
			"row1", []string{"--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--max-occupancy", "0.85", "--shrinkage", "0.3"},
			14, 20, map[string]float64{"service_level": 0.888, "occupancy": 0.714, "p_wait": 0.174, "erlangs": 10, "asa_seconds": 7.8}, 0.0005,
		},
		{
			// Row 2 (P1): max occupancy 70 % → 15, 22 with 30 % shrinkage.
			"row2", []string{"--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--max-occupancy", "0.7", "--shrinkage", "0.3"},
			15, 22, map[string]float64{"service_level": 0.941, "occupancy": 0.667, "p_wait": 0.102}, 0.0005,
		},
		{
			// Row 7 (CT-S5): 1000 calls / 60 min, 180 s, 90 % in 10 s → 59,
			// SL 90.8 %, occupancy 84.7 %.
			"row7", []string{"--volume", "1000", "--period", "60m", "--aht", "180s", "--sl", "0.9", "--answer-within", "10s"},
			59, 59, map[string]float64{"service_level": 0.908, "occupancy": 0.847, "erlangs": 50}, 0.0005,
		},
		{
			// Section 3 (P3, pyworkforce): patience 5 min. SL at 13 agents is
			// below 0.9 and at 14 is 0.916792 (P3), so 90/20 needs 14, where
			// P(wait) = 0.14526 and P(abandon) = 0.013984.
			"erlangA", []string{"--volume", "100", "--period", "30m", "--aht", "3m", "--sl", "0.9", "--answer-within", "20s", "--patience", "5m"},
			14, 14, map[string]float64{"service_level": 0.916792, "p_wait": 0.14526, "p_abandon": 0.013984, "occupancy": 0.704297}, 0.000005,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runStaffing(append([]string{"erlang"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("not one JSON object: %v\n%s", err, out)
			}
			if got["agents"] != float64(c.agents) || got["agents_with_shrinkage"] != float64(c.shrunk) {
				t.Errorf("agents %v with shrinkage %v, want %d and %d", got["agents"], got["agents_with_shrinkage"], c.agents, c.shrunk)
			}
			for k, want := range c.want {
				tol := c.tol
				if k == "asa_seconds" {
					tol = 0.05 // printed with one decimal
				}
				v, ok := got[k].(float64)
				if !ok || math.Abs(v-want) > tol {
					t.Errorf("%s = %v, want %v", k, got[k], want)
				}
			}
			_, hasAbandon := got["p_abandon"]
			if hasAbandon != (c.name == "erlangA") {
				t.Errorf("p_abandon present = %v", hasAbandon)
			}
		})
	}
}

func TestErlangCommand_Errors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"erlang", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s"}, 2, "--volume"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "1.2", "--answer-within", "20s"}, 2, "--sl"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s"}, 2, "--sl"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8"}, 2, "--answer-within"},
		{[]string{"erlang", "--volume", "-5", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s"}, 2, "--volume"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--max-abandon", "0.05"}, 2, "--max-abandon"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--channel", "fax"}, 2, "--channel"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "300s", "--sl", "0.8", "--answer-within", "20s", "--concurrency", "1000"}, 2, "--concurrency: must be 0…10"},
		// Shrinkage whose factor 1/(1 − total) overflows, a chat growth that
		// makes a chat last centuries, an occupancy cap needing a million
		// agents: each names its flag instead of printing a wrapped-around
		// count or "target cannot be met".
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--shrinkage", "0.9999999999999999", "--planned-shrinkage", "0.9999999"}, 2, "--planned-shrinkage"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--shrinkage", "0.9", "--planned-shrinkage", "0.95"}, 2, "--shrinkage with --planned-shrinkage"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--concurrency", "10", "--concurrency-growth", "1e9"}, 2, "--concurrency-growth"},
		{[]string{"erlang", "--volume", "100", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--max-occupancy", "0.00001"}, 2, "--max-occupancy"},
	} {
		code, _, errOut := runStaffing(c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d naming %s", c.args, code, errOut, c.code, c.msg)
		}
	}
}

func writeStaffFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readStaffCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, s)
	}
	return recs
}

func TestRequirementsCommand(t *testing.T) {
	t.Run("Phone", func(t *testing.T) {
		// Volume 100 per 30 min at 180 s is row 1 of the reference (14
		// agents at max occupancy 0.85, A = 10, SL 88.8 %); the zero-volume
		// row needs nobody (property). Extra columns are ignored.
		fc := writeStaffFile(t, "f.csv", "interval_start,forecast,p10,p90,model\n"+
			"2026-03-02T08:00,100,80,120,ets\n"+
			"2026-03-02T08:30,0,0,0,ets\n"+
			"2026-03-02T09:00,100,80,120,ets\n")
		out := filepath.Join(t.TempDir(), "req.csv")
		code, _, errOut := runStaffing("requirements", "--forecast", fc, "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--max-occupancy", "0.85", "--out", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		b, _ := os.ReadFile(out)
		recs := readStaffCSV(t, string(b))
		if got := strings.Join(recs[0], ","); got != "interval_start,volume,erlangs,agents,service_level,asa_seconds,occupancy" {
			t.Errorf("header %q", got)
		}
		if len(recs) != 4 || recs[1][0] != "2026-03-02T08:00" || recs[1][3] != "14" || recs[2][3] != "0" || recs[3][3] != "14" {
			t.Errorf("rows %v", recs)
		}
		if recs[1][2] != "10" || !strings.HasPrefix(recs[1][4], "0.888") {
			t.Errorf("row 1: erlangs %s SL %s, want 10 and 0.888…", recs[1][2], recs[1][4])
		}
	})
	t.Run("P90AndShrinkage", func(t *testing.T) {
		// --column p90 staffs the upper quantile: 100 calls (the p90) is
		// row 1 again → 14 agents, 20 with 30 % shrinkage.
		fc := writeStaffFile(t, "f.csv", "interval_start,forecast,p10,p90\n"+
			"2026-03-02T08:00:00+01:00,80,60,100\n2026-03-02T08:30:00+01:00,80,60,100\n")
		code, out, errOut := runStaffing("requirements", "--forecast", fc, "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--max-occupancy", "0.85", "--column", "p90", "--shrinkage", "0.3")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		recs := readStaffCSV(t, out)
		if recs[0][7] != "agents_with_shrinkage" || recs[1][0] != "2026-03-02T08:00:00+01:00" || recs[1][3] != "14" || recs[1][7] != "20" {
			t.Errorf("rows %v", recs)
		}
	})
	t.Run("OneRowWithPeriod", func(t *testing.T) {
		// A single interval needs --period; row 1 of the reference again.
		fc := writeStaffFile(t, "f.csv", "interval_start,forecast\n2026-03-02T08:00,100\n")
		code, out, errOut := runStaffing("requirements", "--forecast", fc, "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--max-occupancy", "0.85")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if recs := readStaffCSV(t, out); len(recs) != 2 || recs[1][3] != "14" {
			t.Errorf("rows %v, want 14 agents", recs)
		}
		code, _, errOut = runStaffing("requirements", "--forecast", fc, "--aht", "180s", "--sl", "0.8", "--answer-within", "20s")
		if code != 1 || !strings.Contains(errOut, "two rows") {
			t.Errorf("without --period: exit %d, %q", code, errOut)
		}
	})
	t.Run("AHTColumn", func(t *testing.T) {
		// Without --aht the forecast's aht_seconds column is used: 400 calls
		// per 30 min at 257 s is row 4 of the reference (CT-S1): 64 agents.
		fc := writeStaffFile(t, "f.csv", "interval_start,forecast,p10,p90,aht_seconds\n"+
			"2026-03-02T08:00,400,300,500,257.0\n2026-03-02T08:30,400,300,500,257.0\n")
		code, out, errOut := runStaffing("requirements", "--forecast", fc, "--sl", "0.8", "--answer-within", "20s")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if recs := readStaffCSV(t, out); recs[1][3] != "64" || recs[2][3] != "64" {
			t.Errorf("rows %v, want 64 agents", recs)
		}
	})
	t.Run("DSTFallBack", func(t *testing.T) {
		// Europe/Paris, 25 October 2026: 02:00 and 02:30 happen twice. The
		// second occurrence is an hour later; the period stays 30 min and
		// every row is staffed (property: one output row per input row).
		fc := writeStaffFile(t, "f.csv", "interval_start,forecast,p10,p90\n"+
			"2026-10-25T01:30,10,8,12\n2026-10-25T02:00,10,8,12\n2026-10-25T02:30,10,8,12\n"+
			"2026-10-25T02:00,10,8,12\n2026-10-25T02:30,10,8,12\n2026-10-25T03:00,10,8,12\n")
		code, out, errOut := runStaffing("requirements", "--forecast", fc, "--aht", "180s", "--sl", "0.8", "--answer-within", "20s", "--tz", "Europe/Paris")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if recs := readStaffCSV(t, out); len(recs) != 7 || recs[4][0] != "2026-10-25T02:00" {
			t.Errorf("rows %v", recs)
		}
	})
	t.Run("Email", func(t *testing.T) {
		// Independent calculation: 48 e-mails of 30 min at 00:00 due within
		// 12 h spread over 24 half-hours at 2 agents each.
		var b strings.Builder
		b.WriteString("interval_start,forecast,p10,p90\n")
		for i := 0; i < 30; i++ {
			v := "0"
			if i == 0 {
				v = "48"
			}
			b.WriteString("2026-03-02T" + twoDigits(i/2) + ":" + []string{"00", "30"}[i%2] + "," + v + ",0,0\n")
		}
		fc := writeStaffFile(t, "f.csv", b.String())
		code, out, errOut := runStaffing("requirements", "--forecast", fc, "--aht", "30m", "--channel", "email", "--response-within", "12h")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		recs := readStaffCSV(t, out)
		if recs[1][3] != "2" || recs[24][3] != "2" || recs[25][3] != "0" {
			t.Errorf("agents %v / %v / %v, want 2, 2, 0", recs[1], recs[24], recs[25])
		}
	})
	t.Run("Errors", func(t *testing.T) {
		bad := writeStaffFile(t, "bad.csv", "interval_start,forecast\n2026-03-02T08:00,10\n2026-03-02T08:30,ten\n")
		noCol := writeStaffFile(t, "nocol.csv", "start,forecast\n2026-03-02T08:00,10\n")
		noAHT := writeStaffFile(t, "noaht.csv", "interval_start,forecast\n2026-03-02T08:00,10\n2026-03-02T08:30,10\n")
		badTime := writeStaffFile(t, "time.csv", "interval_start,forecast\n2026-03-02T08:00,10\nyesterday,3\n")
		// A day's volume in one half-hour: 2·10⁶ calls of 180 s offer
		// 200 000 erlangs, past staffing.MaxErlangs.
		huge := writeStaffFile(t, "huge.csv", "interval_start,forecast\n2026-03-02T08:00,10\n2026-03-02T08:30,2000000\n")
		for _, c := range []struct {
			args []string
			code int
			msg  string
		}{
			{[]string{"requirements", "--forecast", bad, "--aht", "180s", "--sl", "0.8", "--answer-within", "20s"}, 1, "bad.csv:3"},
			{[]string{"requirements", "--forecast", noCol, "--aht", "180s", "--sl", "0.8", "--answer-within", "20s"}, 1, "interval_start"},
			{[]string{"requirements", "--forecast", badTime, "--aht", "180s", "--sl", "0.8", "--answer-within", "20s"}, 1, "time.csv:3"},
			{[]string{"requirements", "--forecast", huge, "--aht", "180s", "--sl", "0.8", "--answer-within", "20s"}, 1, "huge.csv:3"},
			{[]string{"erlang", "--volume", "2000000", "--period", "30m", "--aht", "180s", "--sl", "0.8", "--answer-within", "20s"}, 2, "--volume"},
			{[]string{"requirements", "--forecast", noAHT, "--sl", "0.8", "--answer-within", "20s"}, 2, "--aht"},
			{[]string{"requirements", "--forecast", bad, "--aht", "180s", "--channel", "email"}, 2, "--response-within"},
		} {
			code, _, errOut := runStaffing(c.args...)
			if code != c.code || !strings.Contains(errOut, c.msg) {
				t.Errorf("%v: exit %d, stderr %q; want exit %d naming %s", c.args, code, errOut, c.code, c.msg)
			}
		}
	})
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }
