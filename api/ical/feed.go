// Package ical encodes an agent's shifts as an iCalendar feed (RFC 5545)
// that calendar apps subscribe to: one VEVENT per shift with a stable UID,
// a SEQUENCE that grows with every change, cancelled shifts as
// STATUS:CANCELLED, times in UTC, CRLF line endings and lines folded at 75
// octets; approved time off as events of its own (see Absence). Encoding is done by github.com/arran4/golang-ical.
package ical

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/shiftplan/shiftplan/scheduling"
)

// DefaultDomain makes UIDs globally unique when Calendar.Domain is empty.
const DefaultDomain = "shiftplan"

// productID is the feed's PRODID (RFC 5545 §3.7.3).
const productID = "-//shiftplan//shiftplan shifts//EN"

// refresh tells subscribing clients how often to poll (REFRESH-INTERVAL,
// RFC 7986 §5.7, and the older X-PUBLISHED-TTL).
const refresh = "PT1H"

// Calendar is one agent's feed.
type Calendar struct {
	// Name is shown by calendar apps (X-WR-CALNAME, RFC 7986 NAME);
	// empty leaves the naming to the app.
	Name string
	// Location is the site's zone: announced as X-WR-TIMEZONE and used
	// for the local times in the descriptions of events without a
	// Location of their own. Event times themselves are written in UTC.
	Location *time.Location
	// Domain is the right-hand side of every UID ("shift-<id>@<domain>");
	// empty means DefaultDomain. Keep it fixed for the life of a feed.
	Domain string
	// Stamp is the DTSTAMP of events without an Updated time; pass the
	// time the data was read (the package never reads the clock).
	Stamp time.Time
	// Events are the shifts; they are written sorted by start, then id.
	Events []Event
	// Absences are the approved time off, written after the shifts,
	// sorted by start, then id.
	Absences []Absence
}

// Event is one shift.
type Event struct {
	// ShiftID identifies the shift for life; the UID is derived from it,
	// so calendar apps update the event in place when it changes.
	ShiftID string
	// Sequence is the shift's revision number (SEQUENCE): 0 when first
	// published, one more with every change, including cancellation.
	Sequence int
	// Start and End are instants.
	Start, End time.Time
	// Title is the SUMMARY, e.g. "Early shift – Phone DE".
	Title string
	// Breaks are listed in the description in local time.
	Breaks []Break
	// Location is the zone of the shift's site, in which the description
	// gives its times; nil means Calendar.Location. It differs for the
	// shifts an agent who moved to a site in another zone worked before.
	Location *time.Location
	// Note is appended to the description (free text, may hold newlines).
	Note string
	// Cancelled shifts stay in the feed with STATUS:CANCELLED so that
	// subscribed apps remove or strike them.
	Cancelled bool
	// Updated is the last change; it is written as DTSTAMP and
	// LAST-MODIFIED. Zero means Calendar.Stamp.
	Updated time.Time
}

// Break is a break within a shift.
type Break struct {
	Start, End time.Time
	Paid       bool
}

// UID returns the event's UID: "shift-<id>@<domain>".
func UID(shiftID, domain string) string {
	if domain == "" {
		domain = DefaultDomain
	}
	return "shift-" + shiftID + "@" + domain
}

// Feed encodes cal as an iCalendar document.
func Feed(cal Calendar) ([]byte, error) {
	var b bytes.Buffer
	if err := Write(&b, cal); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Write encodes cal as an iCalendar document to w (content type
// "text/calendar; charset=utf-8"). Malformed input gives a
// *scheduling.ValidationError naming the fields.
func Write(w io.Writer, cal Calendar) error {
	if err := cal.validate(); err != nil {
		return err
	}
	c := ics.NewCalendarFor("shiftplan")
	c.SetProductId(productID)
	c.SetMethod(ics.MethodPublish)
	c.SetCalscale("GREGORIAN")
	if name := text(cal.Name); name != "" {
		c.SetName(name)
		c.SetXWRCalName(name)
	}
	c.SetXWRTimezone(cal.Location.String())
	c.SetRefreshInterval(refresh)
	c.SetXPublishedTTL(refresh)

	for _, e := range inOrder(cal.Events, func(e Event) (time.Time, string) { return e.Start, e.ShiftID }) {
		v := c.AddEvent(UID(e.ShiftID, cal.Domain))
		setStamps(v, e.Updated, cal.Stamp)
		v.SetSequence(e.Sequence)
		v.SetStartAt(e.Start)
		v.SetEndAt(e.End)
		v.SetSummary(text(e.Title))
		loc := e.Location
		if loc == nil {
			loc = cal.Location
		}
		v.SetDescription(description(e, loc))
		if e.Cancelled {
			v.SetStatus(ics.ObjectStatusCancelled)
			v.SetTimeTransparency(ics.TransparencyTransparent)
		} else {
			v.SetStatus(ics.ObjectStatusConfirmed)
			v.SetTimeTransparency(ics.TransparencyOpaque)
		}
	}
	addAbsences(c, cal)
	// The library folds lines at 75 octets on UTF-8 boundaries; its
	// default line ending is the platform's, so CRLF is asked for.
	if err := c.SerializeTo(w, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("ical: write feed: %w", err)
	}
	return nil
}

// validate returns a *scheduling.ValidationError naming every bad field.
func (cal Calendar) validate() error {
	var v scheduling.ValidationError
	bad := func(field, msg string) { v.Add(field, "%s", msg) }
	if cal.Location == nil {
		bad("location", "missing time zone")
	}
	if strings.ContainsAny(cal.Domain, "@ \t\r\n") {
		bad("domain", fmt.Sprintf("%q is not a domain", cal.Domain))
	}
	cal.checkEntries(bad, "events", "shift_id", len(cal.Events), func(i int) (string, time.Time, time.Time, time.Time) {
		e := cal.Events[i]
		return e.ShiftID, e.Start, e.End, e.Updated
	})
	for i, e := range cal.Events {
		f := fmt.Sprintf("events[%d]", i)
		if e.Sequence < 0 {
			bad(f+".sequence", fmt.Sprintf("%d is negative", e.Sequence))
		}
		for j, b := range e.Breaks {
			if !b.End.After(b.Start) {
				bad(fmt.Sprintf("%s.breaks[%d].end", f, j), "not after start")
			}
		}
	}
	cal.checkEntries(bad, "absences", "time_off_id", len(cal.Absences), func(i int) (string, time.Time, time.Time, time.Time) {
		a := cal.Absences[i]
		return a.TimeOffID, a.Start, a.End, a.Updated
	})
	return v.Err()
}

// checkEntries tells bad what is wrong with the n entries of the list
// named list (events, absences), the i-th of which at gives as its ID
// (the field idField), start, end and last change: an ID that is empty,
// holds what a UID cannot, or repeats; an end not after its start; and
// neither a last change nor a calendar stamp for its DTSTAMP.
func (cal Calendar) checkEntries(bad func(field, msg string), list, idField string, n int,
	at func(i int) (id string, start, end, updated time.Time)) {
	seen := make(map[string]int, n)
	for i := range n {
		id, start, end, updated := at(i)
		f := fmt.Sprintf("%s[%d]", list, i)
		switch {
		case id == "" || strings.ContainsAny(id, "@ \t\r\n"):
			bad(f+"."+idField, fmt.Sprintf("%q is empty or holds '@' or white space", id))
		case seen[id] > 0:
			bad(f+"."+idField, fmt.Sprintf("%q repeats %s[%d]", id, list, seen[id]-1))
		}
		seen[id] = i + 1
		if start.IsZero() || !end.After(start) {
			bad(f+".end", "missing start, or end not after start")
		}
		if updated.IsZero() && cal.Stamp.IsZero() {
			bad(f+".updated", "zero and calendar stamp zero: DTSTAMP is required")
		}
	}
}

// setStamps gives v its DTSTAMP and LAST-MODIFIED: the time it last
// changed, or without one the calendar's stamp and no LAST-MODIFIED.
func setStamps(v *ics.VEvent, updated, fallback time.Time) {
	if updated.IsZero() {
		v.SetDtStampTime(fallback)
		return
	}
	v.SetDtStampTime(updated)
	v.SetModifiedAt(updated)
}

// inOrder returns a copy of items sorted by start, then ID, as key gives
// them: the order a feed lists its events in, whatever the input's.
func inOrder[T any](items []T, key func(T) (start time.Time, id string)) []T {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b T) int {
		sa, ia := key(a)
		sb, ib := key(b)
		if n := sa.Compare(sb); n != 0 {
			return n
		}
		return strings.Compare(ia, ib)
	})
	return out
}
