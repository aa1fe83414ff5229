package roster

import (
	"math"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

func TestFloorBound_HandCases(t *testing.T) {
	// One pay week from Monday 1 June 2026 without demand: the LP bound
	// is 0 and the agents' weekly minimum decides. The templates of
	// smallInput are on the phone for all their paid time (the lunch is
	// unpaid) except the night starting Sunday 22:00, 6 h of whose 8
	// paid hours lie after the period: loss 6 h on day 6, 0 elsewhere.
	// An agent with a 32-hour minimum and 5 days is thus on the phone
	// at least 32 h − 1 min − 6 h = 25 h 59 min.
	const guaranteed = 25 + 59.0/60
	for _, tc := range []struct {
		name string
		set  func(in *Input)
		want float64 // hours
	}{
		{"NoMinimum", func(in *Input) {}, 0},
		{"TwoAgentsWithMinimum", func(in *Input) {
			for i := range in.Agents {
				in.Agents[i].Contract.WeeklyMinHours = 32
			}
		}, 2 * guaranteed},
		// Time off Monday–Tuesday credits 2/7 of the 40 contract hours:
		// need 32 h − 11 h 25 min 42.857 s = 1234.29 min, kept in whole
		// minutes rounded up (1235: shifts paid whole minutes are within
		// the minute's tolerance of 1234.29 min from 1234 min on); no
		// shift may touch those days, so the losses are unchanged:
		// (1235 − 1 − 360) min = 14.57 h.
		{"TimeOffCreditsTheMinimum", func(in *Input) {
			in.Agents[0].Contract.WeeklyMinHours = 32
			in.TimeOff = []scheduling.TimeOff{{AgentID: "a0", Start: in.PeriodStart, End: in.PeriodStart.AddDate(0, 0, 2), Kind: "vacation"}}
		}, (1235.0 - 1 - 360) / 60},
		// A period minimum of 32 h over the one-week period: the same
		// 5 workable days and the same losses as the weekly minimum.
		{"PeriodMinimum", func(in *Input) {
			in.Agents[0].Contract.PeriodMinHours = 32
		}, guaranteed},
		// With both, the agent counts the larger: the period's 32 h
		// against a 20-hour weekly minimum (20 h − 1 min − 6 h).
		{"PeriodAndWeeklyMinimum", func(in *Input) {
			in.Agents[0].Contract.WeeklyMinHours = 20
			in.Agents[0].Contract.PeriodMinHours = 32
		}, guaranteed},
		{"WeeklyAbovePeriodMinimum", func(in *Input) {
			in.Agents[0].Contract.WeeklyMinHours = 32
			in.Agents[0].Contract.PeriodMinHours = 20
		}, guaranteed},
		// A 1-hour training on Wednesday 10:00 is off the phone.
		{"TrainingIsOffThePhone", func(in *Input) {
			in.Agents[0].Contract.WeeklyMinHours = 32
			at := in.PeriodStart.AddDate(0, 0, 2).Add(10 * time.Hour)
			in.Training = []Training{{AgentID: "a0", Start: at, End: at.Add(time.Hour), Name: "product"}}
		}, guaranteed - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := smallInput(t, berlinJune(t), 7, 2)
			for i := range in.Demand[0].Required {
				in.Demand[0].Required[i] = 0
			}
			tc.set(&in)
			m, _ := polishSetup(t, &in)
			if got := m.floorBound([]float64{0}); math.Abs(got-tc.want) > boundTol {
				t.Errorf("floor %v h, want %v h", got, tc.want)
			}
		})
	}
}

func TestFloorBound_Partitions(t *testing.T) {
	// Hand-set floors and LP terms on three curves: agents serving only
	// curve 0 are owed 10 h, only curve 1 4 h, curves {0, 1} 3 h, and
	// all three 20 h. The LP says 8, 6 and 1 h. Partitions:
	// {0}{1}{2}: max(8,10)+max(6,4)+1 = 17; {0,1}{2}: max(14,17)+1 = 18;
	// {0,2}{1}: max(9,10)+6 = 16; {0}{1,2}: 10+max(7,4) = 17;
	// {0,1,2}: max(15, 37) = 37. The best is 37.
	m := &model{dem: make([]demandCurve, 3), base: make([][]int32, 3)}
	floor := map[int]float64{0b001: 10, 0b010: 4, 0b011: 3, 0b111: 20}
	if got := m.partitionBound([]float64{8, 6, 1}, floor); got != 37 {
		t.Errorf("bound %v h, want 37 h", got)
	}
	// Without the 20 h of the all-curve agents: {0,1}{2} gives 18.
	delete(floor, 0b111)
	if got := m.partitionBound([]float64{8, 6, 1}, floor); got != 18 {
		t.Errorf("bound %v h, want 18 h", got)
	}
}
