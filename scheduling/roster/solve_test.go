package roster

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

func TestSolve_KPIsAddUp(t *testing.T) {
	in := smallInput(t, berlinJune(t), 7, 8)
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	k := res.KPIs
	// Conservation: the coverage rows sum to the KPI hours (each row is
	// rounded to 0.001 agents, 336 rows of 0.5 h: within 0.2 h).
	var req, sch float64
	for _, c := range res.Coverage {
		req += c.Required * in.Interval.Hours()
		sch += c.Scheduled * in.Interval.Hours()
	}
	if math.Abs(req-k.RequiredHours) > 0.2 || math.Abs(sch-k.ScheduledHours) > 0.2 {
		t.Errorf("coverage sums %.2f/%.2f h, KPIs %.2f/%.2f h", req, sch, k.RequiredHours, k.ScheduledHours)
	}
	// Scheduled − required = over − under, interval by interval.
	if d := (k.ScheduledHours - k.RequiredHours) - (k.OverHours - k.UnderHours); math.Abs(d) > 0.05 {
		t.Errorf("scheduled − required and over − under differ by %v h", d)
	}
	// The bound holds: no roster under-covers less than UnderLowerBound.
	if k.UnderHours < k.UnderLowerBound-1e-9 {
		t.Errorf("under-cover %v h below its lower bound %v h", k.UnderHours, k.UnderLowerBound)
	}
	// On-phone time is paid time less breaks: never more.
	if k.ScheduledHours > k.PaidHours+1e-9 {
		t.Errorf("on-phone %v h exceeds paid %v h", k.ScheduledHours, k.PaidHours)
	}
	// Cost = paid hours × rate 20 (no premiums in this input).
	if math.Abs(k.Cost-20*k.PaidHours) > 0.01 || k.PremiumCost != 0 {
		t.Errorf("cost %v, want 20 × %v h", k.Cost, k.PaidHours)
	}
}

func TestSolve_BreaksStaggered(t *testing.T) {
	// Twelve agents on one day for a flat requirement of 4: the lunches of
	// the earlies that start together should not all fall in the same half
	// hour (the window offers five).
	in := smallInput(t, berlinJune(t), 1, 12)
	for i := range in.Demand[0].Required {
		in.Demand[0].Required[i] = 4
	}
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	byStart := map[int64]map[int64]bool{}
	for _, s := range res.Shifts {
		for _, b := range s.Breaks {
			if byStart[s.Start.Unix()] == nil {
				byStart[s.Start.Unix()] = map[int64]bool{}
			}
			byStart[s.Start.Unix()][b.Start.Unix()] = true
		}
	}
	staggered := false
	for st, lunches := range byStart {
		n := 0
		for _, s := range res.Shifts {
			if s.Start.Unix() == st {
				n++
			}
		}
		if n > 1 && len(lunches) > 1 {
			staggered = true
		}
	}
	if !staggered {
		t.Errorf("no two shifts starting together have lunches at different times: %v", byStart)
	}
}

// TestSolve_TooLargeRefused: a roster past maxCells is refused before any
// search, with a ValidationError on "agents" that says what makes it large.
// With the early template started on every minute from 00:00 to 23:00
// (1 381 starts; the late 2, the night 1: 1 384 a day) and 28 days, 775
// agents are 30 032 800 cells, past the 30 million; 774 are 29 994 048.
func TestSolve_TooLargeRefused(t *testing.T) {
	in := smallInput(t, berlinJune(t), 28, 775)
	in.Templates[0].EarliestStart, in.Templates[0].LatestStart, in.Templates[0].StartStep = 0, 23*time.Hour, time.Minute
	_, err := Solve(context.Background(), in, quick)
	var ve *scheduling.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != "agents" || !strings.Contains(ve.Fields[0].Message, "30032800 cells") {
		t.Fatalf("775 agents: %v, want a ValidationError on agents naming 30032800 cells", err)
	}
	in.Agents = in.Agents[:774]
	m, err := buildModel(&in)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.checkSize(); err != nil || len(m.agents)*m.D*m.S != 29_994_048 {
		t.Errorf("774 agents: %v, %d cells; want no error at 29 994 048", err, len(m.agents)*m.D*m.S)
	}
}

// TestSolve_HourlyRateRefused: an hourly rate past MaxHourlyRate is refused
// on the agent before any search (10³⁰⁸ for every agent made the cost KPI
// +Inf, which a JSON answer cannot carry).
func TestSolve_HourlyRateRefused(t *testing.T) {
	in := smallInput(t, berlinJune(t), 7, 4)
	in.Agents[2].HourlyRate = 1e308
	_, err := Solve(context.Background(), in, quick)
	var ve *scheduling.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != "agents[2].hourly_rate" {
		t.Fatalf("rate 1e308: %v, want a ValidationError on agents[2].hourly_rate", err)
	}
}

// TestSolve_WeightsRefused: a negative weight (it would reward under-cover)
// or one past MaxWeight is refused naming it, before any search.
func TestSolve_WeightsRefused(t *testing.T) {
	for _, c := range []struct {
		set   func(*Weights)
		field string
	}{
		{func(w *Weights) { w.Cover = -5 }, "weights.cover"},
		{func(w *Weights) { w.Fairness = MaxWeight + 1 }, "weights.fairness"},
	} {
		in := smallInput(t, berlinJune(t), 7, 4)
		c.set(&in.Weights)
		_, err := Solve(context.Background(), in, quick)
		var ve *scheduling.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != c.field {
			t.Errorf("%s: %v, want a ValidationError on it", c.field, err)
		}
	}
}

// TestSolve_WishWeightsRefused: a preference or soft window weighing past
// MaxWeight (an int64 near its top overflowed the objective) or below 0
// is refused naming it, before any search.
func TestSolve_WishWeightsRefused(t *testing.T) {
	for _, c := range []struct {
		set   func(*Input)
		field string
	}{
		{func(in *Input) {
			in.Preferences = []Preference{{AgentID: in.Agents[0].ID, Date: in.PeriodStart, Off: true, Weight: math.MaxInt64}}
		}, "preferences[0].weight"},
		{func(in *Input) {
			in.Unavailable = []Window{{AgentID: in.Agents[0].ID, Start: in.PeriodStart, End: in.PeriodStart.Add(time.Hour), Weight: -1}}
		}, "unavailable[0].weight"},
	} {
		in := smallInput(t, berlinJune(t), 7, 4)
		c.set(&in)
		_, err := Solve(context.Background(), in, quick)
		var ve *scheduling.ValidationError
		if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != c.field {
			t.Errorf("%s: %v, want a ValidationError on it", c.field, err)
		}
	}
}
