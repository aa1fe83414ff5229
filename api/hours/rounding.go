package hours

import (
	"fmt"
	"slices"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/pay"
)

// centiHour is the unit of hour figures: 0.01 h.
const centiHour = 36 * time.Second

// centiHours rounds a non-negative duration to the nearest 0.01 h, halves up.
func centiHours(d time.Duration) Centi { return Centi((d + centiHour/2) / centiHour) }

// roundHours sets the hour figures of one agent's shifts, out[i] being
// shifts[i]'s. The paid time of a shift splits into parts, one per set of
// categories its minutes fall in (regular time is the part in none, a
// Sunday night shift has a "night and Sunday" part, and so on), which do
// not overlap. The parts of all the shifts, a table of shifts × sets, are
// rounded to hundredths of an hour together (controlled rounding: M.
// Bacharach, "Matrix rounding problems", Management Science 12(9), 1966;
// L. H. Cox and L. R. Ernst, "Controlled rounding", INFOR 20(4), 1982) so
// that each rounded part, each shift's paid hours (the sum of its parts),
// its non-regular hours, each set's total and the total of the
// non-regular sets are the floor or the ceiling of their exact values, and
// the paid hours total the exact total rounded. Every hour figure is then
// a sum of rounded parts: regular hours the part in no category,
// non-regular hours the others, a category's hours the parts whose set
// holds it. So regular plus non-regular hours is paid hours in every row
// and in every total, no category exceeds the non-regular hours, and a
// category's figure is within 0.01 h of the exact one for each part it
// sums (one for a night on a weekday, two for a night from Saturday into
// Sunday).
//
// In units of 0.01 h each part is its floor plus 0 or 1; the ones are an
// integral flow, with lower bounds, from a source through the sets'
// columns (those of the categories behind a node of their own total) to
// the shifts (through a node of their non-regular time for those) and on
// to a sink. With its value free between the floor and the ceiling of the
// exact paid total, the exact fractions are a feasible flow; the
// constraint matrix is a network matrix, totally unimodular, so the
// feasible flows of each whole value in that range, the rounded paid total
// among them, include an integral one, which a maximum flow finds.
func roundHours(shifts []pay.ShiftPay, out []Figures) {
	n := len(shifts)
	if n == 0 {
		return
	}
	var sets []pay.Set
	parts := make([]map[pay.Set]time.Duration, n)
	for i, s := range shifts {
		parts[i] = map[pay.Set]time.Duration{}
		for _, g := range s.Segments {
			if _, ok := parts[i][g.Categories]; !ok && !slices.Contains(sets, g.Categories) {
				sets = append(sets, g.Categories)
			}
			parts[i][g.Categories] += g.Duration()
		}
	}
	slices.Sort(sets)
	k := len(sets)

	// Nodes: source, sink, the bounded network's own source and sink, the
	// non-regular total, the sets' columns, the shifts, the shifts'
	// non-regular time.
	const source, sink, nonRegular = 0, 1, 4
	col := func(j int) int { return 5 + j }
	row := func(i int) int { return 5 + k + i }
	rowNon := func(i int) int { return 5 + k + n + i }
	g := newBounded(5 + k + 2*n)

	floor := make([][]int, n) // floor[i][j]: shift i's part in sets[j], whole hundredths
	unit := make([][]int, n)  // unit[i][j]: the edge that may add 0.01 h to it, or −1
	var paidTotal time.Duration
	var floors int // Σ floor
	colTotal := make([]time.Duration, k)
	colFloors := make([]int, k)
	for i := range shifts {
		floor[i] = make([]int, k)
		unit[i] = slices.Repeat([]int{-1}, k)
		var p, non time.Duration
		var rowFloors, nonFloors int
		for j, set := range sets {
			d := parts[i][set]
			floor[i][j] = int(d / centiHour)
			rowFloors += floor[i][j]
			colTotal[j] += d
			colFloors[j] += floor[i][j]
			p += d
			if set != 0 {
				non += d
				nonFloors += floor[i][j]
			}
		}
		paidTotal += p
		floors += rowFloors
		lo := int(p/centiHour) - rowFloors
		g.edge(row(i), sink, lo, lo+ceilUnit(p))
		lo = int(non/centiHour) - nonFloors
		g.edge(rowNon(i), row(i), lo, lo+ceilUnit(non))
	}
	var nonTotal time.Duration
	var nonFloors int
	for j, set := range sets {
		lo := int(colTotal[j]/centiHour) - colFloors[j]
		from := source
		if set != 0 {
			from = nonRegular
			nonTotal += colTotal[j]
			nonFloors += colFloors[j]
		}
		g.edge(from, col(j), lo, lo+ceilUnit(colTotal[j]))
		// Shifts with the larger remainders first: the search takes
		// the first edges it meets.
		order := make([]int, 0, n)
		for i := range shifts {
			if parts[i][set]%centiHour != 0 {
				order = append(order, i)
			}
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return int(parts[b][set]%centiHour - parts[a][set]%centiHour)
		})
		for _, i := range order {
			to := row(i)
			if set != 0 {
				to = rowNon(i)
			}
			unit[i][j] = g.edge(col(j), to, 0, 1)
		}
	}
	lo := int(nonTotal/centiHour) - nonFloors
	g.edge(source, nonRegular, lo, lo+ceilUnit(nonTotal))
	ups := int(centiHours(paidTotal)) - floors
	g.edge(sink, source, ups, ups)
	if !g.feasible() {
		panic(fmt.Sprintf("hours: no rounding of %d shifts × %d category sets", n, k))
	}

	for i := range shifts {
		f := &out[i]
		byCategory := [pay.NumCategories]*Centi{&f.NightHours, &f.SaturdayHours, &f.SundayHours, &f.HolidayHours, &f.OvertimeHours}
		*f = Figures{}
		for j, set := range sets {
			r := Centi(floor[i][j])
			if e := unit[i][j]; e >= 0 {
				r += Centi(g.extra(e))
			}
			f.PaidHours += r
			if set == 0 {
				f.RegularHours += r
				continue
			}
			f.NonRegularHours += r
			for c := range pay.NumCategories {
				if set.Has(pay.Category(c)) {
					*byCategory[c] += r
				}
			}
		}
	}
}

// ceilUnit is 1 when d is not a whole number of hundredths of an hour.
func ceilUnit(d time.Duration) int {
	if d%centiHour != 0 {
		return 1
	}
	return 0
}

// bounded is a flow network whose edges have lower and upper capacities,
// solved for a feasible flow by the textbook reduction to a maximum flow
// (R. K. Ahuja, T. L. Magnanti and J. B. Orlin, Network Flows, 1993,
// §6.7): each lower bound l of an edge u→v is sent at once, leaving v a
// supply and u a demand of l, which a maximum flow from a new source to a
// new sink must then meet.
type bounded struct {
	head   [][]int // edges out of each node, in the order added
	to     []int   // edge e's head; e^1 is its reverse
	cap    []int   // residual capacity
	excess []int   // lower bounds received less lower bounds sent
}

// The bounded network's own source and sink are nodes 2 and 3.
const superSource, superSink = 2, 3

func newBounded(nodes int) *bounded {
	return &bounded{head: make([][]int, nodes), excess: make([]int, nodes)}
}

// edge adds u→v carrying at least lo and at most hi and returns its
// index, for extra.
func (g *bounded) edge(u, v, lo, hi int) int {
	g.excess[v] += lo
	g.excess[u] -= lo
	return g.arc(u, v, hi-lo)
}

func (g *bounded) arc(u, v, c int) int {
	e := len(g.to)
	g.to = append(g.to, v, u)
	g.cap = append(g.cap, c, 0)
	g.head[u] = append(g.head[u], e)
	g.head[v] = append(g.head[v], e+1)
	return e
}

// extra is the flow on edge e above its lower bound.
func (g *bounded) extra(e int) int { return g.cap[e^1] }

// feasible finds a flow within every edge's bounds, reporting whether
// there is one.
func (g *bounded) feasible() bool {
	need := 0
	for v, x := range g.excess {
		switch {
		case x > 0:
			g.arc(superSource, v, x)
			need += x
		case x < 0:
			g.arc(v, superSink, -x)
		}
	}
	// Augmenting paths by breadth-first search (Edmonds–Karp), one unit
	// of flow or more each.
	got := 0
	prev := make([]int, len(g.head))
	for {
		for i := range prev {
			prev[i] = -1
		}
		prev[superSource] = -2
		queue := []int{superSource}
		for len(queue) > 0 && prev[superSink] == -1 {
			u := queue[0]
			queue = queue[1:]
			for _, e := range g.head[u] {
				if v := g.to[e]; g.cap[e] > 0 && prev[v] == -1 {
					prev[v] = e
					queue = append(queue, v)
				}
			}
		}
		if prev[superSink] == -1 {
			return got == need
		}
		push := need
		for v := superSink; v != superSource; v = g.to[prev[v]^1] {
			push = min(push, g.cap[prev[v]])
		}
		for v := superSink; v != superSource; v = g.to[prev[v]^1] {
			g.cap[prev[v]] -= push
			g.cap[prev[v]^1] += push
		}
		got += push
	}
}
