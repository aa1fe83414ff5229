package api

import (
	"strings"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// TestEmployment: the hard windows cover the period's days before the hire
// date and after the leave date, in the site's zone, and nothing when the
// agent is employed throughout.
func TestEmployment(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, berlin) // Monday
	to := from.AddDate(0, 0, 7)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) } // civil dates
	at := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, berlin) }
	for _, c := range []struct {
		name        string
		hire, leave time.Time
		want        [][2]time.Time
	}{
		{"ThroughoutEmployed", day(1), day(20), nil},
		{"NoDates", time.Time{}, time.Time{}, nil},
		{"HiredWednesday", day(4), time.Time{}, [][2]time.Time{{from, at(4)}}},
		{"LeavesThursday", time.Time{}, day(5), [][2]time.Time{{at(6), to}}},
		{"HiredAfter", day(20), time.Time{}, [][2]time.Time{{from, to}}},
		{"LeftBefore", time.Time{}, day(1), [][2]time.Time{{from, to}}},
		{"Both", day(3), day(6), [][2]time.Time{{from, at(3)}, {at(7), to}}},
	} {
		a := agentFor(c.hire, c.leave)
		ws := employment(a, berlin, from, to)
		if len(ws) != len(c.want) {
			t.Errorf("%s: %d windows %v, want %v", c.name, len(ws), ws, c.want)
			continue
		}
		for i, w := range ws {
			if !w.Start.Equal(c.want[i][0]) || !w.End.Equal(c.want[i][1]) || w.Weight != 0 || w.AgentID != a.ID {
				t.Errorf("%s: window %d = %v–%v (weight %d), want %v–%v hard", c.name, i, w.Start, w.End, w.Weight, c.want[i][0], c.want[i][1])
			}
			// Before the hire date no shift may reach in; after the leave
			// date none may start (a night from the last day may end
			// there). A leave window is the last one.
			leave := !c.leave.IsZero() && i == len(ws)-1
			want := "before the first working day, "
			if leave {
				want = "after the last working day, "
			}
			if w.StartsOnly != leave || !strings.HasPrefix(w.Reason, want) {
				t.Errorf("%s: window %d starts-only %v, reason %q; want %v, %q…", c.name, i, w.StartsOnly, w.Reason, leave, want)
			}
		}
	}
}

func agentFor(hire, leave time.Time) scheduling.Agent {
	return scheduling.Agent{ID: "a", HireDate: hire, LeaveDate: leave}
}
