package roster

import (
	"math"
	"testing"
)

func TestCovering_SmallLP(t *testing.T) {
	// min 3x₁ + x₂ + 1.5x₃ s.t. x₁ + x₂ ≥ 2, x₁ + x₃ ≥ 1, x ≥ 0.
	// By hand: x₂ = 2, x₃ = 1 costs 3.5; any x₁ > 0 replaces a unit of
	// x₂ and of x₃ (2.5) at 3, so that is optimal. The duals y = (1, 1.5)
	// price x₂ and x₃ at their cost and x₁ at 2.5 ≤ 3: y·b = 3.5.
	cols := []lpColumn{{a: []float64{1, 1}, cost: 3}, {a: []float64{1, 0}, cost: 1}, {a: []float64{0, 1}, cost: 1.5}}
	price := func(y []float64) (lpColumn, float64) {
		best, rc := lpColumn{}, 0.0
		for _, c := range cols {
			if r := c.cost - dot(y, c.a); r < rc {
				best, rc = c, r
			}
		}
		return best, rc
	}
	y := covering([]float64{2, 1}, 100, 100, price)
	if math.Abs(y[0]-1) > boundTol || math.Abs(y[1]-1.5) > boundTol {
		t.Errorf("duals %v, want [1 1.5]", y)
	}
}
