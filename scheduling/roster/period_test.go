package roster

import (
	"context"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// The E template is 8.5 h elapsed with a 30-minute unpaid lunch: 8 h paid.

func TestCheck_PeriodHours(t *testing.T) {
	for _, tc := range []struct {
		name     string
		min, max float64
		vacation int // days of approved vacation from day 7
		days     []int
		want     string // "" = no violation
	}{
		{"MaxKept", 0, 16, 0, []int{0, 1}, ""},
		{"MaxBroken", 0, 16, 0, []int{0, 1, 2}, "period_hours: 24h paid in the period, at most 16h"},
		{"MinKept", 24, 0, 0, []int{0, 1, 2}, ""},
		{"MinBroken", 24, 0, 0, []int{0, 1}, "period_hours: 16h paid in the period, at least 24h"},
		// A week of vacation is credited the 40 contracted weekly hours:
		// 56 h − 40 h = 16 h still due.
		{"MinCreditKept", 56, 0, 7, []int{0, 1}, ""},
		{"MinCreditBroken", 56, 0, 7, []int{0}, "period_hours: 8h paid in the period, at least 16h"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := smallInput(t, berlinJune(t), 14, 1)
			in.Agents[0].Contract.PeriodMinHours, in.Agents[0].Contract.PeriodMaxHours = tc.min, tc.max
			if tc.vacation > 0 {
				y, m, d := in.PeriodStart.Date()
				in.TimeOff = []scheduling.TimeOff{{AgentID: "a0", Kind: "vacation", Status: scheduling.TimeOffApproved,
					Start: time.Date(y, m, d+7, 0, 0, 0, 0, in.Location), End: time.Date(y, m, d+7+tc.vacation, 0, 0, 0, 0, in.Location)}}
			}
			var shifts []scheduling.Shift
			for _, d := range tc.days {
				shifts = append(shifts, e(in, "a0", d))
			}
			vs := Check(in, shifts)
			switch {
			case tc.want == "" && len(vs) > 0:
				t.Fatalf("Check = %v, want none", vs)
			case tc.want != "" && (len(vs) != 1 || vs[0].String() != tc.want):
				t.Fatalf("Check = %v, want [%s]", vs, tc.want)
			}
		})
	}
}

func TestSolve_PeriodHours(t *testing.T) {
	paid := func(shifts []scheduling.Shift) time.Duration {
		var p time.Duration
		for _, s := range shifts {
			p += s.Paid()
		}
		return p
	}
	// Demand for two agents all day, one agent at most 16 h in the week:
	// exactly two 8-hour shifts, where five would be worked. With nights
	// only (no unpaid time) the bound reaches the solver's row totals too.
	for _, tc := range []struct {
		name      string
		templates func([]scheduling.ShiftTemplate) []scheduling.ShiftTemplate
	}{
		{"Max", func(t []scheduling.ShiftTemplate) []scheduling.ShiftTemplate { return t }},
		{"MaxNightsOnly", func(t []scheduling.ShiftTemplate) []scheduling.ShiftTemplate { return t[2:] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := smallInput(t, berlinJune(t), 7, 1)
			in.Templates = tc.templates(in.Templates)
			in.Agents[0].Contract.PeriodMaxHours = 16
			res, err := Solve(context.Background(), in, quick)
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			if vs := Check(in, res.Shifts); len(vs) > 0 {
				t.Fatalf("Check of the solved roster = %v", vs)
			}
			if p := paid(res.Shifts); p != 16*time.Hour || len(res.Shifts) != 2 {
				t.Fatalf("%d shifts, %v paid; want 2 shifts and 16h", len(res.Shifts), p)
			}
		})
	}
	t.Run("Min", func(t *testing.T) {
		// No demand at all, one agent at least 24 h in the week: three
		// 8-hour shifts at least, where none would be worked.
		in := smallInput(t, berlinJune(t), 7, 1)
		in.Agents[0].Contract.PeriodMinHours = 24
		for i := range in.Demand[0].Required {
			in.Demand[0].Required[i] = 0
		}
		res, err := Solve(context.Background(), in, quick)
		if err != nil {
			t.Fatalf("Solve: %v", err)
		}
		if vs := Check(in, res.Shifts); len(vs) > 0 {
			t.Fatalf("Check of the solved roster = %v", vs)
		}
		if p := paid(res.Shifts); p < 24*time.Hour || len(res.Shifts) < 3 {
			t.Fatalf("%d shifts, %v paid; want at least 3 shifts and 24h", len(res.Shifts), p)
		}
	})
}
