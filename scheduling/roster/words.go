package roster

import "time"

// The arguments of a rule violation's message are values of these types
// (Violation.Source), so that the message can be said in another
// language: each prints itself in English, and a caller that speaks
// another language tells them apart by type. Times are in the site's
// zone.

// Day is a local date, printed "24 Dec".
type Day time.Time

func (d Day) String() string { return time.Time(d).Format("2 Jan") }

// Clock is a local wall-clock time, printed "22:00".
type Clock time.Time

func (c Clock) String() string { return time.Time(c).Format("15:04") }

// ShiftAt names a shift by its local start, printed "22:00 shift on 24 Dec".
type ShiftAt time.Time

func (s ShiftAt) String() string { return Clock(s).String() + " shift on " + Day(s).String() }

// Hours is a length of time, printed in hours: "9h", "7.5h".
type Hours time.Duration

func (h Hours) String() string { return hours(time.Duration(h)) }

// TimeOffKind is the kind of an absence: vacation, sick, training or other.
type TimeOffKind string

func (k TimeOffKind) String() string { return string(k) }

// BreakName is a break rule's name, printed "break" when it has none.
type BreakName string

func (b BreakName) String() string { return nameOr(string(b), "break") }

// onDay, clockAt and shiftAt are t's local date, wall-clock time and the shift
// starting at t, as message arguments.
func (c *calendar) onDay(t time.Time) Day       { return Day(t.In(c.loc)) }
func (c *calendar) clockAt(t time.Time) Clock   { return Clock(t.In(c.loc)) }
func (c *calendar) shiftAt(t time.Time) ShiftAt { return ShiftAt(t.In(c.loc)) }
