package forecast

// Carry-over after a closure. When a centre that is normally open on a
// weekday closes (a public holiday, an unplanned shutdown), part of that
// day's demand comes the next open day: in the US bank series the Tuesday
// after Labor Day 2003 took 36 % more calls than an ordinary Tuesday. The
// history's post-closure days are left out of every estimate (they are
// flagged anomalous); the profile model instead multiplies the forecast
// total of a day that follows a closure by
//
//	c = 1 + Σ_i (r_i − 1) / (n + carryShrink),
//	r_i = T_i / median(T of up to four ordinary same-weekday days either side),
//
// over the n post-closure days of the history (c = 1 without any).
const carryShrink = 1.0

// carryover estimates c from the history before the origin.
func (h history) carryover() float64 {
	g := h.g
	sum, n := 0.0, 0.0
	buf := make([]float64, 0, 8)
	for i := 0; i < h.origin; i++ {
		d := &g.days[i]
		if !d.afterClosure || d.holiday {
			continue
		}
		buf = buf[:0]
		for _, step := range []int{-7, 7} {
			for j, k := i+step, 0; j >= 0 && j < h.origin && k < 4; j += step {
				if e := &g.days[j]; e.present && !e.anomalous && !e.holiday {
					buf = append(buf, e.total)
					k++
				}
			}
		}
		if len(buf) < 2 {
			continue
		}
		if ref := median(buf); ref > 0 {
			sum += d.total/ref - 1
			n++
		}
	}
	return 1 + sum/(n+carryShrink)
}

// followsClosure reports whether the day before days[i] is a closure of a
// normally open weekday: in the history, a day without data (or a holiday
// with no volume) on a weekday that has data; in the horizon, a holiday when
// every recent past holiday was closed.
func (h history) followsClosure(i int) bool {
	if i == 0 {
		return false
	}
	p := &h.g.days[i-1]
	if len(h.recent(dayType(p.wd), 1, false)) == 0 {
		return false // closed that weekday anyway (a weekend)
	}
	if i-1 < h.origin {
		return !p.present || (p.holiday && p.total == 0)
	}
	if !p.holiday {
		return false
	}
	idx := h.recent(holidayType, 4, true)
	for _, j := range idx {
		if h.g.days[j].total > 0 {
			return false
		}
	}
	return len(idx) > 0
}
