package pay

import (
	"sync"
	"time"
)

// Holidays tells whether a civil date is a public holiday of the site, and
// its name. *holiday.Calendar (scheduling/holiday) satisfies it; nil means
// no holidays.
type Holidays interface {
	On(year int, month time.Month, day int) (name string, ok bool)
}

// HolidaysFrom is a calendar some of whose holidays begin during the day
// (Christmas Eve from 14:00 under § 3b EStG): From gives the local
// wall-clock time the holiday of a date begins, zero for the whole day.
// *holiday.Calendar satisfies it. A calendar without it has whole-day
// holidays only.
type HolidaysFrom interface {
	Holidays
	From(year int, month time.Month, day int) time.Duration
}

// holidayFrom is when the holiday of date d begins in h.
func holidayFrom(h Holidays, d Date) time.Duration {
	if f, ok := h.(HolidaysFrom); ok {
		return f.From(d.Year, d.Month, d.Day)
	}
	return 0
}

// Memo wraps h so that each date is looked up once. It is safe for
// concurrent use; share one across the agents of a site when summarizing
// many of them, since holiday rules can be costly to evaluate.
func Memo(h Holidays) Holidays {
	if h == nil {
		return nil
	}
	return &memo{h: h, m: make(map[Date]memoEntry)}
}

type memoEntry struct {
	name string
	ok   bool
	from time.Duration
}

type memo struct {
	h  Holidays
	mu sync.RWMutex
	m  map[Date]memoEntry
}

func (m *memo) On(y int, mo time.Month, d int) (string, bool) {
	v := m.entry(Date{y, mo, d})
	return v.name, v.ok
}

func (m *memo) From(y int, mo time.Month, d int) time.Duration { return m.entry(Date{y, mo, d}).from }

func (m *memo) entry(k Date) memoEntry {
	m.mu.RLock()
	v, hit := m.m[k]
	m.mu.RUnlock()
	if hit {
		return v
	}
	v.name, v.ok = m.h.On(k.Year, k.Month, k.Day)
	if v.ok {
		v.from = holidayFrom(m.h, k)
	}
	m.mu.Lock()
	m.m[k] = v
	m.mu.Unlock()
	return v
}

// Date is a civil (calendar) date without a zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String formats the date as 2006-01-02.
func (d Date) String() string { return d.civil().Format(time.DateOnly) }

// civil returns midnight UTC of the date, for calendar arithmetic free of DST.
func (d Date) civil() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.civil().AddDate(0, 0, n)) }

// Before reports whether d is an earlier date than o.
func (d Date) Before(o Date) bool { return d.civil().Before(o.civil()) }

// Weekday returns the day of the week of the date.
func (d Date) Weekday() time.Weekday { return d.civil().Weekday() }
