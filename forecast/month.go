package forecast

import "time"

// monthEffect is a multiplicative day-of-month factor on daily totals:
// banks and utilities see more contacts in the first days of a month
// (statements, salaries, direct debits) and fewer before its end. Days are
// keyed by position from the start of the month for the 1st–15th and from
// its end for the rest (the last day, the day before, …), so month ends line
// up whatever the month's length.
//
// Estimated by the ratio-to-moving-average method (the X-11 seasonal
// adjustment's first step; Ladiray & Quenneville 2001, "Seasonal
// Adjustment with the X-11 Method", ch. 2): for each ordinary day i with a
// full window,
//
//	r_i = (T_i / f_τ(i)) / mean_{|j−i| ≤ monthWindow} (T_j / f_τ(j)),
//
// the centred window spanning a month so the effect averages out of the
// denominator; then per key k, shrunk towards 1 and smoothed over
// neighbouring keys with a [1 2 1]/4 kernel,
//
//	m_k = 1 + Σ_{i∈k} (r_i − 1) / (n_k + monthShrink).
type monthEffect struct {
	m [monthKeys]float64
}

const (
	monthKeys     = 31
	monthWindow   = 15 // days either side
	monthMinSide  = 5  // ordinary days required on each side of the window
	monthMinDays  = 56 // history days needed before the effect is estimated
	monthFirstEnd = 15 // keys 0…14 are the 1st…15th; 15…30 count from the end
)

// monthKey is 0 … 14 for the 1st … 15th, and 30 for the last day of the
// month, 29 for the day before, … down to 15.
func monthKey(t time.Time) int {
	d := t.Day()
	if d <= monthFirstEnd {
		return d - 1
	}
	last := time.Date(t.Year(), t.Month()+1, 0, 12, 0, 0, 0, time.UTC).Day()
	return monthKeys - 1 - (last - d)
}

func (e *monthEffect) factor(t time.Time) float64 {
	if e == nil {
		return 1
	}
	return e.m[monthKey(t)]
}

// monthEffect estimates the factors from the ordinary days before the
// origin, with day-of-week factors f; nil when the history is too short.
func (h history) monthEffect(f [7]float64, shrink float64) *monthEffect {
	if h.origin < monthMinDays {
		return nil
	}
	g := h.g
	y := make([]float64, h.origin)
	for i := range y {
		d := &g.days[i]
		y[i] = -1
		if d.present && !d.anomalous && !d.holiday && f[d.wd] > 0 {
			y[i] = d.total / f[d.wd]
		}
	}
	var sum [monthKeys]float64
	var n [monthKeys]float64
	for i := monthWindow; i+monthWindow < h.origin; i++ {
		if y[i] < 0 {
			continue
		}
		tot, left, right := 0.0, 0, 0
		for j := i - monthWindow; j <= i+monthWindow; j++ {
			if j == i || y[j] < 0 {
				continue
			}
			tot += y[j]
			if j < i {
				left++
			} else {
				right++
			}
		}
		if left < monthMinSide || right < monthMinSide || tot == 0 {
			continue
		}
		k := monthKey(g.days[i].date)
		sum[k] += y[i]/(tot/float64(left+right)) - 1
		n[k]++
	}
	var raw [monthKeys]float64
	for k := range raw {
		raw[k] = sum[k] / (n[k] + shrink)
	}
	e := &monthEffect{}
	for k := range e.m {
		prev, next := raw[(k+monthKeys-1)%monthKeys], raw[(k+1)%monthKeys]
		e.m[k] = 1 + (prev+2*raw[k]+next)/4
	}
	return e
}
