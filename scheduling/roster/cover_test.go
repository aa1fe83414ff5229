package roster

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
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

// TestTracker_Price: on random sequences of shifts added and removed by
// agents serving two queues, Price returns what Add returns (priced
// afresh from the loads) and leaves the tracker as it was, also on a cell
// that holds a shift (the solver.CoverPricer contract), and the prices the
// tracker keeps per interval, and remembers per load, stay those of its
// loads.
func TestTracker_Price(t *testing.T) {
	in := smallInput(t, time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), 7, 6)
	chat := in.Queues[0]
	chat.ID, chat.Name, chat.Channel, chat.Concurrency = "c", "Chat", scheduling.Chat, 2
	in.Queues = append(in.Queues, chat)
	req := make([]float64, len(in.Demand[0].Required))
	for i := range req {
		req[i] = float64(i % 3)
	}
	in.Demand = append(in.Demand, QueueDemand{QueueID: "c", Required: req})
	m, err := buildModel(&in)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.agents[0].queues) != 2 {
		t.Fatalf("agents serve %d queues, want 2", len(m.agents[0].queues))
	}
	cv := &coverage{m: m}
	a, b := cv.NewTracker().(*tracker), cv.NewTracker().(*tracker)
	x := make([]int, len(m.agents)*m.D)
	for i := range x {
		x[i] = -1
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for step := range 5000 {
		e, d, s := rng.IntN(len(m.agents)), rng.IntN(m.D), rng.IntN(m.S)
		cell := e*m.D + d
		switch {
		case rng.IntN(3) == 0:
			fresh := addCost(b, e, d, s)
			if got := a.Price(e, d, s); got != fresh {
				t.Fatalf("step %d: Price(%d,%d,%d) = %d, priced afresh from the loads %d", step, e, d, s, got, fresh)
			}
		case x[cell] < 0:
			if got, want := a.Add(e, d, s), b.Add(e, d, s); got != want {
				t.Fatalf("step %d: Add = %d and %d", step, got, want)
			}
			x[cell] = s
		default:
			if got, want := a.Remove(e, d, x[cell]), b.Remove(e, d, x[cell]); got != want {
				t.Fatalf("step %d: Remove = %d and %d", step, got, want)
			}
			x[cell] = -1
		}
		if !slices.Equal(a.n, b.n) || !slices.Equal(a.q, b.q) || a.under != b.under || a.labour != b.labour {
			t.Fatalf("step %d: the trackers differ after the same changes", step)
		}
	}
	for qd := range m.dem {
		for i := range m.c.n {
			j := qd*m.c.n + i
			if p := a.price(qd, i, a.n[j]); a.p[j] != p {
				t.Fatalf("interval %d of curve %d: kept price %d, its load's price %d", i, qd, a.p[j], p)
			}
		}
	}
}

// TestTracker_PricingAPinnedShiftKeepsItsQueue: the row programme prices
// the values of a cell whose shift cannot leave (a pinned shift) with the
// shift still counted. Removing that shift afterwards (as loading a
// roster does) must take it out of the cover again; when pricing cleared
// the cell's queue, the shift stayed counted and was counted twice after
// the next load.
func TestTracker_PricingAPinnedShiftKeepsItsQueue(t *testing.T) {
	in := smallInput(t, time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), 7, 3)
	m, err := buildModel(&in)
	if err != nil {
		t.Fatal(err)
	}
	tr := (&coverage{m: m}).NewTracker().(*tracker)
	empty := slices.Clone(tr.n)
	cost := tr.Cost()
	tr.Add(0, 2, 0)
	for s := range m.S {
		tr.Price(0, 2, s)
	}
	tr.Remove(0, 2, 0)
	if !slices.Equal(tr.n, empty) || tr.Cost() != cost {
		t.Errorf("after adding, pricing and removing a shift the cover holds %v agent-minutes more (cost %d, was %d)",
			sumDiff(tr.n, empty), tr.Cost(), cost)
	}
}

func sumDiff(a, b []int32) int64 {
	var d int64
	for i := range a {
		d += int64(a[i] - b[i])
	}
	return d
}

// addCost is what Add(e, d, s) returns, priced afresh from the loads: the
// labour cost and the least change of cover cost over the agent's queues.
func addCost(t *tracker, e, d, s int) int64 {
	m := t.m
	ins := &m.inst[d*m.S+s]
	var best int64
	found := false
	for _, qd := range m.agents[e].queues {
		var dl int64
		for k := range ins.prof {
			v := ins.phoneMinutes(k, m.agents[e].training[d])
			j := qd*m.c.n + ins.first + k
			dl += t.price(qd, ins.first+k, t.n[j]+v) - t.price(qd, ins.first+k, t.n[j])
		}
		if !found || dl < best {
			best, found = dl, true
		}
	}
	return t.labourCost(e, d, s) + best
}
