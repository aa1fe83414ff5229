package roster

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/forecast/staffing"
)

func TestKPIs_ServiceLevelCountsOtherTeams(t *testing.T) {
	// 20 calls of 5 minutes per half hour need 6 agents for 80 % in 20 s
	// (Erlang C); two agents of another team are there already, so the
	// requirement left to this team is 4. The expected service level of
	// an interval is that of everyone on the phone: this team's
	// scheduled agents and the other team's two.
	in := smallInput(t, berlinJune(t), 1, 6)
	d := &in.Demand[0]
	n := len(d.Required)
	d.Volume, d.AHT, d.Others = make([]float64, n), make([]time.Duration, n), make([]float64, n)
	for i := range n {
		d.Required[i], d.Volume[i], d.AHT[i], d.Others[i] = 4, 20, 5*time.Minute, 2
	}
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	load := staffing.Load{Volume: 20, Period: in.Interval, AHT: 5 * time.Minute}
	checked := 0
	for _, c := range res.Coverage {
		if c.Scheduled != math.Trunc(c.Scheduled) {
			continue // a break in part of the interval
		}
		want := staffing.EvaluateC(load, int(c.Scheduled)+2, 20*time.Second).ServiceLevel
		if math.Abs(c.ServiceLevel-want) > 1e-3 {
			t.Errorf("%s: service level %v with %v agents of the team and 2 of another, want %v",
				c.Start.Format(time.DateTime), c.ServiceLevel, c.Scheduled, want)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no interval with a whole number of agents")
	}
}
