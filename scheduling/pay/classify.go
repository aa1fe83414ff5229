package pay

import "time"

// Segment is a stretch [Start, End) of paid time on one local date within
// which every instant falls in the same categories. Overtime is never set by
// Classify; Summarize decides it.
type Segment struct {
	Start, End time.Time // instants
	Date       Date      // local date of every instant in the segment
	Categories Set
}

// Duration is the real elapsed time of the segment.
func (g Segment) Duration() time.Duration { return g.End.Sub(g.Start) }

// Segments is a shift's paid time in chronological order.
type Segments []Segment

// Hours tallies the segments by category.
func (gs Segments) Hours() Hours {
	var h Hours
	for _, g := range gs {
		h.add(g.Categories, g.Duration())
	}
	return h
}

// Hours is paid time by category. Categories overlap (a Sunday night hour
// counts in Night and in Sunday), so they do not sum to Paid; Regular plus
// the time in at least one category does.
type Hours struct {
	// Paid is all paid time: the shift minus its unpaid breaks, in real
	// elapsed time (a 22:00–06:00 shift without breaks is 7 h on the
	// spring-forward night and 9 h on the fall-back night).
	Paid time.Duration
	// Regular is paid time in no category: a weekday, non-holiday,
	// non-night, non-overtime minute.
	Regular time.Duration
	// Category is paid time in each category, indexed by Category.
	Category [NumCategories]time.Duration
}

func (h *Hours) add(s Set, d time.Duration) {
	h.Paid += d
	if s == 0 {
		h.Regular += d
	}
	for c := range NumCategories {
		if s.Has(Category(c)) {
			h.Category[c] += d
		}
	}
}

func (h *Hours) addHours(o Hours) {
	h.Paid += o.Paid
	h.Regular += o.Regular
	for c := range NumCategories {
		h.Category[c] += o.Category[c]
	}
}

// Classify splits the paid time of one shift into segments of constant
// category in the site's zone loc: each instant is Night when its local
// wall-clock time lies in rules' night window, and Saturday, Sunday or
// Holiday by its local date (hol may be nil: no holidays). A shift from
// 20:00 on 24 Dec to 04:00 on 25 Dec is thus split at local midnight.
//
// Durations are real elapsed time. The shift is cut at every instant where
// a category can change — local midnight, the night window's edges, the
// zone's offset transitions (time.Time.ZoneBounds) — and between two cuts
// the wall clock advances with real time, so the split is exact to the
// nanosecond, not only to the minute; it needs a handful of zone lookups
// per shift instead of one per minute.
func Classify(shift Shift, rules Rules, loc *time.Location, hol Holidays) (Segments, error) {
	var e ValidationError
	rules.validate(&e, "rules")
	shift.validate(&e, "shift")
	if loc == nil {
		e.add("loc", "missing time zone")
	}
	if err := e.err(); err != nil {
		return nil, err
	}
	c := classifier{rules: rules, loc: loc, hol: hol}
	return c.classify(shift, nil), nil
}

// classifier holds what Classify needs across the segments of one or more
// shifts, including the last holiday lookup.
type classifier struct {
	rules   Rules
	loc     *time.Location
	hol     Holidays
	lastDay Date
	lastHol bool
	// lastFrom is when the holiday of lastDay begins (0: all day).
	lastFrom time.Duration
	known    bool
}

// classify appends the segments of s to out.
func (c *classifier) classify(s Shift, out Segments) Segments {
	for _, iv := range s.paidIntervals() {
		for t, end := iv[0], iv[1]; t.Before(end); {
			lt := t.In(c.loc)
			h, m, sec := lt.Clock()
			wall := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
				time.Duration(sec)*time.Second + time.Duration(lt.Nanosecond())
			next := t.Add(c.rules.nextClockBoundary(wall) - wall)
			if _, zoneEnd := lt.ZoneBounds(); !zoneEnd.IsZero() && zoneEnd.After(t) && zoneEnd.Before(next) {
				next = zoneEnd
			}
			if next.After(end) {
				next = end
			}
			d := DateOf(lt)
			var set Set
			if c.rules.night(wall) {
				set = set.With(Night)
			}
			switch d.Weekday() {
			case time.Saturday:
				set = set.With(Saturday)
			case time.Sunday:
				set = set.With(Sunday)
			}
			if hol, from := c.holiday(d); hol && wall >= from {
				set = set.With(Holiday)
			} else if hol && t.Add(from-wall).Before(next) {
				// A holiday beginning during the day begins a segment.
				next = t.Add(from - wall)
			}
			if n := len(out); n > 0 && out[n-1].End.Equal(t) && out[n-1].Date == d && out[n-1].Categories == set {
				out[n-1].End = next
			} else {
				out = append(out, Segment{Start: t, End: next, Date: d, Categories: set})
			}
			t = next
		}
	}
	return out
}

// holiday tells whether d is a holiday, and the wall-clock time it
// begins (0: all day).
func (c *classifier) holiday(d Date) (bool, time.Duration) {
	if c.hol == nil {
		return false, 0
	}
	if !c.known || d != c.lastDay {
		_, c.lastHol = c.hol.On(d.Year, d.Month, d.Day)
		c.lastFrom = 0
		if c.lastHol {
			c.lastFrom = holidayFrom(c.hol, d)
		}
		c.lastDay, c.known = d, true
	}
	return c.lastHol, c.lastFrom
}
