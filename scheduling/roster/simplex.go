package roster

import "math"

// Tolerances of the covering simplex.
const (
	// simplexOptTol is the reduced cost above −simplexOptTol that counts
	// as optimal.
	simplexOptTol = 1e-9
	// simplexPivTol is the smallest entry of an entering column that may
	// serve as a pivot.
	simplexPivTol = 1e-9
	// simplexRefactor is how many pivots pass between two fresh
	// inversions of the basis.
	simplexRefactor = 128
)

// lpColumn is a column of a covering LP: its entries in each row, the
// rows where they are not 0 (all rows when nil) and its cost.
type lpColumn struct {
	a    []float64
	nz   []int
	cost float64
}

// covering solves the linear programme
//
//	min c·x  subject to  A·x ≥ b,  x ≥ 0
//
// whose columns are not listed but priced: given the row duals y, price
// returns a column of least reduced cost c_j − y·a_j and that reduced
// cost. It is the revised simplex method with column generation (Dantzig
// and Wolfe's decomposition idea; Chvátal, Linear Programming, 1983,
// ch. 7 and 13) on an explicit basis inverse, started from surplus
// columns where b_i ≤ 0 and artificial columns of cost bigM where
// b_i > 0.
//
// covering returns the row duals y of its last basis. They are optimal
// when the method ends within maxPivots; callers that need a proof, as the
// hours bound does, check y themselves. Rows must be few (a day of
// intervals): each pivot costs O(rows²).
func covering(b []float64, bigM float64, maxPivots int, price func(y []float64) (lpColumn, float64)) []float64 {
	m := len(b)
	binv := make([]float64, m*m)
	basis := make([]lpColumn, m)
	xb := make([]float64, m)
	for i := range b {
		a := make([]float64, m)
		if b[i] > 0 {
			a[i] = 1
			basis[i] = lpColumn{a: a, cost: bigM}
		} else {
			a[i] = -1
			basis[i] = lpColumn{a: a}
		}
	}
	refactor := func() {
		if !invert(basis, binv) {
			return // keep the updated inverse
		}
		for k := range xb {
			xb[k] = dot(binv[k*m:(k+1)*m], b)
		}
	}
	refactor()
	y := make([]float64, m)
	duals := func() {
		for j := range y {
			y[j] = 0
		}
		for k, col := range basis {
			if col.cost == 0 {
				continue
			}
			row := binv[k*m : (k+1)*m]
			for j := range y {
				y[j] += col.cost * row[j]
			}
		}
	}
	duals()
	d := make([]float64, m)
	for pivot := 0; ; pivot++ {
		if pivot == maxPivots {
			return y
		}
		// Entering column: the generated one or a surplus column −e_i,
		// whose reduced cost is y_i.
		in, rc := price(y)
		for i, v := range y {
			if v < rc {
				a := make([]float64, m)
				a[i] = -1
				in, rc = lpColumn{a: a}, v
			}
		}
		if rc >= -simplexOptTol {
			return y
		}
		for k := range d {
			row := binv[k*m : (k+1)*m]
			if in.nz == nil {
				d[k] = dot(row, in.a)
				continue
			}
			var s float64
			for _, j := range in.nz {
				s += row[j] * in.a[j]
			}
			d[k] = s
		}
		p, best := -1, math.Inf(1)
		for k, dk := range d {
			if dk <= simplexPivTol {
				continue
			}
			if r := math.Max(xb[k], 0) / dk; r < best || (r == best && dk > d[p]) {
				p, best = k, r
			}
		}
		if p < 0 {
			return y // unbounded: impossible with non-negative costs
		}
		for k := range xb {
			if k != p {
				xb[k] -= best * d[k]
			}
		}
		xb[p] = best
		// The duals move along the leaving row: y += rc/d_p · (B⁻¹)_p.
		rowP := binv[p*m : (p+1)*m]
		for j := range rowP {
			rowP[j] /= d[p]
			y[j] += rc * rowP[j]
		}
		for k := range d {
			if k == p || d[k] == 0 {
				continue
			}
			row := binv[k*m : (k+1)*m]
			for j, v := range rowP {
				row[j] -= d[k] * v
			}
		}
		basis[p] = in
		if (pivot+1)%simplexRefactor == 0 {
			refactor()
			duals()
		}
	}
}

// invert writes the inverse of the matrix whose columns are basis into
// inv (row-major) by Gauss–Jordan elimination with partial pivoting; false
// when the matrix is numerically singular.
func invert(basis []lpColumn, inv []float64) bool {
	m := len(basis)
	a := make([]float64, m*m)
	for j, col := range basis {
		for i, v := range col.a {
			a[i*m+j] = v
		}
	}
	out := make([]float64, m*m)
	for i := 0; i < m; i++ {
		out[i*m+i] = 1
	}
	for c := 0; c < m; c++ {
		p := c
		for r := c + 1; r < m; r++ {
			if math.Abs(a[r*m+c]) > math.Abs(a[p*m+c]) {
				p = r
			}
		}
		if math.Abs(a[p*m+c]) < simplexPivTol {
			return false
		}
		if p != c {
			for j := 0; j < m; j++ {
				a[p*m+j], a[c*m+j] = a[c*m+j], a[p*m+j]
				out[p*m+j], out[c*m+j] = out[c*m+j], out[p*m+j]
			}
		}
		f := 1 / a[c*m+c]
		for j := 0; j < m; j++ {
			a[c*m+j] *= f
			out[c*m+j] *= f
		}
		for r := 0; r < m; r++ {
			if r == c || a[r*m+c] == 0 {
				continue
			}
			g := a[r*m+c]
			for j := 0; j < m; j++ {
				a[r*m+j] -= g * a[c*m+j]
				out[r*m+j] -= g * out[c*m+j]
			}
		}
	}
	copy(inv, out)
	return true
}

func dot(x, y []float64) float64 {
	var s float64
	for i, v := range x {
		s += v * y[i]
	}
	return s
}
