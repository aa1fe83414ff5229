package staffing

import (
	"math"
	"time"
)

// EvaluateA returns the Erlang A (M/M/N+M) performance of n agents taking
// load l when callers abandon after an exponential patience of mean
// patience; the service level is measured at answer time within. See the
// package documentation for the formulas (Zeltyn & Mandelbaum 2005, §2 with
// exponential patience). As patience → ∞ it tends to [EvaluateC].
//
// It panics if n < 0 or patience ≤ 0; l must be valid.
func EvaluateA(l Load, n int, within, patience time.Duration) Performance {
	a := l.Erlangs()
	checkLoad(a, n)
	if patience <= 0 {
		panic("staffing: EvaluateA needs a positive patience")
	}
	bPrev := 1.0
	if n > 0 {
		bPrev = ErlangB(a, n-1)
	}
	return performanceA(a, l.AHT.Seconds(), within.Seconds(), 1/patience.Seconds(), n, bPrev)
}

// quadDrop is how far (in natural-log units) below its maximum the
// integrand e^{f} is cut off: e^{−36} ≈ 2e−16 relative, at rounding level.
const quadDrop = 36

// quadPanels is the number of Gauss–Legendre panels across the integrand's
// support; with 20 nodes each, the rule is exact to rounding for these
// smooth, log-concave integrands (checked against the birth–death chain in
// the tests).
const quadPanels = 4

// performanceA is the Erlang A performance given bPrev = B(n−1, a); aht and t
// are in seconds and theta = 1/patience per second.
func performanceA(a, aht, t, theta float64, n int, bPrev float64) Performance {
	switch {
	case a == 0:
		return Performance{Agents: n, ServiceLevel: 1, AnsweredServiceLevel: 1}
	case n == 0:
		// Nobody answers: every caller waits out its patience and leaves.
		return Performance{Agents: 0, PWait: 1, PAbandon: 1, ASA: InfiniteWait, MeanWait: seconds(1 / theta)}
	}
	mu := 1 / aht
	lam := a * mu
	nmu := float64(n) * mu
	f := func(x float64) float64 { return -lam/theta*math.Expm1(-theta*x) - nmu*x }

	// f is concave (f'' = −λθe^{−θx} < 0) with its maximum at x*.
	xs := 0.0
	if lam > nmu {
		xs = math.Log(lam/nmu) / theta
	}
	fm := f(xs)
	below := func(x float64) bool { return f(x) < fm-quadDrop }

	// Right end: double, then bisect, to where f has dropped by about
	// quadDrop (the cut-off need not be precise).
	d := quadDrop / nmu
	for !below(xs + d) {
		d *= 2
	}
	lo, hi := xs+d/2, xs+d
	for i := 0; i < 6; i++ {
		if m := (lo + hi) / 2; below(m) {
			hi = m
		} else {
			lo = m
		}
	}
	xR := hi
	// Left end: 0, or where f has risen to within quadDrop of the maximum.
	xL := 0.0
	if below(0) {
		lo, hi := 0.0, xs
		for i := 0; i < 12; i++ {
			if m := (lo + hi) / 2; below(m) {
				lo = m
			} else {
				hi = m
			}
		}
		xL = lo
	}

	// Panel breakpoints, with one at T so the service-level integral stops
	// exactly there.
	var i0, iAb, iS, iST, iXS float64
	panel := func(u, v float64, beforeT bool) {
		h := (v - u) / 2
		m := (u + v) / 2
		for k, z := range glNodes {
			x := m + h*z
			em := math.Expm1(-theta * x) // e^{−θx} − 1
			w := glWeights[k] * h * math.Exp(-lam/theta*em-nmu*x-fm)
			keep := 1 + em // probability the caller is still there
			i0 += w
			iAb += -em * w
			iS += keep * w
			iXS += x * keep * w
			if beforeT {
				iST += keep * w
			}
		}
	}
	step := (xR - xL) / quadPanels
	for k := 0; k < quadPanels; k++ {
		u, v := xL+float64(k)*step, xL+float64(k+1)*step
		switch {
		case v <= t:
			panel(u, v, true)
		case u >= t:
			panel(u, v, false)
		default:
			panel(u, t, true)
			panel(t, v, false)
		}
	}

	// K = λe^{fm}/(E + λJ) with E = 1/B(n−1, a), computed in logs.
	k := 0.0
	if bPrev > 0 {
		k = lam / (math.Exp(-math.Log(bPrev)-fm) + lam*i0)
	}
	pWait := clamp01(k * i0)
	pAb := clamp01(k * iAb)
	served := 1 - pAb
	sl := clamp01(1 - pWait + k*iST)
	p := Performance{
		Agents:       n,
		ServiceLevel: sl,
		PWait:        pWait,
		PAbandon:     pAb,
		MeanWait:     seconds(pAb / theta),
		Occupancy:    clamp01(a * served / float64(n)),
		ASA:          InfiniteWait,
	}
	if served > 0 {
		p.ASA = seconds(k * iXS / served)
		p.AnsweredServiceLevel = clamp01(sl / served)
	}
	return p
}

// curveA calls visit with the Erlang A performance at n = 0, step, 2·step, …
// servers (reported as n/step agents) until visit returns false.
func curveA(a, aht, t, theta float64, step int, visit func(Performance) bool) {
	bPrev := 1.0 // B(n−1, a)
	for n := 0; ; n++ {
		if n >= 2 {
			bPrev = a * bPrev / (float64(n-1) + a*bPrev)
		}
		if n%step != 0 {
			continue
		}
		p := performanceA(a, aht, t, theta, n, bPrev)
		p.Agents = n / step
		if !visit(p) {
			return
		}
	}
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }
