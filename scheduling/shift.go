package scheduling

import (
	"fmt"
	"time"
)

// BreakRule places one break or lunch inside a shift.
type BreakRule struct {
	Name   string
	Length time.Duration
	Paid   bool
	// EarliestAfter and LatestAfter bound the break's start, measured from the
	// shift's start.
	EarliestAfter time.Duration
	LatestAfter   time.Duration
}

// LatestIn is the latest start, after the shift's start, of this break in
// a shift lasting d: LatestAfter, or earlier so that the break ends with
// the shift (a 22:00–06:00 night lasts 7 h when the clocks spring
// forward). Below EarliestAfter the break has no room.
func (b BreakRule) LatestIn(d time.Duration) time.Duration { return min(b.LatestAfter, d-b.Length) }

// ShiftTemplate describes the shifts a roster may use: a window of start
// times, a length and its breaks. A shift belongs to the day it starts.
type ShiftTemplate struct {
	ID     string
	SiteID string
	Code   string // short code shown on the board, e.g. "E", "L", "N"
	Name   string
	// EarliestStart and LatestStart are local clock times as offsets from
	// midnight, e.g. 6h and 8h; StartStep is the granularity (e.g. 15m).
	// On a day the clock skips or repeats a start, LocalTime decides.
	EarliestStart time.Duration
	LatestStart   time.Duration
	StartStep     time.Duration
	// Length is the time on the clock from start to end including
	// breaks: the shift ends at start + Length local time, so a 22:00
	// template of 8 h lasts 7 h or 9 h on the nights the clocks change.
	Length time.Duration
	Breaks []BreakRule
	// Night marks templates counted as night shifts for rules and fairness.
	Night bool
	Color string
}

// MidBreaks places the template's breaks for a shift from start to end,
// each in the middle of its window (whole minutes, elapsed time): the
// breaks of a shift added by hand, which the lead may move. The solver
// places them where the queue can best spare the agent instead.
//
// A window is cut to the shift's elapsed length: on the spring-forward
// night a 22:00–06:00 shift lasts 7 h, so a break the template allows up
// to 7 h 30 after the start must end by 7 h. A break that fits nowhere in
// its window is placed at its earliest start, and Validate refuses it.
func (t ShiftTemplate) MidBreaks(start, end time.Time) []Break {
	out := make([]Break, 0, len(t.Breaks))
	for _, b := range t.Breaks {
		latest := max(b.EarliestAfter, b.LatestIn(end.Sub(start)))
		at := start.Add(((b.EarliestAfter + latest) / 2).Truncate(time.Minute))
		out = append(out, Break{Start: at, End: at.Add(b.Length), Paid: b.Paid, Name: b.Name})
	}
	return out
}

// Validate checks the template's fields.
func (t ShiftTemplate) Validate() error {
	var v ValidationError
	if t.Code == "" {
		v.Add("code", "is required")
	}
	v.Text("code", t.Code, MaxNameLength)
	v.Text("name", t.Name, MaxNameLength)
	v.Text("color", t.Color, MaxNameLength)
	if t.EarliestStart < 0 || t.EarliestStart >= 24*time.Hour {
		v.Add("earliest_start", "must be a clock time 00:00–23:59")
	}
	if t.LatestStart < t.EarliestStart || t.LatestStart >= 24*time.Hour {
		v.Add("latest_start", "must be at or after earliest_start and before 24:00")
	}
	if t.LatestStart > t.EarliestStart && (t.StartStep < time.Minute || t.StartStep%time.Minute != 0) {
		// A roster has one shift type per start: a step of a second, or
		// of a millisecond, is tens of thousands of starts a day.
		v.Add("start_step", "must be a whole number of minutes, at least 1, when the start window is open, got %v", t.StartStep)
	}
	if t.Length <= 0 || t.Length > 16*time.Hour {
		v.Add("length", "must be in (0, 16h]")
	}
	var br time.Duration
	for i, b := range t.Breaks {
		f := fmt.Sprintf("breaks[%d]", i)
		v.Text(f+".name", b.Name, MaxNameLength)
		if b.Length <= 0 {
			v.Add(f+".length", "must be positive")
		}
		if b.EarliestAfter < 0 || b.LatestAfter < b.EarliestAfter || b.LatestAfter+b.Length > t.Length {
			v.Add(f+".latest_after", "break window must lie inside the shift")
		}
		br += b.Length
	}
	if br >= t.Length && t.Length > 0 {
		v.Add("breaks", "breaks are longer than the shift")
	}
	return v.Err()
}

// Break is one placed break of a shift.
type Break struct {
	Start time.Time
	End   time.Time
	Paid  bool
	Name  string
}

// ShiftStatus tells whether a shift stands.
type ShiftStatus string

// Shift statuses.
const (
	ShiftActive    ShiftStatus = "active"
	ShiftCancelled ShiftStatus = "cancelled"
)

// MaxShiftLength is the longest a shift may last, from start to end.
const MaxShiftLength = 16 * time.Hour

// Shift is one agent's work from Start to End (UTC instants), with breaks.
type Shift struct {
	ID         string
	RosterID   string
	AgentID    string
	TemplateID string
	Start      time.Time
	End        time.Time
	Breaks     []Break
	// QueueID is the queue or skill group the shift mainly serves ("" = any).
	QueueID string
	// Activity is "work" or an off-phone activity such as "training".
	Activity string
	Status   ShiftStatus
	// Version increases with every change (optimistic locking, iCal SEQUENCE).
	Version int
}

// UnpaidBreaks is the length of the template's unpaid breaks: a shift of
// it is paid its elapsed time less this.
func (t ShiftTemplate) UnpaidBreaks() time.Duration {
	var d time.Duration
	for _, b := range t.Breaks {
		if !b.Paid {
			d += b.Length
		}
	}
	return d
}

// Work returns the working time of the template's shifts: its length
// less its rest breaks (as Shift.Work).
func (t ShiftTemplate) Work() time.Duration {
	d := t.Length
	for _, b := range t.Breaks {
		if b.Length >= RestBreak {
			d -= b.Length
		}
	}
	return d
}

// RestBreak is the shortest break that is a rest break, paid or not:
// shorter ones are working time (ArbZG §4).
const RestBreak = 15 * time.Minute

// Work returns the shift's working time: its length less its rest
// breaks (RestBreak or longer, paid or not; ArbZG §2(1)).
func (s Shift) Work() time.Duration {
	d := s.End.Sub(s.Start)
	for _, b := range s.Breaks {
		if l := b.End.Sub(b.Start); l >= RestBreak {
			d -= l
		}
	}
	return d
}

// Paid returns the paid elapsed time of the shift: its length less unpaid breaks.
func (s Shift) Paid() time.Duration {
	d := s.End.Sub(s.Start)
	for _, b := range s.Breaks {
		if !b.Paid {
			d -= b.End.Sub(b.Start)
		}
	}
	return d
}

// Validate checks the shift's fields.
func (s Shift) Validate() error {
	var v ValidationError
	if s.AgentID == "" {
		v.Add("agent_id", "is required")
	}
	if !s.End.After(s.Start) {
		v.Add("end", "must be after start")
	} else if s.End.Sub(s.Start) > MaxShiftLength {
		v.Add("end", "a shift may last at most 16 hours")
	}
	v.Text("activity", s.Activity, MaxNameLength)
	for i, b := range s.Breaks {
		if b.Start.Before(s.Start) || b.End.After(s.End) || !b.End.After(b.Start) {
			v.Add(fmt.Sprintf("breaks[%d]", i), "must lie inside the shift")
		}
		v.Text(fmt.Sprintf("breaks[%d].name", i), b.Name, MaxNameLength)
	}
	return v.Err()
}
