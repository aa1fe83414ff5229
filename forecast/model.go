package forecast

import (
	"fmt"
	"strings"
)

// model is one forecasting method. fit sees only the days before the
// history's origin and returns a predictor for any later day: the expected
// volume per wall-clock slot (NaN or negative values are read as 0).
type model interface {
	name() string
	fit(h history) predictor
}

type predictor func(d *day) []float64

// Models lists the names accepted in Options.Models, in the order Run tries
// them. "combination" blends the best of the others by backtest accuracy.
func Models() []string {
	out := make([]string, 0, len(allModels)+1)
	for _, m := range allModels {
		out = append(out, m.name())
	}
	return append(out, combinationName)
}

var allModels = []model{
	seasonalNaive{},
	weekAverage{weeks: 4},
	weekAverage{weeks: 6},
	robustAverage{weeks: 8, halfLife: 4},
	defaultProfile,
	holtWinters{},
}

func modelsByName(names []string) ([]model, bool, error) {
	if len(names) == 0 {
		return allModels, true, nil
	}
	var out []model
	combine := false
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == combinationName {
			combine = true
			continue
		}
		found := false
		for _, m := range allModels {
			if m.name() == n {
				out = append(out, m)
				found = true
			}
		}
		if !found {
			return nil, false, fmt.Errorf("%w: %q (have %s)", ErrUnknownModel, n, strings.Join(Models(), ", "))
		}
	}
	if combine && len(out) == 0 {
		out = allModels
	}
	return out, combine, nil
}
