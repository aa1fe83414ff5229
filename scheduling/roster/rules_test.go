package roster

import (
	"slices"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// TestLabourRulesValidate: every rule takes its upper limit and a negative
// value (rule off); one unit past the limit is refused naming the field.
func TestLabourRulesValidate(t *testing.T) {
	atLimit := LabourRules{MinDailyRest: MaxDailyRest, WeeklyRest: MaxWeeklyRest, NightMinimum: MaxNightMinimum, MaxDailyWork: 24 * time.Hour,
		MaxConsecutiveDays: MaxRuleCount, MaxConsecutiveNights: MaxRuleCount, MaxNightsPerPeriod: MaxRuleCount,
		MinWeekendsOff: MaxRuleCount, MaxAverageWeeklyHours: 168, NightStart: 23*time.Hour + 59*time.Minute}
	off := LabourRules{MinDailyRest: -1, WeeklyRest: -1, MaxDailyWork: -1, MaxConsecutiveDays: -1, MaxConsecutiveNights: -1,
		MaxNightsPerPeriod: -1, MinWeekendsOff: -1, MaxAverageWeeklyHours: -1}
	for name, r := range map[string]LabourRules{"limits": atLimit, "off": off, "defaults": {}} {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v, want valid", name, err)
		}
	}
	for _, tc := range []struct {
		field string
		set   func(*LabourRules)
	}{
		{"min_daily_rest", func(r *LabourRules) { r.MinDailyRest += time.Minute }},
		{"weekly_rest", func(r *LabourRules) { r.WeeklyRest += time.Minute }},
		{"max_daily_work", func(r *LabourRules) { r.MaxDailyWork += time.Minute }},
		{"night_minimum", func(r *LabourRules) { r.NightMinimum += time.Minute }},
		{"max_consecutive_days", func(r *LabourRules) { r.MaxConsecutiveDays++ }},
		{"max_consecutive_nights", func(r *LabourRules) { r.MaxConsecutiveNights++ }},
		{"max_nights_per_period", func(r *LabourRules) { r.MaxNightsPerPeriod++ }},
		{"min_weekends_off", func(r *LabourRules) { r.MinWeekendsOff++ }},
		{"max_average_weekly_hours", func(r *LabourRules) { r.MaxAverageWeeklyHours += 0.5 }},
		{"night_start", func(r *LabourRules) { r.NightStart = 24 * time.Hour }},
		{"night_end", func(r *LabourRules) { r.NightEnd = -time.Minute }},
	} {
		r := atLimit
		tc.set(&r)
		err := r.Validate()
		v, ok := err.(*scheduling.ValidationError)
		if !ok || len(v.Fields) != 1 || v.Fields[0].Field != tc.field {
			t.Errorf("%s past its limit: %v, want one error on it", tc.field, err)
		}
	}
}

// TestSolve_RefusesRulesPastLimits: the roster's input names the rule
// under "rules." before any search.
func TestSolve_RefusesRulesPastLimits(t *testing.T) {
	in := Input{Rules: LabourRules{MinDailyRest: 49 * time.Hour}}
	err := in.validate()
	v, ok := err.(*scheduling.ValidationError)
	if !ok || !slices.ContainsFunc(v.Fields, func(f scheduling.FieldError) bool { return f.Field == "rules.min_daily_rest" }) {
		t.Errorf("validate() = %v, want an error on rules.min_daily_rest", err)
	}
}
