package solver

import "time"

// Status is the outcome of Solve.
type Status int

const (
	// Feasible: the roster breaks no hard rule.
	Feasible Status = iota
	// Optimal: feasible and its score equals the lower bound.
	Optimal
	// Infeasible: no roster without hard violations was found; the
	// returned roster is the one with the fewest.
	Infeasible
)

func (s Status) String() string {
	switch s {
	case Optimal:
		return "optimal"
	case Infeasible:
		return "infeasible"
	}
	return "feasible"
}

// Result is the best roster found.
type Result struct {
	Status Status
	// Roster[e][d] is the shift employee e works on day d, or Off.
	Roster [][]int
	Score  Score
	// LowerBound is a lower bound on the soft score of any feasible roster
	// (0 when none is known) and Gap = (Score.Soft − LowerBound) / Score.Soft
	// (0 when Score.Soft is 0).
	LowerBound int64
	Gap        float64
	Stats      Stats
}

// Score is a roster's cost broken down by rule.
type Score struct {
	// Hard is the total of hard-violation units; Violations says which
	// rule, where and by how much.
	Hard       int64
	Violations []Violation
	// Soft is the objective: the sum of Components.
	Soft       int64
	Components map[string]int64
}

// Violation is one broken hard rule.
type Violation struct {
	// Rule names the rule, e.g. "min-consecutive" or "succession".
	Rule string
	// Employee is the row; Day the first day concerned, or -1 when the rule
	// is about the whole row (totals).
	Employee, Day int
	// Amount is the size of the violation in the rule's unit (days,
	// shifts, weekends or units of the shortest shift's minutes).
	Amount int
}

// Stats describe the search effort.
type Stats struct {
	Iterations int64
	Accepted   int64
	Cycles     int
	Elapsed    time.Duration
	// BoundStart reports whether a thread restarted from the rows the
	// Lagrangian bound priced.
	BoundStart bool
	// FreshStarts counts the restarts of a thread from a new construction
	// after cycles without a better roster.
	FreshStarts int
	// Reheats counts the cycles a thread started from the best roster at
	// a higher temperature after a cycle without a better roster, when
	// too little time was left for a fresh start.
	Reheats int
	// Windows counts the window searches (re-deciding days for all
	// employees at once), WindowGains those that found a better roster.
	Windows, WindowGains int
}
