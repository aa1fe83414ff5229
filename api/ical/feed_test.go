package ical

import (
	"bytes"
	"errors"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/shiftplan/shiftplan/scheduling"
)

func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// longNote has 3-octet (en dash, euro sign) and 2-octet (umlauts, ß)
// characters throughout, so that some fold point falls inside one unless
// folding respects UTF-8 boundaries.
const longNote = "Bitte beachten: Schulung „Kündigungsprävention“ für Übergänge – " +
	"Grüße an das Team Süd; Prämie 25 €, Zuschläge für Nacht-, Sonn- und Feiertagsarbeit " +
	"äöüÄÖÜß äöüÄÖÜß äöüÄÖÜß äöüÄÖÜß äöüÄÖÜß äöüÄÖÜß–––––€€€€€äöüäöüäöüäöüäöüäöüäöüäöüäöü"

func sample(t *testing.T) Calendar {
	loc := berlin(t)
	at := func(d, h, m int) time.Time { return time.Date(2026, 10, d, h, m, 0, 0, loc) }
	return Calendar{
		Name:     "Schichten – Jürgen Weiß",
		Location: loc,
		Domain:   "cc.example.com",
		Stamp:    time.Date(2026, 10, 20, 6, 0, 0, 0, time.UTC),
		Events: []Event{
			{ShiftID: "41", Sequence: 0, Start: at(26, 8, 0), End: at(26, 16, 30), Title: "Early shift – Phone DE",
				Breaks: []Break{{Start: at(26, 12, 0), End: at(26, 12, 30)}, {Start: at(26, 14, 30), End: at(26, 14, 45), Paid: true}}},
			// The fall-back night: 22:00 CEST → 06:00 CET is 9 h; the
			// break is in the repeated hour, the second time round:
			// 02:00–02:30 CET (01:00Z–01:30Z).
			{ShiftID: "40", Sequence: 3, Start: at(24, 22, 0), End: at(25, 6, 0), Title: "Night shift – Phone DE",
				Note: longNote, Updated: time.Date(2026, 10, 19, 14, 3, 0, 0, time.UTC),
				Breaks: []Break{{Start: time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC), End: time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)}}},
			{ShiftID: "42", Sequence: 2, Start: at(27, 14, 0), End: at(27, 22, 0), Title: "Late shift, Chat; EN", Cancelled: true},
		},
	}
}

func TestFeed_ParsedBack(t *testing.T) {
	cal := sample(t)
	out, err := Feed(cal)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	byUID := map[string]*ics.VEvent{}
	for _, e := range parsed.Events() {
		byUID[e.Id()] = e
	}
	if len(byUID) != len(cal.Events) {
		t.Fatalf("%d events parsed, want %d", len(byUID), len(cal.Events))
	}
	for _, want := range cal.Events {
		uid := "shift-" + want.ShiftID + "@cc.example.com"
		e, ok := byUID[uid]
		if !ok {
			t.Errorf("no event with UID %s", uid)
			continue
		}
		start, err1 := e.GetStartAt()
		end, err2 := e.GetEndAt()
		if err1 != nil || err2 != nil || !start.Equal(want.Start) || !end.Equal(want.End) {
			t.Errorf("%s: %v–%v (%v %v), want %v–%v", uid, start, end, err1, err2, want.Start, want.End)
		}
		if start.Location() != time.UTC {
			t.Errorf("%s: DTSTART not in UTC", uid)
		}
		if got := e.GetProperty(ics.ComponentPropertySequence).Value; got != strconv.Itoa(want.Sequence) {
			t.Errorf("%s: SEQUENCE %s, want %d", uid, got, want.Sequence)
		}
		status := "CONFIRMED"
		if want.Cancelled {
			status = "CANCELLED"
		}
		if got := e.GetProperty(ics.ComponentPropertyStatus).Value; got != status {
			t.Errorf("%s: STATUS %s, want %s", uid, got, status)
		}
		if got := e.GetProperty(ics.ComponentPropertySummary).Value; got != want.Title {
			t.Errorf("%s: SUMMARY %q, want %q", uid, got, want.Title)
		}
		stamp, err := e.GetDtStampTime()
		wantStamp := want.Updated
		if wantStamp.IsZero() {
			wantStamp = cal.Stamp
		}
		if err != nil || !stamp.Equal(wantStamp) {
			t.Errorf("%s: DTSTAMP %v (%v), want %v", uid, stamp, err, wantStamp)
		}
		if got, want := e.GetProperty(ics.ComponentPropertyDescription).Value, description(want, cal.Location); got != want {
			t.Errorf("%s: DESCRIPTION\n%q\nwant\n%q", uid, got, want)
		}
	}
	// The night shift's description, written out by hand: the break is on
	// the next local date, in the hour the fall-back repeats, so its times
	// name the zone's abbreviation (22:00 and 06:00 happen once).
	want := "2026-10-24 22:00–2026-10-25 06:00 (Europe/Berlin)\nBreaks: 2026-10-25 02:00 CET–2026-10-25 02:30 CET unpaid\n" + longNote
	if got := byUID["shift-40@cc.example.com"].GetProperty(ics.ComponentPropertyDescription).Value; got != want {
		t.Errorf("night description\n%q\nwant\n%q", got, want)
	}
	want = "2026-10-26 08:00–16:30 (Europe/Berlin)\nBreaks: 12:00–12:30 unpaid, 14:30–14:45 paid"
	if got := byUID["shift-41@cc.example.com"].GetProperty(ics.ComponentPropertyDescription).Value; got != want {
		t.Errorf("early description\n%q\nwant\n%q", got, want)
	}
	for prop, want := range map[ics.Property]string{ics.PropertyXWRCalName: cal.Name, ics.PropertyXWRTimezone: "Europe/Berlin"} {
		var got string
		for _, p := range parsed.CalendarProperties {
			if p.IANAToken == string(prop) {
				got = p.Value
			}
		}
		if got != want {
			t.Errorf("%s = %q, want %q", prop, got, want)
		}
	}
}

// TestDescription_RepeatedClockTimes: a clock time the fall-back change
// repeats names its zone, one that happens once does not. By hand (IANA
// tzdata): Berlin goes from 03:00 CEST (UTC+2) back to 02:00 CET (UTC+1)
// at 01:00Z on 25 October 2026; New York from 02:00 EDT (UTC−4) to 01:00
// EST (UTC−5) at 06:00Z on 1 November 2026; Santiago from 24:00 −03 on
// Saturday 4 April 2026 back to 23:00 −04 at 03:00Z (a zone without
// abbreviations: the offset is written). 03:00 CET (02:00Z) in Berlin
// happens once: at 01:00Z the clock read 03:00 CEST for no time at all.
func TestDescription_RepeatedClockTimes(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	z := func(d, h, m int) time.Time { return time.Date(2026, 10, d, h, m, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		loc  *time.Location
		e    Event
		want string
	}{
		{"BerlinFirstTime", berlin(t), Event{Start: z(25, 0, 15), End: z(25, 2, 0)},
			"2026-10-25 02:15 CEST–03:00 (Europe/Berlin)"},
		{"BerlinBothTimes", berlin(t), Event{Start: z(24, 20, 0), End: z(25, 5, 0),
			Breaks: []Break{{Start: z(25, 0, 30), End: z(25, 0, 45)}, {Start: z(25, 1, 30), End: z(25, 1, 45), Paid: true}}},
			"2026-10-24 22:00–2026-10-25 06:00 (Europe/Berlin)\nBreaks: 2026-10-25 02:30 CEST–2026-10-25 02:45 CEST unpaid, 2026-10-25 02:30 CET–2026-10-25 02:45 CET paid"},
		{"NewYork", zone("America/New_York"), Event{Start: time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), End: time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)},
			"2026-11-01 01:30 EDT–01:30 EST (America/New_York)"},
		{"Santiago", zone("America/Santiago"), Event{Start: time.Date(2026, 4, 4, 22, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 5, 3, 30, 0, 0, time.UTC)},
			"2026-04-04 19:00–23:30 UTC-04:00 (America/Santiago)"},
		{"SantiagoFirstTime", zone("America/Santiago"), Event{Start: time.Date(2026, 4, 5, 2, 30, 0, 0, time.UTC), End: time.Date(2026, 4, 5, 12, 0, 0, 0, time.UTC)},
			"2026-04-04 23:30 UTC-03:00–2026-04-05 08:00 (America/Santiago)"},
		{"SpringForward", berlin(t), Event{Start: time.Date(2026, 3, 28, 21, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 29, 4, 0, 0, 0, time.UTC)},
			"2026-03-28 22:00–2026-03-29 06:00 (Europe/Berlin)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := description(tc.e, tc.loc); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestFeed_LinesFoldedCRLF(t *testing.T) {
	out, err := Feed(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(out, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("feed does not end with END:VCALENDAR CRLF")
	}
	lines := bytes.SplitAfter(out, []byte("\r\n"))
	folded := 0
	for i, l := range lines {
		if len(l) == 0 {
			continue
		}
		if !bytes.HasSuffix(l, []byte("\r\n")) {
			t.Errorf("line %d not CRLF-terminated: %q", i+1, l)
		}
		body := bytes.TrimSuffix(l, []byte("\r\n"))
		if bytes.ContainsAny(body, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, body)
		}
		// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets,
		// excluding the line break.
		if len(body) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(body), body)
		}
		// A fold must not split a multi-octet UTF-8 sequence, so every
		// physical line is valid UTF-8 on its own.
		if !utf8.Valid(body) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, body)
		}
		if len(body) > 0 && body[0] == ' ' {
			folded++
		}
	}
	if folded < 3 {
		t.Errorf("only %d continuation lines: the long description was not folded", folded)
	}
}

func TestFeed_Stable(t *testing.T) {
	// The same shifts in another order give the same bytes, so a feed
	// can be cached and served with an ETag.
	a := sample(t)
	b := sample(t)
	b.Events[0], b.Events[2] = b.Events[2], b.Events[0]
	fa, err1 := Feed(a)
	fb, err2 := Feed(b)
	if err1 != nil || err2 != nil || !bytes.Equal(fa, fb) {
		t.Errorf("feeds differ (%v, %v)", err1, err2)
	}
}

func TestFeed_Invalid(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(*Calendar)
		field string
	}{
		{"NoZone", func(c *Calendar) { c.Location = nil }, "location"},
		{"NoID", func(c *Calendar) { c.Events[1].ShiftID = "" }, "events[1].shift_id"},
		{"DuplicateID", func(c *Calendar) { c.Events[2].ShiftID = "41" }, "events[2].shift_id"},
		{"EndBeforeStart", func(c *Calendar) { c.Events[0].End = c.Events[0].Start }, "events[0].end"},
		{"NoStamp", func(c *Calendar) { c.Stamp = time.Time{} }, "events[0].updated"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := sample(t)
			tt.edit(&c)
			_, err := Feed(c)
			var ve *scheduling.ValidationError
			if !errors.As(err, &ve) || ve.Fields[0].Field != tt.field {
				t.Errorf("err = %v, want a ValidationError naming %s", err, tt.field)
			}
		})
	}
}

// TestFeed_EventZone: an event with a zone of its own (a shift worked at a
// site the agent has since left) gives its description's times there;
// the others use the calendar's. By hand (IANA tzdata): 06:00Z–14:00Z on
// 2 March 2026 is 07:00–15:00 in Berlin (CET, UTC+1) and 01:00–09:00 in
// New York (EST, UTC−5 until 8 March).
func TestFeed_EventZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	cal := Calendar{Location: ny, Stamp: at(1, 12), Events: []Event{
		{ShiftID: "1", Start: at(2, 6), End: at(2, 14), Location: berlin(t)},
		{ShiftID: "2", Start: at(3, 6), End: at(3, 14)},
	}}
	out, err := Feed(cal)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := ics.ParseCalendar(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	want := []string{"2026-03-02 07:00–15:00 (Europe/Berlin)", "2026-03-03 01:00–09:00 (America/New_York)"}
	if n := len(parsed.Events()); n != len(want) {
		t.Fatalf("%d events parsed, want %d\n%s", n, len(want), out)
	}
	for i, e := range parsed.Events() {
		if got := e.GetProperty(ics.ComponentPropertyDescription).Value; i >= len(want) || got != want[i] {
			t.Errorf("event %d: description %q, want %q", i, got, want)
		}
	}
}
