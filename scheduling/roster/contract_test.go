package roster

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// changeInput is smallInput for three weeks from Monday 1 June 2026
// with one agent whose contract changes on Thursday 11 June (day 10):
// from 40 h a week at most, 5 days, 160 h in the period and 20 an hour
// to 20 h, 3 days, 80 h, 25 an hour and Saturdays off.
func changeInput(t *testing.T) Input {
	in := smallInput(t, berlinJune(t), 21, 1)
	a := &in.Agents[0]
	a.Contract.WeeklyMinHours, a.Contract.WeeklyMaxHours, a.Contract.PeriodMaxHours = 30, 40, 160
	in.ContractChanges = map[string][]scheduling.ScheduledContract{"a0": {{
		From:       time.Date(2026, 6, 11, 0, 0, 0, 0, time.UTC),
		Contract:   scheduling.Contract{Kind: scheduling.PartTime, WeeklyHours: 20, WeeklyMinHours: 15, WeeklyMaxHours: 20, PeriodMaxHours: 80, MaxDaysPerWeek: 3, FixedDaysOff: []time.Weekday{time.Saturday}},
		HourlyRate: 25,
	}}}
	return in
}

func TestTerms_ProRata(t *testing.T) {
	in := changeInput(t)
	c := newCalendar(&in)
	tm := termsOf(&in, c, in.Agents[0])
	hours := func(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }
	near := func(got, want time.Duration) bool { return (got - want).Abs() < time.Microsecond }
	// The week of 8 June: Monday to Wednesday at 40 h, Thursday to
	// Sunday at 20 h: (3·40 + 4·20) / 7 = 200/7 h.
	if got, ok := tm.weekMax(7); !ok || !near(got, hours(200.0/7)) {
		t.Errorf("weekMax(week of 8 June) = %v, %v; want %v", got, ok, hours(200.0/7))
	}
	if got, ok := tm.weekMax(0); !ok || got != 40*time.Hour {
		t.Errorf("weekMax(week of 1 June) = %v, %v; want 40h", got, ok)
	}
	if got, ok := tm.weekMax(14); !ok || got != 20*time.Hour {
		t.Errorf("weekMax(week of 15 June) = %v, %v; want 20h", got, ok)
	}
	// (3·5 + 4·3) / 7 = 3.86 days, rounded to 4.
	if got := [3]int{tm.maxDays(0), tm.maxDays(7), tm.maxDays(14)}; got != [3]int{5, 4, 3} {
		t.Errorf("maxDays of the three weeks = %v, want [5 4 3]", got)
	}
	// Ten days at 160 h and eleven at 80 h: (10·160 + 11·80) / 21 h.
	if got, ok := tm.periodMax(21); !ok || !near(got, hours(2480.0/21)) {
		t.Errorf("periodMax = %v, %v; want %v", got, ok, hours(2480.0/21))
	}
	if r := [2]float64{tm.rateOn(9), tm.rateOn(10)}; r != [2]float64{20, 25} {
		t.Errorf("rates of 10 and 11 June = %v, want [20 25]", r)
	}
	if tm.fixedOff(c, 5) || !tm.fixedOff(c, 19) {
		t.Errorf("fixedOff(Sat 6 June, Sat 20 June) = %v, %v; want false, true", tm.fixedOff(c, 5), tm.fixedOff(c, 19))
	}
	// Vacation on Monday and Tuesday 8–9 June, under the 40-hour
	// contract: a credit of 40 h · 48 h / 168 h against a minimum of
	// (3·30 + 4·15) / 7 h leaves 150/7 − 80/7 = 10 h.
	in.TimeOff = []scheduling.TimeOff{{AgentID: "a0", Kind: "vacation", Status: scheduling.TimeOffApproved,
		Start: time.Date(2026, 6, 8, 0, 0, 0, 0, in.Location), End: time.Date(2026, 6, 10, 0, 0, 0, 0, in.Location)}}
	x := newCheckContext(&in, c)
	if got := x.minWeekly(in.Agents[0], tm, 7); !near(got, 10*time.Hour) {
		t.Errorf("minWeekly(week of 8 June) = %v, want 10h", got)
	}
}

func TestCheck_ContractChange(t *testing.T) {
	for _, tc := range []struct {
		name string
		days []int
		want []string
	}{
		{"FullWeekBefore", []int{0, 1, 2, 3, 4}, nil},
		{"SplitWeekKept", []int{7, 8, 9}, nil},
		{"SplitWeekBroken", []int{7, 8, 9, 10}, []string{"max_weekly_hours: 32h paid in the week of 8 Jun, at most 28.57h"}},
		{"WeekAfter", []int{14, 15, 16}, []string{"max_weekly_hours: 24h paid in the week of 15 Jun, at most 20h"}},
		{"SaturdayBefore", []int{5}, nil},
		{"SaturdayAfter", []int{19}, []string{"fixed_day_off: 06:00 shift on 20 Jun falls on a fixed day off (Saturday)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := changeInput(t)
			in.Agents[0].Contract.WeeklyMinHours = 0
			in.ContractChanges["a0"][0].Contract.WeeklyMinHours = 0
			var shifts []scheduling.Shift
			for _, d := range tc.days {
				shifts = append(shifts, e(in, "a0", d))
			}
			var got []string
			for _, v := range Check(in, shifts) {
				got = append(got, v.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Check = %q, want %q", got, tc.want)
			}
			// Without the change the same shifts keep every rule.
			in.ContractChanges = nil
			if vs := Check(in, shifts); len(vs) > 0 {
				t.Fatalf("Check without the change = %v, want none", vs)
			}
		})
	}
}

func TestSolve_ContractChange(t *testing.T) {
	// Demand around the clock for two weeks and one agent whose weekly
	// maximum falls from 40 h to 16 h on the second Monday: the solver
	// works the first week up to its contract and the second only to 16 h.
	in := smallInput(t, berlinJune(t), 14, 1)
	in.Agents[0].Contract.WeeklyMaxHours = 40
	next := in.Agents[0].Contract
	next.WeeklyMaxHours = 16
	in.ContractChanges = map[string][]scheduling.ScheduledContract{"a0": {{From: time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC), Contract: next, HourlyRate: 20}}}
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if vs := Check(in, res.Shifts); len(vs) > 0 {
		t.Fatalf("Check of the solved roster = %v", vs)
	}
	var week [2]time.Duration
	for _, s := range res.Shifts {
		week[min(int(s.Start.Sub(in.PeriodStart)/(7*24*time.Hour)), 1)] += s.Paid()
	}
	if week[0] <= 16*time.Hour || week[1] > 16*time.Hour {
		t.Fatalf("paid per week = %v; want more than 16h in the first and at most 16h in the second", week)
	}
}

func TestInput_ContractChanges(t *testing.T) {
	in := changeInput(t)
	in.ContractChanges["a0"] = append(in.ContractChanges["a0"], scheduling.ScheduledContract{From: time.Date(2026, 6, 11, 0, 0, 0, 0, time.UTC), HourlyRate: -1})
	in.ContractChanges["x"] = []scheduling.ScheduledContract{{From: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}}
	err := in.validate()
	var ve *scheduling.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("validate = %v, want a validation error", err)
	}
	var fields []string
	for _, f := range ve.Fields {
		fields = append(fields, f.Field)
	}
	want := []string{"contract_changes[a0][1].from", "contract_changes[a0][1].hourly_rate", "contract_changes[x]", "contract_changes[x][0].from"}
	if !slices.Equal(fields, want) {
		t.Fatalf("fields = %v, want %v", fields, want)
	}
}

// Check of the input narrowed to one agent finds, on that agent's shifts,
// what Check of the whole input finds for them: here a0's early in a1's
// vacation is no rule of a0's, and a1's is a time_off violation either way.
func TestInput_For(t *testing.T) {
	in := smallInput(t, berlinJune(t), 7, 2)
	in.TimeOff = []scheduling.TimeOff{{AgentID: "a1", Kind: "vacation", Status: scheduling.TimeOffApproved,
		Start: time.Date(2026, 6, 2, 0, 0, 0, 0, in.Location), End: time.Date(2026, 6, 4, 0, 0, 0, 0, in.Location)}}
	in.Previous = []scheduling.Shift{e(in, "a0", -1), e(in, "a1", -1)}
	all := []scheduling.Shift{e(in, "a0", 1), e(in, "a1", 1), e(in, "a1", 2)}
	whole := Check(in, all)
	for _, id := range []string{"a0", "a1"} {
		var want, got []string
		for _, v := range whole {
			if v.AgentID == id {
				want = append(want, v.String())
			}
		}
		var mine []scheduling.Shift
		for _, s := range all {
			if s.AgentID == id {
				mine = append(mine, s)
			}
		}
		for _, v := range Check(in.For(id), mine) {
			got = append(got, v.String())
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: Check of the narrowed input = %q, of the whole = %q", id, got, want)
		}
	}
	if n := len(whole); n != 2 {
		t.Errorf("whole input: %d violations (%v), want a1's two shifts in the vacation", n, whole)
	}
}
