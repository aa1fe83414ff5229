package forecast

import (
	"fmt"
	"sort"
	"time"
)

// Observation is one interval of history.
type Observation struct {
	// Start is the interval's start, in the site's location.
	Start time.Time
	// Volume is the number of contacts offered in the interval (≥ 0; may be
	// fractional for imputed values).
	Volume float64
	// AHT is the average handle time of the interval's contacts; zero means
	// unknown.
	AHT time.Duration
	// Length is the interval's length where the history gives it (zero:
	// unknown). Run infers one length from the starts; a history of
	// several lengths goes through Series.OnFinestGrid first.
	Length time.Duration
}

// Series is the interval history of one queue. Intervals without an
// observation inside a day that has observations count as closed (zero
// volume); days without any observation count as missing (unknown), unless
// their day type never has data (a centre closed at weekends).
type Series struct {
	// Points are the observations in any order; Run sorts a copy.
	Points []Observation
	// Location is the site's time zone; nil means the location of the first
	// point.
	Location *time.Location
	// Style is the timestamp format of the source CSV, echoed by WriteCSV.
	Style TimeStyle
}

// location returns the series' time zone.
func (s Series) location() *time.Location {
	if s.Location != nil {
		return s.Location
	}
	if len(s.Points) > 0 {
		return s.Points[0].Start.Location()
	}
	return time.UTC
}

// Interval infers the interval length: the greatest common divisor of the
// gaps between consecutive distinct start instants, which must divide 24 h
// (5, 6, 10, 15, 30 or 60 minutes in practice) and must itself separate
// two consecutive starts. A start typed off the grid (08:07 among
// half-hours) would otherwise make the divisor a minute, and every minute
// without a row a closed one.
func (s Series) Interval() (time.Duration, error) {
	if len(s.Points) == 0 {
		return 0, ErrEmptyHistory
	}
	starts := make([]time.Time, len(s.Points))
	for i, p := range s.Points {
		starts[i] = p.Start
	}
	gp := gapsOf(starts)
	if grid, i := gp.offGrid(starts); i >= 0 {
		return 0, fmt.Errorf("%w: %s is off the %v grid of the other intervals", ErrInterval,
			starts[i].In(s.location()).Format(time.RFC3339), grid)
	}
	g := gp.gcd
	if g == 0 {
		return 0, fmt.Errorf("%w: a single timestamp gives no interval", ErrInterval)
	}
	d := time.Duration(g) * time.Second
	if g%60 != 0 || (24*time.Hour)%d != 0 {
		return 0, fmt.Errorf("%w: %v does not divide a day into whole minutes", ErrInterval, d)
	}
	return d, nil
}

// Validate reports negative or non-finite volumes and duplicate instants.
func (s Series) Validate() error {
	if len(s.Points) == 0 {
		return ErrEmptyHistory
	}
	seen := make(map[int64]bool, len(s.Points))
	for i, p := range s.Points {
		if !(p.Volume >= 0) || p.Volume > 1e12 {
			return fieldError(fmt.Sprintf("points[%d].volume", i), "must be a finite number ≥ 0, got %v", p.Volume)
		}
		if p.AHT < 0 {
			return fieldError(fmt.Sprintf("points[%d].aht", i), "must be ≥ 0, got %v", p.AHT)
		}
		u := p.Start.Unix()
		if seen[u] {
			return fieldError(fmt.Sprintf("points[%d].start", i), "duplicate interval %s", p.Start.Format(time.RFC3339))
		}
		seen[u] = true
	}
	return nil
}

// OffGrid finds a start that lies off the grid of the others. The grid is
// the most common gap between consecutive distinct starts (the shorter on
// a tie). When the greatest common divisor of the gaps is itself one of
// them, every start is on the grid of that divisor and OffGrid returns -1.
// Otherwise, when at least nine in ten starts share one residue modulo the
// grid, it returns the grid and the index in starts of the first start
// outside it; with fewer, a sparse history (only intervals with contacts)
// cannot be told from a mistyped one, and it returns -1.
func OffGrid(starts []time.Time) (time.Duration, int) { return gapsOf(starts).offGrid(starts) }

// gaps are the starts as Unix seconds in ascending order, how often each
// gap between consecutive distinct ones occurs, and their greatest common
// divisor (0 with fewer than two distinct starts).
type gaps struct {
	ts    []int64
	count map[int64]int
	gcd   int64
}

func gapsOf(starts []time.Time) gaps {
	ts := make([]int64, len(starts))
	for i, t := range starts {
		ts[i] = t.Unix()
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	gp := gaps{ts: ts, count: map[int64]int{}}
	for i := 1; i < len(ts); i++ {
		if d := ts[i] - ts[i-1]; d > 0 {
			gp.gcd = gcd(gp.gcd, d)
			gp.count[d]++
		}
	}
	return gp
}

// offGrid is OffGrid for the gaps of starts.
func (gp gaps) offGrid(starts []time.Time) (time.Duration, int) {
	ts, count, g := gp.ts, gp.count, gp.gcd
	if g == 0 || count[g] > 0 {
		return 0, -1
	}
	var m int64
	for d, n := range count {
		if n > count[m] || (n == count[m] && d < m) {
			m = d
		}
	}
	class := map[int64]int{}
	for _, t := range ts {
		class[((t%m)+m)%m]++
	}
	var best int64
	for r, n := range class {
		if n > class[best] || (n == class[best] && r < best) {
			best = r
		}
	}
	if 10*class[best] < 9*len(ts) {
		return time.Duration(m) * time.Second, -1
	}
	for i, t := range starts {
		if u := t.Unix(); ((u%m)+m)%m != best {
			return time.Duration(m) * time.Second, i
		}
	}
	return time.Duration(m) * time.Second, -1
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
