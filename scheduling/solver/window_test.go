package solver

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// windowProblem is a small random problem without row rules (the window
// search's pool needs none) and a roster of it that keeps every hard rule.
func windowProblem(t *testing.T, seed uint64, days, emps, shifts int) (*model, []int) {
	t.Helper()
	p := randomProblem(seed, days, emps, shifts)
	p.Rules = nil
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	res, err := Solve(context.Background(), p, Settings{Seed: seed, Threads: 1, MaxIterations: 20000})
	if errors.Is(err, ErrInfeasible) {
		return nil, nil
	}
	if err != nil {
		t.Fatal(err)
	}
	m := compile(p)
	x := make([]int, 0, m.E*m.D)
	for _, row := range res.Roster {
		x = append(x, row...)
	}
	return m, x
}

// TestWinEnum_ListsEveryRow: the rows listed for a window are exactly the
// fillings of the window, out of all (S+1)^W, whose cells allow their
// values and whose whole row keeps every hard rule (rowHardOf), the rest
// of the row as in the roster.
func TestWinEnum_ListsEveryRow(t *testing.T) {
	const a, b = 4, 8
	tested, rejected, several := 0, 0, 0
	for seed := uint64(1); seed <= 6; seed++ {
		m, x := windowProblem(t, seed, 14, 5, 2)
		if m == nil {
			continue
		}
		w := newWinSearch(m, a, b, 1<<62, time.Time{})
		w.list(x, rand.New(newSplitMix(seed)))
		cnt := make([]int, m.S)
		for e := 0; e < m.E; e++ {
			want := map[string]bool{}
			row := slices.Clone(x[e*m.D : (e+1)*m.D])
			rowsOf(b-a+1, m.S, func(fill []int) {
				copy(row[a:], fill)
				if m.rowHardOf(e, row, cnt) == 0 {
					want[fmt.Sprint(row)] = true
				} else {
					rejected++
				}
			})
			got := map[string]bool{}
			for c := 0; c < w.p.size(e); c++ {
				col := intsOf(w.p.col(e, c), make([]int, m.D))
				if !slices.Equal(col[:a], x[e*m.D:e*m.D+a]) || !slices.Equal(col[b+1:], x[e*m.D+b+1:(e+1)*m.D]) {
					t.Fatalf("seed %d employee %d: a listed row changes days outside %d–%d: %v", seed, e, a, b, col)
				}
				got[fmt.Sprint(col)] = true
			}
			if len(got) != len(want) {
				t.Fatalf("seed %d employee %d: %d rows listed, %d keep the hard rules", seed, e, len(got), len(want))
			}
			for r := range want {
				if !got[r] {
					t.Fatalf("seed %d employee %d: row %s keeps the hard rules but is not listed", seed, e, r)
				}
			}
			if len(want) > 1 {
				several++
			}
			tested++
		}
	}
	if tested == 0 || rejected == 0 || several == 0 {
		t.Fatalf("%d rows compared, %d fillings rejected, %d with several rows: the test needs all three", tested, rejected, several)
	}
}

// bruteWindow is a window a … b of a small random problem (nil when the
// problem has no roster keeping the hard rules or too many combinations
// to try): a roster x made of a random listed row per employee, the
// window search listed from it (x's rows are then the columns 0, as setup
// wants), and the best score over every combination of listed rows,
// found by trying them all.
func bruteWindow(t *testing.T, seed uint64, a, b int) (w *winSearch, x []int, best int64, rng *rand.Rand) {
	t.Helper()
	m, base := windowProblem(t, seed, 14, 4, 2)
	if m == nil {
		return nil, nil, 0, nil
	}
	rng = rand.New(newSplitMix(seed))
	w = newWinSearch(m, a, b, 1<<62, time.Time{})
	w.list(base, rng)
	x = make([]int, m.E*m.D)
	for e := 0; e < m.E; e++ {
		intsOf(w.p.col(e, rng.IntN(w.p.size(e))), x[e*m.D:(e+1)*m.D])
	}
	w = newWinSearch(m, a, b, 1<<62, time.Time{})
	w.list(x, rng)
	combos := 1
	for e := 0; e < m.E; e++ {
		combos *= w.p.size(e)
	}
	if combos > 300000 {
		return nil, nil, 0, nil
	}
	best = m.evaluate(x).Soft
	y := slices.Clone(x)
	var try func(e int)
	try = func(e int) {
		if e == m.E {
			best = min(best, m.evaluate(y).Soft)
			return
		}
		for c := 0; c < w.p.size(e); c++ {
			intsOf(w.p.col(e, c), y[e*m.D:(e+1)*m.D])
			try(e + 1)
		}
	}
	try(0)
	return w, x, best, rng
}

// eachBruteWindow calls check with bruteWindow's window a … b for the
// seeds 1–30 that give one, and returns how many did.
func eachBruteWindow(t *testing.T, a, b int, check func(seed uint64, w *winSearch, x []int, best int64, rng *rand.Rand)) (tried int) {
	t.Helper()
	for seed := uint64(1); seed <= 30; seed++ {
		if w, x, best, rng := bruteWindow(t, seed, a, b); w != nil {
			tried++
			check(seed, w, x, best, rng)
		}
	}
	return tried
}

// TestWindowSearch_MatchesBruteForce: from a roster made of random listed
// rows, the window search returns the best roster over every combination
// of listed rows, found by trying them all, whenever that beats the
// roster, and nothing otherwise. The roster it returns equals its score,
// keeps the hard rules and differs from the start only inside the window.
func TestWindowSearch_MatchesBruteForce(t *testing.T) {
	const a, b = 5, 8
	improved := 0
	tried := eachBruteWindow(t, a, b, func(seed uint64, w *winSearch, x []int, best int64, rng *rand.Rand) {
		m := w.m
		start := m.evaluate(x).Soft
		got, soft, _ := windowSearch(m, x, start, a, b, rng, time.Time{}, 1<<62)
		if best == start {
			if got != nil {
				t.Fatalf("seed %d: the search returned %d where no combination beats the start %d", seed, soft, start)
			}
			return
		}
		if got == nil || soft != best {
			t.Fatalf("seed %d: the search returned %d (found: %v), the best combination is %d (start %d)", seed, soft, got != nil, best, start)
		}
		if sc := m.evaluate(got); sc.Hard != 0 || sc.Soft != soft {
			t.Fatalf("seed %d: returned roster scores %+v, reported %d", seed, sc, soft)
		}
		for e := 0; e < m.E; e++ {
			for d := 0; d < m.D; d++ {
				if (d < a || d > b) && got[e*m.D+d] != x[e*m.D+d] {
					t.Fatalf("seed %d: employee %d day %d changed outside the window", seed, e, d)
				}
			}
		}
		improved++
	})
	if improved < 3 {
		t.Fatalf("%d of %d starts could be improved; the test needs at least 3", improved, tried)
	}
	t.Logf("%d of %d starts improved to the best combination", improved, tried)
}

// TestWindowExact_AnyPrices: the exact search's pruning holds at any
// multipliers, not only near the best: at random prices (so a wide gap
// between the Lagrangian value and the roster), it returns the best
// combination of listed rows, found by trying them all, or nothing when
// none beats the roster. The prices span the cover's steps in these
// problems (−100 per missing employee, +1 per extra one) and beyond.
func TestWindowExact_AnyPrices(t *testing.T) {
	const a, b = 5, 8
	improved := 0
	tried := eachBruteWindow(t, a, b, func(seed uint64, w *winSearch, x []int, best int64, rng *rand.Rand) {
		m := w.m
		ub := m.evaluate(x).Soft
		cum, _, fixed := w.setup(ub)
		for trial := 0; trial < 5; trial++ {
			pi := make([]float64, len(cum))
			for i := range pi {
				pi[i] = -150 + 200*rng.Float64()
			}
			// The Lagrangian value at pi, by its definition.
			L := fixed
			for e := 0; e < m.E; e++ {
				least := math.Inf(1)
				for c := 0; c < w.p.size(e); c++ {
					least = min(least, w.priced(e, c, pi))
				}
				L += least
			}
			for i := range cum {
				least := math.Inf(1)
				for k := range cum[i] {
					least = min(least, float64(cum[i][k])-pi[i]*float64(k))
				}
				L += least
			}
			if L > float64(best)+1e-6 {
				t.Fatalf("seed %d: Lagrangian value %.2f above the best combination %d", seed, L, best)
			}
			got, soft := w.exact(pi, L, fixed, ub, cum)
			switch {
			case best == ub && got != nil:
				t.Fatalf("seed %d trial %d: returned %d where nothing beats %d", seed, trial, soft, ub)
			case best < ub && (got == nil || soft != best || m.evaluate(got).Soft != soft):
				t.Fatalf("seed %d trial %d: returned %d (found: %v), the best combination is %d", seed, trial, soft, got != nil, best)
			case best < ub:
				improved++
			}
		}
	})
	if improved < 10 {
		t.Fatalf("%d trials improved (over %d problems); the test needs 10", improved, tried)
	}
	t.Logf("%d trials over %d problems returned the best combination", improved, tried)
}

// TestSolve_WindowSearches: Solve makes window searches on the problems
// its pool applies to (separable cover, no row rules, small enough) once
// a cycle ends without hard violations, and counts them. Without the call
// in Solve's loop, or with winFits false, the count stays 0. (Whether a
// search finds the better rosters is the brute-force tests' part: on
// runs this short it seldom finds one.)
func TestSolve_WindowSearches(t *testing.T) {
	feasible := 0
	for seed := uint64(1); seed <= 30; seed++ {
		p := randomProblem(seed, 14, 5, 2)
		p.Rules = nil
		res, err := Solve(context.Background(), p, Settings{Seed: seed, Threads: 1, MaxIterations: 20000})
		if errors.Is(err, ErrInfeasible) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		feasible++
		if res.Stats.Windows == 0 || res.Stats.WindowGains > res.Stats.Windows {
			t.Fatalf("seed %d: %d window searches, %d gains, in %d cycles", seed, res.Stats.Windows, res.Stats.WindowGains, res.Stats.Cycles)
		}
	}
	if feasible < 3 {
		t.Fatalf("%d of 30 runs without hard violations; the test needs 3", feasible)
	}
}

// TestWindowAt_CoversHorizon: the windows in turn are winDays long (or the
// horizon), start on week boundaries or end on the last day, and together
// cover every day.
func TestWindowAt_CoversHorizon(t *testing.T) {
	for _, D := range []int{5, 14, 28, 30, 42, 364} {
		seen := make([]bool, D)
		for k := 0; k < D; k++ {
			a, b := windowAt(D, k)
			if a < 0 || b >= D || b-a+1 != min(winDays, D) || (a%7 != 0 && b != D-1) {
				t.Fatalf("D=%d k=%d: window %d–%d", D, k, a, b)
			}
			for d := a; d <= b; d++ {
				seen[d] = true
			}
		}
		if i := slices.Index(seen, false); i >= 0 {
			t.Fatalf("D=%d: day %d in no window", D, i)
		}
	}
}
