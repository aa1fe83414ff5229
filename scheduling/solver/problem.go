package solver

import (
	"errors"
	"fmt"
)

// Off is the value of a roster cell on which the employee does not work.
const Off = -1

// Problem is a rostering instance: who may work which shift on which day,
// the rules each employee's row must satisfy and the costs to minimise.
// Indexes are 0-based: employees index Employees, shifts index Shifts, days
// run from 0 to Days-1.
type Problem struct {
	// Days is the horizon length in days.
	Days int
	// Shifts are the shift types an employee can work on a day.
	Shifts []Shift
	// Employees are the rows of the roster.
	Employees []Employee
	// Forbidden[a][b] is true when shift b may not be worked on the day
	// after shift a (a night followed by an early). Nil means none.
	Forbidden [][]bool
	// ForbiddenOn, when set, is consulted in addition to Forbidden: it
	// reports whether shift b on day d+1 may not follow shift a on day d.
	// Rest rules in elapsed time (which differ on DST days) use it.
	ForbiddenOn func(d, a, b int) bool
	// Weekends lists the day ranges [first, last] that count as one
	// weekend each for Employee.MaxWeekends. See SaturdaySundayWeekends.
	Weekends [][2]int
	// Requests are soft preferences for or against shifts on given days.
	Requests []Request
	// Pinned cells are fixed: the search never changes them.
	Pinned []Pin
	// Reference, when not nil, is a previous roster (Reference[e][d] is a
	// shift index or Off); every cell that differs from it costs
	// DisruptionWeight. Used to re-solve a published roster gently.
	Reference        [][]int
	DisruptionWeight int64
	// Coverage prices the staffing the roster delivers. Nil means none.
	Coverage Coverage
	// Rules are extra per-employee rules evaluated on a whole row.
	Rules []RowRule
}

// Shift is a shift type.
type Shift struct {
	// ID names the shift in input and output.
	ID string
	// Minutes is the paid length, counted against the employee's totals.
	Minutes int
	// Start is the start offset from the day's midnight, in minutes, and
	// Length the length in minutes, both by the wall clock: on a day the
	// clocks change a shift lasts an hour more or less, which coverage
	// and rules built on top (ForbiddenOn, Rules) must take from the
	// day's real instants. The solver itself does not use them.
	Start, Length int
}

// NoLimit marks an unbounded maximum.
const NoLimit = -1

// Employee holds the hard rules of one row. A zero minimum means none; a
// negative maximum (NoLimit) means none, while a zero maximum means zero.
type Employee struct {
	ID string
	// MaxShifts[s] is the most shifts of type s the employee may work;
	// nil means no limit, NoLimit an unbounded entry, 0 never.
	MaxShifts []int
	// MinMinutes and MaxMinutes bound the total paid minutes.
	MinMinutes, MaxMinutes int
	// MinConsecutive and MaxConsecutive bound a stretch of working days;
	// MinConsecutiveOff bounds a stretch of days off. A stretch that ends on
	// the last day of the horizon is exempt from the minimums (the horizon
	// cuts it short), and so is one that starts on day 0 unless History
	// says what came before. Days after the horizon are off.
	MinConsecutive, MaxConsecutive, MinConsecutiveOff int
	// MaxWeekends bounds the number of Problem.Weekends with any work.
	MaxWeekends int
	// DaysOff are days on which the employee may not work.
	DaysOff []int
	// Unavailable, when set, reports that the employee may not work shift
	// s on day d (skills, contracts, absences).
	Unavailable func(d, s int) bool
	// History is what the employee worked right before day 0.
	History History
}

// History is the carry-in from before the horizon. The zero value means
// unknown: the day before day 0 counts as off for successions and maximums
// and a stretch starting on day 0 is exempt from minimums.
type History struct {
	// WorkedDays is the number of consecutive days worked right before day
	// 0, OffDays the number of consecutive days off (at most one of them is
	// positive).
	WorkedDays, OffDays int
	// LastShift is the shift worked on day -1, or Off. Only read when
	// WorkedDays > 0.
	LastShift int
}

// Request is a soft preference: with On, the employee wants shift Shift
// on Day (any shift if Shift is Off) and Weight is due if it is not
// assigned; without On, Weight is due if it is assigned (any shift if
// Shift is Off, i.e. a day-off request).
type Request struct {
	Employee, Day, Shift int
	On                   bool
	Weight               int64
}

// Pin fixes one cell of the roster to Shift (or Off).
type Pin struct {
	Employee, Day, Shift int
}

// RowRule is an extra rule on one employee's whole row, e.g. weekly rest
// in elapsed time, a maximum of nights or fairness. Evaluate returns hard
// violation units and a soft penalty for row (row[d] is a shift index or
// Off). It is called after every move that touches employee e, so it
// should be fast; it must be safe for concurrent use.
type RowRule interface {
	Name() string
	Evaluate(e int, row []int) (hard int, soft int64)
}

// Errors returned by Solve.
var (
	// ErrInvalid wraps a problem that is malformed.
	ErrInvalid = errors.New("solver: invalid problem")
	// ErrInfeasible is returned, with the best roster found, when no
	// roster without hard violations was found.
	ErrInfeasible = errors.New("solver: hard rules violated")
)

// SaturdaySundayWeekends returns the weekends of a horizon of days whose
// day 0 falls on weekday first (0 = Sunday … 6 = Saturday, as
// time.Weekday). A weekend cut by the horizon keeps the day inside it.
func SaturdaySundayWeekends(days, first int) [][2]int {
	var w [][2]int
	for d := 0; d < days; d++ {
		wd := (first + d) % 7
		switch {
		case wd == 6:
			end := d + 1
			if end >= days {
				end = d
			}
			w = append(w, [2]int{d, end})
		case wd == 0 && d == 0:
			w = append(w, [2]int{0, 0})
		}
	}
	return w
}

// MaxCells is the most employee × day × value (each shift and off) a
// Problem may have: the solver keeps a cost for each, and more than that
// needs gigabytes before the search starts.
const MaxCells = 100_000_000

// Validate reports the first malformed field.
func (p *Problem) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, a...))
	}
	S := len(p.Shifts)
	if p.Days <= 0 {
		return bad("Days = %d, want > 0", p.Days)
	}
	if len(p.Employees) == 0 {
		return bad("no Employees")
	}
	if cells := len(p.Employees) * p.Days * (S + 1); cells > MaxCells || cells/p.Days/(S+1) != len(p.Employees) {
		return bad("%d Employees × %d Days × %d values a cell (the shifts and off) are more than %d", len(p.Employees), p.Days, S+1, MaxCells)
	}
	for s, sh := range p.Shifts {
		if sh.Minutes < 0 {
			return bad("Shifts[%d] (%s): Minutes = %d < 0", s, sh.ID, sh.Minutes)
		}
	}
	if p.Forbidden != nil && len(p.Forbidden) != S {
		return bad("Forbidden has %d rows, want %d", len(p.Forbidden), S)
	}
	for a, row := range p.Forbidden {
		if len(row) != S {
			return bad("Forbidden[%d] has %d entries, want %d", a, len(row), S)
		}
	}
	for i, w := range p.Weekends {
		if w[0] < 0 || w[1] < w[0] || w[1] >= p.Days {
			return bad("Weekends[%d] = %v outside the horizon", i, w)
		}
	}
	for e, em := range p.Employees {
		if em.MaxShifts != nil && len(em.MaxShifts) != S {
			return bad("Employees[%d] (%s): MaxShifts has %d entries, want %d", e, em.ID, len(em.MaxShifts), S)
		}
		for _, d := range em.DaysOff {
			if d < 0 || d >= p.Days {
				return bad("Employees[%d] (%s): day off %d outside the horizon", e, em.ID, d)
			}
		}
		h := em.History
		if h.WorkedDays < 0 || h.OffDays < 0 || (h.WorkedDays > 0 && h.OffDays > 0) {
			return bad("Employees[%d] (%s): History has %d worked and %d off days", e, em.ID, h.WorkedDays, h.OffDays)
		}
		if h.WorkedDays > 0 && (h.LastShift < Off || h.LastShift >= S) {
			return bad("Employees[%d] (%s): History.LastShift = %d", e, em.ID, h.LastShift)
		}
	}
	cell := func(what string, i, e, d, s int) error {
		if e < 0 || e >= len(p.Employees) {
			return bad("%s[%d]: employee %d out of range", what, i, e)
		}
		if d < 0 || d >= p.Days {
			return bad("%s[%d]: day %d out of range", what, i, d)
		}
		if s < Off || s >= S {
			return bad("%s[%d]: shift %d out of range", what, i, s)
		}
		return nil
	}
	for i, r := range p.Requests {
		if err := cell("Requests", i, r.Employee, r.Day, r.Shift); err != nil {
			return err
		}
		if r.Weight < 0 {
			return bad("Requests[%d]: Weight = %d < 0", i, r.Weight)
		}
	}
	for i, pin := range p.Pinned {
		if err := cell("Pinned", i, pin.Employee, pin.Day, pin.Shift); err != nil {
			return err
		}
	}
	if p.Reference != nil {
		if len(p.Reference) != len(p.Employees) {
			return bad("Reference has %d rows, want %d", len(p.Reference), len(p.Employees))
		}
		for e, row := range p.Reference {
			if len(row) != p.Days {
				return bad("Reference[%d] has %d days, want %d", e, len(row), p.Days)
			}
			for d, s := range row {
				if s < Off || s >= S {
					return bad("Reference[%d][%d] = %d out of range", e, d, s)
				}
			}
		}
	}
	return nil
}
