package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/roster"
)

func TestContract_PeriodHours(t *testing.T) {
	dec := json.NewDecoder(bytes.NewReader([]byte(`{"kind": "part_time", "weekly_hours": 20, "period_min_hours": 24, "period_max_hours": 80}`)))
	dec.DisallowUnknownFields()
	var c Contract
	if err := dec.Decode(&c); err != nil {
		t.Fatal(err)
	}
	if c.PeriodMinHours != 24 || c.PeriodMaxHours != 80 {
		t.Fatalf("decoded %+v, want period hours 24 and 80", c)
	}
	sc, _ := load(t, "demo.json")
	if len(sc.Agents) == 0 {
		t.Skip("demo.json lists no individual agents")
	}
	sc.Agents[0].Contract.PeriodMinHours, sc.Agents[0].Contract.PeriodMaxHours = 24, 80
	in, err := sc.Build(Options{Dir: "../../../docs/scenarios"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range in.Agents {
		if a.ID == sc.Agents[0].ID {
			if a.Contract.PeriodMinHours != 24 || a.Contract.PeriodMaxHours != 80 {
				t.Fatalf("built contract %+v, want period hours 24 and 80", a.Contract)
			}
			return
		}
	}
	t.Fatalf("agent %s not built", sc.Agents[0].ID)
}

// TestBuild_DaysOutOfRange: a period past scheduling.MaxRosterDays (or none) is
// refused naming days, before the demand is forecast that far (1 000 days
// used to surface as the forecast's horizon error).
func TestBuild_DaysOutOfRange(t *testing.T) {
	for _, days := range []int{0, scheduling.MaxRosterDays + 1, 1000} {
		sc, _ := load(t, "demo.json")
		sc.Days = days
		_, err := sc.Build(Options{Dir: "../../../docs/scenarios"})
		if err == nil || !strings.Contains(err.Error(), "days: must be in 1..92") {
			t.Errorf("days %d: %v, want an error naming days", days, err)
		}
	}
}

// TestBuild_UnplannedShrinkageOutOfRange: unplanned shrinkage past
// roster.MaxUnplanned (0.99999 stretched every marginal curve a hundred
// thousand times and ran out of memory), negative or 1 is refused naming
// it and the range; 0.9 itself is built.
func TestBuild_UnplannedShrinkageOutOfRange(t *testing.T) {
	for _, u := range []float64{-0.1, 0.95, 0.99999, 1} {
		sc, _ := load(t, "demo.json")
		sc.UnplannedShrinkage = u
		_, err := sc.Build(Options{Dir: "../../../docs/scenarios"})
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("unplanned shrinkage %v is not a fraction in [0, 0.9]", u)) {
			t.Errorf("shrinkage %v: %v, want an error naming unplanned_shrinkage", u, err)
		}
	}
	sc, _ := load(t, "demo.json")
	sc.UnplannedShrinkage = roster.MaxUnplanned
	if _, err := sc.Build(Options{Dir: "../../../docs/scenarios"}); err != nil {
		t.Errorf("shrinkage 0.9: %v, want built", err)
	}
}

// TestBuild_AbandonAndGrowth: a scenario's abandonment cap and chat
// handle-time growth reach the roster's queues, whose demand staffs them.
func TestBuild_AbandonAndGrowth(t *testing.T) {
	sc, _ := load(t, "demo.json")
	var q Queue
	if err := json.Unmarshal([]byte(`{"concurrency_growth": 0.25, "target": {"max_abandon": 0.05}}`), &q); err != nil {
		t.Fatal(err)
	}
	for i := range sc.Queues {
		if sc.Queues[i].Channel == "chat" {
			sc.Queues[i].ConcurrencyGrowth = q.ConcurrencyGrowth
		}
		if sc.Queues[i].Patience > 0 {
			sc.Queues[i].Target.MaxAbandon = q.Target.MaxAbandon
		}
	}
	in, err := sc.Build(Options{Dir: "../../../docs/scenarios"})
	if err != nil {
		t.Fatal(err)
	}
	var chats, capped int
	for _, bq := range in.Queues {
		if bq.Channel == scheduling.Chat && bq.ConcurrencyGrowth == 0.25 {
			chats++
		}
		if bq.Patience > 0 && bq.Target.MaxAbandon == 0.05 {
			capped++
		}
	}
	if chats == 0 || capped == 0 {
		t.Errorf("built %d chat queues with growth 0.25 and %d with an abandonment cap of 0.05, want some of each", chats, capped)
	}
}
