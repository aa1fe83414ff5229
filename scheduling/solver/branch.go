package solver

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Branch and price. The master's linear programme (colgen.go) is a bound;
// where its optimum is fractional, the search branches on one cell: one
// side fixes employee e's day d to value v, the other forbids v there.
// Both sides bar the master's rows that break them (their cost rises by
// big) and ban the values in e's row programme, so the pricing at each
// node keeps them, and every node's master is solved by column generation
// again. The cell is the most fractional one (its heaviest value nearest
// to one half), except where a dive starts at the root: there it is the
// one of the most fractional few whose children bound highest (strong);
// both children are solved, the search dives into the one
// that fixes the cell unless that one is cut off, and keeps the other
// open with its bound. A dive ends at a whole master (a roster) or where
// the bound, rounded up, is no better than the best roster known (its
// own or the searches'); the next dive starts from the open node of least
// bound, the deepest of those that tie (best-first search with
// dives, as in mixed-integer programming; Vanderbeck, Annals of
// Operations Research 98, 2000, on branching in column generation). When
// no open node is left, the best roster known is optimal; before that,
// the least open bound is a lower bound.
//
// With two threads the tree has two workers, each with a master of its
// own (master.twin: the same rows, so the same bounds): each takes the
// open node of least bound in turn and dives from it, and the children
// it keeps open join the one queue. A node's bound does not depend on
// which master solved it, so the proof is the same; only the order in
// which nodes are searched, and so the time it takes, changes.

// diveWays are the dives branchAndPrice makes before its tree, in order:
// with or without the rows of weight one fixed (rowDive), and pricing at
// smoothed duals or at the master's own (master.round). Smoothed, a dive's
// masters need fewer rounds: after the last fixing its masters stall at
// their optimum while the duals zigzag between alternatives for 10–40
// rounds, each pricing every free employee. Measured from the solved root,
// one thread, the code before → this order (the roster a dive found, and
// when, after the root): Instance14 optimum 1 278 at 42–46 s → proved
// optimal in 24 s; 17 proved at 44 s (not in 60 s in another run) → 39 s;
// 8 1 406 → 1 307; 16 3 225, proved in 7 s; 9 439 both; 7 1 058 → 1 059.
// Smoothed alone, 9 ended at 442 and 7 at 1 058; smoothed dives first
// both ways, then plain, 9 at 442.
var diveWays = []struct{ ones, smooth bool }{{true, true}, {true, false}, {false, true}, {false, false}}

// settled is the weight from which a dive with ones fixes a row with the
// heaviest fractional one. Rows of weight one alone left Instance14's
// first dive (its root bound 1 278, its optimum) fixing one employee of
// 32 at a time, 1–3 s a master on a machine where the row programme's
// benchmark takes 2.1 ms, and 60-s runs ended before it did (1 333–1 376,
// seeds 1–4); with 0.8 three of the four found 1 278 and proved it
// (43–48 s; the fourth solved no root in its time), the bound staying at
// 1 278 through every fixing. 5–8, 10 and 17 (seeds 1–2) ended as before
// within single runs' spread. 0.6 lost the first dive's bound (1 381).
const settled = 0.8

// jitterDives and jitterShare bound the row dives with jittered weights
// that follow those of diveWays (rowDives). On Instance6 they find 1 951
// at best (optimum 1 950), but the tree after them, its masters holding
// their columns, finds 1 950 where it did not before: measured after
// Instance1 in one process, as the benchmark runs it (60 s), 6 at 1 950
// in 58 of 60 seeds (1–3 and 14–70; 1 951 at 49 and 59) against 54 of
// 60 without (1 951 at 14, 15, 30, 35, 56 and 59; seeds 31–70 were run
// both ways on the same day: 38 of 40 against 37), proved in 10.4–19.2 s
// in most runs (6.2–8.8 s without); over seeds 71–90, 19 of 20 (1 951 at
// 80). With 20 dives, 6 stayed at 1 951 at seeds 14 and 15. (Measured
// with one worker making them all; two workers now share them out, and
// 6 then reached 1 950 in 21 of 23 seeds, proved in 7–8.6 s in most.)
const (
	jitterDives = 40
	jitterShare = 1.0 / 6
)

// reopenDives is how many dives in a row without a better roster make
// the tree open its root again (tree.reopenRoot) the first time; each time
// after that it waits twice as many.
const reopenDives = 300

// cut is one branching decision.
type cut struct {
	e, d, v int
	fix     bool // the cell takes v (else it may not)
}

// open is a node not yet searched: the cuts from the root and its bound.
type open struct {
	cuts  []cut
	bound float64
}

// tree is what the workers of branch and price share: the open nodes,
// the best roster found and the score a roster must beat.
type tree struct {
	mu       sync.Mutex
	wake     *sync.Cond    // a node was opened or a worker ended its dive
	queue    []open        // open nodes
	busy     int           // workers in a dive
	halted   bool          // a worker stopped on time: the others stop too
	ub       atomic.Int64  // best score known (a roster better than this is sought)
	shared   *atomic.Int64 // best score of the other searches, if any
	best     []int         // best roster found, nil while none
	lossy    atomic.Bool   // a whole master was no roster (a row breaks a rule the master does not see)
	found    func(y []int, soft int64)
	cells    []float64 // each cell's bound (master.cellBounds), nil: none
	idle     int       // dives since the last better roster or reopened root
	reopenAt int       // idle dives that open the root again (reopenRoot); doubles each time
	// taken[k] is the bound of the node worker k dives from (+Inf: none);
	// live, if not nil, receives the bound the tree has proved so far
	// (publish).
	taken []float64
	live  *atomic.Int64
}

// newTree is a tree that seeks a roster better than ub (and than shared,
// if not nil) and tells found, if not nil, of each better one.
func newTree(ub int64, shared *atomic.Int64, found func(y []int, soft int64)) *tree {
	t := &tree{shared: shared, found: found, reopenAt: reopenDives}
	t.ub.Store(ub)
	t.wake = sync.NewCond(&t.mu)
	return t
}

// push opens node o.
func (t *tree) push(o open) {
	t.mu.Lock()
	t.queue = append(t.queue, o)
	t.mu.Unlock()
	t.wake.Signal()
}

// bnp is one worker of branch and price: a master of its own, on which
// it applies the cuts of the node it searches.
type bnp struct {
	t    *tree
	mp   *master
	wt   []float64
	cand []frac // the fractional cells, reused by fractional
	cur  []cut  // cuts applied now
	gone []bool // cells forbidden for good (prune)
	// jitter, while not nil, scales the weights by which rowDive picks
	// the row it fixes (rowDives).
	jitter *rand.Rand
	k      int // the worker's index in the tree (tree.taken)
}

// newBnp is a worker of t over mp.
func newBnp(mp *master, t *tree) *bnp {
	m := mp.m
	if mp.lg.ban == nil {
		mp.lg.ban = make([]int32, m.E*m.D*m.V)
	}
	return &bnp{t: t, mp: mp, wt: make([]float64, m.E*m.D*m.V), gone: make([]bool, m.E*m.D*m.V)}
}

// branchAndPrice searches the tree of mps[0]'s master for a roster better
// than ub (the score of a known roster) until until has passed or stop is
// set, one worker per master: every master of mps holds the same problem,
// and each worker dives from the open node of least bound in turn. It
// returns the best roster found (nil when none beat ub) with its score,
// a lower bound on every roster's score (the least bound of the nodes
// left open, rounded up; 0 when none is known), and whether the search
// finished, which proves that no roster beats the one returned (or ub).
// Before the tree, the workers share out the row dives (rowDives), each
// drawing its jitter from seed and its index. found, if not nil, is
// told of each better roster as soon as it is found; it must be safe to
// call from several goroutines.
func branchAndPrice(mps []*master, ub int64, shared *atomic.Int64, until time.Time, stop *atomic.Bool, seed uint64, found func(y []int, soft int64)) ([]int, int64, int64, bool) {
	return newTree(ub, shared, found).search(mps, until, stop, seed)
}

// search is branchAndPrice on t.
func (t *tree) search(mps []*master, until time.Time, stop *atomic.Bool, seed uint64) ([]int, int64, int64, bool) {
	ws := make([]*bnp, len(mps))
	t.taken = make([]float64, len(mps))
	for i, mp := range mps {
		mp.until, mp.stop, mp.smooth = until, stop, false
		ws[i] = newBnp(mp, t)
		ws[i].k = i
		t.taken[i] = math.Inf(1)
	}
	// (A whole master the dive finds that is no roster says nothing
	// about the tree.)
	lossy := t.lossy.Load()
	t.cells = ws[0].mp.cellBounds()
	var wg sync.WaitGroup
	for k, b := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.rowDives(threadSeed(seed, k), k, len(ws))
		}()
	}
	wg.Wait()
	t.lossy.Store(lossy)
	t.queue = append(t.queue, open{bound: math.Inf(-1)})
	for _, b := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer b.goTo(nil)
			b.work()
		}()
	}
	wg.Wait()
	if t.halted {
		return t.best, t.ub.Load(), t.lowest(), false
	}
	if t.lossy.Load() {
		return t.best, t.ub.Load(), 0, false
	}
	return t.best, t.ub.Load(), t.bestKnown(), true
}

// work dives from the open node of least bound, in turn, until no node
// is left open, every open node is cut off, or the time is up.
func (b *bnp) work() {
	t := b.t
	t.mu.Lock()
	defer t.mu.Unlock()
	for {
		for len(t.queue) == 0 && t.busy > 0 && !t.halted {
			t.wake.Wait()
		}
		if len(t.queue) == 0 || t.halted {
			t.wake.Broadcast()
			return
		}
		// The open node of least bound, the deepest where bounds tie.
		// With the dives into the fixing child (dive), measured at 60 s
		// on Instance7 (optimum 1 056, its root's bound 1 054.10) and 6
		// (1 950 and 1 949.33), against dives into the child of lower
		// bound and the first node of least bound: 7 proved optimal in
		// 6 of 6 runs (seeds 1–6, 16.6–43.0 s) against 1 of 8 (1 056 in
		// 3 of 8, seeds 1–8); 6 proved in 8 of 8 single runs (7.1–58.1
		// s) against 11 of 11, and at 1 950 in 30 of 33 seeds when
		// solved after another instance, as in the benchmark (1 951 at
		// seeds 14, 15 and 30). With the fixing child alone, 7 was
		// proved in 6 of 8 but 6 in 9 of 11: most of 6's open nodes tie
		// at 1 949.33, and taking the first of them left 6 at 1 951.
		if t.idle >= t.reopenAt {
			t.reopenRoot()
		}
		t.idle++
		k := next(t.queue)
		o := t.queue[k]
		if reaches(o.bound, t.bestKnown()) {
			t.queue = t.queue[:0] // every open node is cut off
			t.wake.Broadcast()
			return
		}
		if b.mp.over() {
			t.halted = true
			t.wake.Broadcast()
			return
		}
		t.queue[k] = t.queue[len(t.queue)-1]
		t.queue = t.queue[:len(t.queue)-1]
		t.busy++
		t.taken[b.k] = o.bound
		t.publish()
		t.mu.Unlock()
		b.goTo(o.cuts)
		done := b.dive()
		t.mu.Lock()
		t.busy--
		t.taken[b.k] = math.Inf(1)
		if !done {
			// Stopped mid-dive: the node it was at stays open.
			t.queue = append(t.queue, open{cuts: append([]cut(nil), b.cur...), bound: o.bound})
			t.halted = true
		}
		t.wake.Broadcast()
	}
}

// reopenRoot opens the root again, with the least bound of the open nodes
// less a tenth of roundTol (so that the bound rounded up, lowest, does
// not change), so that the next dive starts from it: a search that
// has dived deep among open nodes whose bounds tie, for hundreds of
// dives without a better roster, starts over from the top, where the
// master's optimum is no longer the one of the first dive (it holds the
// columns of every dive since). Every node left open stays so; the
// root's subtree holds theirs again, which costs time but keeps the
// proof.
//
// Measured on Instance6 (optimum 1 950; once the search holds 1 951 its
// least open bounds tie at 1 949.63–1 949.67 and its dives start some
// 370 cuts deep), after Instance1 in one process as in the benchmark,
// 60 s: 1 950 in 23 of 23 seeds (14, 15, 41–60, 80), each proved (7.1–
// 24.4 s), where the code before reached it in 21 (1 951 at 15 and 50,
// and at 80 in an earlier run). Instance7 (its proof takes up to 212
// dives after its optimum is found): 1 056 at seeds 1–10, proved at
// 1, 5, 6, 8, 9 and 10 (18.1–44.8 s). Reopening every 300 dives, not
// twice as many each time, cut 7's proof short with duplicated nodes
// (1 057 at seed 1). Instance8 makes 11–14 dives in its tree and never
// reopens.
// The queue must not be empty.
func (t *tree) reopenRoot() {
	lo := t.queue[next(t.queue)].bound
	t.queue = append(t.queue, open{bound: lo - roundTol/10})
	t.idle = 0
	t.reopenAt *= 2
}

// next is the index in queue (not empty) of the open node of least
// bound, the one with the most cuts among those that tie.
func next(queue []open) int {
	k := 0
	for i, o := range queue {
		q := queue[k]
		if o.bound < q.bound-1e-9 || (o.bound <= q.bound+1e-9 && len(o.cuts) > len(q.cuts)) {
			k = i
		}
	}
	return k
}

// lowest is the least bound of the nodes open or being dived from,
// rounded up (0: none known). A dive's nodes all lie below the node it
// started from, so that node's bound holds for them.
func (t *tree) lowest() int64 {
	lo := math.Inf(1)
	for _, o := range t.queue {
		lo = math.Min(lo, o.bound)
	}
	for _, b := range t.taken {
		lo = math.Min(lo, b)
	}
	if math.IsInf(lo, 0) || t.lossy.Load() {
		return 0
	}
	return min(t.bestKnown(), max(0, int64(math.Ceil(lo-roundTol))))
}

// publish raises t.live, if set, to the bound the tree has proved so far
// (lowest). Called with t.mu held as a worker takes a node. lowest is 0
// once a whole master was no roster (lossy: the proof no longer holds),
// so nothing is published from then on.
func (t *tree) publish() {
	if t.live == nil {
		return
	}
	if lb := t.lowest(); lb > t.live.Load() {
		t.live.Store(lb)
	}
}

// goTo makes cuts the applied ones.
func (b *bnp) goTo(cuts []cut) {
	for i := len(b.cur) - 1; i >= 0; i-- {
		b.mp.apply(b.cur[i], -1)
	}
	b.cur = append(b.cur[:0], cuts...)
	for _, c := range b.cur {
		b.mp.apply(c, 1)
	}
}

// bestKnown is the score a roster must beat.
func (t *tree) bestKnown() int64 {
	ub := t.ub.Load()
	if t.shared != nil {
		if s := t.shared.Load(); s < ub {
			return s
		}
	}
	return ub
}

// bestKnown is the score a roster must beat.
func (b *bnp) bestKnown() int64 { return b.t.bestKnown() }

// dive searches down from the current node, keeping the child it does
// not take open; it returns false when it stopped before its end.
func (b *bnp) dive() bool {
	mp := b.mp
	bound, solved := 0.0, false // the node's bound, when its master is solved already
	fixed := false              // the node's cells are bounded already (fixBelow)
	top := len(b.cur) == 0      // the dive starts at the root: its first branching is strong
	for {
		if b.mp.over() {
			return false
		}
		if !solved {
			b.prune()
			bound, _ = b.solve()
		}
		solved = false
		if b.mp.over() {
			return false
		}
		if reaches(bound, b.bestKnown()) {
			return true // cut off
		}
		if !fixed {
			fixed = true
			if b.fixBelow() > 0 {
				continue // its master again, without the cells forbidden
			}
		}
		cand := b.fractional()
		if len(cand) == 0 {
			b.integral()
			return true
		}
		pick, pv := cand[0].i, cand[0].v
		if top {
			top = false
			var closed bool
			if pick, pv, closed = b.strong(cand); closed {
				return true
			}
			if b.mp.over() {
				return false
			}
		}
		fix, forbid := b.branch(pick, pv)
		b1, b2 := b.children(fix, forbid)
		if b.mp.over() {
			mp.apply(fix, -1)
			return false
		}
		// The fixing child, though its bound is most often the higher:
		// each fixing settles a cell of the roster, so the dive reaches
		// whole masters (rosters) where the child of lower bound forbids
		// one value after another (see work).
		take, keep, kb := fix, forbid, b2
		if b2 < b1 && reaches(b1, b.bestKnown()) {
			take, keep, kb = forbid, fix, b1
			mp.apply(fix, -1)
			mp.apply(forbid, 1)
		} else {
			bound, solved = b1, true
		}
		if !reaches(kb, b.bestKnown()) {
			cuts := append(append(make([]cut, 0, len(b.cur)+1), b.cur...), keep)
			b.t.push(open{cuts: cuts, bound: kb})
		}
		b.cur = append(b.cur, take)
		fixed = false
	}
}

// branch returns the two cuts of a branching on cell i (e·D+d) and
// value v: the one that fixes it, and the one that forbids it.
func (b *bnp) branch(i, v int) (fix, forbid cut) {
	D := b.mp.m.D
	fix = cut{e: i / D, d: i % D, v: v, fix: true}
	forbid = fix
	forbid.fix = false
	return fix, forbid
}

// children solves the master of each child of a branching, the
// forbidding one first, and returns their bounds (fixing, forbidding).
// The fixing cut is left applied: the child a dive takes unless it is
// cut off is then the master solved last.
func (b *bnp) children(fix, forbid cut) (b1, b2 float64) {
	mp := b.mp
	b.prune()
	mp.apply(forbid, 1)
	b2, _ = b.solve()
	mp.apply(forbid, -1)
	mp.apply(fix, 1)
	b1, _ = b.solve()
	return b1, b2
}

// frac is a fractional cell of the master's optimum: its index e·D+d,
// value, and how near its weight is to one half (1: a half).
type frac struct {
	i, v int
	f    float64
}

// fractional weighs every cell's values in the master's optimum (solved)
// and returns the cells of fractional weight, the nearest to one half
// first (ties in cell order), or none where the optimum is whole.
func (b *bnp) fractional() []frac {
	mp := b.mp
	m := mp.m
	D, V := m.D, m.V
	clear(b.wt)
	for j, e := range mp.colE {
		if e < 0 {
			continue
		}
		if xj := mp.lp.x(j); xj > 1e-9 {
			for d, v := range mp.row(j) {
				b.wt[(int(e)*D+d)*V+int(v)+1] += xj
			}
		}
	}
	b.cand = b.cand[:0]
	for k, w := range b.wt {
		if w > 1e-6 && w < 1-1e-6 {
			b.cand = append(b.cand, frac{k / V, k%V - 1, 1 - math.Abs(w-0.5)})
		}
	}
	slices.SortStableFunc(b.cand, func(x, y frac) int { return cmp.Compare(y.f, x.f) })
	return b.cand
}

// strongCands is how many of the most fractional cells the strong
// branching weighs. Measured at 60 s against branching on the most
// fractional cell alone (the same code otherwise, in turn, on a machine
// where the row programme's benchmark takes 73 µs): Instance7 proved
// optimal at seeds 1–5 in 13.4, 10.4, 12.2, 19.4 and 16.8 s, against
// 28.9 and 45.1 s at seeds 1 and 2 and not in 60 s at 3–5 (bound 1 055);
// 16 proved at seeds 3–5 and in 6 of 6 runs at seed 27 (11.7–14.4 s),
// against 2 of 3 (the third kept 1 000 nodes open at 3 224.000) and
// about half of the runs at seed 27; 8 at 1 302 and 1 301 against
// 1 304 and 1 305 (seeds 1, 2); 5, 6, 10, 11, 14 and 17 proved as
// before, within 1.3 s of it.
const strongCands = 8

// strong chooses the branching of the node the master holds, solved and
// fractional, among the strongCands first cells of cand (fractional):
// the one whose children's lesser bound is highest, each child solved
// (strong branching; Applegate, Bixby, Chvátal and Cook, 1995, in
// Achterberg, Koch and Martin, Operations Research Letters 33, 2005).
// It reports closed where both children of a cell are cut off: no roster
// below the node beats the best known. The cuts tried are removed again,
// and the master is left at the last child solved.
func (b *bnp) strong(cand []frac) (pick, v int, closed bool) {
	mp := b.mp
	best := math.Inf(-1)
	pick, v = cand[0].i, cand[0].v
	for _, c := range cand[:min(len(cand), strongCands)] {
		fix, forbid := b.branch(c.i, c.v)
		b1, b2 := b.children(fix, forbid)
		mp.apply(fix, -1)
		if mp.over() {
			return pick, v, false
		}
		if reaches(b1, b.bestKnown()) && reaches(b2, b.bestKnown()) {
			return c.i, c.v, true
		}
		if lo := math.Min(b1, b2); lo > best {
			best, pick, v = lo, c.i, c.v
		}
	}
	return pick, v, false
}

// rowDive looks for a roster fast, before the tree: it fixes whole rows
// of the master's optimum, heaviest first, solving the master by column
// generation again after each, until the master is whole (a roster) or
// its bound, rounded up, reaches the best roster known. It fixes the
// heaviest fractional row, and with ones also every row of weight
// settled or more: fixing a row settles an employee at once, where a
// branch of the tree settles one cell, so a dive takes at most E masters
// (pure diving: Sadykov, Lazić, Rahmaniani, Shapiro and Uchoa, INFORMS
// Journal on Computing 31, 2019). Fixing the settled rows too ends sooner
// and keeps what the master settled; leaving them free lets the master
// move them as the others are fixed. Neither is the better on Curtois and
// Qu's instances (from the solved root, one thread, with the rows of
// weight one: 10, 11 and 16 at their optima 4 631, 3 443 and 3 225 with,
// 4 634, 3 544 and 3 229 without; 7 and 8 at 1 067 and 1 505 with, 1 058
// and 1 409 without), so branchAndPrice dives both ways (diveWays). It
// leaves its cuts applied; the caller removes them.
func (b *bnp) rowDive(ones bool) {
	mp := b.mp
	m := mp.m
	fixed := make([]bool, m.E)
	heavy := make([]int, m.E) // each employee's heaviest row that keeps the rules, −1 if none
	for !mp.over() {
		b.prune()
		bound, solved := b.solve()
		if !solved || reaches(bound, b.bestKnown()) {
			return
		}
		for e := range heavy {
			heavy[e] = -1
		}
		whole := true
		for j, e := range mp.colE {
			if e < 0 {
				continue
			}
			xj := mp.lp.x(j)
			if xj <= 1e-6 {
				continue
			}
			if xj < 1-1e-6 {
				whole = false
			}
			if mp.feas[j] && mp.ban[j] == 0 && (heavy[e] < 0 || xj > mp.lp.x(heavy[e])) {
				heavy[e] = j
			}
		}
		if whole {
			b.integral()
			return
		}
		y := b.rounded(heavy)
		pick, pw := -1, 0.0
		n := 0
		for e, j := range heavy {
			if j < 0 || fixed[e] {
				continue
			}
			if w := mp.lp.x(j); w >= settled && ones {
				b.fixRow(e, j)
				fixed[e] = true
				n++
			} else if w < 1-1e-6 {
				if b.jitter != nil {
					w *= 0.5 + b.jitter.Float64()
				}
				if w > pw {
					pick, pw = e, w
				}
			}
		}
		if pick >= 0 {
			b.fixRow(pick, heavy[pick])
			fixed[pick] = true
			n++
		}
		if n == 0 {
			return // nothing left to fix, yet not whole: rows that break a rule carry it
		}
		if y != nil {
			// The other rows of the employees just fixed stay in the
			// basis at the cost of a barred row, and the duals grow
			// with it; the simplex restarts from the rounding instead,
			// whose rows are all allowed (a fixed employee's heaviest
			// row is its fixed one). Without the restart the dives
			// take a fifth to half less time, and find worse rosters
			// first on 7, 10 and 11 (docs/solver-history.md).
			mp.rebase(y)
		}
	}
}

// rowDives makes the dives of diveWays from the root, then up to
// jitterDives more that choose the row they fix by its weight times a
// random factor in [0.5, 1.5) drawn from seed (each way of diveWays in
// turn, for at most jitterShare of the time left), removing each dive's
// cuts after it, and leaves the master pricing at its own duals. Worker
// k of n makes dives k, k+n, k+2n, … of that list (branchAndPrice shares
// them out among its workers, which dive at once).
func (b *bnp) rowDives(seed uint64, k, n int) {
	dive := func(i int) {
		d := diveWays[i%len(diveWays)]
		b.mp.smooth = d.smooth
		b.rowDive(d.ones)
		b.goTo(nil)
	}
	for i := k; i < len(diveWays); i += n {
		dive(i)
	}
	var until time.Time
	if !b.mp.until.IsZero() {
		until = time.Now().Add(time.Duration(float64(time.Until(b.mp.until)) * jitterShare))
	}
	b.jitter = rand.New(newSplitMix(seed))
	for i := k; i < jitterDives && !b.mp.over() && (until.IsZero() || time.Now().Before(until)); i += n {
		dive(i)
	}
	b.jitter = nil
	b.mp.smooth = false
}

// rounded is the roster that gives each employee its heaviest row (nil
// where an employee has none that keeps the rules); it is kept when it
// beats the best known.
func (b *bnp) rounded(heavy []int) []int {
	mp := b.mp
	m := mp.m
	y := make([]int, m.E*m.D)
	for e, j := range heavy {
		if j < 0 {
			return nil
		}
		for d, v := range mp.row(j) {
			y[e*m.D+d] = int(v)
		}
	}
	if sc := m.evaluate(y); sc.Hard == 0 {
		b.keep(slices.Clone(y), sc.Soft)
	}
	return y
}

// fixRow applies the cuts that fix employee e to master column j's row.
func (b *bnp) fixRow(e, j int) {
	for d, v := range b.mp.row(j) {
		c := cut{e: e, d: d, v: int(v), fix: true}
		b.mp.apply(c, 1)
		b.cur = append(b.cur, c)
	}
}

// solve runs column generation at the current node and returns its bound
// and whether the master was solved (it stops early once the node is cut
// off; not solved: the time is up).
func (b *bnp) solve() (float64, bool) {
	return b.mp.generate(func(bound, _ float64) bool {
		return reaches(bound, b.bestKnown())
	}, 0)
}

// integral takes the master's whole solution as a roster.
func (b *bnp) integral() {
	mp := b.mp
	m := mp.m
	y := make([]int, m.E*m.D)
	seen := make([]bool, m.E)
	for j, e := range mp.colE {
		if e < 0 || mp.lp.x(j) < 0.5 {
			continue
		}
		if mp.ban[j] > 0 || !mp.feas[j] || seen[e] {
			b.t.lossy.Store(true)
			return
		}
		seen[e] = true
		for d, v := range mp.row(j) {
			y[int(e)*m.D+d] = int(v)
		}
	}
	for _, s := range seen {
		if !s {
			b.t.lossy.Store(true)
			return // an employee on an artificial row
		}
	}
	sc := m.evaluate(y)
	if sc.Hard > 0 {
		b.t.lossy.Store(true)
		return
	}
	b.keep(y, sc.Soft)
}

// keep makes y, of soft score soft and no hard violation, the best roster
// found if it beats the best known, and tells found of it.
func (b *bnp) keep(y []int, soft int64) {
	t := b.t
	t.mu.Lock()
	defer t.mu.Unlock()
	if soft < t.bestKnown() {
		t.idle = 0
		t.best = y
		t.ub.Store(soft)
		if t.found != nil {
			t.found(y, soft)
		}
	}
}

// apply adds (delta 1) or removes (−1) cut c: e's rows that break it are
// barred in the master, and its values banned in e's row programme.
func (mp *master) apply(c cut, delta int32) {
	m, lg := mp.m, mp.lg
	i := (c.e*m.D + c.d) * m.V
	for v := Off; v < m.S; v++ {
		if (v == c.v) != c.fix {
			lg.ban[i+v+1] += delta
		}
	}
	for _, k := range mp.byE[c.e] {
		if (int(mp.row(int(k))[c.d]) == c.v) == c.fix {
			continue
		}
		mp.banBy(int(k), delta)
	}
}
