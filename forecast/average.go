package forecast

import (
	"fmt"
	"math"
)

// seasonalNaive repeats the same slot of the last day of the same type
// ("same slot last week" when every day has data).
type seasonalNaive struct{}

func (seasonalNaive) name() string { return "seasonal_naive" }

func (seasonalNaive) fit(h history) predictor {
	return func(d *day) []float64 {
		idx := h.recent(h.targetType(d), 1, false)
		if len(idx) == 0 {
			return nil
		}
		return h.g.days[idx[0]].vals
	}
}

// weekAverage is the contact-centre industry's N-week average: the mean of
// the same slot over the last N days of the same type that have data, so a
// missing day does not shift the weeks.
type weekAverage struct{ weeks int }

func (m weekAverage) name() string { return fmt.Sprintf("week_average_%d", m.weeks) }

func (m weekAverage) fit(h history) predictor {
	return func(d *day) []float64 {
		return h.slotMean(h.recent(h.targetType(d), m.weeks, false), nil)
	}
}

// slotMean is the (weighted, if w != nil) mean per slot of the given days.
func (h history) slotMean(idx []int, w []float64) []float64 {
	if len(idx) == 0 {
		return nil
	}
	out := make([]float64, h.g.slots)
	for s := range out {
		num, den := 0.0, 0.0
		for k, i := range idx {
			v := h.g.days[i].vals[s]
			if math.IsNaN(v) {
				continue
			}
			wk := 1.0
			if w != nil {
				wk = w[k]
			}
			num += wk * v
			den += wk
		}
		if den > 0 {
			out[s] = num / den
		}
	}
	return out
}

// robustAverage is the N-week average without anomalous days and with
// exponentially decaying weights 2^(−k/halfLife) on the k-th most recent
// week.
type robustAverage struct {
	weeks    int
	halfLife float64
}

func (m robustAverage) name() string { return "robust_average" }

func (m robustAverage) fit(h history) predictor {
	return func(d *day) []float64 {
		idx := h.recent(h.targetType(d), m.weeks, true)
		return h.slotMean(idx, decay(len(idx), m.halfLife))
	}
}

// decay returns n weights 2^(−k/halfLife), k = 0 … n−1.
func decay(n int, halfLife float64) []float64 {
	w := make([]float64, n)
	for k := range w {
		w[k] = math.Exp2(-float64(k) / halfLife)
	}
	return w
}
