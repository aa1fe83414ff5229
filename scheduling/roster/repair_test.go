package roster

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// repairSetup is days days from Monday 1 June 2026 for one full-time
// agent who must work 40 hours (five 8-hour earlies) every week, at most
// five days, and keep every weekend off; early is the type of the 07:00
// early.
func repairSetup(t *testing.T, days int) (m *model, p *solver.Problem, early int, violations func(row []int) []Violation) {
	t.Helper()
	in := smallInput(t, berlinJune(t), days, 1)
	in.Agents[0].Contract.WeeklyMinHours = 40
	in.Rules.MinWeekendsOff = (days + 1) / 7
	m, p = polishSetup(t, &in)
	early = slices.IndexFunc(m.types, func(ty shiftType) bool { return ty.tmpl == 0 && ty.start == 7*time.Hour })
	ctx := newCheckContext(m.in, m.c)
	violations = func(row []int) []Violation {
		var out []Violation
		for _, v := range ctx.agent(m.agents[0].a, m.timeline(0, row)) {
			if v.Rule != "breaks" && v.Rule != "training" {
				out = append(out, v)
			}
		}
		return out
	}
	return m, p, early, violations
}

// rowOf is a row of n days working early on the days given (0 = the
// first Monday).
func rowOf(n, early int, days ...int) []int {
	row := make([]int, n)
	for d := range row {
		row[d] = solver.Off
	}
	for _, d := range days {
		row[d] = early
	}
	return row
}

// worked is the days row works.
func worked(row []int) []int {
	var out []int
	for d, s := range row {
		if s >= 0 {
			out = append(out, d)
		}
	}
	return out
}

func TestRepair_TradesAWeekendDay(t *testing.T) {
	// Monday to Thursday and Saturday, then Monday to Friday: 40 hours
	// each week, but the first Saturday breaks min_weekends_off.
	// Dropping it leaves 32 hours, short of the weekly 40, so removing
	// shifts alone cannot mend the row; Saturday traded for the free
	// Friday can.
	m, p, early, violations := repairSetup(t, 14)
	x := [][]int{rowOf(14, early, 0, 1, 2, 3, 5, 7, 8, 9, 10, 11)}
	if vs := violations(x[0]); len(vs) != 1 || vs[0].Rule != "min_weekends_off" {
		t.Fatalf("before: %v, want one min_weekends_off", vs)
	}
	changed := m.repair(p, x, time.Time{})
	if vs := violations(x[0]); len(vs) != 0 {
		t.Errorf("after: %v, want none", vs)
	}
	// Friday takes the shift the cover wants most, not necessarily an early.
	if got, want := worked(x[0]), []int{0, 1, 2, 3, 4, 7, 8, 9, 10, 11}; !slices.Equal(got, want) || changed != 2 {
		t.Errorf("repaired row %v works days %v (%d cells changed), want %v (2)", x[0], got, changed, want)
	}
}

func TestRepair_TradesAWeekendForTwoWeekdays(t *testing.T) {
	// A week of Monday to Wednesday and the whole weekend: the weekend
	// off takes 16 of the week's 40 hours, which only Thursday and Friday
	// together give back (a trade of depth two).
	m, p, early, violations := repairSetup(t, 7)
	x := [][]int{rowOf(7, early, 0, 1, 2, 5, 6)}
	if vs := violations(x[0]); len(vs) != 1 || vs[0].Rule != "min_weekends_off" {
		t.Fatalf("before: %v, want one min_weekends_off", vs)
	}
	m.repair(p, x, time.Time{})
	if vs := violations(x[0]); len(vs) != 0 {
		t.Errorf("after: %v, want none", vs)
	}
	if got, want := worked(x[0]), []int{0, 1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("repaired row %v works days %v, want %v", x[0], got, want)
	}
}

func TestRepair_NeverWorsensAndKeepsPins(t *testing.T) {
	// Random rows of earlies, lates and nights: the repair never leaves
	// more violations than it found and never changes a pinned cell.
	m, p, _, violations := repairSetup(t, 14)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 40 {
		row := make([]int, 14)
		for d := range row {
			row[d] = solver.Off
			if rng.IntN(3) > 0 {
				row[d] = rng.IntN(m.S)
			}
		}
		pinDay := rng.IntN(14)
		row[pinDay] = rng.IntN(m.S)
		ins := &m.inst[pinDay*m.S+row[pinDay]]
		m.pins = map[[2]int]scheduling.Shift{{0, pinDay}: {AgentID: "a0", TemplateID: ins.templateID, Start: ins.start, End: ins.end,
			Status: scheduling.ShiftActive, Breaks: m.unpaidPlaceholder(ins)}}
		before := len(violations(row))
		x := [][]int{slices.Clone(row)}
		m.repair(p, x, time.Time{})
		if after := len(violations(x[0])); after > before {
			t.Errorf("row %d %v: %d violations after repair, %d before", i, row, after, before)
		}
		if x[0][pinDay] != row[pinDay] {
			t.Errorf("row %d: pinned day %d changed from %d to %d", i, pinDay, row[pinDay], x[0][pinDay])
		}
	}
}

func TestRepair_PastDeadlineChangesNothing(t *testing.T) {
	// With the deadline passed neither the removals nor the trades run:
	// the time left after it is the finish's (breaks, the final check,
	// the KPIs).
	m, p, early, violations := repairSetup(t, 14)
	past := time.Now().Add(-time.Second)
	for _, c := range []struct {
		name string
		row  []int
	}{
		// Monday to Saturday, then Monday to Friday: the Saturday breaks
		// min_weekends_off (and the five-day week); a removal would mend
		// it.
		{"Removal", rowOf(14, early, 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11)},
		// The row of TestRepair_TradesAWeekendDay, which needs a trade.
		{"Trade", rowOf(14, early, 0, 1, 2, 3, 5, 7, 8, 9, 10, 11)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if len(violations(c.row)) == 0 {
				t.Fatal("before: no violation")
			}
			x := [][]int{slices.Clone(c.row)}
			if changed := m.repair(p, x, past); changed != 0 || !slices.Equal(x[0], c.row) {
				t.Errorf("after the deadline: %d cells changed, row %v, want %v", changed, x[0], c.row)
			}
		})
	}
}
