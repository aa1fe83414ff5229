package ical

import "github.com/shiftplan/shiftplan/scheduling"

// EventOf turns a published shift into an event: the shift's Version is
// the SEQUENCE and a cancelled shift is STATUS:CANCELLED. title is the
// SUMMARY, e.g. template and queue names: "Early shift – Phone DE".
func EventOf(s scheduling.Shift, title string) Event {
	e := Event{ShiftID: s.ID, Sequence: s.Version, Start: s.Start, End: s.End, Title: title,
		Cancelled: s.Status == scheduling.ShiftCancelled}
	for _, b := range s.Breaks {
		e.Breaks = append(e.Breaks, Break{Start: b.Start, End: b.End, Paid: b.Paid})
	}
	return e
}
