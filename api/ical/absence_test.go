package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// TestFeed_Absences: time off from one local midnight to another is an
// all-day event over its local dates, DTEND the day after the last
// (RFC 5545 §3.6.1); part-day time off is timed in UTC. By hand (IANA
// tzdata): Berlin midnight on 9 March 2026 is 23:00Z on the 8th (CET,
// UTC+1), on 30 March 22:00Z on the 29th (CEST, UTC+2, after the change
// on the 29th); 08:00–12:00 CET on 11 March is 07:00Z–11:00Z.
func TestFeed_Absences(t *testing.T) {
	loc := berlin(t)
	z := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	cal := Calendar{Location: loc, Stamp: z(1, 12), Domain: "cc.example.com", Absences: []Absence{
		{TimeOffID: "t2", Start: z(11, 7), End: z(11, 11), Kind: "training", Updated: z(2, 9)},
		{TimeOffID: "t1", Start: z(8, 23), End: time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), Kind: "vacation", Updated: z(2, 8)},
		{TimeOffID: "t3", Start: time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 30, 22, 0, 0, 0, time.UTC), Kind: "sick"},
	}}
	out, err := Feed(cal)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"UID:timeoff-t1@cc.example.com\r\nDTSTAMP:20260302T080000Z\r\nLAST-MODIFIED:20260302T080000Z\r\nSEQUENCE:0\r\n" +
			"DTSTART;VALUE=DATE:20260309\r\nDTEND;VALUE=DATE:20260330\r\nSUMMARY:Time off\r\n" +
			"DESCRIPTION:2026-03-09 – 2026-03-29 (Europe/Berlin)\\nVacation\r\nSTATUS:CONFIRMED\r\nTRANSP:TRANSPARENT\r\n",
		"UID:timeoff-t2@cc.example.com\r\nDTSTAMP:20260302T090000Z\r\nLAST-MODIFIED:20260302T090000Z\r\nSEQUENCE:0\r\n" +
			"DTSTART:20260311T070000Z\r\nDTEND:20260311T110000Z\r\nSUMMARY:Time off\r\n" +
			"DESCRIPTION:2026-03-11 08:00–12:00 (Europe/Berlin)\\nTraining\r\n",
		// No change time of its own: the calendar's stamp, no LAST-MODIFIED.
		"UID:timeoff-t3@cc.example.com\r\nDTSTAMP:20260301T120000Z\r\nSEQUENCE:0\r\nDTSTART;VALUE=DATE:20260330\r\n" +
			"DTEND;VALUE=DATE:20260331\r\nSUMMARY:Time off\r\nDESCRIPTION:2026-03-30 (Europe/Berlin)\\nSick\r\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("feed lacks\n%q\n%s", want, out)
		}
	}
	parsed, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	if n := len(parsed.Events()); n != 3 {
		t.Errorf("%d events parsed, want 3", n)
	}
	// Sorted by start: t1, t2, t3.
	if i1, i2, i3 := strings.Index(string(out), "timeoff-t1"), strings.Index(string(out), "timeoff-t2"), strings.Index(string(out), "timeoff-t3"); i1 > i2 || i2 > i3 {
		t.Errorf("absences not sorted by start:\n%s", out)
	}
}

func TestFeed_InvalidAbsence(t *testing.T) {
	at := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		abs   []Absence
		field string
	}{
		{"NoID", []Absence{{Start: at, End: at.Add(time.Hour)}}, "absences[0].time_off_id"},
		{"DuplicateID", []Absence{{TimeOffID: "a", Start: at, End: at.Add(time.Hour)}, {TimeOffID: "a", Start: at, End: at.Add(time.Hour)}},
			"absences[1].time_off_id"},
		{"EndBeforeStart", []Absence{{TimeOffID: "a", Start: at, End: at}}, "absences[0].end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Feed(Calendar{Location: time.UTC, Stamp: at, Absences: tc.abs})
			if err == nil || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("err = %v, want one naming %s", err, tc.field)
			}
		})
	}
}
