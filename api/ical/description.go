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
//	08:00–16:30 (Europe/Berlin)
//	Breaks: 12:00–12:30 unpaid, 14:30–14:45 paid
//
// followed by the event's note. A break on another local date than the
// shift's start carries its date.
func description(e Event, loc *time.Location) string {
	start := e.Start.In(loc)
	day := start.Format(time.DateOnly)
	clock := func(t time.Time) string {
		t = t.In(loc)
		if t.Format(time.DateOnly) != day {
			return t.Format("2006-01-02 15:04")
		}
		return t.Format("15:04")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s–%s (%s)", day, start.Format("15:04"), clock(e.End), loc)
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
