package staffing

import (
	"math"
	"time"
)

// Load is the work offered to a queue during one interval.
type Load struct {
	// Volume is the number of contacts arriving in the interval (may be
	// fractional: it is usually a forecast).
	Volume float64
	// Period is the length of the interval, e.g. 30 * time.Minute.
	Period time.Duration
	// AHT is the mean handle time of one contact (talk + hold + wrap-up).
	AHT time.Duration
}

// Erlangs returns the offered load A = Volume·AHT/Period in erlangs.
func (l Load) Erlangs() float64 {
	return l.Volume * l.AHT.Seconds() / l.Period.Seconds()
}

// MaxErlangs is the largest offered load one queue may carry in one
// interval: a hundred thousand agents busy at once on one queue. A load
// past it is almost always a volume per day or week given per interval;
// staffing it would walk the Erlang recursion, and build a marginal curve,
// over that many agents (10⁸ for a billion calls in half an hour: 40 s
// and a curve of 800 MB).
const MaxErlangs = 100_000

// Validate reports the first field that cannot describe a load.
func (l Load) Validate() error {
	switch {
	case math.IsNaN(l.Volume) || math.IsInf(l.Volume, 0) || l.Volume < 0:
		return invalid("Volume", "must be a finite number ≥ 0, got %v", l.Volume)
	case l.Period <= 0:
		return invalid("Period", "must be positive, got %v", l.Period)
	case l.AHT <= 0:
		return invalid("AHT", "must be positive, got %v", l.AHT)
	case l.Erlangs() > MaxErlangs:
		return invalid("Volume", "%v contacts in %v at %v each offer %.0f erlangs, more than the %d one queue can carry in an interval (is it the volume of a day?)",
			l.Volume, l.Period, l.AHT, l.Erlangs(), MaxErlangs)
	}
	return nil
}

// Interval is one forecast interval of a horizon.
type Interval struct {
	Start  time.Time     // start instant of the interval
	Volume float64       // contacts arriving in the interval
	AHT    time.Duration // mean handle time of those contacts
}
