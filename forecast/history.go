package forecast

import "math"

// closedAfter is how many times a weekday must have passed in the history
// without data before it is taken as closed (a centre shut at weekends)
// rather than not yet seen.
const closedAfter = 1

// history is the view of a grid a model may use: the days before origin.
type history struct {
	g      *grid
	origin int
}

// recent returns the indices of up to k usable days of type t before the
// origin, most recent first. Anomalous days are skipped when robust is set,
// part-day holidays always: their slots are of two types, their total of
// neither.
func (h history) recent(t dayType, k int, robust bool) []int {
	var out []int
	for i := h.origin - 1; i >= 0 && len(out) < k; i-- {
		d := &h.g.days[i]
		if !d.present || (robust && d.anomalous) || d.partDay() {
			continue
		}
		if k := d.kind(); k != t && (t != anyType || k == holidayType) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// targetType is the day type a model forecasts a horizon day as: its own
// type when the history has days of it; a holiday while the history has
// none as the site's rest day (see restDay), or its weekday before a week
// has passed; a weekday never seen as anyType while it has passed fewer
// than closedAfter times (after that it is closed).
func (h history) targetType(d *day) dayType {
	t := d.kind()
	if t == holidayType && len(h.recent(holidayType, 1, true)) == 0 {
		t = dayType(d.wd)
		if r, ok := h.restDay(); ok {
			t = r
		}
	}
	if t != holidayType && len(h.recent(t, 1, false)) == 0 {
		passed := 0
		for i := 0; i < h.origin; i++ {
			if dayType(h.g.days[i].wd) == t {
				passed++
			}
		}
		if passed < closedAfter {
			return anyType
		}
	}
	return t
}

// restDayWeeks is how many weeks of history decide the rest day.
const restDayWeeks = 8

// restDay is the weekday with the lowest mean total over the ordinary days
// of the last restDayWeeks weeks, a weekday that passed without data
// counting as closed (0): the week's rest day, Sunday in most countries,
// Saturday in Israel. Public holidays follow the rest day's rules in most
// places (shops and offices shut as on a Sunday), so a holiday the history
// has no example of is forecast as that day: closed where the centre is
// closed at weekends, at the weekend's level and opening hours where it
// is open. ok is false until every weekday has passed once.
func (h history) restDay() (dayType, bool) {
	var sum [7]float64
	var n, passed, present [7]int
	for i := max(0, h.origin-7*restDayWeeks); i < h.origin; i++ {
		d := &h.g.days[i]
		passed[d.wd]++
		if d.present {
			present[d.wd]++
		}
		if d.present && !d.anomalous && !d.holiday {
			sum[d.wd] += d.total
			n[d.wd]++
		}
	}
	best, low := dayType(-1), math.Inf(1)
	for wd := range 7 {
		var mean float64
		switch {
		case passed[wd] == 0:
			return 0, false
		case n[wd] > 0:
			mean = sum[wd] / float64(n[wd])
		case present[wd] > 0:
			continue // only holidays or anomalies: no ordinary level known
		}
		if mean < low {
			best, low = dayType(wd), mean
		}
	}
	return best, best >= 0
}
