package staffing

import (
	"math"
	"testing"
	"time"
)

// erlangRef is ../shared/data/erlang_reference.md; tolerances below are half
// a unit of the last printed digit.
const (
	tolPct = 0.0005 // a percentage printed with one decimal, as a fraction
	tolSec = 0.05   // seconds printed with one decimal
)

func TestErlangBC_ExactSmallCases(t *testing.T) {
	// Source E (erlangR tests/testthat/test-formulas.R), section 4.
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"B(2,1)", ErlangB(1, 2), 0.2},
		{"C(2,1)", ErlangC(1, 2), 1.0 / 3},
		{"B(1,0.5)", ErlangB(0.5, 1), 1.0 / 3},
		{"C(1,0.5)", ErlangC(0.5, 1), 0.5},
		{"B(0,3)", ErlangB(3, 0), 1},
		{"C(5,5)", ErlangC(5, 5), 1},
	} {
		if math.Abs(c.got-c.want) > 1e-15 {
			t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
}

// ctLoad is scenario CT: 400 calls / 30 min, AHT 257 s (A = 57.111 erl).
var ctLoad = Load{Volume: 400, Period: 30 * time.Minute, AHT: 257 * time.Second}

// s5Load is scenario CT-S5: 1000 calls / 60 min, AHT 180 s (A = 50 erl).
var s5Load = Load{Volume: 1000, Period: time.Hour, AHT: 180 * time.Second}

// hLoad is scenario H / P1: 100 calls / 30 min, AHT 180 s (A = 10 erl).
var hLoad = Load{Volume: 100, Period: 30 * time.Minute, AHT: 180 * time.Second}

// curveRow is one row of the section-2 tables: SL, occupancy and answered
// immediately in %, ASA in s (negative: unstable), abandon in % (Erlang A).
type curveRow struct {
	n                        int
	sl, occ, asa, now, aband float64
}

// ctCurve is section 2, scenario CT (T = 20 s, patience 60 s), from the
// callcentretools.com captures (source CT). ASA at 58 is the exact 250.1.
var ctCurve = []curveRow{
	{58, 19.3, 98.5, 250.1, 13.5, 6.29},
	{59, 37.0, 96.8, 99.3, 27.0, 5.45},
	{60, 51.2, 95.2, 54.4, 38.8, 4.68},
	{61, 62.4, 93.6, 33.6, 49.1, 3.99},
	{62, 71.3, 92.1, 22.1, 58.0, 3.36},
	{63, 78.3, 90.7, 15.0, 65.7, 2.81},
	{64, 83.7, 89.2, 10.4, 72.1, 2.32},
	{65, 87.9, 87.9, 7.3, 77.6, 1.90},
	{66, 91.0, 86.5, 5.2, 82.1, 1.54},
	{68, 95.3, 84.0, 2.6, 88.9, 0.97},
	{70, 97.6, 81.6, 1.3, 93.4, 0.59},
	{72, 98.8, 79.3, 0.6, 96.2, 0.34},
	{74, 99.4, 77.2, 0.3, 97.9, 0.19},
}

// s5Curve is section 2, scenario CT-S5 (T = 10 s, patience 120 s), source CT.
var s5Curve = []curveRow{
	{50, 0, 100, -1, 0, 6.20},
	{51, 20.6, 98.0, 151.2, 16.0, 5.24},
	{53, 51.1, 94.3, 34.7, 42.2, 3.64},
	{55, 70.9, 90.9, 13.8, 61.5, 2.41},
	{57, 83.3, 87.7, 6.3, 75.4, 1.53},
	{58, 87.5, 86.2, 4.4, 80.6, 1.20},
	{59, 90.8, 84.7, 3.0, 84.8, 0.92},
	{60, 93.3, 83.3, 2.1, 88.3, 0.71},
	{62, 96.5, 80.6, 1.0, 93.2, 0.40},
}

func TestEvaluateC_ReferenceCurve(t *testing.T) {
	for _, sc := range []struct {
		name   string
		load   Load
		within time.Duration
		rows   []curveRow
	}{
		{"CT", ctLoad, 20 * time.Second, ctCurve},
		{"CT-S5", s5Load, 10 * time.Second, s5Curve},
	} {
		t.Run(sc.name, func(t *testing.T) {
			for _, r := range sc.rows {
				p := EvaluateC(sc.load, r.n, sc.within)
				checkFrac(t, r.n, "SL", p.ServiceLevel, r.sl/100, tolPct)
				checkFrac(t, r.n, "occupancy", p.Occupancy, r.occ/100, tolPct)
				checkFrac(t, r.n, "answered immediately", 1-p.PWait, r.now/100, tolPct)
				if r.asa < 0 {
					if p.Stable() {
						t.Errorf("N=%d: ASA %v, want unstable", r.n, p.ASA)
					}
				} else {
					checkFrac(t, r.n, "ASA", p.ASA.Seconds(), r.asa, tolSec)
				}
			}
		})
	}
	t.Run("H", func(t *testing.T) {
		// Section 2, scenario H / P1 recomputation: N, SL %, P(wait) %.
		for _, r := range []struct{ n, sl, pw float64 }{
			{11, 39.0, 68.2}, {12, 64.0, 44.9}, {13, 79.6, 28.5},
			{14, 88.8, 17.4}, {15, 94.1, 10.2}, {16, 97.1, 5.7},
		} {
			p := EvaluateC(hLoad, int(r.n), 20*time.Second)
			checkFrac(t, int(r.n), "SL", p.ServiceLevel, r.sl/100, tolPct)
			checkFrac(t, int(r.n), "P(wait)", p.PWait, r.pw/100, tolPct)
		}
	})
}

func checkFrac(t *testing.T, n int, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol+1e-12 {
		t.Errorf("N=%d: %s = %.6g, want %.6g ± %g", n, what, got, want, tol)
	}
}

func TestEvaluateC_Properties(t *testing.T) {
	t.Run("SLRisesWithN", func(t *testing.T) {
		// Property: more agents never lower SL, nor raise ASA or P(wait).
		prev := EvaluateC(ctLoad, 0, 20*time.Second)
		for n := 1; n < 120; n++ {
			p := EvaluateC(ctLoad, n, 20*time.Second)
			if p.ServiceLevel < prev.ServiceLevel || p.ASA > prev.ASA || p.PWait > prev.PWait {
				t.Fatalf("N=%d: %+v after N−1: %+v", n, p, prev)
			}
			prev = p
		}
	})
	t.Run("HugeLoad", func(t *testing.T) {
		// Property: 10 000 erlangs is finite and well-behaved (no overflow):
		// P(wait) is a probability and SL at A + 3√A is high (the
		// square-root staffing rule, Halfin & Whitt 1981, β = 3 gives
		// P(wait) ≈ 0.0015).
		l := Load{Volume: 10000, Period: time.Hour, AHT: time.Hour}
		for _, n := range []int{9999, 10000, 10001, 10100, 10300, 12000} {
			c := ErlangC(l.Erlangs(), n)
			b := ErlangB(l.Erlangs(), n)
			if math.IsNaN(c) || c < 0 || c > 1 || math.IsNaN(b) || b < 0 || b > 1 {
				t.Fatalf("N=%d: B=%v C=%v", n, b, c)
			}
		}
		p := EvaluateC(l, 10300, 20*time.Second)
		if p.PWait > 0.01 || p.PWait < 0.0005 {
			t.Errorf("P(wait) at A+3√A = %v, want ≈ 0.0015", p.PWait)
		}
	})
	t.Run("ZeroLoad", func(t *testing.T) {
		// Property: with no calls nothing waits, at any N.
		p := EvaluateC(Load{Volume: 0, Period: time.Hour, AHT: time.Minute}, 0, 20*time.Second)
		if p.ServiceLevel != 1 || p.PWait != 0 || p.ASA != 0 {
			t.Errorf("zero load: %+v", p)
		}
	})
}
