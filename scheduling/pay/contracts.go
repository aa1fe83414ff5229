package pay

import (
	"fmt"
	"math"
	"time"
)

// PastContract is a contract an agent had until a date.
type PastContract struct {
	Contract
	// Until is the first day the contract no longer held (a local date).
	Until Date
}

// Contracts is an agent's contracts over time: each of Past held until
// its Until, in increasing order of Until, and Current holds from the
// last Until on (always, when Past is empty).
type Contracts struct {
	Past    []PastContract
	Current Contract
}

// At returns the contract that held on date d.
func (cs Contracts) At(d Date) Contract {
	for _, p := range cs.Past {
		if d.Before(p.Until) {
			return p.Contract
		}
	}
	return cs.Current
}

// weeklyLimit is the straight time of the week of 7 days from first:
// each day counts a seventh of its contract's weekly hours, so a week
// whose contract changes midweek has a limit pro rata temporis (40 h for
// three days and 20 h for four give 28 h 34 min 17 s). Zero means no
// weekly overtime.
func (cs Contracts) weeklyLimit(first Date) time.Duration {
	if len(cs.Past) == 0 || !first.Before(cs.Past[len(cs.Past)-1].Until) {
		return hoursOf(cs.Current.WeeklyHours)
	}
	var sum float64
	for i := range 7 {
		sum += cs.At(first.AddDays(i)).WeeklyHours
	}
	return hoursOf(sum / 7)
}

func hoursOf(h float64) time.Duration { return time.Duration(math.Round(h * float64(time.Hour))) }

func (cs Contracts) validate(e *ValidationError) {
	cs.Current.validate(e, "contract")
	for i, p := range cs.Past {
		p.Contract.validate(e, fmt.Sprintf("contracts[%d]", i))
		if i > 0 && !cs.Past[i-1].Until.Before(p.Until) {
			e.add(fmt.Sprintf("contracts[%d].until", i), "%s is not after the previous contract's end %s", p.Until, cs.Past[i-1].Until)
		}
	}
}
