package forecast

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
// origin, most recent first. Anomalous days are skipped when robust is set.
func (h history) recent(t dayType, k int, robust bool) []int {
	var out []int
	for i := h.origin - 1; i >= 0 && len(out) < k; i-- {
		d := &h.g.days[i]
		if !d.present || (robust && d.anomalous) {
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
// type when the history has days of it; a holiday never seen before as its
// weekday; a weekday never seen as anyType while it has passed fewer than
// closedAfter times (after that it is closed).
func (h history) targetType(d *day) dayType {
	t := d.kind()
	if t == holidayType && len(h.recent(holidayType, 1, true)) == 0 {
		t = dayType(d.wd)
	}
	if t != holidayType && len(h.recent(t, 1, false)) == 0 {
		passed := 0
		for i := 0; i < h.origin; i++ {
			if h.g.days[i].wd == d.wd {
				passed++
			}
		}
		if passed < closedAfter {
			return anyType
		}
	}
	return t
}
