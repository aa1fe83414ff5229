package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/solver"
	"github.com/shiftplan/shiftplan/scheduling/solver/curtois"
)

const curtoisTestdata = "../../scheduling/solver/curtois/testdata"

// TestSolve_Curtois runs `shiftplan solve` in-process on Instance1 with a
// fixed seed and iteration budget and re-checks the written CSV with the
// independent checker: the JSON line must report what the checker finds.
func TestSolve_Curtois(t *testing.T) {
	out := filepath.Join(t.TempDir(), "solution.csv")
	got, _ := solveInstance(t, "Instance1.txt", "--seed", "3", "--out", out)
	f, err := os.Open(filepath.Join(curtoisTestdata, "Instance1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := curtois.Parse(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	g, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	sol, err := curtois.ReadSolution(g)
	g.Close()
	if err != nil {
		t.Fatal(err)
	}
	rep := inst.Check(sol)
	if got.Objective != rep.Objective || got.HardViolations != len(rep.Violations) {
		t.Errorf("printed objective %d, %d hard violations; checker finds %d, %d", got.Objective, got.HardViolations, rep.Objective, len(rep.Violations))
	}
	// 607 is the proven optimum of Instance1 (benchmark README).
	if got.Objective < 607 || got.HardViolations != 0 {
		t.Errorf("objective %d with %d hard violations, want ≥ 607 and none", got.Objective, got.HardViolations)
	}
	if got.LowerBound <= 0 || got.LowerBound > 607 {
		t.Errorf("lower bound %d, want positive and at most the optimum 607", got.LowerBound)
	}
}

// TestSolve_Progress: with --progress, stdout still holds the one JSON
// line, and stderr a line per change of the best objective or the bound:
// objectives never rise, bounds never fall, and the last line holds the
// objective and bound of the final one.
func TestSolve_Progress(t *testing.T) {
	final, stderr := solveInstance(t, "Instance2.txt", "--seed", "1", "--progress", "--out", filepath.Join(t.TempDir(), "s.csv"))
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	var prev *progressOutput
	for i, l := range lines {
		var o progressOutput
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("stderr line %d %q: %v", i+1, l, err)
		}
		if prev != nil {
			if o.sameState(*prev) {
				t.Errorf("stderr line %d repeats the state of line %d: %s", i+1, i, l)
			}
			if o.LowerBound < prev.LowerBound || (o.HardUnits == 0 && prev.HardUnits == 0 && o.Objective > prev.Objective) || o.Seconds < prev.Seconds {
				t.Errorf("stderr line %d %s after %+v: bound fell, objective rose or time ran back", i+1, l, *prev)
			}
		}
		prev = &o
	}
	if prev.HardUnits != 0 || prev.Objective != int64(final.Objective) || prev.LowerBound != final.LowerBound {
		t.Errorf("last progress line %+v, final line %+v", *prev, final)
	}
}

// TestProgressLines: a report whose objective, hard units and bound equal
// the last line written writes nothing, whatever its time; any change
// writes a line.
func TestProgressLines(t *testing.T) {
	var buf bytes.Buffer
	write := progressLines(&buf)
	for _, pr := range []solver.Progress{
		{BestScore: 1500, BestHard: 2, LowerBound: 1200, Elapsed: 1 * time.Second},
		{BestScore: 1500, BestHard: 2, LowerBound: 1200, Elapsed: 2 * time.Second}, // repeat
		{BestScore: 1500, BestHard: 0, LowerBound: 1200, Elapsed: 3 * time.Second},
		{BestScore: 1400, BestHard: 0, LowerBound: 1200, Elapsed: 4 * time.Second},
		{BestScore: 1400, BestHard: 0, LowerBound: 1297, Elapsed: 5 * time.Second},
		{BestScore: 1400, BestHard: 0, LowerBound: 1297, Elapsed: 6 * time.Second}, // repeat
	} {
		write(pr)
	}
	want := `{"objective":1500,"hard_units":2,"lower_bound":1200,"seconds":1}
{"objective":1500,"hard_units":0,"lower_bound":1200,"seconds":3}
{"objective":1400,"hard_units":0,"lower_bound":1200,"seconds":4}
{"objective":1400,"hard_units":0,"lower_bound":1297,"seconds":5}
`
	if buf.String() != want {
		t.Errorf("wrote\n%swant\n%s", buf.String(), want)
	}
}

// solveInstance runs `shiftplan solve` in-process on a test instance,
// reproducibly (200 000 iterations, no time limit), with the further
// arguments args; it checks that stdout is one JSON line and returns it
// with stderr.
func solveInstance(t *testing.T, file string, args ...string) (solveOutput, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"solve", "--curtois", filepath.Join(curtoisTestdata, file),
		"--time-limit", "0", "--iterations", "200000"}, args...),
		stdio{out: &stdout, err: &stderr, getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var got solveOutput
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil || strings.Count(stdout.String(), "\n") != 1 {
		t.Fatalf("stdout %q is not one JSON line: %v", stdout.String(), err)
	}
	return got, stderr.String()
}

func TestSolve_Usage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	io := stdio{out: &stdout, err: &stderr, getenv: func(string) string { return "" }}
	if code := run(context.Background(), []string{"solve", "--out", "x.csv"}, io); code != 2 {
		t.Errorf("missing --curtois: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"solve", "--curtois", "does-not-exist.txt", "--out", filepath.Join(t.TempDir(), "x.csv")}, io); code != 1 {
		t.Errorf("missing file: exit %d, want 1", code)
	}
	if code := run(context.Background(), []string{"bench", "curtois", "--instances", "0-30"}, io); code != 2 {
		t.Errorf("bad --instances: exit %d, want 2", code)
	}
}

// TestSearchFlags_Refused: a negative time limit or iteration count and
// fewer than one thread are usage errors that name the flag, in every
// command that runs a search (the search would replace them by its
// defaults: 10 s and two threads).
func TestSearchFlags_Refused(t *testing.T) {
	inst := filepath.Join(curtoisTestdata, "Instance1.txt")
	out := filepath.Join(t.TempDir(), "x")
	for _, args := range [][]string{
		{"solve", "--curtois", inst, "--out", out, "--time-limit", "-3s"},
		{"solve", "--curtois", inst, "--out", out, "--iterations", "-1"},
		{"solve", "--curtois", inst, "--out", out, "--threads", "0"},
		{"bench", "curtois", "--dir", curtoisTestdata, "--instances", "1", "--threads", "-1"},
		{"bench", "curtois", "--dir", curtoisTestdata, "--instances", "1", "--time-limit", "-1s"},
		{"plan", "--scenario", "s.json", "--out", out, "--time-limit", "-1m"},
		{"plan", "--scenario", "s.json", "--out", out, "--agents", "-5"},
		{"bench", "roster", "--scenario", "s.json", "--threads", "0"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), args, stdio{out: &stdout, err: &stderr, getenv: func(string) string { return "" }})
		flag := args[len(args)-2]
		if code != 2 || !strings.Contains(stderr.String(), flag) || stdout.Len() > 0 {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want 2 naming %s and nothing run", args, code, stderr.String(), stdout.String(), flag)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v wrote %s", args, out)
		}
	}
}

// TestBenchCurtois runs the benchmark table on Instance1–2 with a short
// limit: one row per instance plus the mean, no hard violations.
func TestBenchCurtois(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"bench", "curtois", "--instances", "1-2", "--time-limit", "300ms", "--dir", curtoisTestdata},
		stdio{out: &stdout, err: &stderr, getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	// the mean is labelled with the instances it is over
	if len(lines) != 4 || !strings.Contains(lines[3], "mean 1-2 ") {
		t.Fatalf("table:\n%s", stdout.String())
	}
	for _, l := range lines[1:3] {
		f := strings.Fields(l)
		if f[len(f)-1] != "0" {
			t.Errorf("row %q reports hard violations", l)
		}
	}
}

// TestFormatRanges: the mean's label reads back, through parseRanges, as
// the instances it is over.
func TestFormatRanges(t *testing.T) {
	for _, c := range []struct {
		ids  []int
		want string
	}{
		{[]int{1}, "1"},
		{[]int{5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, "5-19"},
		{[]int{1, 2, 3, 7, 9, 10}, "1-3,7,9-10"},
		{[]int{20, 22, 23, 24}, "20,22-24"},
	} {
		got := formatRanges(c.ids)
		if got != c.want {
			t.Errorf("formatRanges(%v) = %q, want %q", c.ids, got, c.want)
		}
		back, err := parseRanges(got, 24)
		if err != nil || !slices.Equal(back, c.ids) {
			t.Errorf("parseRanges(%q) = %v, %v; want %v", got, back, err, c.ids)
		}
	}
}

// TestBenchCurtois_BadInstanceFirst: a missing or cut-short instance file
// ends the benchmark before anything is solved or printed, naming the file
// (it used to surface only after the instances before it had run).
func TestBenchCurtois_BadInstanceFirst(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join(curtoisTestdata, "Instance1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Instance1.txt"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	cut := raw[:bytes.Index(raw, []byte("SECTION_COVER"))]
	if err := os.WriteFile(filepath.Join(dir, "Instance2.txt"), cut, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, which := range []string{"1-2", "1,3"} {
		code, stdout, stderr := invoke(t, nil, "bench", "curtois", "--instances", which, "--time-limit", "200ms", "--dir", dir)
		if code != 1 || stdout != "" || !strings.Contains(stderr, "Instance") {
			t.Errorf("--instances %s: exit %d, stdout %q, stderr %q; want 1, no table, the file named", which, code, stdout, stderr)
		}
	}
}

// TestParseRanges_Errors: each refusal says what is wrong with the part.
// TestParseRanges: lists and ranges in the order given, each instance
// once.
func TestParseRanges(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
	}{{"1-3", []int{1, 2, 3}}, {"9,1-2", []int{9, 1, 2}}, {"1,1", []int{1}}, {"2-4,3-5", []int{2, 3, 4, 5}}} {
		if got, err := parseRanges(c.in, 24); err != nil || !slices.Equal(got, c.want) {
			t.Errorf("parseRanges(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestParseRanges_Errors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"30", `"30" outside 1-24`},
		{"0-3", `"0-3" outside 1-24`},
		{"5-2", `"5-2" runs backwards; write 2-5`},
		{"1-x", `"1-x" is not a number or range`},
		{"", `"" is not a number or range`},
	} {
		if _, err := parseRanges(c.in, 24); err == nil || err.Error() != c.want {
			t.Errorf("parseRanges(%q): %v, want %s", c.in, err, c.want)
		}
	}
}

// TestSolve_Interrupted: Ctrl-C (a cancelled context) ends the search
// early; solve still writes the best roster found, with its JSON line, and
// exits 0. An interrupted benchmark stops after the row of the instance it
// was solving, with exit 1 and a word saying so.
func TestSolve_Interrupted(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	out := filepath.Join(t.TempDir(), "s.csv")
	var stdout, stderr bytes.Buffer
	io := stdio{out: &stdout, err: &stderr, getenv: func(string) string { return "" }}
	start := time.Now()
	code := run(ctx, []string{"solve", "--curtois", filepath.Join(curtoisTestdata, "Instance3.txt"), "--time-limit", "30s", "--out", out}, io)
	var got solveOutput
	if err := json.Unmarshal(stdout.Bytes(), &got); code != 0 || err != nil || time.Since(start) > 10*time.Second {
		t.Fatalf("exit %d after %v, stdout %q, stderr %q; want 0 and the JSON line soon after the interrupt", code, time.Since(start), stdout.String(), stderr.String())
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "employee,day,shift\n") {
		t.Errorf("solution file: %v, %.40q", err, b)
	}

	stdout.Reset()
	stderr.Reset()
	code = run(ctx, []string{"bench", "curtois", "--instances", "1-2", "--time-limit", "30s", "--dir", curtoisTestdata}, io)
	if rows := strings.Count(stdout.String(), "\n"); code != 1 || rows != 2 || !strings.Contains(stderr.String(), "interrupted during instance 1") {
		t.Errorf("bench: exit %d, stdout %q, stderr %q; want 1, the header and one row, and the interruption named", code, stdout.String(), stderr.String())
	}
}
