package solver

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// lpTestTol bounds the errors the tests accept in objective values,
// duals, reduced costs and residuals of A x = b.
const lpTestTol = 1e-7

// denseLP is minimise c·x subject to A x = b, x ≥ 0, stored densely:
// cols[j] is column j of A.
type denseLP struct {
	b, c []float64
	cols [][]float64
}

// withSlacks turns max p·x subject to a x ≤ b into the standard form
// min −p·x subject to a x + s = b, the slacks last.
func withSlacks(p []float64, a [][]float64, b []float64) denseLP {
	m, n := len(b), len(p)
	lp := denseLP{b: b}
	for j := range n {
		col := make([]float64, m)
		for i := range m {
			col[i] = a[i][j]
		}
		lp.c = append(lp.c, -p[j])
		lp.cols = append(lp.cols, col)
	}
	for i := range m {
		col := make([]float64, m)
		col[i] = 1
		lp.c = append(lp.c, 0)
		lp.cols = append(lp.cols, col)
	}
	return lp
}

// build adds the columns of p to a new simplex and makes the columns of
// basis its basis.
func (p denseLP) build(t testing.TB, basis []int) *simplex {
	t.Helper()
	lp := newSimplex(p.b)
	for j := range p.cols {
		p.add(lp, j)
	}
	if err := lp.setBasis(basis); err != nil {
		t.Fatal(err)
	}
	return lp
}

// add adds column j of p to lp, keeping its nonzero entries.
func (p denseLP) add(lp *simplex, j int) int {
	var idx []int32
	var val []float64
	for i, v := range p.cols[j] {
		if v != 0 {
			idx = append(idx, int32(i))
			val = append(val, v)
		}
	}
	return lp.addCol(p.c[j], idx, val)
}

// lastCols is the indices of the last k of n columns.
func lastCols(n, k int) []int {
	s := make([]int, k)
	for i := range s {
		s[i] = n - k + i
	}
	return s
}

// checkOptimal checks the optimality conditions at lp's solution of p:
// x ≥ 0 and A x = b, no reduced cost below −lpTestTol, basic reduced
// costs zero, c·x equal to objective() and to y·b (strong duality).
func checkOptimal(t *testing.T, p denseLP, lp *simplex) {
	t.Helper()
	m := len(p.b)
	ax := make([]float64, m)
	cx := 0.0
	for j, col := range p.cols {
		x := lp.x(j)
		if x < -lpFeasTol {
			t.Errorf("x[%d] = %g < 0", j, x)
		}
		for i, v := range col {
			ax[i] += v * x
		}
		cx += p.c[j] * x
		d := lp.reducedCost(j)
		if d < -lpTestTol || lp.basic(j) && math.Abs(d) > lpTestTol {
			t.Errorf("reduced cost of column %d (basic %v) = %g", j, lp.basic(j), d)
		}
	}
	for i := range m {
		if math.Abs(ax[i]-p.b[i]) > lpTestTol {
			t.Errorf("row %d: A x = %g, b = %g", i, ax[i], p.b[i])
		}
	}
	yb := 0.0
	for i, y := range lp.duals() {
		yb += y * p.b[i]
	}
	z := lp.objective()
	if math.Abs(cx-z) > lpTestTol || math.Abs(yb-z) > lpTestTol {
		t.Errorf("objective %g, c·x %g, y·b %g", z, cx, yb)
	}
}

// solveDense solves B v = rhs by Gaussian elimination with partial
// pivoting, B given by its columns; ok is false when B is singular.
func solveDense(cols [][]float64, rhs []float64) (v []float64, ok bool) {
	k := len(rhs)
	a := make([][]float64, k)
	for i := range k {
		a[i] = make([]float64, k+1)
		for j := range k {
			a[i][j] = cols[j][i]
		}
		a[i][k] = rhs[i]
	}
	for c := range k {
		p := c
		for i := c + 1; i < k; i++ {
			if math.Abs(a[i][c]) > math.Abs(a[p][c]) {
				p = i
			}
		}
		if math.Abs(a[p][c]) < 1e-9 {
			return nil, false
		}
		a[c], a[p] = a[p], a[c]
		for i := c + 1; i < k; i++ {
			f := a[i][c] / a[c][c]
			for j := c; j <= k; j++ {
				a[i][j] -= f * a[c][j]
			}
		}
	}
	v = make([]float64, k)
	for i := k - 1; i >= 0; i-- {
		s := a[i][k]
		for j := i + 1; j < k; j++ {
			s -= a[i][j] * v[j]
		}
		v[i] = s / a[i][i]
	}
	return v, true
}

// subsets calls fn with every k-subset of 0..n−1, in increasing order.
func subsets(n, k int, fn func([]int)) {
	s := make([]int, 0, k)
	var rec func(from int)
	rec = func(from int) {
		if len(s) == k {
			fn(s)
			return
		}
		for j := from; j <= n-(k-len(s)); j++ {
			s = append(s, j)
			rec(j + 1)
			s = s[:len(s)-1]
		}
	}
	rec(0)
}

// bruteForce solves p by enumeration, independently of the simplex: the
// minimum of c_B x_B over all bases (m columns, nonsingular, x_B ≥ 0),
// and whether a ray d ≥ 0, A d = 0, c·d < 0 exists — the vertices of
// {d ≥ 0 : A d = 0, Σ d = 1} being the basic feasible solutions of that
// system with m+1 rows. A feasible p is unbounded exactly when such a
// ray exists; otherwise its optimum is attained at a basis.
func bruteForce(p denseLP) (best float64, feasible, unbounded bool) {
	m, n := len(p.b), len(p.cols)
	best = math.Inf(1)
	sub := make([][]float64, m+1)
	// cost solves the columns s of cols for rhs and returns c·x, false
	// when the system is singular or x has a negative part.
	cost := func(cols [][]float64, s []int, rhs []float64) (float64, bool) {
		for k, j := range s {
			sub[k] = cols[j]
		}
		x, ok := solveDense(sub[:len(s)], rhs)
		if !ok {
			return 0, false
		}
		z := 0.0
		for k, j := range s {
			if x[k] < -1e-9 {
				return 0, false
			}
			z += p.c[j] * x[k]
		}
		return z, true
	}
	subsets(n, m, func(s []int) {
		if z, ok := cost(p.cols, s, p.b); ok {
			feasible = true
			best = min(best, z)
		}
	})
	// With A ≥ 0 and no zero column, A d = 0 and d ≥ 0 force d = 0.
	if nonnegative(p.cols) {
		return best, feasible, false
	}
	rhs := make([]float64, m+1)
	rhs[m] = 1
	ext := make([][]float64, n)
	for j, col := range p.cols {
		ext[j] = append(append([]float64(nil), col...), 1)
	}
	subsets(n, min(m+1, n), func(s []int) {
		if z, ok := cost(ext, s, rhs[:len(s)]); ok && z < -1e-9 {
			unbounded = true
		}
	})
	return best, feasible, unbounded
}

// nonnegative reports whether every column is nonnegative and nonzero.
func nonnegative(cols [][]float64) bool {
	for _, col := range cols {
		nz := false
		for _, v := range col {
			if v < 0 {
				return false
			}
			nz = nz || v > 0
		}
		if !nz {
			return false
		}
	}
	return true
}

// TestSimplex_Chvatal solves the first example of Chvátal, Linear
// Programming (Freeman, 1983), chapter 2:
//
//	maximise 5x1 + 4x2 + 3x3
//	subject to 2x1 + 3x2 +  x3 ≤ 5
//	           4x1 +  x2 + 2x3 ≤ 11
//	           3x1 + 4x2 + 2x3 ≤ 8,
//
// from the slack basis. Its final dictionary (ibid.) is
//
//	x3 = 1 + x2 + 3x4 − 2x6,  x1 = 2 − 2x2 − 2x4 + x6,  x5 = 1 + 5x2 + 2x4,
//	z = 13 − 3x2 − x4 − x6,
//
// so the minimum of −z is −13 at x = (2, 0, 1, 0, 1, 0), the row prices
// of min −z are (−1, 0, −1) and the reduced costs of x2, x4, x6 are 3, 1, 1.
func TestSimplex_Chvatal(t *testing.T) {
	p := withSlacks([]float64{5, 4, 3},
		[][]float64{{2, 3, 1}, {4, 1, 2}, {3, 4, 2}}, []float64{5, 11, 8})
	lp := p.build(t, lastCols(6, 3))
	if st := lp.solve(0); st != lpOptimal {
		t.Fatalf("status %d", st)
	}
	if z := lp.objective(); math.Abs(z+13) > lpTestTol {
		t.Errorf("objective %g, want −13", z)
	}
	for j, want := range []float64{2, 0, 1, 0, 1, 0} {
		if x := lp.x(j); math.Abs(x-want) > lpTestTol {
			t.Errorf("x%d = %g, want %g", j+1, x, want)
		}
	}
	for i, want := range []float64{-1, 0, -1} {
		if y := lp.duals()[i]; math.Abs(y-want) > lpTestTol {
			t.Errorf("y%d = %g, want %g", i+1, y, want)
		}
	}
	for j, want := range map[int]float64{1: 3, 3: 1, 5: 1} {
		if d := lp.reducedCost(j); math.Abs(d-want) > lpTestTol {
			t.Errorf("reduced cost of x%d = %g, want %g", j+1, d, want)
		}
	}
	checkOptimal(t, p, lp)
}

// TestSimplex_CyclingExample solves the example with which Chvátal,
// Linear Programming, chapter 3, shows the textbook rules cycling:
//
//	maximise 10x1 − 57x2 − 9x3 − 24x4
//	subject to 0.5x1 − 5.5x2 − 2.5x3 + 9x4 ≤ 0
//	           0.5x1 − 1.5x2 − 0.5x3 +  x4 ≤ 0
//	             x1                        ≤ 1.
//
// Its optimum is z = 1 at x1 = x3 = 1: the second row gives
// x3 ≥ x1 − 3x2 + 2x4, so z ≤ x1 − 30x2 − 42x4 ≤ x1 ≤ 1. The test checks
// this value against the enumeration as well, and solves with Bland's rule
// from the first pivot and with the default rules.
func TestSimplex_CyclingExample(t *testing.T) {
	p := withSlacks([]float64{10, -57, -9, -24},
		[][]float64{{0.5, -5.5, -2.5, 9}, {0.5, -1.5, -0.5, 1}, {1, 0, 0, 0}}, []float64{0, 0, 1})
	want, _, unb := bruteForce(p)
	if unb || math.Abs(want+1) > lpTestTol {
		t.Fatalf("enumeration: optimum %g unbounded %v, want −1", want, unb)
	}
	for _, blandN := range []int{0, lpBlandAfter} {
		lp := p.build(t, lastCols(7, 3))
		lp.blandN = blandN
		if st := lp.solve(1000); st != lpOptimal {
			t.Fatalf("bland after %d: status %d", blandN, st)
		}
		if z := lp.objective(); math.Abs(z-want) > lpTestTol {
			t.Errorf("bland after %d: objective %g, want %g", blandN, z, want)
		}
		checkOptimal(t, p, lp)
	}
}

// randomLP draws A = [R | I] with m = 3…6 rows and n = m+3…12 columns in
// all, b ≥ 0 (zeros among it) and integer costs in −5…5, a third of them
// zero. Kind 0 draws small integers (degenerate),
// kind 1 reals in [0,1], kind 2 integers of both signs (often unbounded).
func randomLP(r *rand.Rand, kind int) denseLP {
	m := 3 + r.IntN(4)
	n := m + 3 + r.IntN(12-m-2)
	entry := func() float64 {
		switch kind {
		case 0:
			return float64(r.IntN(4))
		case 1:
			return r.Float64()
		}
		return float64(r.IntN(6) - 2)
	}
	var p denseLP
	for i := range m {
		if kind == 1 {
			p.b = append(p.b, r.Float64()*3)
		} else {
			p.b = append(p.b, float64(r.IntN(5)*(i%2)+r.IntN(2)))
		}
	}
	for j := range n {
		col := make([]float64, m)
		if j < n-m {
			for i := range col {
				col[i] = entry()
			}
		} else {
			col[j-(n-m)] = 1
		}
		c := float64(r.IntN(11) - 5)
		if r.IntN(3) == 0 {
			c = 0
		}
		p.cols = append(p.cols, col)
		p.c = append(p.c, c)
	}
	return p
}

// TestSimplex_RandomMatchesEnumeration solves 600 small random programmes
// (550 bounded, 50 unbounded) from the identity basis, with the default
// rules, with Bland's rule throughout, switching to it after two
// degenerate pivots, with B⁻¹ rebuilt at every pivot and by the cost
// rule from the first pivot on, and compares
// them with bruteForce.
func TestSimplex_RandomMatchesEnumeration(t *testing.T) {
	var opt, unb int
	for seed := range uint64(600) {
		r := rand.New(rand.NewPCG(seed, 7))
		p := randomLP(r, int(seed%3))
		want, feasible, unbounded := bruteForce(p)
		if !feasible {
			t.Fatalf("seed %d: identity basis infeasible", seed)
		}
		m, n := len(p.b), len(p.cols)
		for _, v := range []struct{ every, most, blandN int }{{lpRefactor, lpRefactorMax, lpBlandAfter}, {lpRefactor, lpRefactorMax, 0}, {lpRefactor, lpRefactorMax, 2}, {1, 1, lpBlandAfter}, {1, lpRefactorMax, lpBlandAfter}} {
			lp := p.build(t, lastCols(n, m))
			lp.every, lp.most, lp.blandN = v.every, v.most, v.blandN
			st := lp.solve(0)
			if unbounded {
				if st != lpUnbounded {
					t.Errorf("seed %d %+v: status %d, want unbounded", seed, v, st)
				}
				continue
			}
			if st != lpOptimal {
				t.Errorf("seed %d %+v: status %d, want optimal %g", seed, v, st, want)
				continue
			}
			if z := lp.objective(); math.Abs(z-want) > lpTestTol*(1+math.Abs(want)) {
				t.Errorf("seed %d %+v: objective %g, enumeration %g", seed, v, z, want)
			}
			checkOptimal(t, p, lp)
		}
		if unbounded {
			unb++
		} else {
			opt++
		}
	}
	if opt < 400 || unb < 40 {
		t.Errorf("%d bounded and %d unbounded instances: the generator no longer covers both", opt, unb)
	}
}

// coverLP draws a covering-shaped master: m rows with b = 1…3, n sparse
// columns of 0/1 entries with integer costs, then the identity at cost
// slackCost.
func coverLP(r *rand.Rand, m, n, nnz int, slackCost float64) denseLP {
	p := denseLP{b: make([]float64, m)}
	for i := range m {
		p.b[i] = float64(1 + r.IntN(3))
	}
	for range n {
		col := make([]float64, m)
		for range nnz {
			col[r.IntN(m)] = 1
		}
		p.cols = append(p.cols, col)
		p.c = append(p.c, float64(1+r.IntN(9)))
	}
	for i := range m {
		col := make([]float64, m)
		col[i] = 1
		p.cols = append(p.cols, col)
		p.c = append(p.c, slackCost)
	}
	return p
}

// TestSimplex_WarmStart checks that adding columns, and forbidding a basic
// column by a cost of 1e6, then solving again from the basis left behind,
// gives the optimum of the programme solved from scratch.
func TestSimplex_WarmStart(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 11))
		const m, n = 20, 120
		full := coverLP(r, m, n, 6, 20)
		// The slacks first, then the columns in two batches.
		order := append(lastCols(n+m, m), make([]int, n)...)
		for j := range n {
			order[m+j] = j
		}
		p := denseLP{b: full.b}
		for _, j := range order {
			p.cols = append(p.cols, full.cols[j])
			p.c = append(p.c, full.c[j])
		}
		first := denseLP{b: p.b, c: p.c[:m+n/2], cols: p.cols[:m+n/2]}
		lp := first.build(t, lastCols(m, m))
		if st := lp.solve(0); st != lpOptimal {
			t.Fatalf("seed %d: first solve status %d", seed, st)
		}
		for j := m + n/2; j < m+n; j++ {
			p.add(lp, j)
		}
		if st := lp.solve(0); st != lpOptimal {
			t.Fatalf("seed %d: warm solve status %d", seed, st)
		}
		scratch := p.build(t, lastCols(m, m))
		scratch.solve(0)
		if z, want := lp.objective(), scratch.objective(); math.Abs(z-want) > lpTestTol*(1+math.Abs(want)) {
			t.Errorf("seed %d: warm objective %g, from scratch %g", seed, z, want)
		}
		checkOptimal(t, p, lp)

		forbid := -1
		for j := m; j < m+n; j++ {
			if lp.basic(j) && lp.x(j) > 1e-6 {
				forbid = j
				break
			}
		}
		if forbid < 0 {
			t.Fatalf("seed %d: no column of the batches in the optimum", seed)
		}
		lp.setCost(forbid, 1e6)
		p.c[forbid] = 1e6
		ya := 0.0
		for i, y := range lp.duals() {
			ya += y * p.cols[forbid][i]
		}
		if math.Abs(ya-1e6) > lpTestTol*1e6 {
			t.Errorf("seed %d: y·a = %g for the basic column just priced at 1e6", seed, ya)
		}
		if st := lp.solve(0); st != lpOptimal {
			t.Fatalf("seed %d: solve after forbidding, status %d", seed, st)
		}
		if x := lp.x(forbid); x > lpTestTol {
			t.Errorf("seed %d: forbidden column %d at %g", seed, forbid, x)
		}
		scratch = p.build(t, lastCols(m, m))
		scratch.solve(0)
		if z, want := lp.objective(), scratch.objective(); math.Abs(z-want) > lpTestTol*(1+math.Abs(want)) {
			t.Errorf("seed %d: objective after forbidding %g, from scratch %g", seed, z, want)
		}
		checkOptimal(t, p, lp)
	}
}

// partitionLP draws a set-partitioning master: items rows with b = 1,
// subsets columns each holding one to four items at an integer cost,
// then the identity at cost 100 as the starting basis.
func partitionLP(r *rand.Rand, items, subsets int) denseLP {
	p := denseLP{b: make([]float64, items)}
	for i := range p.b {
		p.b[i] = 1
	}
	for range subsets {
		col := make([]float64, items)
		for range 1 + r.IntN(4) {
			col[r.IntN(items)] = 1
		}
		p.cols = append(p.cols, col)
		p.c = append(p.c, float64(1+r.IntN(4)))
	}
	for i := range items {
		col := make([]float64, items)
		col[i] = 1
		p.cols = append(p.cols, col)
		p.c = append(p.c, 100)
	}
	return p
}

// TestSimplex_SetPartitioning solves degenerate set-partitioning masters:
// small ones against enumeration, under each pivoting rule, and larger
// ones to termination with the optimality conditions checked, also in
// the root's finer pricing parts.
func TestSimplex_SetPartitioning(t *testing.T) {
	t.Run("Enumeration", func(t *testing.T) {
		for seed := range uint64(8) {
			p := partitionLP(rand.New(rand.NewPCG(seed, 3)), 6, 16)
			want, _, _ := bruteForce(p)
			for _, blandN := range []int{0, 2, lpBlandAfter} {
				lp := p.build(t, lastCols(22, 6))
				lp.blandN = blandN
				if st := lp.solve(0); st != lpOptimal {
					t.Fatalf("seed %d: status %d", seed, st)
				}
				if z := lp.objective(); math.Abs(z-want) > lpTestTol*(1+math.Abs(want)) {
					t.Errorf("seed %d bland after %d: objective %g, enumeration %g", seed, blandN, z, want)
				}
				checkOptimal(t, p, lp)
			}
		}
	})
	t.Run("Large", func(t *testing.T) {
		// Each way of pivoting, the default first: Bland's rule from the
		// start, after 2 degenerate pivots, and the root's finer parts
		// (100 of the 960 columns at a time, against all of them in one
		// part), which must take another path to the same optimum.
		ways := []struct {
			name   string
			blandN int
			fine   bool
		}{
			{"by default", lpBlandAfter, false},
			{"with Bland's rule", 0, false},
			{"switching to Bland's rule early", 2, false},
			{"in the finer parts", lpBlandAfter, true},
		}
		otherPath := 0
		for seed := range uint64(5) {
			p := partitionLP(rand.New(rand.NewPCG(seed, 5)), 60, 900)
			var z0 float64
			var piv0 int
			for k, w := range ways {
				lp := p.build(t, lastCols(960, 60))
				lp.blandN, lp.fine = w.blandN, w.fine
				if st := lp.solve(100000); st != lpOptimal {
					t.Fatalf("seed %d %s: status %d after %d pivots", seed, w.name, st, lp.pivots())
				}
				checkOptimal(t, p, lp)
				if k == 0 {
					z0, piv0 = lp.objective(), lp.pivots()
					continue
				}
				if z := lp.objective(); math.Abs(z-z0) > lpTestTol*(1+math.Abs(z0)) {
					t.Errorf("seed %d: objective %g %s, %g by default", seed, z, w.name, z0)
				}
				if w.fine && lp.pivots() != piv0 {
					otherPath++
				}
			}
		}
		if otherPath == 0 {
			t.Fatalf("the finer parts pivoted as the default on every seed: not tested")
		}
	})
}

// TestSimplex_FactorInverts checks B⁻¹ B = I for random sparse bases
// mixing unit columns (as the slacks of a master) and 0/1 columns, and
// that a basis with a repeated unit column is found singular.
func TestSimplex_FactorInverts(t *testing.T) {
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 13))
		m := 5 + r.IntN(60)
		lp := newSimplex(make([]float64, m))
		var basis []int
		for i := range m {
			if r.IntN(3) == 0 {
				basis = append(basis, lp.addCol(0, []int32{int32(i)}, []float64{1 + r.Float64()}))
				continue
			}
			var idx []int32
			var val []float64
			for k := range m {
				if k == i || r.IntN(5) == 0 {
					idx = append(idx, int32(k))
					val = append(val, float64(1+r.IntN(2)))
				}
			}
			basis = append(basis, lp.addCol(0, idx, val))
		}
		r.Shuffle(m, func(i, k int) { basis[i], basis[k] = basis[k], basis[i] })
		if !lp.factor(basis) {
			t.Errorf("seed %d: basis of %d rows found singular", seed, m)
			continue
		}
		// (B⁻¹ B)_{i,k} = row i of B⁻¹ times column basis[k].
		var worst float64
		for i := range m {
			for k, j := range basis {
				s := 0.0
				for e := lp.start[j]; e < lp.start[j+1]; e++ {
					s += lp.inv[i*m+int(lp.rows[e])] * lp.vals[e]
				}
				if i == k {
					s--
				}
				worst = max(worst, math.Abs(s))
			}
		}
		if worst > 1e-9 {
			t.Errorf("seed %d: |B⁻¹ B − I| up to %g", seed, worst)
		}
	}
	lp := newSimplex([]float64{1, 1, 1})
	for _, i := range []int32{0, 1, 1} {
		lp.addCol(0, []int32{i}, []float64{1})
	}
	if lp.factor([]int{0, 1, 2}) {
		t.Error("basis e1, e2, e2 found nonsingular")
	}
}

// TestSimplex_PivotLimit checks that solve stops after maxPivots pivots
// with a feasible basis and continues from it to the optimum.
func TestSimplex_PivotLimit(t *testing.T) {
	p := partitionLP(rand.New(rand.NewPCG(1, 5)), 30, 300)
	lp := p.build(t, lastCols(330, 30))
	if st := lp.solve(3); st != lpPivotLimit || lp.pivots() != 3 {
		t.Fatalf("status %d after %d pivots, want limit after 3", st, lp.pivots())
	}
	if st := lp.solve(0); st != lpOptimal {
		t.Fatalf("status %d", st)
	}
	checkOptimal(t, p, lp)
}

// TestSimplex_SetBasisErrors checks that setBasis refuses bases of the
// wrong size, with repeated or unknown columns, singular and infeasible
// bases, and keeps its basis when it does.
func TestSimplex_SetBasisErrors(t *testing.T) {
	// Columns e1, e2, e1 again, e1 − e2; b = (1, 2). The basis {e1, e1 − e2}
	// solves to x = (3, −2), {e2, e1 − e2} to (3, 1).
	p := denseLP{b: []float64{1, 2}, c: []float64{1, 1, 1, 1},
		cols: [][]float64{{1, 0}, {0, 1}, {1, 0}, {1, -1}}}
	lp := p.build(t, []int{0, 1})
	for _, tc := range []struct {
		cols []int
		want error
	}{
		{[]int{0}, nil},
		{[]int{0, 0}, nil},
		{[]int{0, 4}, nil},
		{[]int{0, 2}, errBasisSingular},
		{[]int{0, 3}, errBasisInfeasible},
	} {
		err := lp.setBasis(tc.cols)
		if err == nil || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("basis %v: error %v, want %v", tc.cols, err, tc.want)
		}
		if lp.x(0) != 1 || lp.x(1) != 2 || !lp.basic(0) || !lp.basic(1) {
			t.Errorf("basis %v refused, but x = (%g, %g) basic %v %v", tc.cols, lp.x(0), lp.x(1), lp.basic(0), lp.basic(1))
		}
	}
	if err := lp.setBasis([]int{1, 3}); err != nil {
		t.Fatal(err)
	}
	if lp.x(1) != 3 || lp.x(3) != 1 || lp.basic(0) || lp.x(0) != 0 {
		t.Errorf("basis {e2, e1 − e2}: x = (%g, %g, %g, %g), want (0, 3, 0, 1)", lp.x(0), lp.x(1), lp.x(2), lp.x(3))
	}
}

// rosterLP draws a master problem shaped like the roster's: emps
// convexity rows (b = 1) and covers cover rows (b = lo…hi; the columns
// give about 6 on average), cols columns each of one employee covering 16 to 32
// distinct cover rows at a cost of 20 to 39 for the first 24 rows, 3 more
// for each further one, then per cover row an over-cover column (−1, cost
// 2). The start basis is an artificial column per convexity row (cost
// 1000) and an under-cover column per cover row (cost 50), added last.
func rosterLP(emps, covers, cols, lo, hi int) (b []float64, sparse []simplexCol, basis []int) {
	r := rand.New(rand.NewPCG(2026, 1))
	m := emps + covers
	b = make([]float64, m)
	for i := range m {
		b[i] = 1
		if i >= emps {
			b[i] = float64(lo + r.IntN(hi-lo+1))
		}
	}
	on := make([]bool, covers)
	for range cols {
		clear(on)
		k := 16 + r.IntN(17)
		for _, i := range r.Perm(covers)[:k] {
			on[i] = true
		}
		idx := []int32{int32(r.IntN(emps))}
		val := []float64{1}
		for i, o := range on {
			if o {
				idx = append(idx, int32(emps+i))
				val = append(val, 1)
			}
		}
		cost := float64(20 + r.IntN(20) + 3*max(k-24, 0))
		sparse = append(sparse, simplexCol{cost, idx, val})
	}
	for i := range covers {
		sparse = append(sparse, simplexCol{2, []int32{int32(emps + i)}, []float64{-1}})
	}
	for i := range m {
		cost := 50.0
		if i < emps {
			cost = 1000
		}
		basis = append(basis, len(sparse))
		sparse = append(sparse, simplexCol{cost, []int32{int32(i)}, []float64{1}})
	}
	return b, sparse, basis
}

// simplexCol is a sparse column with its cost.
type simplexCol struct {
	cost float64
	idx  []int32
	val  []float64
}

// BenchmarkSimplex builds and solves a master of 200 rows (40 employees,
// 160 cover rows) and 5 000 columns of 17 to 33 nonzeros from the
// artificial basis, with cover demands about what the columns give
// (4…8) and below it (2…5, every cover row over-covered at the optimum),
// by the pricing rule of price and by the most negative reduced cost.
func BenchmarkSimplex(b *testing.B) {
	for _, d := range [][2]int{{4, 8}, {2, 5}} {
		rhs, cols, basis := rosterLP(40, 160, 5000, d[0], d[1])
		for _, dantzig := range []bool{false, true} {
			name := fmt.Sprintf("demand=%d-%d/rule=scaled", d[0], d[1])
			if dantzig {
				name = fmt.Sprintf("demand=%d-%d/rule=dantzig", d[0], d[1])
			}
			b.Run(name, func(b *testing.B) {
				var piv int
				for b.Loop() {
					lp := newSimplex(rhs)
					for _, c := range cols {
						lp.addCol(c.cost, c.idx, c.val)
					}
					if err := lp.setBasis(basis); err != nil {
						b.Fatal(err)
					}
					lp.dantzig = dantzig
					if st := lp.solve(0); st != lpOptimal {
						b.Fatalf("status %d", st)
					}
					piv = lp.pivots()
				}
				b.ReportMetric(float64(piv), "pivots/op")
			})
		}
	}
}
