package staffing

import (
	"math"
	"testing"
	"time"
)

func TestEvaluateA_ReferenceAbandonment(t *testing.T) {
	// Section 2, abandon column (Erlang A at the same N), source CT.
	for _, sc := range []struct {
		name     string
		load     Load
		within   time.Duration
		patience time.Duration
		rows     []curveRow
	}{
		{"CT", ctLoad, 20 * time.Second, 60 * time.Second, ctCurve},
		{"CT-S5", s5Load, 10 * time.Second, 120 * time.Second, s5Curve},
	} {
		t.Run(sc.name, func(t *testing.T) {
			for _, r := range sc.rows {
				p := EvaluateA(sc.load, r.n, sc.within, sc.patience)
				// Abandonment is printed with two decimals of a percent.
				checkFrac(t, r.n, "abandon", p.PAbandon, r.aband/100, 0.00005)
			}
		})
	}
}

func TestEvaluateA_Pyworkforce(t *testing.T) {
	// Section 3 (source P3, pyworkforce test_abandonment.py): 100 calls /
	// 30 min, AHT 3 min, patience 5 min, N = 14, T = 20 s, printed to 5–6
	// decimals. pyworkforce's "ASA" is the mean wait of all callers
	// (E[queue]/λ), our MeanWait; its service level is the fraction of all
	// callers answered within T, our ServiceLevel.
	p := EvaluateA(hLoad, 14, 20*time.Second, 5*time.Minute)
	for _, c := range []struct {
		what      string
		got, want float64
		tol       float64
	}{
		{"P(wait)", p.PWait, 0.14526, 5e-6},
		{"P(abandon)", p.PAbandon, 0.013984, 5e-7},
		{"occupancy", p.Occupancy, 0.704297, 5e-7},
		{"mean wait (min)", p.MeanWait.Minutes(), 0.069919, 5e-7},
		{"service level", p.ServiceLevel, 0.916792, 5e-7},
	} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.7f, want %.6f", c.what, c.got, c.want)
		}
	}
}

// birthDeath is an independent Erlang A computation from the stationary
// distribution of the M/M/n+M birth–death chain (birth λ, death
// min(k,n)μ + max(k−n,0)θ), as in Palm (1946): P(wait) = P(K ≥ n),
// P(abandon) = θ·E[queue]/λ, and the answered callers' mean wait from the
// tagged-caller chain: with j callers ahead, it passes stages of rate
// nμ + iθ (i = j … 0) while abandoning at rate θ, so
// E[W·1{served}] = Σ_j π(n+j)·Π_i r_i/(r_i+θ)·Σ_i 1/(r_i+θ), r_i = nμ + iθ.
func birthDeath(lam, mu, theta float64, n int) (pWait, pAb, asaAnswered float64) {
	p := []float64{1}
	for k := 1; ; k++ {
		d := float64(min(k, n))*mu + float64(max(k-n, 0))*theta
		p = append(p, p[k-1]*lam/d)
		if k > n+10 && p[k] < 1e-18*p[n] {
			break
		}
	}
	var sum, q, wServed float64
	for _, x := range p {
		sum += x
	}
	for k := n; k < len(p); k++ {
		pWait += p[k] / sum
		q += float64(k-n) * p[k] / sum
		j := k - n
		ps, s := 1.0, 0.0
		for i := j; i >= 0; i-- {
			r := float64(n)*mu + float64(i)*theta
			ps *= r / (r + theta)
			s += 1 / (r + theta)
		}
		wServed += p[k] / sum * ps * s
	}
	pAb = theta * q / lam
	return pWait, pAb, wServed / (1 - pAb)
}

func TestEvaluateA_MatchesBirthDeath(t *testing.T) {
	// Independent calculation: birthDeath above, to 1e-9.
	for _, c := range []struct {
		load     Load
		patience time.Duration
		ns       []int
	}{
		{hLoad, 5 * time.Minute, []int{1, 5, 9, 10, 11, 14, 20}},
		{ctLoad, 60 * time.Second, []int{30, 57, 58, 64, 80}},
		{s5Load, 20 * time.Minute, []int{40, 50, 51, 60}},
	} {
		aht := c.load.AHT.Seconds()
		for _, n := range c.ns {
			p := EvaluateA(c.load, n, 20*time.Second, c.patience)
			pw, pa, asa := birthDeath(c.load.Volume/c.load.Period.Seconds(), 1/aht, 1/c.patience.Seconds(), n)
			if math.Abs(p.PWait-pw) > 1e-9 || math.Abs(p.PAbandon-pa) > 1e-9 || math.Abs(p.ASA.Seconds()-asa) > 1e-6 {
				t.Errorf("A=%.3f N=%d: got P(wait) %.12f P(ab) %.12f ASA %.9f, birth–death %.12f %.12f %.9f",
					c.load.Erlangs(), n, p.PWait, p.PAbandon, p.ASA.Seconds(), pw, pa, asa)
			}
		}
	}
}

func TestEvaluateA_Limits(t *testing.T) {
	t.Run("PatientLimitIsErlangC", func(t *testing.T) {
		// Source P3: as patience → ∞, Erlang A's P(wait) and occupancy match
		// Erlang C to 1e-4 at N = 15, 20, 25 (pyworkforce uses 10⁶ min).
		for _, n := range []int{15, 20, 25} {
			a := EvaluateA(hLoad, n, 20*time.Second, 1e6*time.Minute)
			c := EvaluateC(hLoad, n, 20*time.Second)
			if math.Abs(a.PWait-c.PWait) > 1e-4 || math.Abs(a.Occupancy-c.Occupancy) > 1e-4 ||
				math.Abs(a.ServiceLevel-c.ServiceLevel) > 1e-3 {
				t.Errorf("N=%d: Erlang A %+v, Erlang C %+v", n, a, c)
			}
		}
		// Source E: θ → 0 recovers Erlang C, e.g. λ = 8, μ = 1, N = 10.
		l := Load{Volume: 8, Period: time.Second, AHT: time.Second}
		a := EvaluateA(l, 10, 0, 1e7*time.Second)
		if c := ErlangC(8, 10); math.Abs(a.PWait-c) > 1e-5 {
			t.Errorf("λ=8, N=10, θ→0: P(wait) %v, Erlang C %v", a.PWait, c)
		}
	})
	t.Run("ThetaEqualsMuIsPoisson", func(t *testing.T) {
		// Source E: with θ = μ every caller leaves at rate μ whether served or
		// not, so the number present is Poisson(A) (M/M/∞): P(wait) =
		// P(X ≥ N) and E[queue] = E[(X − N)⁺]. λ = 8, μ = θ = 1, N = 10.
		l := Load{Volume: 8, Period: time.Second, AHT: time.Second}
		p := EvaluateA(l, 10, 0, time.Second)
		var pw, q float64
		term := math.Exp(-8.0)
		for x := 0; x < 200; x++ {
			if x >= 10 {
				pw += term
				q += float64(x-10) * term
			}
			term *= 8 / float64(x+1)
		}
		if math.Abs(p.PWait-pw) > 1e-12 || math.Abs(p.PAbandon-q/8) > 1e-12 {
			t.Errorf("P(wait) %v (Poisson %v), P(abandon) %v (Poisson %v)", p.PWait, pw, p.PAbandon, q/8)
		}
	})
	t.Run("NobodyAnswers", func(t *testing.T) {
		// Property: with no agents everybody abandons.
		p := EvaluateA(hLoad, 0, 20*time.Second, time.Minute)
		if p.PAbandon != 1 || p.ServiceLevel != 0 || p.Stable() {
			t.Errorf("N=0: %+v", p)
		}
	})
	t.Run("HugeLoad", func(t *testing.T) {
		// Property: 10 000 erlangs with impatient callers stays finite;
		// abandonment falls as N rises.
		l := Load{Volume: 10000, Period: time.Hour, AHT: time.Hour}
		prev := 2.0
		for _, n := range []int{1, 5000, 9900, 10000, 10100} {
			p := EvaluateA(l, n, 20*time.Second, time.Minute)
			if math.IsNaN(p.PAbandon) || p.PAbandon >= prev || math.IsNaN(p.ServiceLevel) {
				t.Fatalf("N=%d: %+v", n, p)
			}
			prev = p.PAbandon
		}
	})
}

func TestEvaluateA_MonotoneGrid(t *testing.T) {
	// Property, over loads from 0.05 to 2000 erlangs and patience from 1 s
	// to 1 h: every probability lies in [0, 1]; with one more agent SL rises
	// and P(wait), P(abandon) and ASA fall.
	for _, a := range []float64{0.05, 1, 7.5, 40, 300, 2000} {
		for _, patience := range []time.Duration{time.Second, 30 * time.Second, 5 * time.Minute, time.Hour} {
			l := Load{Volume: a * 1800 / 240, Period: 30 * time.Minute, AHT: 240 * time.Second}
			prev := EvaluateA(l, 0, 20*time.Second, patience)
			top := int(a + 6*math.Sqrt(a) + 5)
			for n := 1; n <= top; n += 1 + top/60 {
				p := EvaluateA(l, n, 20*time.Second, patience)
				for _, x := range []float64{p.ServiceLevel, p.AnsweredServiceLevel, p.PWait, p.PAbandon, p.Occupancy} {
					if math.IsNaN(x) || x < 0 || x > 1 {
						t.Fatalf("A=%v patience %v N=%d: %+v", a, patience, n, p)
					}
				}
				const slack = 1e-12
				if p.ServiceLevel < prev.ServiceLevel-slack || p.PWait > prev.PWait+slack ||
					p.PAbandon > prev.PAbandon+slack || (prev.Stable() && p.ASA > prev.ASA+time.Microsecond) {
					t.Fatalf("A=%v patience %v: N=%d %+v after %+v", a, patience, n, p, prev)
				}
				prev = p
			}
		}
	}
}
