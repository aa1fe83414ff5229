package ical

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// description lists the shift and its breaks in the site's local time and
// names the zone, e.g.
//
//	2026-10-26 08:00–16:30 (Europe/Berlin)
//	Breaks: 12:00–12:30 unpaid, 14:30–14:45 paid
//
// followed by the event's note. A break on another local date than the
// shift's start carries its date. A clock time the fall-back change
// repeats carries the zone's abbreviation, or its UTC offset where the
// zone has none: 02:30 CEST or 02:30 CET on 25 October 2026 in Berlin,
// 23:30 UTC-03:00 or 23:30 UTC-04:00 on 4 April 2026 in Santiago.
func description(e Event, loc *time.Location) string {
	start := e.Start.In(loc)
	day := start.Format(time.DateOnly)
	clock := func(t time.Time) string {
		t = t.In(loc)
		s := t.Format("15:04")
		if t.Format(time.DateOnly) != day {
			s = t.Format("2006-01-02 15:04")
		}
		if repeated(t) {
			s += " " + zoneName(t)
		}
		return s
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s–%s (%s)", day, clock(e.Start), clock(e.End), loc)
	if e.Cancelled {
		b.WriteString("\nCancelled")
	}
	if len(e.Breaks) > 0 {
		b.WriteString("\nBreaks: ")
		for i, br := range e.Breaks {
			if i > 0 {
				b.WriteString(", ")
			}
			paid := "unpaid"
			if br.Paid {
				paid = "paid"
			}
			fmt.Fprintf(&b, "%s–%s %s", clock(br.Start), clock(br.End), paid)
		}
	}
	if n := text(e.Note); n != "" {
		b.WriteString("\n")
		b.WriteString(n)
	}
	return b.String()
}

// repeated reports whether t's wall-clock time occurs twice in t's zone,
// in the hour (or so) a fall-back change repeats: whether the other offset
// in force within a day of t shows the same wall clock at another instant.
// Like scheduling.LocalTime it assumes no two changes within a day.
func repeated(t time.Time) bool {
	_, o := t.Zone()
	for _, near := range []time.Time{t.Add(-24 * time.Hour), t.Add(24 * time.Hour)} {
		_, other := near.In(t.Location()).Zone()
		if other == o {
			continue
		}
		// The instant at which the other offset shows t's wall clock.
		if _, at := t.Add(time.Duration(o-other) * time.Second).Zone(); at == other {
			return true
		}
	}
	return false
}

// zoneName is t's zone abbreviation (CEST, EDT), or "UTC-03:00" where the
// zone database has only a number.
func zoneName(t time.Time) string {
	name, _ := t.Zone()
	if name == "" || name[0] == '+' || name[0] == '-' {
		return "UTC" + t.Format("-07:00")
	}
	return name
}

// text makes free text safe for a TEXT value: line breaks become "\n"
// (escaped by the encoder), other control characters are dropped (RFC 5545
// §3.3.11 forbids them) and surrounding space is trimmed.
func text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
