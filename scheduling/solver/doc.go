// Package solver builds rosters: it assigns each employee, on each day of a
// horizon, one shift or a day off, so that hard labour rules hold and a
// weighted sum of soft penalties (coverage, preferences, disruption) is as
// small as possible.
//
// The model is the shift-scheduling problem of Curtois and Qu (T. Curtois,
// R. Qu, Computational results on new staff scheduling benchmark instances,
// University of Nottingham, 2014), generalised in two places so that
// contact-centre rostering can build on it: coverage is priced behind the
// Coverage interface (per day and shift type for the benchmark, per interval
// and skill for a contact centre), and extra rules on one employee's row plug
// in through RowRule.
//
// Solve constructs a roster greedily and improves it by simulated annealing
// (Kirkpatrick, Gelatt, Vecchi, Science 220, 1983) over five neighbourhoods:
// change one assignment, swap two employees on one day, swap a block of days
// between two employees, move a shift to another day, and set a block of days
// in one row. Every move is scored incrementally: only the touched cells, the
// work and rest stretches around them and the employee's counters are
// re-evaluated. Hard rules are penalised with a large weight during the
// search; the best roster without hard violations is returned.
package solver
