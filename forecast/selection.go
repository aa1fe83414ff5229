package forecast

import "sort"

// selection is the model (or blend of models) Run forecasts with, and the
// evidence for it.
type selection struct {
	name       string
	members    []model
	weights    []float64 // nil for a single model
	score      Accuracy
	candidates []ModelScore
	dispersion float64
	// dayDispersion is φ_d of a day total's law (see dayDispersion).
	dayDispersion float64
}

// choose scores the models by rolling-origin backtest and picks the one with
// the lowest WAPE, or the combination of the best when combineOK and it
// scores lower still (or always, when forced: the caller asked only for
// the combination). Without any backtest origin (too little history) it
// picks the profile model, or the first model when profile is not a
// candidate.
func choose(g *grid, models []model, combineOK, forced bool, origins int) selection {
	orgs, trials := backtest(g, models, origins, backtestDays)
	best := trials[0]
	for _, t := range trials[1:] {
		if less(t.score.WAPE, best.score.WAPE) {
			best = t
		}
	}
	if len(orgs) == 0 {
		for _, t := range trials {
			if t.m.name() == defaultProfile.name() {
				best = t
			}
		}
	}
	sel := selection{name: best.m.name(), members: []model{best.m}, score: best.score}
	chosen := best
	if len(orgs) > 0 && combineOK && len(trials) > 1 {
		blend, top, w := combine(g, orgs, trials)
		if blend != nil && (forced || less(blend.score.WAPE, best.score.WAPE)) {
			chosen = blend
			sel = selection{name: combinationName, weights: w, score: blend.score}
			for _, t := range top {
				sel.members = append(sel.members, t.m)
			}
			sel.candidates = []ModelScore{{Model: combinationName, Backtest: blend.score}}
		}
	}
	var cands []ModelScore
	for _, t := range trials {
		ms := ModelScore{Model: t.m.name(), Backtest: t.score}
		for i, m := range sel.members {
			if sel.weights != nil && m.name() == ms.Model {
				ms.Weight = sel.weights[i]
			}
		}
		cands = append(cands, ms)
	}
	sort.SliceStable(cands, func(i, j int) bool { return less(cands[i].Backtest.WAPE, cands[j].Backtest.WAPE) })
	sel.candidates = append(sel.candidates, cands...)
	if len(orgs) > 0 {
		sel.dispersion = dispersion(g, orgs, chosen.fcst)
		sel.dayDispersion = dayDispersion(g, orgs, chosen.fcst)
	} else {
		sel.dispersion, sel.dayDispersion = sel.inSampleDispersion(g)
	}
	return sel
}

// fit fits the selection's models on h and returns its predictor: the
// single model's, or the weighted blend of its members'.
func (sel selection) fit(h history) predictor {
	if sel.weights == nil {
		return h.fitMasked(sel.members[0])
	}
	ps := make([]predictor, len(sel.members))
	for i, m := range sel.members {
		ps[i] = h.fitMasked(m)
	}
	return func(d *day) []float64 {
		fs := make([][]float64, len(ps))
		for i, p := range ps {
			fs[i] = p(d)
		}
		return blendSlots(h.g.slots, fs, sel.weights)
	}
}

// inSampleDispersion estimates φ and φ_d when the history is too short for
// a backtest: from the residuals of the model fitted on all the history
// over its own last week. In-sample residuals understate the error, so the
// band is a lower bound on the uncertainty, still wider than Poisson's.
func (sel selection) inSampleDispersion(g *grid) (phi, phiDay float64) {
	h := history{g: g, origin: g.n}
	p := sel.fit(h)
	o := max(0, g.n-backtestDays)
	var fs [][]float64
	for i := o; i < g.n; i++ {
		fs = append(fs, p(&g.days[i]))
	}
	return dispersion(g, []int{o}, [][][]float64{fs}), dayDispersion(g, []int{o}, [][][]float64{fs})
}
