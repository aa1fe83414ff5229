package api

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

var errorsAs = errors.As

// durationOf converts a JSON number in unit. Past a million hours (114
// years) the product would leave int64's range and wrap; it saturates
// there, so that range checks see a value too large, not a wrapped one.
func durationOf(v float64, unit time.Duration) time.Duration {
	const most = float64(1e6 * time.Hour)
	return time.Duration(max(-most, min(v*float64(unit), most)))
}

// setIf copies *src to *dst when the request gave the field.
func setIf[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}

func hoursOf(h float64) time.Duration { return durationOf(h, time.Hour) }
func minutes(m float64) time.Duration { return durationOf(m, time.Minute) }
func seconds(s float64) time.Duration { return durationOf(s, time.Second) }

// apiFields renames the fields of a validation error as this API spells
// them: the domain names a duration without its unit, the JSON gives it
// in the unit it is sent in. A name matches whole, or else segment by
// segment, so that "breaks[0].length" becomes "breaks[0].length_minutes".
// Each problem keeps the format it was made from, for its German.
func apiFields(err error, names map[string]string) error {
	var v *scheduling.ValidationError
	if !errorsAs(err, &v) {
		return err
	}
	out := &scheduling.ValidationError{}
	for _, f := range v.Fields {
		if n, ok := names[f.Field]; ok {
			f.Field = n
		} else {
			segs := strings.Split(f.Field, ".")
			for i, s := range segs {
				if n, ok := names[s]; ok {
					segs[i] = n
				}
			}
			f.Field = strings.Join(segs, ".")
		}
		out.Fields = append(out.Fields, f)
	}
	return out
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
