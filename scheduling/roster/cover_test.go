package roster

import (
	"math"
	"testing"
)

func TestCover_FractionalRequirement(t *testing.T) {
	// One interval needs 2.25 agents and every agent adds the same
	// service (flat marginals, so the normalised value is 1). The first
	// two agents are required: weight requiredBase + (1 − requiredBase)·1
	// = 1 each. A quarter of the third is required: 0.25·1 + 0.75·0.05 =
	// 0.2875. The fourth is surplus: 0.05. So the value curve is
	// 0, 1, 2, 2.2875, 2.3375 and a missing agent-interval costs, from
	// 0 to 4 agents, 2.3375, 1.3375, 0.3375, 0.05, 0.
	in := smallInput(t, berlinJune(t), 1, 1)
	d := &in.Demand[0]
	d.Marginal = make([][]float64, len(d.Required))
	for i := range d.Marginal {
		d.Marginal[i] = []float64{0, 1, 1, 1, 1}
	}
	d.Required[0] = 2.25
	if err := in.validate(); err != nil {
		t.Fatal(err)
	}
	m, err := buildModel(&in)
	if err != nil {
		t.Fatal(err)
	}
	dc := &m.dem[0]
	const tol = 1e-12
	for k, want := range []float64{2.3375, 1.3375, 0.3375, 0.05, 0} {
		if got := dc.lost(0, float64(k)); math.Abs(got-want) > tol {
			t.Errorf("lost with %d agents = %v, want %v", k, got, want)
		}
	}
	// Rounding 2.25 up to 3 agents is worth what a quarter of a
	// required agent and three quarters of a surplus one are worth.
	if got, want := dc.lost(0, 2)-dc.lost(0, 3), 0.2875; math.Abs(got-want) > tol {
		t.Errorf("third agent worth %v, want %v", got, want)
	}
}

func TestRequiredShare(t *testing.T) {
	for _, c := range []struct {
		req  float64
		k    int
		want float64
	}{
		{63.04, 63, 1}, {63.04, 64, 0.04}, {63.04, 65, 0}, {2, 2, 1}, {2, 3, 0}, {0, 1, 0},
	} {
		if got := requiredShare(c.req, c.k); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("requiredShare(%v, %d) = %v, want %v", c.req, c.k, got, c.want)
		}
	}
}
