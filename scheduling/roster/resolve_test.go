package roster

import (
	"context"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

func TestSolve_CarryIn(t *testing.T) {
	in := smallInput(t, berlinJune(t), 7, 6)
	// a0 worked the six nights before the period; the last ends at 06:00
	// on day 0. A seventh working day, or any shift before 17:00 on day 0
	// (11 h of rest), breaks a rule across the boundary.
	for d := -6; d < 0; d++ {
		in.Previous = append(in.Previous, n(in, "a0", d))
	}
	in.Rules.MaxConsecutiveNights = 6
	t.Run("Caught", func(t *testing.T) {
		vs := Check(in, []scheduling.Shift{e(in, "a0", 0)})
		got := rulesOf(vs)
		for _, want := range []string{"min_daily_rest", "max_consecutive_days"} {
			found := false
			for _, r := range got {
				found = found || r == want
			}
			if !found {
				t.Errorf("Check = %v, want %s across the period boundary", vs, want)
			}
		}
	})
	t.Run("Avoided", func(t *testing.T) {
		res, err := Solve(context.Background(), in, quick)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Shifts {
			if s.AgentID == "a0" && s.Start.Before(in.PeriodStart.AddDate(0, 0, 1)) {
				t.Errorf("a0 works %v on day 0 after six days in a row", s.Start)
			}
		}
		// The carried-in night covers day 0 from 00:00 to 06:00.
		if c := res.Coverage[0]; c.Scheduled < 1 {
			t.Errorf("coverage at %v = %v, want the carried-in night's agent", c.Start, c.Scheduled)
		}
	})
}

// changedDays counts agent-days whose shift differs between two rosters.
func changedDays(in Input, a, b []scheduling.Shift) int {
	c := newCalendar(&in)
	key := func(s scheduling.Shift) [2]any { return [2]any{s.AgentID, c.day(s.Start)} }
	ma := map[[2]any]scheduling.Shift{}
	for _, s := range a {
		ma[key(s)] = s
	}
	mb := map[[2]any]scheduling.Shift{}
	for _, s := range b {
		mb[key(s)] = s
	}
	n := 0
	for k, s := range ma {
		if o, ok := mb[k]; !ok || !o.Start.Equal(s.Start) || !o.End.Equal(s.End) {
			n++
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			n++
		}
	}
	return n
}

func TestSolve_ResolveKeepsPinnedAndDisruptsLittle(t *testing.T) {
	in := smallInput(t, berlinJune(t), 14, 7)
	first, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	// Days 0–1 are past and a1's roster is published: pinned. a0 calls in
	// sick for days 2–4.
	re := in
	var pinned []scheduling.Shift
	for _, s := range first.Shifts {
		if s.AgentID == "a1" || s.Start.Before(in.PeriodStart.AddDate(0, 0, 2)) {
			pinned = append(pinned, s)
		}
	}
	re.Pinned = pinned
	re.Reference = first.Shifts
	y, m, d := in.PeriodStart.Date()
	re.TimeOff = []scheduling.TimeOff{{AgentID: "a0", Kind: "sick", Status: scheduling.TimeOffApproved,
		Start: time.Date(y, m, d+2, 0, 0, 0, 0, in.Location), End: time.Date(y, m, d+5, 0, 0, 0, 0, in.Location)}}
	res, err := Solve(context.Background(), re, quick)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pinned {
		found := false
		for _, s := range res.Shifts {
			if s.AgentID == p.AgentID && s.Start.Equal(p.Start) && s.End.Equal(p.End) && len(s.Breaks) == len(p.Breaks) {
				found = true
				for i := range s.Breaks {
					found = found && s.Breaks[i].Start.Equal(p.Breaks[i].Start)
				}
			}
		}
		if !found {
			t.Errorf("pinned shift %s %v lost or changed", p.AgentID, p.Start)
		}
	}
	for _, s := range res.Shifts {
		if s.AgentID == "a0" && overlaps(s.Start, s.End, re.TimeOff[0].Start, re.TimeOff[0].End) {
			t.Errorf("a0 works %v while sick", s.Start)
		}
	}
	// Property: with the disruption penalty the re-solve changes fewer
	// agent-days than solving the changed input afresh.
	fresh := re
	fresh.Reference = nil
	other, err := Solve(context.Background(), fresh, Settings{MaxIterations: quick.MaxIterations, Threads: 1, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	gentle, rough := changedDays(in, first.Shifts, res.Shifts), changedDays(in, first.Shifts, other.Shifts)
	if gentle >= rough {
		t.Errorf("re-solve changed %d agent-days, a fresh solve %d; want fewer", gentle, rough)
	}
	t.Logf("re-solve changed %d agent-days, a fresh solve %d", gentle, rough)
}

func TestCheck_ManualEdit(t *testing.T) {
	// A lead moves a0's Tuesday early to a late that ends 22:30, the night
	// before a Wednesday 06:00 early: the edit is refused with the rule.
	in := smallInput(t, berlinJune(t), 7, 3)
	roster := []scheduling.Shift{e(in, "a0", 0), e(in, "a0", 1), e(in, "a0", 2)}
	if vs := Check(in, roster); len(vs) != 0 {
		t.Fatalf("before the edit: %v", vs)
	}
	roster[1] = l(in, "a0", 1)
	vs := Check(in, roster)
	if len(vs) != 1 || vs[0].Rule != "min_daily_rest" || vs[0].AgentID != "a0" {
		t.Fatalf("after the edit: %v, want one min_daily_rest for a0", vs)
	}
}
