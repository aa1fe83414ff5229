package hours

import (
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

func TestPayShifts_SkipsCancelled(t *testing.T) {
	st := time.Date(2026, 10, 5, 6, 0, 0, 0, time.UTC)
	in := []scheduling.Shift{
		{ID: "s1", Start: st, End: st.Add(8 * time.Hour), Status: scheduling.ShiftActive,
			Breaks: []scheduling.Break{{Start: st.Add(4 * time.Hour), End: st.Add(4*time.Hour + 30*time.Minute), Paid: true}}},
		{ID: "s2", Start: st.Add(24 * time.Hour), End: st.Add(32 * time.Hour), Status: scheduling.ShiftCancelled},
	}
	got := PayShifts(in)
	// One active shift kept, with its break copied field by field.
	if len(got) != 1 || got[0].ID != "s1" || !got[0].End.Equal(in[0].End) || len(got[0].Breaks) != 1 || !got[0].Breaks[0].Paid {
		t.Errorf("PayShifts = %+v", got)
	}
	a := scheduling.Agent{ID: "a1", EmployeeNo: "1001", FirstName: "Ada", LastName: "Lovelace", HourlyRate: 21,
		Contract: scheduling.Contract{WeeklyHours: 38.5}}
	if ag, c := AgentOf(a, "Phone DE"), ContractOf(a); ag.Name != "Ada Lovelace" || ag.Team != "Phone DE" || c.WeeklyHours != 38.5 || c.HourlyRate != 21 {
		t.Errorf("AgentOf = %+v, ContractOf = %+v", ag, c)
	}
}
