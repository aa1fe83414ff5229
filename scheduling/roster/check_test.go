package roster

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// berlinJune is Monday 1 June 2026 in Berlin (no DST change, no holiday in
// the following fortnight in DE-BE).
func berlinJune(t testing.TB) time.Time {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, 6, 1, 0, 0, 0, 0, loc)
}

// shift is agent a's shift starting at local clock hh:mm on day d of in's
// period, lasting length (elapsed), from template tmpl with its breaks
// placed at the earliest allowed time.
func shift(in Input, a string, d int, hh, mm int, length time.Duration, tmpl string) scheduling.Shift {
	y, m, dd := in.PeriodStart.Date()
	s := time.Date(y, m, dd+d, hh, mm, 0, 0, in.Location)
	sh := scheduling.Shift{AgentID: a, TemplateID: tmpl, Start: s, End: s.Add(length), Status: scheduling.ShiftActive}
	for _, t := range in.Templates {
		if t.ID == tmpl {
			for _, b := range t.Breaks {
				bs := s.Add(b.EarliestAfter)
				sh.Breaks = append(sh.Breaks, scheduling.Break{Start: bs, End: bs.Add(b.Length), Paid: b.Paid, Name: b.Name})
			}
		}
	}
	return sh
}

const (
	early = 8*time.Hour + 30*time.Minute // the E and L templates' length
	night = 8 * time.Hour                // the N template's length
)

func e(in Input, a string, d int) scheduling.Shift { return shift(in, a, d, 6, 0, early, "E") }
func l(in Input, a string, d int) scheduling.Shift { return shift(in, a, d, 14, 0, early, "L") }
func n(in Input, a string, d int) scheduling.Shift { return shift(in, a, d, 22, 0, night, "N") }

func rulesOf(vs []Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Rule)
	}
	return out
}

// ruleCases are, for every hard rule, an input in which the rule binds
// and a roster that breaks it (and, by construction, only a few others).
var ruleCases = []struct {
	rule   string
	mutate func(in *Input)
	roster func(in Input) []scheduling.Shift
}{
	{"min_daily_rest", nil, func(in Input) []scheduling.Shift {
		// 22:30 → 06:00 is 7.5 h of rest, 11 h required.
		return []scheduling.Shift{l(in, "a0", 0), e(in, "a0", 1)}
	}},
	{"overlap", nil, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 0), shift(in, "a0", 0, 10, 0, early, "")}
	}},
	{"weekly_rest", nil, func(in Input) []scheduling.Shift {
		// Early, late, night, repeated with 23.5–24 h of rest between
		// shifts: no rest of 35 h touches the week from day 2 to day 8.
		return []scheduling.Shift{e(in, "a0", 0), l(in, "a0", 1), n(in, "a0", 2), e(in, "a0", 4), l(in, "a0", 5), n(in, "a0", 6),
			e(in, "a0", 8), l(in, "a0", 9), n(in, "a0", 10)}
	}},
	{"max_consecutive_days", func(in *Input) {
		in.Rules.MaxConsecutiveDays = 3
		in.Agents[0].Contract.MaxDaysPerWeek = 7
	}, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 0), e(in, "a0", 1), e(in, "a0", 2), e(in, "a0", 3)}
	}},
	{"max_consecutive_nights", nil, func(in Input) []scheduling.Shift {
		// Five nights in a row, at most four by default.
		return []scheduling.Shift{n(in, "a0", 0), n(in, "a0", 1), n(in, "a0", 2), n(in, "a0", 3), n(in, "a0", 4)}
	}},
	{"max_nights_per_period", func(in *Input) { in.Rules.MaxNightsPerPeriod = 2 }, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{n(in, "a0", 0), n(in, "a0", 2), n(in, "a0", 4)}
	}},
	{"min_weekends_off", nil, func(in Input) []scheduling.Shift {
		// Both Saturdays of the fortnight worked; half of 2 weekends = 1 must be off.
		return []scheduling.Shift{e(in, "a0", 5), e(in, "a0", 12)}
	}},
	{"max_average_weekly_hours", func(in *Input) { in.Rules.MaxAverageWeeklyHours = 10 }, func(in Input) []scheduling.Shift {
		// 3 × 8 h paid = 24 h in a fortnight, more than 10 h × 2 weeks.
		return []scheduling.Shift{e(in, "a0", 0), e(in, "a0", 1), e(in, "a0", 2)}
	}},
	{"max_weekly_hours", func(in *Input) { in.Agents[0].Contract.WeeklyMaxHours = 16 }, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 0), e(in, "a0", 1), e(in, "a0", 2)}
	}},
	{"min_weekly_hours", func(in *Input) { in.Agents[0].Contract.WeeklyMinHours = 32 }, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 0), e(in, "a0", 1), e(in, "a0", 7), e(in, "a0", 8), e(in, "a0", 9), e(in, "a0", 10)}
	}},
	{"period_hours", func(in *Input) { in.Agents[0].Contract.PeriodMaxHours = 16 }, func(in Input) []scheduling.Shift {
		// 3 × 8 h paid = 24 h in the fortnight, at most 16 h.
		return []scheduling.Shift{e(in, "a0", 0), e(in, "a0", 1), e(in, "a0", 2)}
	}},
	{"max_days_per_week", func(in *Input) { in.Agents[0].Contract.MaxDaysPerWeek = 3 }, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 0), e(in, "a0", 1), e(in, "a0", 2), e(in, "a0", 3)}
	}},
	{"fixed_day_off", func(in *Input) { in.Agents[0].Contract.FixedDaysOff = []time.Weekday{time.Monday} }, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 0)}
	}},
	{"time_off", func(in *Input) {
		y, m, d := in.PeriodStart.Date()
		in.TimeOff = []scheduling.TimeOff{{AgentID: "a0", Kind: "vacation", Status: scheduling.TimeOffApproved,
			Start: time.Date(y, m, d+1, 0, 0, 0, 0, in.Location), End: time.Date(y, m, d+3, 0, 0, 0, 0, in.Location)}}
	}, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 1)}
	}},
	{"unavailable", func(in *Input) {
		y, m, d := in.PeriodStart.Date()
		in.Unavailable = []Window{{AgentID: "a0", Start: time.Date(y, m, d+2, 8, 0, 0, 0, in.Location), End: time.Date(y, m, d+2, 12, 0, 0, 0, in.Location)}}
	}, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 2)}
	}},
	{"unavailable", func(in *Input) {
		// The agent's last working day is day 3 (employment ends at
		// day 4's midnight): day 4's early starts after it.
		y, m, d := in.PeriodStart.Date()
		in.Unavailable = []Window{{AgentID: "a0", Start: time.Date(y, m, d+4, 0, 0, 0, 0, in.Location), End: in.PeriodStart.AddDate(0, 0, 14),
			StartsOnly: true, Reason: "after the last working day, 4 Jun 2026"}}
	}, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{e(in, "a0", 4)}
	}},
	{"training", func(in *Input) {
		y, m, d := in.PeriodStart.Date()
		in.Training = []Training{{AgentID: "a0", Name: "GDPR", Start: time.Date(y, m, d+3, 10, 0, 0, 0, in.Location), End: time.Date(y, m, d+3, 12, 0, 0, 0, in.Location)}}
	}, func(in Input) []scheduling.Shift {
		return []scheduling.Shift{l(in, "a0", 3)}
	}},
	{"skills", func(in *Input) { in.Agents[0].Skills = []string{"chat"} }, func(in Input) []scheduling.Shift {
		s := e(in, "a0", 0)
		s.QueueID = "q"
		return []scheduling.Shift{s}
	}},
	{"breaks", nil, func(in Input) []scheduling.Shift {
		s := e(in, "a0", 0)
		s.Breaks = nil
		return []scheduling.Shift{s}
	}},
}

func TestCheck_EveryRuleCaught(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.rule, func(t *testing.T) {
			in := smallInput(t, berlinJune(t), 14, 6)
			if tc.mutate != nil {
				tc.mutate(&in)
			}
			vs := Check(in, tc.roster(in))
			if !slices.Contains(rulesOf(vs), tc.rule) {
				t.Fatalf("Check = %v, want a %s violation", vs, tc.rule)
			}
			for _, v := range vs {
				if v.AgentID != "a0" || v.Message == "" {
					t.Errorf("violation %+v: want agent a0 and a message", v)
				}
			}
		})
	}
}

func TestCheck_LegalRosterPasses(t *testing.T) {
	in := smallInput(t, berlinJune(t), 14, 6)
	// Two weeks of early shifts Monday to Friday: rest 21.5 h, weekends off.
	var shifts []scheduling.Shift
	for d := range 14 {
		if d%7 < 5 {
			shifts = append(shifts, e(in, "a0", d))
		}
	}
	if vs := Check(in, shifts); len(vs) > 0 {
		t.Fatalf("Check = %v, want none", vs)
	}
}

func TestCheck_MessageNamesShifts(t *testing.T) {
	in := smallInput(t, berlinJune(t), 14, 6)
	vs := Check(in, []scheduling.Shift{l(in, "a0", 0), e(in, "a0", 1)})
	// 14:00 + 8.5 h = 22:30; 22:30 → 06:00 is 7.5 h.
	want := "min_daily_rest: 7.5h between 14:00 shift on 1 Jun and 06:00 shift on 2 Jun, 11h required"
	if len(vs) != 1 || vs[0].String() != want {
		t.Fatalf("Check = %v, want [%s]", vs, want)
	}
}

func TestCheck_StartsOnlyWindow(t *testing.T) {
	// Employment ends at Friday 5 June's midnight (the last working day
	// is Thursday 4 June, day 3): Thursday's night, 22:00–06:00, begins
	// on it and may end on Friday; Friday's early may not start.
	in := smallInput(t, berlinJune(t), 14, 6)
	y, m, d := in.PeriodStart.Date()
	gone := time.Date(y, m, d+4, 0, 0, 0, 0, in.Location)
	in.Unavailable = []Window{{AgentID: "a0", Start: gone, End: in.PeriodStart.AddDate(0, 0, 14),
		StartsOnly: true, Reason: "after the last working day, 4 Jun 2026"}}
	if vs := Check(in, []scheduling.Shift{n(in, "a0", 3)}); len(vs) != 0 {
		t.Errorf("night from the last working day: %v, want none", vs)
	}
	vs := Check(in, []scheduling.Shift{e(in, "a0", 4)})
	want := "unavailable: 06:00 shift on 5 Jun is after the last working day, 4 Jun 2026"
	if len(vs) != 1 || vs[0].String() != want {
		t.Errorf("early after the last working day: %v, want [%s]", vs, want)
	}
	// The same window overlapping, as before: the night breaks it too.
	in.Unavailable[0].StartsOnly = false
	if vs := Check(in, []scheduling.Shift{n(in, "a0", 3)}); !slices.Contains(rulesOf(vs), "unavailable") {
		t.Errorf("night into an overlap window: %v, want unavailable", vs)
	}

	// The model allows the night on day 3 and no shift from day 4 on.
	in.Unavailable[0].StartsOnly = true
	m0, err := buildModel(&in)
	if err != nil {
		t.Fatal(err)
	}
	am := &m0.agents[slices.IndexFunc(m0.agents, func(a agentModel) bool { return a.a.ID == "a0" })]
	nightOK, after := false, 0
	for dd := 0; dd < m0.D; dd++ {
		for s := 0; s < m0.S; s++ {
			ins := &m0.inst[dd*m0.S+s]
			if !am.allowed[dd*m0.S+s] {
				continue
			}
			if !ins.start.Before(gone) {
				after++
			}
			if dd == 3 && ins.end.After(gone) {
				nightOK = true
			}
		}
	}
	if !nightOK || after != 0 {
		t.Errorf("model: a shift into day 4 allowed on day 3 = %v, shifts allowed from day 4 = %d; want true, 0", nightOK, after)
	}
}

func TestSolve_AvoidsEveryRule(t *testing.T) {
	for _, tc := range ruleCases {
		if tc.rule == "overlap" || tc.rule == "skills" || tc.rule == "breaks" {
			continue // structural: one shift per day, queues by skill, breaks placed by Solve
		}
		t.Run(tc.rule, func(t *testing.T) {
			// Six agents for about 4.6 shifts a day: the rules bind.
			in := smallInput(t, berlinJune(t), 14, 6)
			if tc.mutate != nil {
				tc.mutate(&in)
			}
			res, err := Solve(context.Background(), in, Settings{MaxIterations: 60000, Threads: 1, Seed: 1})
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			if vs := Check(in, res.Shifts); len(vs) > 0 {
				t.Fatalf("Check of the solved roster = %v", vs)
			}
			if len(res.Shifts) == 0 {
				t.Fatal("no shifts")
			}
		})
	}
}

func TestSolve_TrainingInsideAShift(t *testing.T) {
	in := smallInput(t, berlinJune(t), 7, 6)
	y, m, d := in.PeriodStart.Date()
	tr := Training{AgentID: "a0", Name: "GDPR", Start: time.Date(y, m, d+3, 10, 0, 0, 0, in.Location), End: time.Date(y, m, d+3, 12, 0, 0, 0, in.Location)}
	in.Training = []Training{tr}
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range res.Shifts {
		for _, b := range s.Breaks {
			if s.AgentID == "a0" && b.Start.Equal(tr.Start) && b.End.Equal(tr.End) && b.Paid && strings.HasPrefix(b.Name, "training") {
				found = true
			}
		}
	}
	if !found {
		t.Fatal("the training session is not a paid off-phone part of a0's shift")
	}
}
