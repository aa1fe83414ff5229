package pay

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// rulesJSON is the stored form of Rules, e.g.
//
//	{"night_start": "22:00", "night_end": "06:00", "night_premium": 0.25,
//	 "saturday_premium": 0, "sunday_premium": 0.5, "holiday_premium": 1.25,
//	 "week_start": "monday", "daily_limit_hours": 10,
//	 "overtime_premium": 0.25, "stacking": "stack"}
//
// Every key is optional; "{}" is the zero Rules.
type rulesJSON struct {
	NightStart      string  `json:"night_start,omitempty"`
	NightEnd        string  `json:"night_end,omitempty"`
	NightPremium    float64 `json:"night_premium"`
	SaturdayPremium float64 `json:"saturday_premium"`
	SundayPremium   float64 `json:"sunday_premium"`
	HolidayPremium  float64 `json:"holiday_premium"`
	WeekStart       string  `json:"week_start,omitempty"`
	DailyLimitHours float64 `json:"daily_limit_hours,omitempty"`
	OvertimePremium float64 `json:"overtime_premium"`
	Stacking        string  `json:"stacking,omitempty"`
}

// MarshalJSON writes the rules with clock times as "HH:MM", the week start
// as a lower-case English day name and the stacking mode as "stack" or
// "highest"; field names match those in Validate's errors.
func (r Rules) MarshalJSON() ([]byte, error) {
	j := rulesJSON{
		NightPremium: r.NightPremium, SaturdayPremium: r.SaturdayPremium, SundayPremium: r.SundayPremium,
		HolidayPremium: r.HolidayPremium, OvertimePremium: r.OvertimePremium,
		WeekStart: strings.ToLower(r.WeekStart.String()), Stacking: r.Stacking.String(),
		DailyLimitHours: r.DailyLimit.Hours(),
	}
	if r.NightStart != r.NightEnd {
		j.NightStart, j.NightEnd = clockString(r.NightStart), clockString(r.NightEnd)
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads the form MarshalJSON writes, rejects unknown keys and
// validates the result (*ValidationError naming the field).
func (r *Rules) UnmarshalJSON(b []byte) error {
	var j rulesJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("pay: decode rules: %w", err)
	}
	var e ValidationError
	out := Rules{NightPremium: j.NightPremium, SaturdayPremium: j.SaturdayPremium, SundayPremium: j.SundayPremium,
		HolidayPremium: j.HolidayPremium, OvertimePremium: j.OvertimePremium}
	out.NightStart = parseClock(&e, "rules.night_start", j.NightStart)
	out.NightEnd = parseClock(&e, "rules.night_end", j.NightEnd)
	switch w := strings.ToLower(j.WeekStart); w {
	case "", "monday":
	default:
		found := false
		for d := range Weekday(7) {
			if strings.ToLower(d.String()) == w {
				out.WeekStart, found = d, true
			}
		}
		if !found {
			e.add("rules.week_start", "%q is not an English day name", j.WeekStart)
		}
	}
	if math.IsNaN(j.DailyLimitHours) || j.DailyLimitHours < 0 || j.DailyLimitHours > 24 {
		e.add("rules.daily_limit_hours", "%v is not in [0, 24]", j.DailyLimitHours)
	} else {
		out.DailyLimit = time.Duration(math.Round(j.DailyLimitHours * float64(time.Hour)))
	}
	switch j.Stacking {
	case "", "stack":
		out.Stacking = Stack
	case "highest":
		out.Stacking = Highest
	default:
		e.add("rules.stacking", "%q is neither \"stack\" nor \"highest\"", j.Stacking)
	}
	if len(e.Fields) == 0 {
		out.validate(&e, "rules")
	}
	if err := e.err(); err != nil {
		return err
	}
	*r = out
	return nil
}

func clockString(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

func parseClock(e *ValidationError, field, s string) time.Duration {
	if s == "" {
		return 0
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		e.add(field, "%q is not a time of day HH:MM", s)
		return 0
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
}
