package hours

import (
	"reflect"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/pay"
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
	if ag := AgentOf(a, "Phone DE"); ag.Name != "Ada Lovelace" || ag.Team != "Phone DE" {
		t.Errorf("AgentOf = %+v", ag)
	}
	// 20 h at 17.50 until 1 March, Ada's own 38.5 h at 21 until 1 July,
	// then a change ahead to 40 h at 23: pay's contracts in that order.
	day := func(m time.Month) time.Time { return time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC) }
	cs := ContractsOf(a, []scheduling.PastContract{{Contract: scheduling.Contract{WeeklyHours: 20}, HourlyRate: 17.5, Until: day(time.March)}},
		[]scheduling.ScheduledContract{{Contract: scheduling.Contract{WeeklyHours: 40}, HourlyRate: 23, From: day(time.July)}})
	want := pay.Contracts{Past: []pay.PastContract{
		{Contract: pay.Contract{WeeklyHours: 20, HourlyRate: 17.5}, Until: pay.DateOf(day(time.March))},
		{Contract: pay.Contract{WeeklyHours: 38.5, HourlyRate: 21}, Until: pay.DateOf(day(time.July))},
	}, Current: pay.Contract{WeeklyHours: 40, HourlyRate: 23}}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("ContractsOf = %+v, want %+v", cs, want)
	}
	if cs := ContractsOf(a, nil, nil); len(cs.Past) != 0 || cs.Current != (pay.Contract{WeeklyHours: 38.5, HourlyRate: 21}) {
		t.Errorf("ContractsOf without history = %+v, want Ada's own contract", cs)
	}
}
