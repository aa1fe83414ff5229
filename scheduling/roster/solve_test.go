package roster

import (
	"context"
	"testing"
	"time"
)

func TestSolve_SmallWeek(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	in := smallInput(t, time.Date(2026, 6, 1, 0, 0, 0, 0, loc), 7, 8)
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Shifts {
		t.Logf("%s %s–%s %v", s.AgentID, s.Start.In(loc).Format("Mon 15:04"), s.End.In(loc).Format("Mon 15:04"), s.Breaks)
	}
	t.Logf("%+v", res.KPIs)
}
