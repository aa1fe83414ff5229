package solver

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// shortNum/shortDen: the search's weight of under-cover, as a share of
// the cover's, on the shift types the capacity bound proves short (shaped).
// Measured with shiftplan solve at 60 s on Instance15, seeds 1–5: 4 061,
// 3 957, 4 360, 4 180, 4 252 against 4 261, 4 278, 4 488, 4 471, 4 374
// scoring as the cover does. At 99/100 (a step below the temperature):
// 4 148, 4 547, 4 259 (seeds 1–3); at 1/2: 4 059, 4 169, 3 947, but two
// of those rosters left one and two nights more short than the bound's
// 36, traded for requests worth less than 50.
//
// shortCover: where some type is short, the search weighs every shift's
// under-cover shortCover times as much, the short types' shortNum/shortDen
// of that. Measured with a probe at 60 s on Instance15, seeds 1–8: 3 952,
// 4 071, 4 015, 4 002, 4 006, 4 157, 3 979, 3 975 (mean 4 020) against
// 4 156, 4 459, 4 360, 4 178, 4 252, 4 290, 4 150, 4 080 (mean 4 241); at
// 2 (seeds 1–4) 4 060, 4 060, 4 147, 4 066; at 5 4 075, 4 170, 4 171,
// 4 166. 8 and 14 ended as before (seeds 1–3: 1 303, 1 306, 1 305 against
// 1 303, 1 304, 1 305; 1 278 in all six): their rosters come from branch
// and price. On 18, which has no short type, three times the cover in the
// search was worse (seeds 1–3: 4 886, 4 786, 4 903 against 4 702 and
// 4 688 at seeds 1 and 2), so it stays where the capacity bound proves
// the cover short.
const (
	shortNum   = 9
	shortDen   = 10
	shortCover = 3
)

// capacityBound is a lower bound on the cost of separable cover (m.sep)
// from capacities no roster can exceed. Starting from the cost with
// nobody working, a roster can take at most one cost step per employee
// who may work shift s on day d (per day and shift), one per employee
// available on day d (per day), and, over all weekend days, as many as
// the weekend limits allow; these sets are nested, so taking the most
// negative steps inside each set, innermost first, is optimal for the
// relaxation (a laminar matroid); the weekend days gain the less of that
// and of weekendsTogether, which counts a weekend against an employee's
// limit once whichever of its days the employee works. A second
// relaxation keeps the per-day and shift limit and the employees' total
// maximum minutes instead: a fractional knapsack of steps weighted by
// shift length. A third keeps the per-day and shift limit and the
// employees' maximum shifts of each type (a shift type's steps on all
// days are nested in its total, again a laminar matroid). A fourth keeps
// the per-day limits and what the stretch rules let each employee work
// in a run of consecutive days (stretchGain). Each relaxation also
// bounds the minutes of the steps that lower the cost a roster can take
// (capacityGains with minutes); where the employees' minimum minutes make
// them work more than that (leastWork), the rest is worked in shifts the
// cover does not need, each costing at least the cheapest step that does
// not lower the cost. The bound is the largest of the four; it is 0
// without separable cover.
func capacityBound(m *model) int64 {
	if m.sep == nil {
		return 0
	}
	base := m.p.Coverage.NewTracker().Cost()
	gains := capacityGains(m, false)
	// A roster works at least need minutes; those its cover does not need
	// come in shifts of at most longest minutes that cost at least over
	// each.
	need, longest, over := leastWork(m)
	var most [4]int64 // the relaxations' most minutes in steps that lower the cost
	if need > 0 && over > 0 {
		most = capacityGains(m, true)
	}
	var lb int64
	for i, g := range gains {
		if g < 0 {
			continue // the relaxation does not apply
		}
		b := base - g
		if need > 0 && over > 0 {
			b += over * ((max(0, need-most[i]) + longest - 1) / longest)
		}
		lb = max(lb, b)
	}
	return lb
}

// capacityGains returns the most the four relaxations of capacityBound
// let the cover gain (−1 for the total minutes where some employee has
// no maximum), or with minutes the most minutes of steps that lower the
// cost they let a roster take: each step is then worth its shift's
// length, and the same greedy choices find the most.
func capacityGains(m *model, minutes bool) [4]int64 {
	val := func(st int64, s int) int64 {
		if minutes {
			return int64(m.minutes[s])
		}
		return -st
	}
	type step struct {
		gain int64 // −Step > 0, or with minutes the shift's length
		mins int
	}
	var all []step
	var days int64                   // sum of the kept steps of weekdays
	wkDays := make([][][]int64, m.W) // each weekend's days' kept gains, largest first
	kept := make([][]int64, m.D)     // and each day's
	dayAvail := make([]int, m.S)
	var cand []step
	for d := 0; d < m.D; d++ {
		cand = cand[:0]
		people := 0
		for s := range dayAvail {
			dayAvail[s] = 0
		}
		for e := 0; e < m.E; e++ {
			any := false
			for s := 0; s < m.S; s++ {
				if m.allowed(e, d, s) {
					dayAvail[s]++
					any = true
				}
			}
			if any {
				people++
			}
		}
		for s := 0; s < m.S; s++ {
			for n := 0; n < dayAvail[s]; n++ {
				st := m.sep.Step(d, s, n)
				if st >= 0 {
					break
				}
				cand = append(cand, step{val(st, s), m.minutes[s]})
			}
		}
		all = append(all, cand...)
		sort.Slice(cand, func(i, j int) bool { return cand[i].gain > cand[j].gain })
		if len(cand) > people {
			cand = cand[:people]
		}
		gains := make([]int64, len(cand))
		for i, c := range cand {
			gains[i] = c.gain
		}
		kept[d] = gains
		if w := m.weekOf[d]; w >= 0 {
			wkDays[w] = append(wkDays[w], gains)
			continue
		}
		for _, c := range cand {
			days += c.gain
		}
	}
	// All weekend days pooled: as many of their kept steps as the
	// employees' weekend days allow.
	var pooled []int64
	for _, days := range wkDays {
		for _, gains := range days {
			pooled = append(pooled, gains...)
		}
	}
	wkGain := sumLargest(pooled, weekendCapacity(m))
	g := [4]int64{days + min(wkGain, weekendsTogether(m, wkDays)), -1, typeGain(m, minutes), stretchGain(m, kept)}

	// Total minutes: a fractional knapsack.
	capMins := 0
	for e := range m.emp {
		if m.emp[e].maxM < 0 {
			return g
		}
		capMins += m.emp[e].maxM
	}
	sort.Slice(all, func(i, j int) bool {
		return all[i].gain*int64(all[j].mins) > all[j].gain*int64(all[i].mins)
	})
	var gain float64
	left := capMins
	for _, c := range all {
		if left <= 0 {
			break
		}
		if c.mins <= left {
			gain += float64(c.gain)
			left -= c.mins
			continue
		}
		gain += float64(c.gain) * float64(left) / float64(c.mins)
		left = 0
	}
	// The knapsack's value is fractional; a roster's gain is whole.
	g[1] = int64(gain)
	return g
}

// leastWork returns the minutes the employees' minimums make them work
// in all, the longest shift anyone may work, and the least a shift the
// cover does not need can cost: the smallest step of the separable cover
// that does not lower it, over every day and shift someone may work (0
// where none costs more than nothing).
func leastWork(m *model) (need, longest, over int64) {
	least := int64(-1)
	avail := make([]int, m.S)
	lo, hi := make([]int, m.E), make([]int, m.E) // each employee's shortest and longest shift
	for d := 0; d < m.D; d++ {
		clear(avail)
		for e := range m.emp {
			for s := 0; s < m.S; s++ {
				if m.allowed(e, d, s) {
					avail[s]++
					if mins := m.minutes[s]; lo[e] == 0 || mins < lo[e] {
						lo[e] = mins
					}
					hi[e] = max(hi[e], m.minutes[s])
				}
			}
		}
		for s, n := range avail {
			for k := 0; k < n; k++ {
				if st := m.sep.Step(d, s, k); st >= 0 && (least < 0 || st < least) {
					least = st
				}
			}
		}
	}
	for e := range m.emp {
		mins := m.emp[e].minM
		if mins <= 0 || hi[e] == 0 {
			continue
		}
		// At least mins in whole shifts: as many as its longest needs,
		// each at least its shortest.
		n := (mins + hi[e] - 1) / hi[e]
		need += int64(max(mins, n*lo[e]))
	}
	for e := range m.emp {
		longest = max(longest, int64(hi[e])) // anyone may work the shifts not needed
	}
	if longest == 0 {
		return 0, 0, 0
	}
	return need, longest, max(least, 0)
}

// weekendsTogether is the most the weekend days can gain when an employee
// who works a weekend counts against its MaxWeekends once, whichever of
// the weekend's days it works: with n employees on weekend w, each of w's
// days gains at most its n largest steps (wkDays[w], each day's gains
// largest first, as many as the employees available that day), and the
// employees work at most Σ min(MaxWeekends, weekends available to them)
// weekends in all. A weekend's gain is concave in n, so taking the
// largest increments of all weekends, up to that total, is optimal for
// the relaxation. Where the two days of a weekend want different numbers
// of employees (Curtois and Qu's Instance22: 15 on a Saturday, 31 on its
// Sunday), this proves more short than pooling the weekend days does: the
// employees the busier day needs use up weekends that the quieter day
// does not fill.
func weekendsTogether(m *model, wkDays [][][]int64) int64 {
	avail := make([]int, m.W) // employees who may work some day of w
	per := make([]int, m.W)
	budget := 0
	for e := range m.emp {
		weekendDays(m, e, per)
		n := 0
		for w, days := range per {
			if days > 0 {
				avail[w]++
				n++
			}
		}
		budget += weekendLimit(m, e, n)
	}
	var inc []int64
	for w, days := range wkDays {
		for n := 0; n < avail[w]; n++ {
			var g int64
			for _, gains := range days {
				if n < len(gains) {
					g += gains[n]
				}
			}
			if g == 0 {
				break
			}
			inc = append(inc, g)
		}
	}
	return sumLargest(inc, budget)
}

// sumLargest is the sum of the k largest of xs (all of them if fewer); it
// reorders xs.
func sumLargest(xs []int64, k int) int64 {
	slices.SortFunc(xs, func(a, b int64) int { return cmp.Compare(b, a) })
	var sum int64
	for _, x := range xs[:min(k, len(xs))] {
		sum += x
	}
	return sum
}

// typeGain is the most a roster can gain on the cover with, for each shift
// type s, the steps of all days (typeSteps) and at most typeCap's count of
// shifts of type s; with minutes, the most minutes of those steps.
func typeGain(m *model, minutes bool) int64 {
	var gain int64
	byType, empDays := typeSteps(m)
	caps := typeCap(m, empDays)
	for s, steps := range byType {
		if minutes {
			gain += int64(min(caps[s], len(steps)) * m.minutes[s])
			continue
		}
		slices.SortFunc(steps, func(a, b int64) int { return cmp.Compare(b, a) })
		for _, g := range steps[:min(caps[s], len(steps))] {
			gain += g
		}
	}
	return gain
}

// typeSteps returns the gains of the cover's steps of each shift type
// (byType[s]: on each day, one step per employee who may work s there,
// while the step lowers the cost) and the days on which employee e may
// work shift s (empDays[e*S+s]). m.sep must not be nil.
func typeSteps(m *model) (byType [][]int64, empDays []int) {
	byType = make([][]int64, m.S)
	empDays = make([]int, m.E*m.S)
	for d := 0; d < m.D; d++ {
		for s := range byType {
			avail := 0
			for e := range m.emp {
				if m.allowed(e, d, s) {
					empDays[e*m.S+s]++
					avail++
				}
			}
			for n := 0; n < avail; n++ {
				st := m.sep.Step(d, s, n)
				if st >= 0 {
					break
				}
				byType[s] = append(byType[s], -st)
			}
		}
	}
	return byType, empDays
}

// typeCap is, for each shift type s, the most shifts of type s the
// employees may work in all: each its maximum of s, or the days on which
// it may work s (empDays[e*S+s]) if fewer.
func typeCap(m *model, empDays []int) []int {
	caps := make([]int, m.S)
	for s := range caps {
		for e := range m.emp {
			days := empDays[e*m.S+s]
			if mx := m.emp[e].maxS[s]; mx >= 0 && mx < days {
				days = mx
			}
			caps[s] += days
		}
	}
	return caps
}

// weekendCapacity is the most weekend days the employees can work in all:
// each the days of its MaxWeekends fullest weekends, counting only days on
// which it may work some shift.
func weekendCapacity(m *model) int {
	total := 0
	per := make([]int, m.W)
	for e := range m.emp {
		weekendDays(m, e, per)
		slices.SortFunc(per, func(a, b int) int { return b - a })
		for _, n := range per[:weekendLimit(m, e, m.W)] {
			total += n
		}
	}
	return total
}

// weekendDays sets per[w] to the days of weekend w on which employee e may
// work some shift.
func weekendDays(m *model, e int, per []int) {
	clear(per)
	for d, w := range m.weekOf {
		if w < 0 {
			continue
		}
		for s := 0; s < m.S; s++ {
			if m.allowed(e, d, s) {
				per[w]++
				break
			}
		}
	}
}

// weekendLimit is the most of n weekends employee e may work: n, or its
// MaxWeekends if fewer.
func weekendLimit(m *model, e, n int) int {
	if mw := m.emp[e].maxW; mw >= 0 && mw < n {
		return mw
	}
	return n
}

// shortOf is, for each shift type s, how many of its shifts no roster can
// cover: its steps (typeSteps) beyond the shifts of s the employees may
// work in all (typeCap), as the capacity bound's count per type has it.
func shortOf(m *model) []int {
	short := make([]int, m.S)
	if m.sep == nil {
		return short
	}
	byType, empDays := typeSteps(m)
	for s, c := range typeCap(m, empDays) {
		short[s] = max(0, len(byType[s])-c)
	}
	return short
}

// shaped is the model the search threads score rosters with: m, or where
// the capacity bound proves some shift types short (shortOf) and the cover
// is DayCover, m with every under-cover weighed shortCover times as much,
// and that of the short types shortNum/shortDen of that. Those shifts stay
// uncovered in every roster, and which of the others are covered turns on
// where they are left short: on Curtois and Qu's Instance15, 36 nights
// stay short by this count, and the search left 3–5 day shifts of the
// first weekend short as well, where the best known roster leaves only
// nights. Weighed less, a night left short for a day shift is a step
// down, not a step between rosters of one score, and the search takes it.
// Weighed more than the requests by far, the cover is settled in the hot
// first cycle (the later ones, at temperature 4, do not move it), before
// the requests are traded against it; Instance15's rosters then leave
// 36–38 shifts short (36 in six runs of eight), against 37–41. Rosters
// are compared by their true score (Solve). (A weight below shortDen is
// not shortened: scaled, it would lose a whole unit, and a weight of 1
// all of it.)
func shaped(m *model) *model {
	c, ok := m.p.Coverage.(*DayCover)
	if !ok {
		return m
	}
	short := shortOf(m)
	if !slices.ContainsFunc(short, func(n int) bool { return n > 0 }) {
		return m
	}
	sc := *c // the same cover but for the under-cover weights
	sc.Under = make([][]int64, len(c.Under))
	for d, row := range c.Under {
		sc.Under[d] = make([]int64, len(row))
		for s, w := range row {
			sc.Under[d][s] = w * shortCover
			if short[s] > 0 && w >= shortDen {
				sc.Under[d][s] = w * shortCover * shortNum / shortDen
			}
		}
	}
	q := *m.p
	q.Coverage = &sc
	return compile(&q)
}

// stretchRun is the longest run of consecutive days stretchGain limits
// as one. On Curtois and Qu's Instance24, whose last week wants 974
// shifts of 150 employees who can work 778 days in it, runs of up to 7
// days bound its cover at 19 600, of up to 14 or 28 days at 22 300 (60 ms
// more of the bound's 0.23 s there).
const stretchRun = 28

// stretchGain is the most the cover can gain when each day keeps its
// steps kept[d] (largest first, at most one per employee available) and,
// in any run of consecutive days, the employees work at most workMax
// days in all: the days an employee may work there in runs of at most
// MaxConsecutive separated by at least MinConsecutiveOff days off. The
// runs of a partition of the horizon are disjoint, so with the days
// nested in them each partition is a laminar matroid and its best gain
// takes the largest steps of each run up to the run's limit; the
// partition with the least gain (runs of up to stretchRun days) is
// found by dynamic programming over the start of its last run.
func stretchGain(m *model, kept [][]int64) int64 {
	D := m.D
	L := min(stretchRun, D)
	// limit[a*L+l−1]: the days all employees may work in days a … a+l−1.
	limit := make([]int, D*L)
	for e := range m.emp {
		workMax(m, e, L, limit)
	}
	// The gains' distinct values, largest first, and each day's count of
	// each: a run's best gain walks the values.
	var vals []int64
	for _, g := range kept {
		vals = append(vals, g...)
	}
	slices.SortFunc(vals, func(a, b int64) int { return cmp.Compare(b, a) })
	vals = slices.Compact(vals)
	at := make(map[int64]int, len(vals))
	for i, v := range vals {
		at[v] = i
	}
	cnt := make([]int, len(vals))
	best := make([]int64, D+1) // best[t]: the least gain of days 0 … t−1 over partitions
	for t := 1; t <= D; t++ {
		best[t] = math.MaxInt64
	}
	for a := 0; a < D; a++ {
		clear(cnt)
		for l := 1; l <= L && a+l <= D; l++ {
			for _, g := range kept[a+l-1] {
				cnt[at[g]]++
			}
			left := limit[a*L+l-1]
			var gain int64
			for i, v := range vals {
				if left == 0 {
					break
				}
				n := min(cnt[i], left)
				gain += int64(n) * v
				left -= n
			}
			if g := best[a] + gain; g < best[a+l] {
				best[a+l] = g
			}
		}
	}
	return best[D]
}

// workMax adds to limit[a*L+l−1] the most days employee e may work in
// days a … a+l−1 (l ≤ L), counting only days on which it may work some
// shift: runs of at most MaxConsecutive days separated by at least
// MinConsecutiveOff days off, where the run the days start in or end in
// may reach outside them (so a first or last rest may be shorter). The
// other rules only lower it.
func workMax(m *model, e, L int, limit []int) {
	D := m.D
	r := &m.emp[e]
	C := r.maxC
	if C == 0 {
		return // no day worked is within the rules
	}
	if C < 0 || C > L {
		C = L
	}
	O := max(r.minOff, 1)
	can := make([]bool, D)
	for d := range can {
		for s := 0; s < m.S; s++ {
			if m.allowed(e, d, s) {
				can[d] = true
				break
			}
		}
	}
	// States: working, the run's day c (1 … C) at index c−1, or resting,
	// the rest's day q (1 … O, O standing for "O or more") at C+q−1;
	// before the first day the employee may start work (a rest of O).
	n := C + O
	cur, nxt := make([]int, n), make([]int, n)
	const none = -1
	for a := 0; a < D; a++ {
		for i := range cur {
			cur[i] = none
		}
		cur[C+O-1] = 0
		for l := 1; l <= L && a+l <= D; l++ {
			d := a + l - 1
			for i := range nxt {
				nxt[i] = none
			}
			top := 0
			for i, w := range cur {
				if w == none {
					continue
				}
				working := i < C
				// A day off.
				q := 1
				if !working {
					q = min(i-C+2, O)
				}
				nxt[C+q-1] = max(nxt[C+q-1], w)
				// A day worked.
				if !can[d] {
					continue
				}
				switch {
				case working && i+1 < C:
					nxt[i+1] = max(nxt[i+1], w+1)
				case !working && i == C+O-1:
					nxt[0] = max(nxt[0], w+1)
				}
			}
			for _, w := range nxt {
				top = max(top, w)
			}
			limit[a*L+l-1] += top
			cur, nxt = nxt, cur
		}
	}
}
