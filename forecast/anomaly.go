package forecast

import (
	"math"
	"sort"
)

// Anomaly thresholds: a non-holiday day whose total is below anomalyLow or
// above anomalyHigh times the median of the surrounding same-weekday days is
// treated as anomalous (an unannounced holiday, an outage, a data fault).
const (
	anomalyLow  = 0.6
	anomalyHigh = 1.8
)

// closeAbsentHolidays takes a holiday without observations, inside the
// history and on a weekday that normally has data, as a closed day. A
// part-day holiday without observations stays a missing day: the centre
// should have been open before the holiday began.
func (g *grid) closeAbsentHolidays() {
	var seen [7]bool
	for i := 0; i < g.n; i++ {
		if g.days[i].present {
			seen[g.days[i].wd] = true
		}
	}
	for i := 0; i < g.n; i++ {
		d := &g.days[i]
		if d.holiday && !d.partDay() && !d.present && seen[d.wd] {
			d.present = true
			d.vals = make([]float64, g.slots)
			d.aht = make([]float64, g.slots)
			for s := range d.aht {
				d.aht[s] = math.NaN()
			}
		}
	}
}

// markAnomalies flags non-holiday days far off the median total of up to four
// same-weekday days on either side, and days right after a closure.
func (g *grid) markAnomalies() {
	var byWD [7][]int
	for i := 0; i < g.n; i++ {
		if d := &g.days[i]; d.present && !d.holiday {
			byWD[d.wd] = append(byWD[d.wd], i)
		}
	}
	// The first open day after a closure on a normally open weekday (a
	// holiday, a missing day; the Monday after a closed Friday where the
	// centre closes at weekends) carries the closed day's backlog: a
	// "super Monday" that is no guide to its weekday's level.
	var seen [7]bool
	for i := 0; i < g.n; i++ {
		if g.days[i].present && !g.days[i].holiday {
			seen[g.days[i].wd] = true
		}
	}
	for i := 1; i < g.n; i++ {
		j := i - 1
		for j > 0 && j > i-6 && !seen[g.days[j].wd] {
			j-- // closed that weekday anyway (a weekend)
		}
		p := &g.days[j]
		if g.days[i].present && seen[p.wd] && (!p.present || p.holiday && p.total == 0) {
			g.days[i].anomalous = true
			g.days[i].afterClosure = true
		}
	}
	buf := make([]float64, 0, 8)
	for _, idx := range byWD {
		for k, i := range idx {
			buf = buf[:0]
			for j := max(0, k-4); j < min(len(idx), k+5); j++ {
				if j != k {
					buf = append(buf, g.days[idx[j]].total)
				}
			}
			if len(buf) < 2 {
				continue
			}
			ref := median(buf)
			tot := g.days[i].total
			if ref > 0 && (tot < anomalyLow*ref || tot > anomalyHigh*ref) {
				g.days[i].anomalous = true
			}
		}
	}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	c := append([]float64(nil), v...)
	sort.Float64s(c)
	m := len(c) / 2
	if len(c)%2 == 1 {
		return c[m]
	}
	return (c[m-1] + c[m]) / 2
}
