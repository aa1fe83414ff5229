package solver

import "time"

// Settings tune Solve. The zero value means defaults.
type Settings struct {
	// TimeLimit bounds the search's wall-clock time. Zero means 10 s when
	// MaxIterations is zero too, otherwise no time limit.
	TimeLimit time.Duration
	// Seed seeds the random sources; thread i uses a seed derived from
	// Seed and i.
	Seed uint64
	// Threads is the number of independent searches run in parallel
	// (default 2). They exchange their best roster at the end of every
	// annealing cycle.
	Threads int
	// MaxIterations, if positive, bounds the iterations of each thread.
	// With MaxIterations and no TimeLimit the result depends only on Seed,
	// Threads and MaxIterations; with a TimeLimit it also depends on how
	// far the search got in the time, i.e. on the machine and its load.
	MaxIterations int64
	// HardWeight is the weight of one hard-violation unit in the annealing
	// objective (default 1000). The returned best roster is chosen with
	// fewer hard violations first whatever the weight.
	HardWeight int64
	// Progress, if set, is called from Solve's goroutine after the
	// construction, after every annealing cycle and, while the search
	// waits for branch and price, whenever that hands over a better roster
	// or raises the bound.
	Progress func(Progress)
}

// Progress reports the state of a running search.
type Progress struct {
	// BestScore is the soft score of the best roster so far and BestHard
	// its hard-violation units.
	BestScore int64
	BestHard  int64
	// LowerBound is the best lower bound on the soft score known so far:
	// the cheap one from the start, then the Lagrangian's and column
	// generation's as each is taken, and branch and price's as its tree
	// raises it. It never falls.
	LowerBound int64
	Elapsed    time.Duration
	// Iterations done so far by all threads.
	Iterations int64
}

func (s Settings) withDefaults() Settings {
	if s.Threads <= 0 {
		s.Threads = 2
	}
	if s.TimeLimit <= 0 && s.MaxIterations <= 0 {
		s.TimeLimit = 10 * time.Second
	}
	if s.HardWeight <= 0 {
		s.HardWeight = 1000
	}
	return s
}
