package api

import (
	"errors"
	"fmt"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

var errorsAs = errors.As

// hoursOf converts a JSON number of hours.
func hoursOf(h float64) time.Duration {
	// Past a million hours (114 years) the product leaves int64's range;
	// saturate so that range checks see a value too large, not a wrapped one.
	const most = 1e6
	return time.Duration(max(-most, min(h, most)) * float64(time.Hour))
}

// clock parses "HH:MM" as an offset from midnight ("" = 0).
func clock(v *scheduling.ValidationError, field, s string) time.Duration {
	if s == "" {
		return 0
	}
	var h, m int
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || n != 2 || h < 0 || h > 23 || m < 0 || m > 59 || len(s) != 5 {
		v.Add(field, "must be a clock time HH:MM, got %q", s)
		return 0
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
}

// clockString formats an offset from midnight as "HH:MM".
func clockString(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

func itoa(i int) string { return fmt.Sprint(i) }

// fmtSscan reads one value from s, all of s.
func fmtSscan(s string, v any) (int, error) {
	var rest string
	n, err := fmt.Sscan(s+" x", v, &rest)
	if err == nil && rest != "x" {
		err = fmt.Errorf("trailing input")
	}
	return n, err
}
