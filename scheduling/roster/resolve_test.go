package roster

import (
	"context"
	"fmt"
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

// TestSolve_FrozenPastAndShiftIdentity re-solves a roster under way: the
// shifts begun before Frozen are pinned but one, cancelled, and a0 calls in sick for the two
// days after. Properties: nothing new starts before Frozen, the pinned
// shifts come back with their IDs, and every shift the re-solve leaves at
// its agent and times keeps its ID (and its version unless its queue,
// template or breaks changed); no ID is used twice.
func TestSolve_FrozenPastAndShiftIdentity(t *testing.T) {
	in := smallInput(t, berlinJune(t), 14, 7)
	first, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	for i := range first.Shifts {
		first.Shifts[i].ID, first.Shifts[i].Version = fmt.Sprintf("s%d", i), 3
	}
	y, m, d := in.PeriodStart.Date()
	re := in
	re.Frozen = time.Date(y, m, d+2, 10, 0, 0, 0, in.Location)
	var begun []scheduling.Shift
	for _, s := range first.Shifts {
		if s.Start.Before(re.Frozen) {
			begun = append(begun, s)
		} else {
			re.Reference = append(re.Reference, s)
		}
	}
	// The first begun shift was cancelled (the agent went home): it
	// leaves a gap before Frozen that nobody can fill any more.
	begun = begun[1:]
	re.Pinned = begun
	re.TimeOff = []scheduling.TimeOff{{AgentID: "a0", Kind: "sick", Status: scheduling.TimeOffApproved,
		Start: time.Date(y, m, d+3, 0, 0, 0, 0, in.Location), End: time.Date(y, m, d+5, 0, 0, 0, 0, in.Location)}}
	res, err := Solve(context.Background(), re, quick)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		agent      string
		start, end int64
	}
	keyOf := func(s scheduling.Shift) key { return key{s.AgentID, s.Start.Unix(), s.End.Unix()} }
	before := map[key]scheduling.Shift{}
	for _, s := range first.Shifts {
		before[keyOf(s)] = s
	}
	pinned := map[string]bool{}
	for _, s := range begun {
		pinned[s.ID] = true
	}
	ids := map[string]bool{}
	kept, moved := 0, 0
	for _, s := range res.Shifts {
		if s.ID != "" && ids[s.ID] {
			t.Errorf("ID %s used twice", s.ID)
		}
		ids[s.ID] = true
		old, was := before[keyOf(s)]
		switch {
		case pinned[s.ID]:
			if !was || old.ID != s.ID || old.Version != s.Version {
				t.Errorf("begun shift %s of %s at %v changed", s.ID, s.AgentID, s.Start)
			}
		case s.Start.Before(re.Frozen):
			t.Errorf("%s gets a new shift at %v, before the roster's frozen %v", s.AgentID, s.Start, re.Frozen)
		case was:
			kept++
			if s.ID != old.ID || (s.Version != 3 && s.Version != 4) || (s.Version == 3) != sameWork(s, old) {
				t.Errorf("shift of %s at %v: ID %q version %d, want %q at 3 (4 if its work changed)", s.AgentID, s.Start, s.ID, s.Version, old.ID)
			}
		default:
			moved++
			if s.ID != "" {
				t.Errorf("new shift of %s at %v has ID %q", s.AgentID, s.Start, s.ID)
			}
		}
	}
	for id := range pinned {
		if !ids[id] {
			t.Errorf("begun shift %s missing from the re-solve", id)
		}
	}
	if kept == 0 {
		t.Errorf("the re-solve kept no shift of the reference; want most of them")
	}
	t.Logf("%d begun, %d kept, %d new", len(begun), kept, moved)
}

// TestSolve_FrozenFreshPeriod solves a period that began two and a half
// days ago with nothing rostered yet: every shift starts at or after
// Frozen, and the days after it are staffed.
func TestSolve_FrozenFreshPeriod(t *testing.T) {
	in := smallInput(t, berlinJune(t), 7, 6)
	y, m, d := in.PeriodStart.Date()
	in.Frozen = time.Date(y, m, d+2, 12, 0, 0, 0, in.Location)
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Shifts) == 0 {
		t.Fatal("no shifts after Frozen")
	}
	for _, s := range res.Shifts {
		if s.Start.Before(in.Frozen) {
			t.Errorf("%s works from %v, before the period's frozen %v", s.AgentID, s.Start, in.Frozen)
		}
	}
}
