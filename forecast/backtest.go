package forecast

import (
	"math"
	"sort"
)

// Accuracy is a model's rolling-origin backtest score.
type Accuracy struct {
	// WAPE is Σ|forecast − actual| / Σ actual over all scored intervals, a
	// fraction (0.1 = 10 % of the volume is misplaced); NaN when nothing was
	// scored.
	WAPE float64
	// MAE is the mean absolute error per scored interval, in contacts.
	MAE float64
	// Origins is the number of forecast origins scored.
	Origins int
	// Intervals is the number of intervals scored.
	Intervals int
}

// ModelScore is one candidate model and its backtest.
type ModelScore struct {
	Model    string
	Backtest Accuracy
	// Weight is the model's share in the combination (0 when not blended).
	Weight float64
}

// Backtest defaults: origins at the start of each of the last
// backtestOrigins weeks of history, each forecasting backtestDays days from
// the data before it, with at least minTrainDays days of history.
const (
	backtestOrigins = 6
	backtestDays    = 7
	minTrainDays    = 14
	combineTop      = 3
)

const combinationName = "combination"

// trial holds one model's backtest forecasts: per origin, per day, per slot.
type trial struct {
	m     model
	fcst  [][][]float64
	score Accuracy
}

// backtest scores every model on rolling origins. The scored days are the
// history days that are present and not anomalous; closed slots are masked
// as at forecast time.
func backtest(g *grid, models []model, origins, days int) (orgs []int, trials []*trial) {
	for k := origins; k >= 1; k-- {
		if o := g.n - days*k; o >= minTrainDays {
			orgs = append(orgs, o)
		}
	}
	for _, m := range models {
		tr := &trial{m: m}
		for _, o := range orgs {
			h := history{g: g, origin: o}
			p := h.fitMasked(m)
			var fs [][]float64
			for i := o; i < min(o+days, g.n); i++ {
				fs = append(fs, p(&g.days[i]))
			}
			tr.fcst = append(tr.fcst, fs)
		}
		tr.score = score(g, orgs, tr.fcst)
		trials = append(trials, tr)
	}
	return orgs, trials
}

// score computes the accuracy of forecasts fs (per origin, day, slot).
func score(g *grid, orgs []int, fs [][][]float64) Accuracy {
	var abs, act float64
	n := 0
	for k, o := range orgs {
		for j, f := range fs[k] {
			d := &g.days[o+j]
			if !d.present || d.anomalous {
				continue
			}
			for s, a := range d.vals {
				if math.IsNaN(a) {
					continue
				}
				abs += math.Abs(at(f, s) - a)
				act += a
				n++
			}
		}
	}
	acc := Accuracy{WAPE: math.NaN(), MAE: math.NaN(), Origins: len(orgs), Intervals: n}
	if n > 0 {
		acc.MAE = abs / float64(n)
	}
	if act > 0 {
		acc.WAPE = abs / act
	}
	return acc
}

// at reads a forecast slot: missing, NaN or negative values are 0.
func at(f []float64, s int) float64 {
	if f == nil || s >= len(f) || !(f[s] > 0) {
		return 0
	}
	return f[s]
}

// combine blends the top combineTop trials with weights ∝ 1/WAPE², the
// inverse-MSE-style weighting of Bates & Granger (1969) applied to the
// backtest error, and returns the blend's trial (its model is nil), the
// blended trials and their weights; nil when a member has no positive WAPE.
func combine(g *grid, orgs []int, trials []*trial) (*trial, []*trial, []float64) {
	ranked := append([]*trial(nil), trials...)
	sort.SliceStable(ranked, func(i, j int) bool { return less(ranked[i].score.WAPE, ranked[j].score.WAPE) })
	top := ranked[:min(combineTop, len(ranked))]
	w := make([]float64, len(top))
	sum := 0.0
	for i, t := range top {
		if !(t.score.WAPE > 0) {
			return nil, nil, nil
		}
		w[i] = 1 / (t.score.WAPE * t.score.WAPE)
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	blend := &trial{}
	fs := make([][]float64, len(top))
	for k := range orgs {
		var days [][]float64
		for j := range top[0].fcst[k] {
			for i, t := range top {
				fs[i] = t.fcst[k][j]
			}
			days = append(days, blendSlots(g.slots, fs, w))
		}
		blend.fcst = append(blend.fcst, days)
	}
	blend.score = score(g, orgs, blend.fcst)
	return blend, top, w
}

// blendSlots is Σ_i w_i f_i per slot.
func blendSlots(slots int, fs [][]float64, w []float64) []float64 {
	out := make([]float64, slots)
	for i, f := range fs {
		for s := range out {
			out[s] += w[i] * at(f, s)
		}
	}
	return out
}

// less orders accuracies, NaN last.
func less(a, b float64) bool {
	if math.IsNaN(b) {
		return !math.IsNaN(a)
	}
	return a < b
}
