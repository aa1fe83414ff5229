package pay

import (
	"fmt"
	"slices"
	"time"
)

// maxShift bounds a shift's length to catch swapped or mistyped dates.
const maxShift = 48 * time.Hour

// Shift is one shift as worked (or planned) by one agent. Start and End are
// instants; the site's zone is passed separately, so the same shift can be
// classified for any site.
type Shift struct {
	ID         string // the caller's shift id, carried into ShiftPay; may be empty
	Start, End time.Time
	Breaks     []Break
}

// Break is a break within a shift. Unpaid breaks are not paid time; paid
// breaks are paid time and are classified like the work around them.
type Break struct {
	Start, End time.Time
	Paid       bool
}

// validate checks the shift, naming fields after prefix ("shift",
// "shifts[3]").
func (s Shift) validate(e *ValidationError, prefix string) {
	switch {
	case s.Start.IsZero():
		e.add(prefix+".start", "missing")
		return
	case s.End.IsZero():
		e.add(prefix+".end", "missing")
		return
	case !s.End.After(s.Start):
		e.add(prefix+".end", "%s is not after start %s", s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
		return
	case s.End.Sub(s.Start) > maxShift:
		e.add(prefix+".end", "shift lasts %v, longer than %v", s.End.Sub(s.Start), maxShift)
		return
	}
	for i, b := range s.Breaks {
		f := fmt.Sprintf("%s.breaks[%d]", prefix, i)
		switch {
		case !b.End.After(b.Start):
			e.add(f+".end", "is not after the break's start")
		case b.Start.Before(s.Start):
			e.add(f+".start", "is before the shift's start")
		case b.End.After(s.End):
			e.add(f+".end", "is after the shift's end")
		}
	}
	bs := s.sortedBreaks()
	for i := 1; i < len(bs); i++ {
		if bs[i].Start.Before(bs[i-1].End) {
			e.add(prefix+".breaks", "breaks at %s and %s overlap", bs[i-1].Start.Format(time.RFC3339), bs[i].Start.Format(time.RFC3339))
		}
	}
}

func (s Shift) sortedBreaks() []Break {
	bs := slices.Clone(s.Breaks)
	slices.SortFunc(bs, func(a, b Break) int { return a.Start.Compare(b.Start) })
	return bs
}

// paidIntervals returns the shift's paid time as ordered, disjoint
// half-open intervals [a, b): the shift minus its unpaid breaks.
func (s Shift) paidIntervals() [][2]time.Time {
	var out [][2]time.Time
	t := s.Start
	for _, b := range s.sortedBreaks() {
		if b.Paid {
			continue
		}
		if b.Start.After(t) {
			out = append(out, [2]time.Time{t, b.Start})
		}
		if b.End.After(t) {
			t = b.End
		}
	}
	if s.End.After(t) {
		out = append(out, [2]time.Time{t, s.End})
	}
	return out
}
