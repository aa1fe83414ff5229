package ical

import (
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// AbsenceTitle is the SUMMARY of every absence.
const AbsenceTitle = "Time off"

// Absence is approved time off. One that runs from a local midnight to a
// local midnight is written as an all-day event (DTSTART and DTEND with
// VALUE=DATE, DTEND the day after the last, RFC 5545 §3.6.1) over the
// dates it covers in its zone; any other as a timed one in UTC, like a
// shift. Either is TRANSP:TRANSPARENT: it frees the agent from work, and
// does not make them busy in their own calendar.
type Absence struct {
	// TimeOffID identifies the time off for life; the UID is derived
	// from it ("timeoff-<id>@<domain>").
	TimeOffID string
	// Start and End are instants.
	Start, End time.Time
	// Kind is the time off's kind (vacation, sick, training, other),
	// named in the description.
	Kind string
	// Location is the zone whose dates and clock the absence is told in;
	// nil means Calendar.Location.
	Location *time.Location
	// Updated is the last change; it is written as DTSTAMP and
	// LAST-MODIFIED. Zero means Calendar.Stamp.
	Updated time.Time
}

// AbsenceUID returns the UID of time off id's event: "timeoff-<id>@<domain>".
func AbsenceUID(timeOffID, domain string) string {
	if domain == "" {
		domain = DefaultDomain
	}
	return "timeoff-" + timeOffID + "@" + domain
}

// allDay reports whether [start, end) runs from one midnight of loc to
// another.
func allDay(start, end time.Time, loc *time.Location) bool {
	midnight := func(t time.Time) bool {
		t = t.In(loc)
		return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
	}
	return midnight(start) && midnight(end)
}

// addAbsences adds cal's absences to c, sorted by start, then id.
func addAbsences(c *ics.Calendar, cal Calendar) {
	for _, a := range inOrder(cal.Absences, func(a Absence) (time.Time, string) { return a.Start, a.TimeOffID }) {
		v := c.AddEvent(AbsenceUID(a.TimeOffID, cal.Domain))
		setStamps(v, a.Updated, cal.Stamp)
		v.SetSequence(0)
		loc := a.Location
		if loc == nil {
			loc = cal.Location
		}
		var when string
		if allDay(a.Start, a.End, loc) {
			first, end := a.Start.In(loc), a.End.In(loc)
			v.SetAllDayStartAt(first)
			v.SetAllDayEndAt(end)
			when = first.Format(time.DateOnly)
			if last := end.AddDate(0, 0, -1); last.After(first) {
				when += " – " + last.Format(time.DateOnly)
			}
			when += " (" + loc.String() + ")"
		} else {
			v.SetStartAt(a.Start)
			v.SetEndAt(a.End)
			when = description(Event{Start: a.Start, End: a.End}, loc)
		}
		v.SetSummary(AbsenceTitle)
		if k := text(a.Kind); k != "" {
			when += "\n" + strings.ToUpper(k[:1]) + k[1:]
		}
		v.SetDescription(when)
		v.SetStatus(ics.ObjectStatusConfirmed)
		v.SetTimeTransparency(ics.TransparencyTransparent)
	}
}
