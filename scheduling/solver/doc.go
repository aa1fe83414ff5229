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
// Solve constructs a roster greedily (cell by cell, then row by row with the
// dynamic programme below) and improves it by simulated annealing
// (Kirkpatrick, Gelatt, Vecchi, Science 220, 1983) over these
// neighbourhoods: change one assignment, swap two employees on one day
// (half of these swaps aimed at a shift-on request the employee does not
// have, with a colleague who works that shift that day), swap
// a block of days between two employees, move a shift to another day, set a
// block of days in one row, re-optimise a window of one row exactly by
// dynamic programming (the pricing problem of column generation), ruin
// and recreate the same window of two to five rows, and — when coverage is
// separable per day and shift (SeparableCover) — re-assign one whole day
// across all employees exactly, as a min-cost flow solved by cancelling
// negative cycles from the day as it is (the column counterpart
// of the row programme, which finds exchange chains across many
// employees); the two make an ejection chain, in which an employee off on
// a day short of cover re-optimises a window holding it with the cover
// its present shifts give counted at half, and every day it gives a shift
// up is re-assigned across all employees, where one with room may take
// it. The row programme remembers yesterday's shift only by its
// succession class (shifts with the same successor rules) and lumps totals
// past an employee's maximum into one state, so its windows stay long
// with many shift types; their length adapts to the share of the state
// space actually reached. When the weekend limits leave too few weekend
// days for the cover, the search also completes half-worked weekends
// (handing the missing day over from a partner who works only that day,
// or giving up a weekday that the day re-assignment may hand to another)
// and steers by a small penalty per half-worked weekend that is never part
// of the reported score (shape.go). Where the capacity bound proves a
// shift type short (more of it is wanted than the employees may work in
// all), the threads weigh all under-cover three times, so that the hot
// first cycle settles the cover before requests are traded against it,
// and that type's at nine tenths of that, so that they leave that type
// short rather than another; rosters are compared by their true score
// (bound.go, shaped). Near the end of every annealing cycle on horizons up
// to a few months, a descent by cyclic exchanges (Ahuja, Orlin and Sharma,
// Mathematical Programming 91, 2001; exchange.go) hands shifts round
// among up to five employees, each taking a shift of a day it is off and
// giving one of its own to the next: every day keeps its shifts, so the
// cover stays as it is, and where contracts hold employees near their
// maximum minutes it meets requests that no swap of two employees meets.
// On longer horizons, where the row programmes of the moves take a week at
// most, each cycle after the first ends instead with every row
// re-optimised in windows of eight weeks (search.go, wideSweep).
// Every plain move is
// scored incrementally: only the touched cells, the work and rest stretches
// around them and the employee's counters are re-evaluated.
//
// Hard rules are penalised during the search with a weight that rises
// within each annealing cycle (so the search can cross infeasible regions
// early and must end feasible); the roster with the fewest hard violations,
// then the smallest soft score, is returned. Late in a cycle, and in the
// repair when the best roster still breaks rules, broken rows are
// re-optimised whole by the row programme in band mode: minutes and
// weekends worked so far may stray from the current row's only by a small
// band on any day, which keeps the programme small over a year and the
// rest of the row on its cover, yet lets a shift move anywhere in the
// row. A row the band cannot mend is rebuilt by a Lagrangian relaxation of
// its totals over the whole horizon. The search then polishes the result
// with a fixed hard weight.
//
// Threads run independent searches with different seeds and adopt the best
// roster at the end of every cycle. Between cycles, the rows the
// Lagrangian bound priced and the threads' best rows, all keeping every
// hard rule, are recombined by annealing over the choice of one row per
// employee (pool.go): the restricted master problem of column generation.
// With two threads or more, once the
// Lagrangian bound (lagrange.go) is known, the last thread restarts from
// the rows it priced at its best multipliers — each employee's best row
// under prices that say what the cover needs — and keeps its own roster
// while its cycles improve it; from there the search reaches better
// rosters on the medium Curtois and Qu instances than from the greedy
// construction. When cycles stop finding better rosters, the last thread
// likewise starts again from a new greedy construction with a hot first
// cycle: on small instances the first cycle decides the basin the later,
// cooler cycles stay in. Where too little time is left for that (long
// cycles, late in the run), it starts its next cycle from the best roster
// at a higher temperature instead.
//
// Beside the search runs an exact method where the master problem is
// small enough (colgen.go, branch.go): column generation solves the
// linear programme over whole rows (one per employee), solved by a revised
// simplex (simplex.go) and priced by the same row programme as the
// Lagrangian bound, at the root at duals smoothed towards the best so far,
// starting from the Lagrangian bound's multipliers; the programme takes the minutes
// and the tightest maximum per shift type into its state where a measured
// round stays cheap enough, and switches to that tight state when the
// master's optimum leans on rows that break a rule. Its value is the
// reported lower bound, and its rows join the pool. The master's
// right-hand side is perturbed a little, which keeps its degenerate
// simplex from stepping without end. From a root solved by 40 % of the
// time limit, four dives fix
// whole rows of the master's optimum, heaviest first, solving it again
// after each, until it is a roster (two of them at smoothed duals); then branch and price searches
// best-first with dives, branching on one cell (fix its value or forbid
// it), pricing again at every node and cutting off against the searches'
// best roster. Cells are forbidden by their reduced-cost bound
// (fixing.go: the Lagrangian bound with the employee's row priced through
// the cell): for the whole tree every cell whose bound at the root's best
// duals reaches the best roster known, and below each node of a dive
// every cell whose bound at that node's duals does. Each roster they find
// better joins the searches at the end of their cycle, and when the tree
// is searched to the end the best roster is proved optimal and the search
// stops.
package solver
