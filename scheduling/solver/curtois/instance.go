// Package curtois reads the shift-scheduling benchmark instances of
// Curtois and Qu (T. Curtois, R. Qu, Computational results on new staff
// scheduling benchmark instances, University of Nottingham, 2014;
// schedulingbenchmarks.org), converts them to a solver.Problem, writes and
// reads solutions as CSV and checks a solution's objective independently
// of the solver.
package curtois

import "errors"

// ErrFormat wraps every parse error; the message names the line.
var ErrFormat = errors.New("curtois: bad instance file")

// Instance is one benchmark instance as written in its text file.
type Instance struct {
	// Horizon is the number of days; day 0 is a Monday.
	Horizon     int
	Shifts      []Shift
	Staff       []Staff
	DaysOff     []DaysOff
	OnRequests  []Request
	OffRequests []Request
	Cover       []Cover
}

// Shift is a line of SECTION_SHIFTS.
type Shift struct {
	ID      string
	Minutes int
	// CannotFollow lists the shifts that may not be worked the day after.
	CannotFollow []string
}

// Staff is a line of SECTION_STAFF.
type Staff struct {
	ID string
	// MaxShifts maps a shift ID to the most shifts of that type.
	MaxShifts                                  map[string]int
	MaxTotalMinutes, MinTotalMinutes           int
	MaxConsecutiveShifts, MinConsecutiveShifts int
	MinConsecutiveDaysOff, MaxWeekends         int
}

// DaysOff is a line of SECTION_DAYS_OFF.
type DaysOff struct {
	Employee string
	Days     []int
}

// Request is a line of SECTION_SHIFT_ON_REQUESTS or _OFF_REQUESTS.
type Request struct {
	Employee string
	Day      int
	Shift    string
	Weight   int
}

// Cover is a line of SECTION_COVER: Requirement employees wanted on Shift
// on Day, Under per missing and Over per surplus employee.
type Cover struct {
	Day                      int
	Shift                    string
	Requirement, Under, Over int
}

// BestKnown are the best known objective values of Instance1 … Instance24
// (index 0 is Instance1), from the benchmark's README
// (../shared/benchmarks/curtois/README.md, "UB (best)" column; sources
// wssuite/NurseScheduler benchmark/nrp.yml and schedulingbenchmarks.org).
var BestKnown = []int{607, 828, 1001, 1716, 1143, 1950, 1056, 1300, 439, 4631, 3443, 4040,
	1348, 1278, 3829, 3225, 5746, 4459, 3149, 4769, 21133, 30241, 17428, 42463}
