package roster

import (
	"context"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// polishSetup compiles in for polish tests.
func polishSetup(t *testing.T, in *Input) (*model, *solver.Problem) {
	t.Helper()
	if err := in.validate(); err != nil {
		t.Fatal(err)
	}
	m, err := buildModel(in)
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.problem()
	if err != nil {
		t.Fatal(err)
	}
	p.Rules[0].(*agentRules).prepare()
	return m, p
}

func TestPolish_SlidesStartIntoDemand(t *testing.T) {
	// One agent, one day, one agent needed 08:00–16:30 and an early template starting 06:00–08:00 every 30 minutes: the
	// only shift that covers the whole need starts at 08:00, and every
	// 30-minute slide from 06:00 towards it uncovers a half hour without
	// demand and covers one with demand, so the descent reaches 08:00.
	in := smallInput(t, berlinJune(t), 1, 1)
	in.Templates = in.Templates[:1]
	in.Templates[0].StartStep = 30 * time.Minute
	in.Templates[0].Breaks = nil
	c := newCalendar(&in)
	for i := range in.Demand[0].Required {
		h := c.start.Add(time.Duration(i) * in.Interval).In(in.Location)
		m := h.Hour()*60 + h.Minute()
		in.Demand[0].Required[i] = 0
		if m >= 8*60 && m < 16*60+30 {
			in.Demand[0].Required[i] = 1
		}
	}
	m, p := polishSetup(t, &in)
	x := [][]int{{0}} // type 0: E at 06:00
	before := solver.Evaluate(p, x)
	gain, _ := m.polish(p, x, time.Time{})
	after := solver.Evaluate(p, x)
	if got := m.types[x[0][0]].start; got != 8*time.Hour {
		t.Errorf("polished start %v, want 8h0m0s", got)
	}
	// Conservation: the reported gain is the change of the objective.
	if after.Soft-before.Soft != gain || gain >= 0 {
		t.Errorf("objective %d → %d, polish reported %d", before.Soft, after.Soft, gain)
	}
}

func TestPolish_NeverWorsens(t *testing.T) {
	// A short search on a week with 4-hour and 6-hour templates besides
	// the 8-hour ones leaves room to improve; polish must not add a hard
	// violation, must report exactly the change of the objective and must
	// stop at a local optimum (a second run finds nothing).
	in := smallInput(t, berlinJune(t), 7, 8)
	in.Templates = append(in.Templates,
		scheduling.ShiftTemplate{ID: "M", Code: "M", EarliestStart: 7 * time.Hour, LatestStart: 16 * time.Hour, StartStep: 30 * time.Minute, Length: 6 * time.Hour},
		scheduling.ShiftTemplate{ID: "P", Code: "P", EarliestStart: 7 * time.Hour, LatestStart: 18 * time.Hour, StartStep: 30 * time.Minute, Length: 4 * time.Hour})
	m, p := polishSetup(t, &in)
	sr, err := solver.Solve(context.Background(), p, solver.Settings{MaxIterations: 20000, Threads: 1, Seed: 1, HardWeight: hardWeight})
	if err != nil && sr == nil {
		t.Fatal(err)
	}
	x := sr.Roster
	before := solver.Evaluate(p, x)
	gain, queue := m.polish(p, x, time.Time{})
	after := solver.Evaluate(p, x)
	if after.Hard > before.Hard {
		t.Errorf("hard violations %d → %d", before.Hard, after.Hard)
	}
	if after.Soft-before.Soft != gain || gain > 0 {
		t.Errorf("objective %d → %d, polish reported %d", before.Soft, after.Soft, gain)
	}
	if len(queue) != len(x)*in.Days {
		t.Errorf("%d queue entries for %d cells", len(queue), len(x)*in.Days)
	}
	if again, _ := m.polish(p, x, time.Time{}); again != 0 {
		t.Errorf("second polish gained %d, want 0 at a local optimum", again)
	}
}

func TestPolish_DropsShiftWithoutDemand(t *testing.T) {
	// One agent without a weekly minimum on a day without demand: the
	// early shift covers nothing, so dropping it saves its labour cost,
	// Weights.Cost (2) × 8 paid hours (8 h 30 less the unpaid 30-minute
	// lunch) × rate/mean rate (1), no premiums: a gain of −16.
	in := smallInput(t, berlinJune(t), 1, 1)
	for i := range in.Demand[0].Required {
		in.Demand[0].Required[i] = 0
	}
	m, p := polishSetup(t, &in)
	x := [][]int{{0}} // type 0: E at 06:00
	gain, queue := m.polish(p, x, time.Time{})
	if x[0][0] != solver.Off || gain != -16 {
		t.Errorf("polished to type %d with gain %d, want off (%d) with gain -16", x[0][0], gain, solver.Off)
	}
	if queue[0] != -1 {
		t.Errorf("queue of the dropped cell %d, want -1", queue[0])
	}
}
