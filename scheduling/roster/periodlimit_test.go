package roster

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// TestPeriodLimits_Sound checks that the solver's own period limits
// (Employee.MinMinutes and MaxMinutes) never reject a row Check accepts:
// the solver may not steer away from a legal roster, since the labour
// row rule already counts the real paid hours and the solver's limits
// only give its row programme, bounds and moves something to go on.
//
// Two weeks from Monday in Berlin around a clock change, one agent on
// earlies and lates (8 h 30 on the clock, 30 min unpaid lunch: paid 8 h)
// and 22:00–06:00 nights (paid 7 h or 9 h on the changeover night), with
// or without a pinned early whose lunch is marked paid (8 h 30 where the
// solver counts 8 h). Every type counts 480 minutes in the solver, so
// the solver's total and the paid one differ by the changeover night and
// the pin only; the contract bounds sit where that difference, or
// Check's one-minute tolerance, decides: 79 h is a changeover night
// short of ten shifts, 81 h one long, 80 h 30 the pin's extra half hour
// and 80 h ± 1 min the tolerance. Random rows of 8 to 13 shifts are
// paid 63 to 106 h. Check sees each row's shifts as assemble would make
// them (each template break at its window's middle, the pin as it is).
// Wherever Check reports no violation of an hour rule (period_hours,
// max_weekly_hours, min_weekly_hours, max_average_weekly_hours: the
// contract's weekly 48 h and the 48 h average bound the period too, at
// 96 h) the solver must count no min-minutes or max-minutes unit; the
// test also asks that the limits are on and reject some rows, so that it
// cannot pass by switching them off.
func TestPeriodLimits_Sound(t *testing.T) {
	bounds := []struct {
		name     string
		min, max float64 // PeriodMinHours, PeriodMaxHours
	}{
		{"Max79", 0, 79},
		{"MaxAtTolerance", 0, 80 - 1.0/60}, // 80 h is a minute over: accepted
		{"Max80", 0, 80},
		{"Max80h30", 0, 80.5},
		{"Min80", 80, 0},
		{"MinAtTolerance", 80 + 1.0/60, 0}, // 80 h is a minute short: accepted
		{"Min80h30", 80.5, 0},
		{"Min81", 81, 0},
		{"Both", 72, 88},
	}
	var cases []limitCase
	for _, b := range bounds {
		cases = append(cases, limitCase{name: b.name, min: b.min > 0, max: b.max > 0, set: func(in *Input) {
			in.Agents[0].Contract.PeriodMinHours, in.Agents[0].Contract.PeriodMaxHours = b.min, b.max
		}})
	}
	runLimitCases(t, cases, testPaidLimitsSound)
}

// runLimitCases runs test on each case in the fortnights from Monday 23
// March 2026 (Berlin springs forward on the 29th) and 19 October 2026
// (falls back on the 25th), without and with the pin.
func runLimitCases(t *testing.T, cases []limitCase, test func(t *testing.T, monday time.Time, withPin bool, lc limitCase)) {
	for _, week := range []struct {
		name   string
		monday time.Time
	}{
		{"SpringForward", time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC)},
		{"FallBack", time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC)},
	} {
		for _, pin := range []bool{false, true} {
			for _, lc := range cases {
				name := week.name + "/NoPin/" + lc.name
				if pin {
					name = week.name + "/PaidLunchPin/" + lc.name
				}
				t.Run(name, func(t *testing.T) { test(t, week.monday, pin, lc) })
			}
		}
	}
}

// TestPeriodLimits_SoundWeekly is TestPeriodLimits_Sound for the period
// limits the weekly hour rules imply: the weekly maximum summed over the
// pay weeks the period touches, less the previous period's hours in the
// first, the weekly minimum summed over the full pay weeks, less the
// time-off credit, and the average weekly hours over the period.
//
// Two weeks from Monday, or from Wednesday (pay weeks of 5, 7 and 2
// days), around a clock change, with or without the pinned early. With
// the weekly maximum 40 h (or the average 40 h, 79 h 46 min over the
// spring-forward fortnight) rows of ten shifts sit at the bound, a
// changeover night from it; the 30 h maximum from Wednesday after 16 h on
// Monday and Tuesday allows 14 + 30 + 30 h; the 40 h minimum holds for
// both weeks from Monday and for one from Wednesday, less 11 h 26 min for
// two days of leave, less a shift of the previous period that starts in
// the period (Check counts it in its week).
func TestPeriodLimits_SoundWeekly(t *testing.T) {
	contract := func(minH, maxH float64) func(*Input) {
		return func(in *Input) {
			in.Agents[0].Contract.WeeklyMinHours, in.Agents[0].Contract.WeeklyMaxHours = minH, maxH
		}
	}
	cases := []limitCase{
		{name: "WeeklyMax40", max: true, set: contract(0, 40)},
		{name: "WeeklyMax40AtTolerance", max: true, set: contract(0, 40-1.0/60)},
		{name: "WeeklyMax30FromWednesdayCarryIn", start: 2, fewest: 3, max: true, set: func(in *Input) {
			contract(0, 30)(in)
			c := newCalendar(in)
			for d := -2; d < 0; d++ {
				s := c.at(d, 6*time.Hour)
				in.Previous = append(in.Previous, scheduling.Shift{AgentID: "a0", Start: s, End: s.Add(8 * time.Hour), Status: scheduling.ShiftActive})
			}
		}},
		{name: "Average40", max: true, set: func(in *Input) {
			contract(0, 0)(in)
			in.Rules.MaxAverageWeeklyHours = 40
		}},
		{name: "WeeklyMin40", min: true, set: contract(40, 0)},
		{name: "WeeklyMin40AtTolerance", min: true, set: contract(40+1.0/60, 0)},
		{name: "WeeklyMin40FromWednesday", start: 2, fewest: 3, min: true, set: contract(40, 0)},
		{name: "WeeklyMin40Leave", min: true, set: func(in *Input) {
			contract(40, 0)(in)
			c := newCalendar(in)
			in.TimeOff = []scheduling.TimeOff{{AgentID: "a0", Start: c.midnight(10), End: c.midnight(12), Kind: "vacation", Status: scheduling.TimeOffApproved}}
		}},
		{name: "WeeklyMin40PreviousInside", min: true, set: func(in *Input) {
			contract(40, 0)(in)
			s := newCalendar(in).at(5, 6*time.Hour)
			in.Previous = []scheduling.Shift{{AgentID: "a0", Start: s, End: s.Add(8 * time.Hour), Status: scheduling.ShiftActive}}
		}},
		{name: "WeeklyBoth", min: true, max: true, set: contract(36, 44)},
	}
	runLimitCases(t, cases, testPaidLimitsSound)
}

// limitCase is an agent's hour rules for testPaidLimitsSound.
type limitCase struct {
	name string
	// start is the period's first day after the Monday; rows have fewest
	// (default 8) to 13 shifts.
	start, fewest int
	// set sets the agent's contract, the rules or the carry-in.
	set func(in *Input)
	// min and max say which solver limits must be on.
	min, max bool
}

// testPaidLimitsSound runs random rows of a two-week period through Check
// and the solver: wherever Check finds no hour-rule violation the solver
// must count no min-minutes or max-minutes unit.
func testPaidLimitsSound(t *testing.T, monday time.Time, withPin bool, lc limitCase) {
	lr := newLimitRows(t, monday, withPin, lc)
	p := lr.p
	em := p.Employees[0]
	if lc.min && em.MinMinutes <= 0 || lc.max && em.MaxMinutes < 0 {
		t.Fatalf("period limits off: MinMinutes = %d, MaxMinutes = %d", em.MinMinutes, em.MaxMinutes)
	}
	var accepted, rejected int
	for i, row := range lr.rows {
		checkOK := len(lr.hourViolations(i)) == 0
		units := 0
		for _, v := range solver.Evaluate(p, [][]int{row}).Violations {
			if v.Rule == "min-minutes" || v.Rule == "max-minutes" {
				units += v.Amount
			}
		}
		if checkOK && units > 0 {
			t.Fatalf("row %v (paid %.2f h): Check accepts the hours, the solver counts %d min/max-minutes units (MinMinutes %d, MaxMinutes %d)",
				row, paidHours(lr.shifts[i]), units, em.MinMinutes, em.MaxMinutes)
		}
		if checkOK {
			accepted++
		}
		if units > 0 {
			rejected++
		}
	}
	if accepted == 0 || rejected == 0 {
		t.Errorf("%d rows Check accepts, %d the solver rejects: want some of each", accepted, rejected)
	}
}

// hourRules are Check's rules on paid hours.
var hourRules = map[string]bool{"period_hours": true, "max_weekly_hours": true, "min_weekly_hours": true, "max_average_weekly_hours": true}

// limitRows is 200 random rows of a two-week period of one agent, with
// the shifts Check sees for each: as assemble would make them, each
// template break at its window's middle, the pin as it is.
type limitRows struct {
	in     Input
	m      *model
	p      *solver.Problem
	rows   [][]int
	shifts [][]scheduling.Shift
}

// newLimitRows builds lc's input in the two weeks from monday, with or
// without the pinned early of day 2, its model and problem (rules
// prepared), and the rows: fewest (default 8) to 13 shifts on random
// days, of random types the agent may work.
func newLimitRows(t *testing.T, monday time.Time, withPin bool, lc limitCase) *limitRows {
	const days, pinDay = 14, 2
	in := smallInput(t, monday, days, 1)
	y, mo, d := monday.Date()
	in.PeriodStart = time.Date(y, mo, d+lc.start, 0, 0, 0, 0, in.Location)
	lc.set(&in)
	c := newCalendar(&in)
	pinStart := c.at(pinDay, 6*time.Hour)
	pin := scheduling.Shift{AgentID: "a0", TemplateID: "E", Start: pinStart, End: pinStart.Add(8*time.Hour + 30*time.Minute),
		Status: scheduling.ShiftActive, Breaks: []scheduling.Break{{Name: "lunch", Start: pinStart.Add(4 * time.Hour),
			End: pinStart.Add(4*time.Hour + 30*time.Minute), Paid: true}}}
	if withPin {
		in.Pinned = []scheduling.Shift{pin}
	}
	if err := in.validate(); err != nil {
		t.Fatal(err)
	}
	m, err := buildModel(&in)
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.problem()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Rules {
		r.(*agentRules).prepare()
	}
	pinType := solver.Off
	if withPin {
		pinType = p.Pinned[0].Shift
	}
	tmpl := map[string]scheduling.ShiftTemplate{}
	for _, tp := range in.Templates {
		tmpl[tp.ID] = tp
	}
	fewest := lc.fewest
	if fewest == 0 {
		fewest = 8
	}
	lr := &limitRows{in: in, m: m, p: p}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		row := make([]int, days)
		for d := range row {
			row[d] = solver.Off
		}
		row[pinDay] = pinType
		for _, d := range rng.Perm(days)[:fewest+rng.IntN(14-fewest)] {
			if withPin && d == pinDay {
				continue
			}
			var can []int
			for s := 0; s < m.S; s++ {
				if m.agents[0].allowed[d*m.S+s] {
					can = append(can, s)
				}
			}
			if len(can) > 0 {
				row[d] = can[rng.IntN(len(can))]
			}
		}
		var shifts []scheduling.Shift
		if withPin {
			shifts = append(shifts, pin)
		}
		for d, s := range row {
			if s < 0 || withPin && d == pinDay {
				continue
			}
			ins := &m.inst[d*m.S+s]
			sh := scheduling.Shift{AgentID: "a0", TemplateID: ins.templateID, Start: ins.start, End: ins.end, Status: scheduling.ShiftActive}
			sh.Breaks = tmpl[ins.templateID].MidBreaks(ins.start, ins.end)
			shifts = append(shifts, sh)
		}
		lr.rows = append(lr.rows, row)
		lr.shifts = append(lr.shifts, shifts)
	}
	return lr
}

// hourViolations is Check's hour-rule violations of row i.
func (lr *limitRows) hourViolations(i int) []Violation {
	var out []Violation
	for _, v := range Check(lr.in, lr.shifts[i]) {
		if hourRules[v.Rule] {
			out = append(out, v)
		}
	}
	return out
}
