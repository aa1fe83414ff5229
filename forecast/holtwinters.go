package forecast

import "math"

// holtWinters is Taylor's double-seasonal exponential smoothing in additive
// form with a first-order autoregressive adjustment of the one-step error
// (Taylor 2003, "Short-term electricity demand forecasting using double
// seasonal exponential smoothing", JORS 54(8) 799–804; Taylor 2010, "Triple
// seasonal methods for short-term electricity demand forecasting", EJOR
// 204(1) 139–152, eqs. 1–5 without trend):
//
//	e_t = y_t − (ℓ_{t−1} + d_{t−s₁} + w_{t−s₂})
//	ℓ_t = ℓ_{t−1} + α e_t
//	d_t = d_{t−s₁} + δ e_t
//	w_t = w_{t−s₂} + ω e_t
//	ŷ_t(k) = ℓ_t + d_{t−s₁+k} + w_{t−s₂+k} + φᵏ e_t
//
// (the error-correction form of the smoothing equations). s₁ is the open
// slots of a day, s₂ the open slots of a week; closed slots and closed day
// types are left out of the sequence, and missing or anomalous days inside
// the window are filled with the robust same-weekday average so the cycles
// stay aligned. α, δ, ω, φ ∈ [0, 1] minimise the one-step squared error over
// the last hwWeeks weeks (grid search, then coordinate refinement).
type holtWinters struct{}

const (
	hwWeeks     = 8
	hwFillWeeks = 4
)

func (holtWinters) name() string { return "holt_winters" }

func (holtWinters) fit(h history) predictor {
	g := h.g
	// Open slots (any type) and open weekdays over the window.
	lo := max(0, h.origin-7*hwWeeks)
	var openWD [7]bool
	slotOpen := make([]bool, g.slots)
	for i := lo; i < h.origin; i++ {
		d := &g.days[i]
		if !d.present || d.holiday {
			continue
		}
		openWD[d.wd] = true
		for s, v := range d.vals {
			if v > 0 {
				slotOpen[s] = true
			}
		}
	}
	var slots []int
	for s, ok := range slotOpen {
		if ok {
			slots = append(slots, s)
		}
	}
	days := 0
	for _, ok := range openWD {
		if ok {
			days++
		}
	}
	s1 := len(slots)
	s2 := s1 * days
	if s1 == 0 {
		return func(*day) []float64 { return nil }
	}
	fill := map[int][]float64{}
	var y []float64
	for i := lo; i < h.origin; i++ {
		d := &g.days[i]
		if !openWD[d.wd] {
			continue
		}
		vals := d.vals
		if !d.present || d.anomalous || d.holiday {
			f, ok := fill[int(d.wd)]
			if !ok {
				f = h.slotMean(h.recent(dayType(d.wd), hwFillWeeks, true), nil)
				fill[int(d.wd)] = f
			}
			vals = f
		}
		for _, s := range slots {
			v := 0.0
			if vals != nil && !math.IsNaN(vals[s]) {
				v = vals[s]
			}
			y = append(y, v)
		}
	}
	if len(y) < 2*s2 {
		return func(*day) []float64 { return nil }
	}
	par := fitHW(y, s1, s2)
	st := runHW(y, s1, s2, par)
	return func(d *day) []float64 {
		if !openWD[d.wd] {
			return nil
		}
		// Position of the target day among the open days after the origin.
		p, target := 0, civil(d.date)-civil(g.days[0].date)
		for i := h.origin; i < target; i++ {
			if openWD[g.days[i].wd] {
				p++
			}
		}
		out := make([]float64, g.slots)
		for j, s := range slots {
			k := p*s1 + j + 1
			out[s] = st.forecast(k, s1, s2, par)
		}
		return out
	}
}

// hwParams are the smoothing parameters α, δ, ω and the AR coefficient φ.
type hwParams [4]float64

// hwState is the state after the last observation.
type hwState struct {
	level float64
	d, w  []float64 // last s₁ and s₂ seasonal terms, oldest first
	err   float64
	sse   float64
}

func (st hwState) forecast(k, s1, s2 int, p hwParams) float64 {
	di := (k - 1) % s1
	wi := (k - 1) % s2
	return st.level + st.d[di] + st.w[wi] + math.Pow(p[3], float64(k))*st.err
}

// runHW initialises on the first week (level = its mean, daily term = mean
// by slot minus the level, weekly term = the rest) and runs the recursion
// over the remaining weeks.
func runHW(y []float64, s1, s2 int, p hwParams) hwState {
	level := 0.0
	for _, v := range y[:s2] {
		level += v
	}
	level /= float64(s2)
	d := make([]float64, s1)
	n := s2 / s1
	for j := 0; j < s1; j++ {
		for k := 0; k < n; k++ {
			d[j] += y[k*s1+j]
		}
		d[j] = d[j]/float64(n) - level
	}
	w := make([]float64, s2)
	for t := 0; t < s2; t++ {
		w[t] = y[t] - level - d[t%s1]
	}
	// Ring buffers: d[t mod s1], w[t mod s2] hold the terms of t − s₁, t − s₂.
	prevErr, sse := 0.0, 0.0
	for t := s2; t < len(y); t++ {
		di, wi := t%s1, t%s2
		fc := level + d[di] + w[wi] + p[3]*prevErr
		e := y[t] - (level + d[di] + w[wi])
		sse += (y[t] - fc) * (y[t] - fc)
		level += p[0] * e
		d[di] += p[1] * e
		w[wi] += p[2] * e
		prevErr = e
	}
	// Rotate so index 0 is the term for the next step.
	t := len(y)
	st := hwState{level: level, err: prevErr, sse: sse, d: make([]float64, s1), w: make([]float64, s2)}
	for j := 0; j < s1; j++ {
		st.d[j] = d[(t+j)%s1]
	}
	for j := 0; j < s2; j++ {
		st.w[j] = w[(t+j)%s2]
	}
	return st
}

// fitHW minimises the one-step SSE: a coarse grid, then halving coordinate
// steps.
func fitHW(y []float64, s1, s2 int) hwParams {
	best := hwParams{0.1, 0.1, 0.1, 0.5}
	bestSSE := runHW(y, s1, s2, best).sse
	grid := []float64{0.01, 0.1, 0.3}
	for _, a := range grid {
		for _, dd := range grid {
			for _, w := range grid {
				p := hwParams{a, dd, w, 0.5}
				if e := runHW(y, s1, s2, p).sse; e < bestSSE {
					best, bestSSE = p, e
				}
			}
		}
	}
	step := 0.1
	for iter := 0; iter < 5; iter++ {
		for i := range best {
			for _, sgn := range []float64{-1, 1} {
				p := best
				p[i] = math.Min(1, math.Max(0, p[i]+sgn*step))
				if e := runHW(y, s1, s2, p).sse; e < bestSSE {
					best, bestSSE = p, e
				}
			}
		}
		step /= 2
	}
	return best
}
