package forecast

// Carry-over after a closure. When a centre that is normally open on a
// weekday closes (a public holiday, an unplanned shutdown), part of that
// day's demand comes the next open day: in the US bank series the Tuesday
// after Labor Day 2003 took 36 % more calls than an ordinary Tuesday. The
// history's post-closure days are left out of every estimate (they are
// flagged anomalous); the profile model instead multiplies the forecast
// total of a day that follows a closure by
//
//	c = max(1, 1 + Σ_i (r_i − 1) / (n + carryShrink)),
//	r_i = T_i / median(T of up to four ordinary same-weekday days either side),
//
// over the n post-closure days of the history. c is kept at 1 or above:
// calls deferred from a closed day come later, never fewer, so a mean
// ratio below 1 means the history shows no catch-up, not a negative one.
// That happens where a missing day was a gap in the data rather than a
// closure: the US series has no rows on Friday 4 and Monday 7 April 2003,
// and the Tuesday after took 0.95× an ordinary Tuesday. Without any
// post-closure day c = 1: how much of a closed day comes back the next
// day is a property of the site's customers that nothing else in the
// history measures (a weekday centre's Monday peak mixes the weekend's
// backlog with Monday's own level, and a centre open all week has none).
// So, from the US history before it, which holds only the April gap, the
// Tuesday after Memorial Day 2003 is forecast as an ordinary Tuesday
// (30 034 calls; it took 38 235), and from a history holding that Tuesday
// (r = 1.27) the Tuesday after Labor Day gets c = 1.07.
//
// The interval quantiles and the day band are taken around the scaled
// forecast, so they move with it.
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
	return max(1, 1+sum/(n+carryShrink))
}

// followsClosure reports whether the last normally open day before
// days[i] (the Friday before a Monday, where the centre closes at
// weekends) is a closure: in the history, a day without data (or a
// holiday with no volume) on a weekday that has data; in the horizon, a
// whole-day holiday the models forecast closed (see closedType). A
// part-day holiday is open before it begins, so no closure.
func (h history) followsClosure(i int) bool {
	j := i - 1
	for ; j >= 0 && j > i-7; j-- {
		if len(h.recent(dayType(h.g.days[j].wd), 1, false)) > 0 {
			break // open that weekday
		}
	}
	if j < 0 || j == i-7 {
		return false
	}
	p := &h.g.days[j]
	if j < h.origin {
		return !p.present || (p.holiday && p.total == 0)
	}
	return p.holiday && !p.partDay() && h.closedType(h.targetType(p))
}

// closedType reports whether a horizon day forecast as type t (see
// targetType) is forecast closed: a holiday when every one of the last
// four past holidays had no volume; a weekday the history has no data on,
// as the rest day of a centre closed at weekends, which an unseen holiday
// is forecast as.
func (h history) closedType(t dayType) bool {
	switch t {
	case anyType:
		return false
	case holidayType:
		idx := h.recent(holidayType, 4, true)
		for _, j := range idx {
			if h.g.days[j].total > 0 {
				return false
			}
		}
		return len(idx) > 0
	}
	return len(h.recent(t, 1, false)) == 0
}
