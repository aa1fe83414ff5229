package forecast

import (
	"fmt"
	"time"
)

// Adjustment is a planner's override applied after the model to every
// interval starting in [Start, End): a marketing campaign (+20 %), an outage
// (set to 0), a known event.
type Adjustment struct {
	Start, End time.Time
	// Percent changes the forecast and its quantiles by Percent % (+20 means
	// × 1.2, −100 means 0). Ignored when Set is true.
	Percent float64
	// Set replaces the forecast by Volume contacts per interval; the
	// quantiles collapse onto it (a planner's figure has no model spread).
	Set    bool
	Volume float64
}

// Limits of an adjustment, against typing errors: +1 000 % is eleven
// times the forecast, and a million contacts in one interval is more than
// any contact centre takes.
const (
	MaxAdjustPercent = 1000
	MaxAdjustVolume  = 1e6
)

// Validate reports an empty range, a percentage outside [−100,
// MaxAdjustPercent] or a volume outside [0, MaxAdjustVolume].
func (a Adjustment) Validate() error {
	switch {
	case !a.End.After(a.Start):
		return fieldError("adjustment.end", "must be after start (%s)", a.Start.Format(time.RFC3339))
	case !a.Set && !(a.Percent >= -100 && a.Percent <= MaxAdjustPercent):
		return fieldError("adjustment.percent", "must be in [−100, %d], got %v", MaxAdjustPercent, a.Percent)
	case a.Set && !(a.Volume >= 0 && a.Volume <= MaxAdjustVolume):
		return fieldError("adjustment.volume", "must be in [0, %g] contacts per interval, got %v", MaxAdjustVolume, a.Volume)
	}
	return nil
}

func (a Adjustment) apply(p *Point) {
	if p.Start.Before(a.Start) || !p.Start.Before(a.End) {
		return
	}
	if a.Set {
		p.Forecast, p.P10, p.P50, p.P90 = a.Volume, a.Volume, a.Volume, a.Volume
		return
	}
	k := 1 + a.Percent/100
	p.Forecast *= k
	p.P10 *= k
	p.P50 *= k
	p.P90 *= k
}

func (a Adjustment) String() string {
	if a.Set {
		return fmt.Sprintf("set %g from %s to %s", a.Volume, a.Start, a.End)
	}
	return fmt.Sprintf("%+g%% from %s to %s", a.Percent, a.Start, a.End)
}
