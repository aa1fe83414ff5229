package solver

// Coverage prices the staffing a roster delivers against demand. The search
// keeps one CoverTracker per thread and tells it about every shift added to
// or removed from the roster, so the cost of a move is the sum of the deltas
// the tracker returns.
//
// DayCover is the benchmark's implementation (per day and shift type); a
// contact-centre implementation counts the intervals a shift covers per
// skill of the employee and prices them with a marginal-value curve.
type Coverage interface {
	// NewTracker returns a tracker for a roster in which nobody works.
	NewTracker() CoverTracker
}

// CoverTracker follows the assignments of one roster.
type CoverTracker interface {
	// Add records that employee e works shift s on day d and returns the
	// change in cost. Remove undoes Add. Add followed by Remove with the
	// same arguments must leave the cost unchanged.
	Add(e, d, s int) int64
	Remove(e, d, s int) int64
	// Cost is the current total cost.
	Cost() int64
	// Components splits Cost by name (for example "cover-under").
	Components() map[string]int64
}

// CoverPricer is implemented by trackers that can price a shift without
// recording it, more cheaply than Add followed by Remove.
type CoverPricer interface {
	// Price returns what Add(e, d, s) would return and leaves the tracker
	// as it was, also where the cell (e, d) holds a shift: the row
	// programme prices the values of cells whose shift cannot leave, and
	// Add followed by Remove forgets, in a tracker that keeps where each
	// cell's shift is counted, where that shift was counted.
	Price(e, d, s int) int64
}

// CoverBounder is implemented by coverage that can state a lower bound on
// its cost for any roster of p (for example demand no available employee
// can meet).
type CoverBounder interface {
	LowerBound(p *Problem) int64
}

// DayCover asks for Req[d][s] employees on shift s on day d. With n
// assigned the cost is Under[d][s]·max(0, Req−n) + Over[d][s]·max(0, n−Req),
// the cover term of Curtois and Qu (2014).
type DayCover struct {
	Req, Under, Over [][]int64
}

// NewTracker implements Coverage.
func (c *DayCover) NewTracker() CoverTracker {
	days := len(c.Req)
	S := 0
	if days > 0 {
		S = len(c.Req[0])
	}
	t := &dayTracker{c: c, S: S, n: make([]int64, days*S), at: make([]coverCell, days*S)}
	for d := range c.Req {
		for s := range c.Req[d] {
			t.at[d*S+s] = coverCell{c.Req[d][s], c.Under[d][s], c.Over[d][s]}
			t.cost += c.Under[d][s] * c.Req[d][s]
		}
	}
	return t
}

// LowerBound implements CoverBounder: on each day, demand for a shift that
// fewer employees can work than requested is unavoidably under-covered.
func (c *DayCover) LowerBound(p *Problem) int64 {
	m := compile(p)
	var lb int64
	for d := range c.Req {
		for s := range c.Req[d] {
			avail := int64(0)
			for e := range p.Employees {
				if m.allowed(e, d, s) {
					avail++
				}
			}
			if short := c.Req[d][s] - avail; short > 0 {
				lb += short * c.Under[d][s]
			}
		}
	}
	return lb
}

type dayTracker struct {
	c    *DayCover
	S    int
	n    []int64
	at   []coverCell // at[d*S+s]: the cover's figures of day d, shift s, in one place
	cost int64
}

type coverCell struct{ req, under, over int64 }

func (t *dayTracker) Add(_, d, s int) int64 {
	i := d*t.S + s
	n, c := t.n[i], &t.at[i]
	delta := c.over
	if n < c.req {
		delta = -c.under
	}
	t.n[i] = n + 1
	t.cost += delta
	return delta
}

// Price implements CoverPricer.
func (t *dayTracker) Price(_, d, s int) int64 {
	i := d*t.S + s
	c := &t.at[i]
	if t.n[i] < c.req {
		return -c.under
	}
	return c.over
}

func (t *dayTracker) Remove(_, d, s int) int64 {
	i := d*t.S + s
	n, c := t.n[i], &t.at[i]
	delta := -c.over
	if n <= c.req {
		delta = c.under
	}
	t.n[i] = n - 1
	t.cost += delta
	return delta
}

func (t *dayTracker) Cost() int64 { return t.cost }

func (t *dayTracker) Components() map[string]int64 {
	var under, over int64
	for d := range t.c.Req {
		for s := range t.c.Req[d] {
			n, r := t.n[d*t.S+s], t.c.Req[d][s]
			if n < r {
				under += (r - n) * t.c.Under[d][s]
			} else {
				over += (n - r) * t.c.Over[d][s]
			}
		}
	}
	return map[string]int64{"cover-under": under, "cover-over": over}
}

// SeparableCover is implemented by coverage whose cost is a sum over
// (day, shift) of a convex function of the number of employees working
// that shift that day, like DayCover. The search then re-assigns a whole
// day across all employees exactly, as a min-cost flow (dayflow.go).
type SeparableCover interface {
	// Step is the change in cost when the employees on shift s on day d
	// go from n to n+1. It must not decrease in n (convexity).
	Step(d, s, n int) int64
}

// Step implements SeparableCover.
func (c *DayCover) Step(d, s, n int) int64 {
	price := func(n int64) int64 {
		r := c.Req[d][s]
		if n < r {
			return (r - n) * c.Under[d][s]
		}
		return (n - r) * c.Over[d][s]
	}
	return price(int64(n)+1) - price(int64(n))
}
