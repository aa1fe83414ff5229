package scenario

import (
	"bytes"
	"encoding/json"
	"testing"
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
