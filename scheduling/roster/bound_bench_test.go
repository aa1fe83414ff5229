package roster_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/shiftplan/shiftplan/scheduling/roster"
	"github.com/shiftplan/shiftplan/scheduling/roster/scenario"
)

// largeInput is docs/scenarios/large.json built as shiftplan bench roster
// builds it: 500 agents, 28 days of 15-minute intervals, 3 queues.
func largeInput(tb testing.TB) *roster.Input {
	tb.Helper()
	path := filepath.Join("..", "..", "docs", "scenarios", "large.json")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc, err := scenario.Decode(f)
	if err != nil {
		tb.Fatal(err)
	}
	in, err := sc.Build(scenario.Options{Dir: filepath.Dir(path)})
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

func BenchmarkHoursBounds_Large(b *testing.B) {
	in := largeInput(b)
	var sum, lp float64
	for b.Loop() {
		var err error
		if sum, lp, err = roster.HoursBounds(*in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(sum, "sum-h")
	b.ReportMetric(lp, "lp-h")
}
