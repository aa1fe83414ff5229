package scheduling

import (
	"testing"
	"time"
)

// berlinDays are Berlin's public holidays around the turn of 2026/27
// (Feiertagsgesetz Berlin: 25 and 26 December, 1 January).
type berlinDays struct{}

func (berlinDays) IsHoliday(t time.Time) (string, bool) {
	switch t.Format("01-02") {
	case "12-25", "12-26", "01-01":
		return "holiday", true
	}
	return "", false
}

func TestVacationDays(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, loc) }
	// Monday 21 December 2026 to Friday 1 January 2027 inclusive.
	xmas := TimeOff{Start: at(2026, 12, 21, 0), End: at(2027, 1, 2, 0), Kind: "vacation"}
	for _, tc := range []struct {
		name  string
		t     TimeOff
		year  int
		fixed []time.Weekday
		want  float64
	}{
		// 21–24 and 28–31 December: Friday 25 is a holiday, 26–27 a weekend.
		{"2026", xmas, 2026, nil, 8},
		// 1 January is a holiday, 2 January is past the end.
		{"2027", xmas, 2027, nil, 0},
		// Wednesdays off: 23 and 30 December are no working days.
		{"WednesdaysOff", xmas, 2026, []time.Weekday{time.Wednesday}, 6},
		{"HalfDay", TimeOff{Start: at(2026, 12, 24, 8), End: at(2026, 12, 24, 12)}, 2026, nil, 0.5},
		// From Thursday noon to Monday noon: ½ + (Friday holiday) + ½.
		{"NoonToNoon", TimeOff{Start: at(2026, 12, 24, 12), End: at(2026, 12, 28, 12)}, 2026, nil, 1},
	} {
		if got := VacationDays(tc.t, tc.year, loc, berlinDays{}, tc.fixed); got != tc.want {
			t.Errorf("%s: VacationDays = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestVacationOf: hired on 1 July 2026 with 30 days a year, then 20 from
// 1 October: 30·92/365 + 20·92/365 = 12.6 days in 2026. Of a week's
// vacation in August (5 days) approved and three days in December
// requested, 7.6 remain.
func TestVacationOf(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	a := Agent{ID: "a", HireDate: day(7, 1), Contract: Contract{VacationDays: 30}}
	spells := ContractSpells(a, nil, []ScheduledContract{{From: day(10, 1), Contract: Contract{VacationDays: 20}}})
	offs := []TimeOff{
		{AgentID: "a", Kind: "vacation", Status: TimeOffApproved, Start: time.Date(2026, 8, 10, 0, 0, 0, 0, loc), End: time.Date(2026, 8, 15, 0, 0, 0, 0, loc)},
		{AgentID: "a", Kind: "vacation", Status: TimeOffRequested, Start: time.Date(2026, 12, 21, 0, 0, 0, 0, loc), End: time.Date(2026, 12, 24, 0, 0, 0, 0, loc)},
		{AgentID: "a", Kind: "sick", Status: TimeOffApproved, Start: time.Date(2026, 9, 1, 0, 0, 0, 0, loc), End: time.Date(2026, 9, 3, 0, 0, 0, 0, loc)},
		{AgentID: "a", Kind: "vacation", Status: TimeOffDeclined, Start: time.Date(2026, 9, 7, 0, 0, 0, 0, loc), End: time.Date(2026, 9, 8, 0, 0, 0, 0, loc)},
	}
	got := VacationOf(a, spells, offs, 2026, loc, berlinDays{})
	want := Vacation{Year: 2026, Entitlement: 12.6, Approved: 5, Requested: 3, Remaining: 7.6}
	if got.Year != want.Year || got.Entitlement != want.Entitlement || got.Approved != want.Approved || got.Requested != want.Requested ||
		got.Remaining < 7.6-1e-9 || got.Remaining > 7.6+1e-9 {
		t.Errorf("VacationOf = %+v, want %+v", got, want)
	}
}

// Vacation days first entered on 7 December 2026 (the contract before
// kept none) hold for the whole year: 30, not 30·25/365.
func TestVacationOf_FirstEntered(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	a := Agent{ID: "a", Contract: Contract{VacationDays: 30}}
	spells := ContractSpells(a, []PastContract{{Until: day(12, 7)}}, nil)
	if got := VacationOf(a, spells, nil, 2026, loc, nil); got.Entitlement != 30 {
		t.Errorf("entitlement = %v, want 30", got.Entitlement)
	}
}
