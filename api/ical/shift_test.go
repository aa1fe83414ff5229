package ical

import (
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

func TestEventOf(t *testing.T) {
	st := time.Date(2026, 10, 5, 6, 0, 0, 0, time.UTC)
	s := scheduling.Shift{ID: "s9", Start: st, End: st.Add(8 * time.Hour), Status: scheduling.ShiftCancelled, Version: 4,
		Breaks: []scheduling.Break{{Start: st.Add(4 * time.Hour), End: st.Add(4*time.Hour + 30*time.Minute)}}}
	e := EventOf(s, "Early shift – Phone DE")
	// Version 4 becomes SEQUENCE 4; the cancelled status carries over.
	if e.ShiftID != "s9" || e.Sequence != 4 || !e.Cancelled || len(e.Breaks) != 1 || e.Breaks[0].Paid || e.Title != "Early shift – Phone DE" {
		t.Errorf("EventOf = %+v", e)
	}
}
