package scenario

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/roster"
)

func load(t *testing.T, name string) (*Scenario, *roster.Input) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "docs", "scenarios", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc, err := Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	in, err := sc.Build(Options{Dir: filepath.Dir(path)})
	if err != nil {
		t.Fatal(err)
	}
	return sc, in
}

func TestDemo_SolvesWithoutViolations(t *testing.T) {
	t0 := time.Now()
	sc, in := load(t, "demo.json")
	t.Logf("build %v", time.Since(t0))
	res, err := roster.Solve(context.Background(), *in, roster.Settings{MaxIterations: 300000, Threads: 1, Seed: 1})
	if err != nil {
		for _, v := range res.Violations {
			t.Log(v)
		}
		t.Fatal(err)
	}
	t.Logf("%s: %+v unmet %v elapsed %v", sc.Name, res.KPIs, res.Unmet, res.Elapsed)
}
