package roster

import (
	"math"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

func TestTrim_DropsShiftBreaksCanSpare(t *testing.T) {
	// Two agents on the 06:00 early (8 h 30 with a 30-minute unpaid
	// lunch) where one agent is needed 06:00–14:30 and none otherwise.
	// Dropping either shift saves Weights.Cost (2) × 8 paid hours = 16
	// and leaves the other agent's lunch uncovered: 1 agent × 0.5 h ×
	// Weights.Cover (20) = 10. Trim drops one; the roster then has 0.5 h
	// under-cover and no over-cover.
	in := smallInput(t, berlinJune(t), 1, 2)
	c := newCalendar(&in)
	for i := range in.Demand[0].Required {
		h := c.start.Add(time.Duration(i) * in.Interval).In(in.Location)
		mins := h.Hour()*60 + h.Minute()
		in.Demand[0].Required[i] = 0
		if mins >= 6*60 && mins < 14*60+30 {
			in.Demand[0].Required[i] = 1
		}
	}
	m, p := polishSetup(t, &in)
	x := [][]int{{0}, {0}} // type 0: E at 06:00
	ps := m.assemble(x, nil)
	ps, changed := m.trim(p, x, ps, time.Time{})
	if !changed || len(ps) != 1 {
		t.Fatalf("trim changed=%v, %d shifts left, want one", changed, len(ps))
	}
	if n := btoi(x[0][0] >= 0) + btoi(x[1][0] >= 0); n != 1 {
		t.Errorf("solver roster %v has %d shifts, want 1", x, n)
	}
	res := &Result{}
	for _, p := range ps {
		res.Shifts = append(res.Shifts, p.shift)
	}
	m.measure(ps, res)
	if v := Check(in, res.Shifts); len(v) > 0 {
		t.Errorf("violations: %v", v)
	}
	if k := res.KPIs; math.Abs(k.UnderHours-0.5) > 1e-9 || k.OverHours > 1e-9 {
		t.Errorf("under %.3f h, over %.3f h; want 0.5 and 0", k.UnderHours, k.OverHours)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// realCost is what trim minimises on placed shifts: weighted under-cover
// of the real coverage, labour, soft rules, requests and disruption.
func realCost(m *model, p *solver.Problem, x [][]int, ps []placed) float64 {
	pl := m.newPolisher(p, x)
	res := &Result{}
	m.measure(ps, res)
	scale := float64(m.w.Cover) * m.c.interval.Hours()
	var c float64
	for _, ic := range res.Coverage {
		qd := m.queues[queueIndex(m.in, ic.QueueID)]
		i := int(ic.Start.Sub(m.c.start) / m.c.interval)
		c += scale * m.dem[qd].lost(i, ic.Scheduled)
	}
	for e, row := range x {
		_, soft := pl.rules.Evaluate(e, row)
		c += float64(soft)
		for d, s := range row {
			c += float64(pl.extra(e, d, s))
			if s >= 0 {
				c += math.Round(float64(m.w.Cost) * m.inst[d*m.S+s].premium * m.agents[e].a.HourlyRate / m.rate)
			}
		}
	}
	return c
}

func TestTrim_NeverWorsens(t *testing.T) {
	// Eight agents all on the 06:00 early Monday to Friday, on a week
	// with 4-hour and 6-hour templates besides: far too many earlies and
	// no lates. Trim must keep the roster legal (Check), must lower the
	// cost it prices and must stop at a local optimum.
	in := smallInput(t, berlinJune(t), 7, 8)
	in.Templates = append(in.Templates,
		scheduling.ShiftTemplate{ID: "M", Code: "M", EarliestStart: 7 * time.Hour, LatestStart: 16 * time.Hour, StartStep: 30 * time.Minute, Length: 6 * time.Hour},
		scheduling.ShiftTemplate{ID: "P", Code: "P", EarliestStart: 7 * time.Hour, LatestStart: 18 * time.Hour, StartStep: 30 * time.Minute, Length: 4 * time.Hour})
	m, p := polishSetup(t, &in)
	x := make([][]int, len(in.Agents))
	for e := range x {
		x[e] = []int{0, 0, 0, 0, 0, solver.Off, solver.Off} // type 0: E at 06:00
	}
	ps := m.assemble(x, nil)
	shifts := func(ps []placed) []scheduling.Shift {
		var out []scheduling.Shift
		for _, p := range ps {
			out = append(out, p.shift)
		}
		return out
	}
	hard0 := len(Check(in, shifts(ps)))
	before := realCost(m, p, x, ps)
	ps, _ = m.trim(p, x, ps, time.Time{})
	after := realCost(m, p, x, ps)
	if hard := len(Check(in, shifts(ps))); hard > hard0 {
		t.Errorf("violations %d → %d", hard0, hard)
	}
	if after >= before {
		t.Errorf("cost %.3f → %.3f, want lower", before, after)
	}
	if _, again := m.trim(p, x, ps, time.Time{}); again {
		t.Errorf("second trim changed the roster, want a local optimum")
	}
	t.Logf("cost %.1f → %.1f, violations %d", before, after, hard0)
}
