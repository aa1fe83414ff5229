package forecast

import "time"

// regularDayRows is how many rows a day needs, nine in ten of them evenly
// spaced, before its spacing is taken as its interval length.
const regularDayRows = 8

// DayLengths returns the interval length of each of starts (ascending) for
// a history that does not give lengths: gap (the smallest between two
// starts), except on a local day of loc whose starts are regularly spaced
// at a multiple of it. A file that joins an old system's 30-minute export
// to a new one's 15-minute export has such days; with gap for every row,
// each 30-minute interval would be read as 15 minutes of contacts and 15
// closed ones. A day of few or irregular rows (a quiet queue's export
// leaves out the intervals without contacts) keeps gap.
func DayLengths(starts []time.Time, loc *time.Location, gap time.Duration) []time.Duration {
	lengths := make([]time.Duration, len(starts))
	for i := 0; i < len(starts); {
		day := starts[i].In(loc).Format(time.DateOnly)
		j := i + 1
		for j < len(starts) && starts[j].In(loc).Format(time.DateOnly) == day {
			j++
		}
		length := gap
		if j-i >= regularDayRows {
			count := map[time.Duration]int{}
			var step time.Duration
			for k := i + 1; k < j; k++ {
				d := starts[k].Sub(starts[k-1])
				count[d]++
				step = time.Duration(gcd(int64(step), int64(d)))
			}
			if step > gap && step%gap == 0 && (24*time.Hour)%step == 0 && 10*count[step] >= 9*(j-i-1) {
				length = step
			}
		}
		for k := i; k < j; k++ {
			lengths[k] = length
		}
		i = j
	}
	return lengths
}

// OnFinestGrid returns the series with observations of several lengths
// put on the finest grid that holds them all. Run infers one interval
// length from the starts, so history at several lengths (30-minute
// intervals of an old system before 15-minute ones) would otherwise read
// the second half of every 30-minute interval as closed and the first as
// twice as busy: an observation of n grid steps becomes n observations
// sharing its volume evenly (and keeping its handle time). An observation
// that starts inside a longer one keeps its own figures. Observations
// without a Length are one grid step.
func (s Series) OnFinestGrid() Series {
	var step time.Duration
	starts := make(map[int64]bool, len(s.Points))
	for _, p := range s.Points {
		if p.Length > 0 {
			step = time.Duration(gcd(int64(step), int64(p.Length)))
		}
		starts[p.Start.Unix()] = true
	}
	out := s
	out.Points = make([]Observation, 0, len(s.Points))
	for _, p := range s.Points {
		n := 1
		if step > 0 && p.Length > step {
			n = int(p.Length / step)
		}
		for k := 0; k < n; k++ {
			t := p.Start.Add(time.Duration(k) * step)
			if k > 0 && starts[t.Unix()] {
				continue
			}
			q := Observation{Start: t, Volume: p.Volume / float64(n), AHT: p.AHT}
			if step > 0 {
				q.Length = step
			}
			out.Points = append(out.Points, q)
		}
	}
	return out
}
