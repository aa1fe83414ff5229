package roster

// HoursBounds returns the two lower bounds on on-phone agent-hours of in
// that KPIs.HoursLowerBound chooses from: Σ min(required, coverable) and
// the shift-count LP bound.
func HoursBounds(in Input) (sum, lp float64, err error) {
	if err := in.validate(); err != nil {
		return 0, 0, err
	}
	m, err := buildModel(&in)
	if err != nil {
		return 0, 0, err
	}
	need := m.need()
	h := m.c.interval.Hours()
	for _, row := range need {
		for _, v := range row {
			sum += v * h
		}
	}
	for _, v := range m.hoursBound(nil) {
		lp += v
	}
	return sum, lp, nil
}
