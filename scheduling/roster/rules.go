package roster

import (
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// LabourRules are a site's working-time rules. All durations are real
// elapsed time in the site's zone. A zero field takes its default (the
// German Arbeitszeitgesetz and EU Working Time Directive 2003/88/EC values
// where they exist); a negative field switches the rule off.
type LabourRules struct {
	// MinDailyRest between the end of one shift and the start of the next
	// (default 11 h, ArbZG §5, Directive art. 3).
	MinDailyRest time.Duration
	// WeeklyRest is the uninterrupted rest every rolling 7-day window must
	// hold (default 35 h: 24 h plus a daily rest of 11 h, Directive art. 5).
	WeeklyRest time.Duration
	// MaxDailyWork is the most working time of one shift: its length less
	// its breaks, paid or not, since a rest break is no working time
	// (default 10 h, ArbZG §3 and §2(1); the Directive sets none).
	MaxDailyWork time.Duration
	// MaxConsecutiveDays worked (default 6).
	MaxConsecutiveDays int
	// MaxConsecutiveNights worked (default 4).
	MaxConsecutiveNights int
	// MaxNightsPerPeriod (default: no limit).
	MaxNightsPerPeriod int
	// MinWeekendsOff per period: Saturday–Sunday pairs on which the agent
	// starts no shift (default: half the period's weekends, rounded down).
	MinWeekendsOff int
	// MaxAverageWeeklyHours of paid time over the period, or over one
	// week for a shorter period (default 48, Directive art. 6).
	MaxAverageWeeklyHours float64
	// NightStart and NightEnd bound night time as local clock offsets
	// (default 23:00–06:00, ArbZG §2(3)); a shift is a night shift when
	// more than NightMinimum of it lies in night time (default 2 h,
	// ArbZG §2(4)).
	NightStart, NightEnd time.Duration
	NightMinimum         time.Duration
}

// ruleSet is LabourRules with defaults applied; a limit of -1 is off.
type ruleSet struct {
	minRest, weeklyRest, maxWork   time.Duration
	maxConsec, maxConsecN, maxNPP  int
	minWeekendsOff                 int // -1 = half the weekends
	maxAvgWeekly                   float64
	nightStart, nightEnd, nightMin time.Duration
}

// Upper limits of the labour rules. Past them a value is a typo, not an
// agreement: a daily rest of two days would forbid working on consecutive
// days; a weekly rest of a week forbids work; the counts are per period
// and no period is longer than a quarter.
const (
	MaxDailyRest    = 48 * time.Hour
	MaxWeeklyRest   = 7 * 24 * time.Hour
	MaxNightMinimum = 24 * time.Hour
	MaxRuleCount    = 366
)

// Validate checks each rule against its range, naming the field as in the
// scenario file (durations without a unit suffix).
func (r LabourRules) Validate() error {
	var v scheduling.ValidationError
	dur := func(field string, d, top time.Duration) {
		if d > top {
			v.Add(field, "must be at most %s (negative switches the rule off)", hours(top))
		}
	}
	dur("min_daily_rest", r.MinDailyRest, MaxDailyRest)
	dur("weekly_rest", r.WeeklyRest, MaxWeeklyRest)
	dur("max_daily_work", r.MaxDailyWork, 24*time.Hour)
	dur("night_minimum", r.NightMinimum, MaxNightMinimum)
	for _, c := range []struct {
		field string
		n     int
	}{
		{"max_consecutive_days", r.MaxConsecutiveDays},
		{"max_consecutive_nights", r.MaxConsecutiveNights},
		{"max_nights_per_period", r.MaxNightsPerPeriod},
		{"min_weekends_off", r.MinWeekendsOff},
	} {
		if c.n > MaxRuleCount {
			v.Add(c.field, "must be at most %d (negative switches the rule off), got %d", MaxRuleCount, c.n)
		}
	}
	if r.MaxAverageWeeklyHours > 168 {
		v.Add("max_average_weekly_hours", "%g is more than the 168 hours of a week", r.MaxAverageWeeklyHours)
	}
	if r.NightStart < 0 || r.NightStart >= 24*time.Hour {
		v.Add("night_start", "must be a clock time before 24:00")
	}
	if r.NightEnd < 0 || r.NightEnd >= 24*time.Hour {
		v.Add("night_end", "must be a clock time before 24:00")
	}
	return v.Err()
}

// DailyWork is the most work a shift may hold under the rules, the
// default applied; 0 when the rule is off.
func (r LabourRules) DailyWork() time.Duration { return max(r.compile().maxWork, 0) }

func (r LabourRules) compile() ruleSet {
	dur := func(v, d time.Duration) time.Duration {
		switch {
		case v == 0:
			return d
		case v < 0:
			return -1
		}
		return v
	}
	num := func(v, d int) int {
		switch {
		case v == 0:
			return d
		case v < 0:
			return -1
		}
		return v
	}
	rs := ruleSet{
		minRest:        dur(r.MinDailyRest, 11*time.Hour),
		weeklyRest:     dur(r.WeeklyRest, 35*time.Hour),
		maxWork:        dur(r.MaxDailyWork, 10*time.Hour),
		maxConsec:      num(r.MaxConsecutiveDays, 6),
		maxConsecN:     num(r.MaxConsecutiveNights, 4),
		maxNPP:         num(r.MaxNightsPerPeriod, -1),
		minWeekendsOff: num(r.MinWeekendsOff, -2),
		maxAvgWeekly:   r.MaxAverageWeeklyHours,
		nightStart:     r.NightStart,
		nightEnd:       r.NightEnd,
		nightMin:       r.NightMinimum,
	}
	if rs.maxAvgWeekly == 0 {
		rs.maxAvgWeekly = 48
	}
	if r.NightStart == 0 && r.NightEnd == 0 {
		rs.nightStart, rs.nightEnd = 23*time.Hour, 6*time.Hour
	}
	if rs.nightMin == 0 {
		rs.nightMin = 2 * time.Hour
	}
	return rs
}

// weekendsOff is the minimum weekends off for a period with w weekends.
func (rs ruleSet) weekendsOff(w int) int {
	switch rs.minWeekendsOff {
	case -2:
		return w / 2
	case -1:
		return 0
	}
	return min(rs.minWeekendsOff, w)
}
