package forecast

// openDays is how many recent days of a type decide which of its slots are
// open: a slot with no volume on any of them is closed.
const openDays = 8

// openMask returns, per slot, whether the centre takes contacts then on days
// of type t, learned from the last openDays days of that type (a holiday
// never seen before uses its weekday). A type without any day in the history
// is closed all day (a centre closed at weekends).
func (h history) openMask(t dayType) []bool {
	idx := h.recent(t, openDays, true)
	if len(idx) == 0 {
		idx = h.recent(t, openDays, false)
	}
	mask := make([]bool, h.g.slots)
	for _, i := range idx {
		for s, v := range h.g.days[i].vals {
			if v > 0 {
				mask[s] = true
			}
		}
	}
	return mask
}

// fitMasked fits m and zeroes its forecasts in closed slots. A part-day
// holiday is forecast as its weekday before the holiday begins and as a
// holiday from then on, each part with its own type's open slots.
func (h history) fitMasked(m model) predictor {
	p := m.fit(h)
	masks := map[dayType][]bool{}
	fill := func(out []float64, d *day, lo, hi int) {
		t := h.targetType(d)
		mask, ok := masks[t]
		if !ok {
			mask = h.openMask(t)
			masks[t] = mask
		}
		f := p(d)
		for s := lo; s < hi; s++ {
			if mask[s] {
				out[s] = at(f, s)
			}
		}
	}
	return func(d *day) []float64 {
		out := make([]float64, h.g.slots)
		if d.partDay() {
			fill(out, d.ordinary(), 0, d.from)
		}
		fill(out, d, d.from, len(out))
		return out
	}
}
