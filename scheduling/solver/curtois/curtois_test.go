package curtois

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/solver"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// load parses testdata/name.
func load(t *testing.T, name string) *Instance {
	t.Helper()
	return loadFile(t, filepath.Join("testdata", name))
}

// loadFile parses the instance file at path.
func loadFile(t *testing.T, path string) *Instance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestParse_Instance1 checks the sizes read against the instance table of
// the benchmark README (Instance1: 14 days, 8 staff, 1 shift type, 8
// day-off entries, 21 on- and 5 off-requests, 14 cover rows, Σ cover 71).
func TestParse_Instance1(t *testing.T) {
	in := load(t, "Instance1.txt")
	daysOff := 0
	for _, d := range in.DaysOff {
		daysOff += len(d.Days)
	}
	sumCover := 0
	for _, c := range in.Cover {
		sumCover += c.Requirement
	}
	got := []int{in.Horizon, len(in.Staff), len(in.Shifts), daysOff, len(in.OnRequests), len(in.OffRequests), len(in.Cover), sumCover}
	want := []int{14, 8, 1, 8, 21, 5, 14, 71}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sizes %v, want %v", got, want)
	}
	if st := in.Staff[0]; st.MaxShifts["D"] != 14 || st.MaxTotalMinutes != 4320 || st.MinTotalMinutes != 3360 ||
		st.MaxConsecutiveShifts != 5 || st.MinConsecutiveShifts != 2 || st.MinConsecutiveDaysOff != 2 || st.MaxWeekends != 1 {
		t.Errorf("staff A = %+v, want the file's line A,D=14,4320,3360,5,2,2,1", st)
	}
}

// TestParse_CRLF: the other public copies of the benchmark use CRLF line
// endings; they must parse to the same instance.
func TestParse_CRLF(t *testing.T) {
	for _, name := range []string{"Instance1.txt", "Instance2.txt", "Instance3.txt"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		lf, err := Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		crlf, err := Parse(bytes.NewReader(bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n"))))
		if err != nil {
			t.Fatalf("%s with CRLF: %v", name, err)
		}
		if fmt.Sprintf("%+v", lf) != fmt.Sprintf("%+v", crlf) {
			t.Errorf("%s: CRLF parse differs from LF parse", name)
		}
	}
}

// TestParse_Errors: bad input names the line.
func TestParse_Errors(t *testing.T) {
	const head = "SECTION_HORIZON\n14\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nA,D=14,4320,3360,5,2,2,1\n\n"
	tests := []struct {
		name, text, want string
	}{
		{"BadHorizon", "SECTION_HORIZON\nfourteen\n", "line 2"},
		{"LongHorizon", "SECTION_HORIZON\n5000\n", "want 1 … 3660"},
		{"HugeHorizon", "SECTION_HORIZON\n1000000000\n", "line 2"},
		{"HugeRequirement", head + "SECTION_COVER\n0,D,100000000000000000,100,1\n", "line 11"},
		{"NegativeWeight", head + "SECTION_COVER\n0,D,3,-100,1\n", "line 11"},
		{"HugeTotalMinutes", "SECTION_HORIZON\n14\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=14,200000000,3360,5,2,2,1\n", "line 6"},
		{"HugeMaxShifts", "SECTION_HORIZON\n14\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=99999999,4320,3360,5,2,2,1\n", "line 6"},
		{"BadMinutes", "SECTION_HORIZON\n14\nSECTION_SHIFTS\nD,eight,\n", "line 4"},
		{"ShortStaff", "SECTION_HORIZON\n14\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=14,4320\n", "line 6"},
		{"UnknownShift", head + "SECTION_COVER\n0,X,3,100,1\n", "line 11"},
		{"DayOutside", head + "SECTION_DAYS_OFF\nA,14\n", "line 11"},
		{"UnknownEmployee", head + "SECTION_SHIFT_ON_REQUESTS\nZ,2,D,2\n", "line 11"},
		{"NoSection", "14\n", "line 1"},
		{"CRLFError", strings.ReplaceAll(head+"SECTION_COVER\n0,D,x,100,1\n", "\n", "\r\n"), "line 11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.text))
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrFormat naming %q", err, tt.want)
			}
		})
	}
}

// TestParse_CutShort: an instance that ends before one of its sections
// (a truncated download or copy) is refused with an error naming the
// missing section, not solved without its cover or requests.
func TestParse_CutShort(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "Instance1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sections[1:] {
		t.Run(name, func(t *testing.T) {
			cut := raw[:bytes.Index(raw, []byte(name))]
			_, err := Parse(bytes.NewReader(cut))
			if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "no "+name) {
				t.Errorf("Instance1 cut before %s: error %v, want ErrFormat naming the section", name, err)
			}
		})
	}
}

// TestParse_TotalMinutesPastMaxValue: total minutes have their own range
// (maxMinutes), past maxValue: 2 000 000 minutes (a 3 660-day horizon
// holds 5.3 million) parse.
func TestParse_TotalMinutesPastMaxValue(t *testing.T) {
	in, err := Parse(strings.NewReader("SECTION_HORIZON\n14\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=14,2000000,3360,5,2,2,1\n" +
		"SECTION_DAYS_OFF\nSECTION_SHIFT_ON_REQUESTS\nSECTION_SHIFT_OFF_REQUESTS\nSECTION_COVER\n"))
	if err != nil || in.Staff[0].MaxTotalMinutes != 2_000_000 {
		t.Fatalf("parse: %v, want MaxTotalMinutes 2 000 000", err)
	}
}

// TestCheck_HandComputed checks the independent checker on a hand-made
// roster of Instance1: nobody works, so every cover unit is missing
// (Σ requirement 71 × weight 100), the 21 shift-on requests are all
// unmet (their weights sum to 2·2+3·5+1·5+2·2+2·2+1·5 = 37) and no
// shift-off request is hit; every employee is under the 3360 minimum.
func TestCheck_HandComputed(t *testing.T) {
	in := load(t, "Instance1.txt")
	rep := in.Check(Solution{})
	if want := 71*100 + 37; rep.Objective != want {
		t.Errorf("objective %d, want %d", rep.Objective, want)
	}
	if len(rep.Violations) != 8 {
		t.Errorf("%d violations, want 8 (min minutes of each employee): %v", len(rep.Violations), rep.Violations)
	}
}

// TestGolden solves Instance1–3 at a fixed seed and iteration budget and
// compares with testdata/golden; the independent checker must agree with
// the solver's own score and find no hard violation.
func TestGolden(t *testing.T) {
	for _, name := range []string{"Instance1", "Instance2", "Instance3"} {
		t.Run(name, func(t *testing.T) {
			in := load(t, name+".txt")
			p, err := in.Problem()
			if err != nil {
				t.Fatal(err)
			}
			res, err := solver.Solve(context.Background(), p, solver.Settings{Seed: 1, Threads: 2, MaxIterations: 1000000})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := in.WriteSolution(&buf, res.Roster); err != nil {
				t.Fatal(err)
			}
			sol, err := ReadSolution(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			rep := in.Check(sol)
			if len(rep.Violations) > 0 {
				t.Errorf("checker finds hard violations: %v", rep.Violations)
			}
			if int64(rep.Objective) != res.Score.Soft {
				t.Errorf("checker objective %d, solver score %d", rep.Objective, res.Score.Soft)
			}
			// The best known value (README table) bounds any roster from below
			// for the proven optima 1–3.
			if best := BestKnown[name[len(name)-1]-'1']; rep.Objective < best {
				t.Errorf("objective %d below the proven optimum %d: the model is too loose", rep.Objective, best)
			}
			got := fmt.Sprintf("objective %d\n%s", rep.Objective, buf.String())
			file := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				os.MkdirAll(filepath.Dir(file), 0o755)
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("result differs from %s (run with -update if the change is intended):\n%s", file, firstLines(got, 3))
			}
		})
	}
}

func firstLines(s string, n int) string {
	l := strings.SplitN(s, "\n", n+1)
	if len(l) > n {
		l = l[:n]
	}
	return strings.Join(l, "\n")
}

// TestLowerBound_AtMostBestKnown: the bound Solve reports must not exceed
// the best known objective of any of the 24 instances (../shared beside
// the project; under CI=true it must be there). Where the best known is a
// proven optimum the bound may reach it but never pass it.
func TestLowerBound_AtMostBestKnown(t *testing.T) {
	dir := sharedDir(t)
	positive := 0
	for i, best := range BestKnown {
		p := sharedProblem(t, dir, i+1)
		lb, err := solver.LowerBound(p)
		if err != nil {
			t.Fatal(err)
		}
		if lb > int64(best) {
			t.Errorf("Instance%d: lower bound %d above the best known %d", i+1, lb, best)
		}
		if lb > 0 {
			positive++
		}
	}
	// Weekend limits or per-day staff force under-cover on most instances.
	if positive < len(BestKnown)/2 {
		t.Errorf("the bound is positive on %d of %d instances", positive, len(BestKnown))
	}
}

// TestLowerBound_LastWeek: Instance24's cover grows towards the end of
// its year, and its last week asks for more shifts than its employees can
// work in seven days. Counted here on its own, each employee's most days
// in the last week by trying every pattern of the week against its days
// off, its maximum run of shifts and its minimum rest (a rest may begin
// before the week or end after it), the shortfall at the least weight of
// the week's under-cover bounds every roster's score; the reported bound
// must reach it (19 600 on the instance as shipped).
func TestLowerBound_LastWeek(t *testing.T) {
	dir := sharedDir(t)
	in := loadFile(t, filepath.Join(dir, "Instance24.txt"))
	first := in.Horizon - 7
	off := map[string]map[int]bool{}
	for _, do := range in.DaysOff {
		off[do.Employee] = map[int]bool{}
		for _, d := range do.Days {
			off[do.Employee][d] = true
		}
	}
	capacity := 0
	for _, st := range in.Staff {
		most := 0
		for pat := 0; pat < 1<<7; pat++ {
			if n := weekWork(pat, first, st, off[st.ID]); n > most {
				most = n
			}
		}
		capacity += most
	}
	wanted, weight := 0, 0
	for _, c := range in.Cover {
		if c.Day >= first {
			wanted += c.Requirement
			if weight == 0 || c.Under < weight {
				weight = c.Under
			}
		}
	}
	want := int64(max(0, wanted-capacity) * weight)
	p, err := in.Problem()
	if err != nil {
		t.Fatal(err)
	}
	lb, err := solver.LowerBound(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("last week: %d shifts wanted, %d workable; bound %d, last week alone %d", wanted, capacity, lb, want)
	if want == 0 || lb < want {
		t.Fatalf("bound %d, want at least %d (the last week's shortfall)", lb, want)
	}
}

// weekWork is the days worked by pat (bit i: day first+i) in a week, or
// −1 where it works a day off, a run longer than the employee's maximum
// or a rest shorter than its minimum that begins and ends in the week.
func weekWork(pat, first int, st Staff, off map[int]bool) int {
	worked := func(i int) bool { return pat>>i&1 == 1 }
	n := 0
	for i := 0; i < 7; i++ {
		if worked(i) {
			if off[first+i] {
				return -1
			}
			n++
		}
	}
	for i := 0; i < 7; {
		j := i
		for j < 7 && worked(j) == worked(i) {
			j++
		}
		if worked(i) && j-i > st.MaxConsecutiveShifts {
			return -1
		}
		if !worked(i) && i > 0 && j < 7 && j-i < st.MinConsecutiveDaysOff {
			return -1
		}
		i = j
	}
	return n
}

// TestBounds_Instances: on Instance1–11 column generation's bound (the
// linear programme of the master problem) never passes the best known
// value, and on Instance2–7 it equals the column-generation bounds
// published for them (828, 1001, 1716, 1141, 1949, 1055: the benchmark's
// README, from schedulingbenchmarks.org; the first three are the optima).
// On Instance1–4 the Lagrangian bound, aimed at the best
// known value, never passes it either, reaches the optimum on Instance2
// and 4, and is at most the linear bound.
func TestBounds_Instances(t *testing.T) {
	published := map[int]int64{2: 828, 3: 1001, 4: 1716, 5: 1141, 6: 1949, 7: 1055}
	// Measured with the pricing that keeps every total in its state
	// (docs/solver-history.md); on 10 and 11 the bound is the best known,
	// which it proves optimal. A master that fails to start reports 0.
	measured := map[int]int64{8: 1297, 9: 406, 10: 4631, 11: 3443}
	dir := sharedDir(t)
	for i := 1; i <= 11; i++ {
		name := fmt.Sprintf("Instance%d", i)
		p := sharedProblem(t, dir, i)
		best := int64(BestKnown[i-1])
		lb, err := solver.LinearBound(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: linear bound %d, best known %d", name, lb, best)
		if lb > best {
			t.Errorf("%s: linear bound %d above the best known %d", name, lb, best)
		}
		if want, ok := published[i]; ok && lb != want {
			t.Errorf("%s: linear bound %d, want the published %d", name, lb, want)
		}
		if want, ok := measured[i]; ok && lb < want {
			t.Errorf("%s: linear bound %d, below the %d measured", name, lb, want)
		}
		if i > 4 {
			continue
		}
		lag, err := solver.LagrangeBound(p, best, 3e8)
		if err != nil {
			t.Fatal(err)
		}
		cheap, _ := solver.LowerBound(p)
		t.Logf("%s: Lagrangian bound %d, cheap bound %d", name, lag, cheap)
		if lag > best {
			t.Errorf("%s: Lagrangian bound %d above the best known %d", name, lag, best)
		}
		if (i == 2 || i == 4) && lag != best {
			t.Errorf("%s: Lagrangian bound %d, want the proven optimum %d", name, lag, best)
		}
		if lb < lag {
			t.Errorf("%s: linear bound %d below the Lagrangian bound %d", name, lb, lag)
		}
	}
}

// TestSolve_ProvesOptimum: on Instance1–4 branch and price proves the
// published optima (607, 828, 1001, 1716) well inside the time limit:
// Solve returns them with the status Optimal and the bound equal to the
// score, and the checker agrees with the score.
func TestSolve_ProvesOptimum(t *testing.T) {
	dir := sharedDir(t)
	for i := 1; i <= 4; i++ {
		name := fmt.Sprintf("Instance%d", i)
		in := loadFile(t, filepath.Join(dir, name+".txt"))
		p, err := in.Problem()
		if err != nil {
			t.Fatal(err)
		}
		res, err := solver.Solve(context.Background(), p, solver.Settings{TimeLimit: 60 * time.Second, Seed: 1, Threads: 2})
		if err != nil {
			t.Fatal(err)
		}
		best := int64(BestKnown[i-1])
		t.Logf("%s: %d, bound %d, %s, %v", name, res.Score.Soft, res.LowerBound, res.Status, res.Stats.Elapsed)
		if res.Status != solver.Optimal || res.Score.Soft != best || res.LowerBound != best {
			t.Errorf("%s: score %d, bound %d, status %v; want the proven optimum %d", name, res.Score.Soft, res.LowerBound, res.Status, best)
		}
		var buf bytes.Buffer
		if err := in.WriteSolution(&buf, res.Roster); err != nil {
			t.Fatal(err)
		}
		sol, err := ReadSolution(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if rep := in.Check(sol); int64(rep.Objective) != best || len(rep.Violations) != 0 {
			t.Errorf("%s: checker says %+v", name, rep)
		}
	}
}

// sharedDir is the benchmark's folder in ../shared beside the project; the
// test is skipped without it, except under CI=true.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "benchmarks", "curtois")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("benchmark instances not found: %v", err)
		}
		t.Skip("benchmark instances not found:", err)
	}
	return dir
}

// sharedProblem reads Instance<i>.txt from dir as a solver problem.
func sharedProblem(t *testing.T, dir string, i int) *solver.Problem {
	t.Helper()
	p, err := loadFile(t, filepath.Join(dir, fmt.Sprintf("Instance%d.txt", i))).Problem()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSolve_ProgressEndsAtResult: the progress reports of a run whose
// tree finds and proves the optimum (Instance5, 1 143: the search waits
// for the tree once the tree holds the best roster) never rise, their
// bounds never fall and never pass the optimum, and the last report is
// the returned roster's score and bound, so a progress bar ends where the
// run does.
func TestSolve_ProgressEndsAtResult(t *testing.T) {
	const optimum = 1143 // benchmark README
	p := sharedProblem(t, sharedDir(t), 5)
	var reports []int64
	var bounds []int64
	set := solver.Settings{TimeLimit: 60 * time.Second, Seed: 1, Threads: 2, Progress: func(pr solver.Progress) {
		bounds = append(bounds, pr.LowerBound)
		if pr.BestHard == 0 {
			reports = append(reports, pr.BestScore)
		}
	}}
	res, err := solver.Solve(context.Background(), p, set)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) == 0 {
		t.Fatal("no progress report without hard violations")
	}
	for i := 1; i < len(reports); i++ {
		if reports[i] > reports[i-1] {
			t.Fatalf("report %d at %d after %d", i, reports[i], reports[i-1])
		}
	}
	if last := reports[len(reports)-1]; last != res.Score.Soft {
		t.Fatalf("last report %d, result %d (%v)", last, res.Score.Soft, res.Status)
	}
	for i, b := range bounds {
		if b > optimum || (i > 0 && b < bounds[i-1]) {
			t.Fatalf("bounds reported %v: want non-decreasing and at most %d", bounds, optimum)
		}
	}
	if last := bounds[len(bounds)-1]; last != res.LowerBound {
		t.Fatalf("last bound reported %d, result's %d", last, res.LowerBound)
	}
	t.Logf("%d reports, result %d (%v) in %v", len(reports), res.Score.Soft, res.Status, res.Stats.Elapsed)
}
