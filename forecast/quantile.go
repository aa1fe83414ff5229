package forecast

import "math"

// Prediction intervals. Interval volumes are treated as Poisson–Gamma
// (negative binomial) with mean μ = the forecast and variance
//
//	Var = μ + φ μ²,
//
// the over-dispersed Poisson of call-centre arrivals whose rate is itself
// uncertain (Jongbloed & Koole 2001, "Managing uncertainty in call centres
// using Poisson mixtures", Applied Stochastic Models in Business and
// Industry 17(4)). φ is estimated by the method of moments from the chosen
// model's backtest residuals,
//
//	φ̂ = max(0, Σ((a − f)² − f) / Σ f²),
//
// so it holds the model's own error as well as the day-to-day variation of
// the rate (from in-sample residuals of the last week when the history is
// too short to backtest). Quantiles are exact for μ ≤ normalAbove and from the normal
// approximation above it.
const normalAbove = 400.0

// dispersion estimates φ from forecasts and actuals of a backtest, one
// term per scored interval.
func dispersion(g *grid, orgs []int, fs [][][]float64) float64 {
	return moments(g, orgs, fs, func(vals, f []float64, add func(a, m float64)) {
		for s, a := range vals {
			if m := at(f, s); !math.IsNaN(a) && m != 0 {
				add(a, m)
			}
		}
	})
}

// moments is φ̂ = max(0, Σ((A − F)² − F) / Σ F²) over the (actual A,
// forecast F) pairs that terms gives for each scored day of a backtest
// (present, not anomalous): its slots' volumes and forecasts.
func moments(g *grid, orgs []int, fs [][][]float64, terms func(vals, f []float64, add func(a, m float64))) float64 {
	num, den := 0.0, 0.0
	add := func(a, m float64) {
		num += (a-m)*(a-m) - m
		den += m * m
	}
	for k, o := range orgs {
		for j, f := range fs[k] {
			if d := &g.days[o+j]; d.present && !d.anomalous {
				terms(d.vals, f, add)
			}
		}
	}
	if den == 0 || num < 0 {
		return 0
	}
	return num / den
}

// Day totals. The sum of a day's intervals is not the sum of their
// quantiles: the intervals' errors partly cancel (which makes summed
// quantiles too wide) and partly move together with the day's level
// (which the intervals' φ does not separate out). A day's total is given
// its own law of the same form, Var = M + φ_d M² with M the forecast day
// total, and φ_d estimated by the same method of moments from the
// backtest's day totals,
//
//	φ̂_d = max(0, Σ((A − F)² − F) / Σ F²),
//
// A and F the actual and forecast totals of a scored day over its scored
// intervals.

// dayDispersion estimates φ_d from forecasts and actuals of a backtest,
// one term per scored day.
func dayDispersion(g *grid, orgs []int, fs [][][]float64) float64 {
	return moments(g, orgs, fs, func(vals, f []float64, add func(a, m float64)) {
		var a, m float64
		for s, v := range vals {
			if !math.IsNaN(v) {
				a += v
				m += at(f, s)
			}
		}
		if m != 0 {
			add(a, m)
		}
	})
}

// Quantiles returns the q-quantiles (q ascending in (0,1)) of the
// Poisson–Gamma law with mean mu and dispersion phi (Var = mu + phi·mu²;
// phi = 0 is Poisson): Result.Dispersion gives an interval's law,
// Result.DayDispersion a day total's.
func Quantiles(mu, phi float64, qs []float64) []float64 {
	return nbQuantiles(mu, phi, qs)
}

// nbQuantiles returns the q-quantiles (q ascending in (0,1)) of the negative
// binomial with mean mu and dispersion phi (phi = 0: Poisson).
func nbQuantiles(mu, phi float64, qs []float64) []float64 {
	out := make([]float64, len(qs))
	if !(mu > 0) {
		return out
	}
	if mu > normalAbove {
		sd := math.Sqrt(mu + phi*mu*mu)
		for i, q := range qs {
			out[i] = math.Max(0, mu+sd*math.Sqrt2*math.Erfinv(2*q-1))
		}
		return out
	}
	var pmf, ratio float64
	r := 0.0
	if phi > 1e-9 {
		r = 1 / phi
		pmf = math.Exp(r * math.Log(r/(r+mu)))
		ratio = mu / (r + mu)
	} else {
		pmf = math.Exp(-mu)
	}
	cdf := pmf
	i := 0
	limit := int(mu + 50*math.Sqrt(mu+phi*mu*mu) + 50)
	for k := 0; k <= limit && i < len(qs); k++ {
		for i < len(qs) && cdf >= qs[i] {
			out[i] = float64(k)
			i++
		}
		if phi > 1e-9 {
			pmf *= (float64(k) + r) / float64(k+1) * ratio
		} else {
			pmf *= mu / float64(k+1)
		}
		cdf += pmf
	}
	for ; i < len(qs); i++ {
		out[i] = float64(limit)
	}
	return out
}
