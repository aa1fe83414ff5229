package roster

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// TestAgentRules_HoursAgreeWithCheck checks that the solver's labour
// rule (agentRules) and the repair's check of a row (on model.timeline)
// reject a row for an hour rule exactly when Check does: the solver
// neither steers away from a roster Check accepts nor settles on one
// Check rejects.
//
// The rows and fortnights are those of TestPeriodLimits_Sound
// (runLimitCases), with the row rule's other rules off (weekly rest,
// consecutive nights; seven days a week allowed) so that its hard units
// count hour rules only; the contract's weekly 48 h stays on. Every
// shift is paid whole minutes, so the two must agree exactly. The limits
// sit where a rounding step decides, at rows of 8-hour shifts (ten are
// paid 4 800 min; a changeover night ±60, the pinned early with its paid
// lunch +30):
//
//   - Average4799: average weekly hours of 4 799 min over the period's
//     w = length/7 days weeks, 4799/(60·w) h. Over the fall-back
//     fortnight (337 h, w = 337/168) the float product h·60·w reads
//     4 799, while Check's limit in nanoseconds is 4 798 min 59.999… s:
//     ten 8-hour shifts are past Check's one-minute tolerance.
//   - PeriodMax79h58m48s: 79.98 h = 4 798.8 min; 4 800 min is past the
//     tolerance (4 799.8), which the limit rounded to 4 799 min hid.
//   - PeriodMin80h01m48s: 80.03 h = 4 801.8 min; 4 800 min falls short
//     of 4 800.8, which the need rounded down to 4 801 min hid.
//   - WeeklyMin40h01m30s: 40.025 h = 2 401.5 min a week; five 8-hour
//     shifts (2 400 min) fall short of 2 400.5.
//   - Max80, WeeklyMax40 and WeeklyMin40Leave as in
//     TestPeriodLimits_Sound*; with the
//     pin, its paid lunch decides (8 h 30 paid where the template's
//     shift is paid 8 h).
func TestAgentRules_HoursAgreeWithCheck(t *testing.T) {
	contract := func(f func(ct *scheduling.Contract)) func(*Input) {
		return func(in *Input) { f(&in.Agents[0].Contract) }
	}
	cases := []limitCase{
		{name: "Average4799", set: func(in *Input) {
			c := newCalendar(in)
			w := float64(c.end.Sub(c.start)) / float64(7*24*time.Hour)
			in.Rules.MaxAverageWeeklyHours = 4799 / (60 * w)
		}},
		{name: "PeriodMax79h58m48s", set: contract(func(ct *scheduling.Contract) { ct.PeriodMaxHours = 79.98 })},
		{name: "PeriodMin80h01m48s", set: contract(func(ct *scheduling.Contract) { ct.PeriodMinHours = 80.03 })},
		{name: "Max80", set: contract(func(ct *scheduling.Contract) { ct.PeriodMaxHours = 80 })},
		{name: "WeeklyMax40", set: contract(func(ct *scheduling.Contract) { ct.WeeklyMaxHours = 40 })},
		{name: "WeeklyMin40h01m30s", set: contract(func(ct *scheduling.Contract) { ct.WeeklyMinHours = 40 + 1.5/60 })},
		{name: "WeeklyMin40Leave", set: func(in *Input) {
			in.Agents[0].Contract.WeeklyMinHours = 40
			c := newCalendar(in)
			in.TimeOff = []scheduling.TimeOff{{AgentID: "a0", Start: c.midnight(10), End: c.midnight(12), Kind: "vacation", Status: scheduling.TimeOffApproved}}
		}},
	}
	for i := range cases {
		set := cases[i].set
		cases[i].set = func(in *Input) {
			in.Rules.WeeklyRest, in.Rules.MaxConsecutiveNights = -1, -1
			in.Agents[0].Contract.MaxDaysPerWeek = 7
			set(in)
		}
	}
	runLimitCases(t, cases, testHoursAgree)
}

// testHoursAgree runs random rows through Check, the row rule and the
// repair's check: the row rule must count hard units exactly on the rows
// Check finds an hour rule broken, and the repair's check must name the
// same hour rules as Check.
func testHoursAgree(t *testing.T, monday time.Time, withPin bool, lc limitCase) {
	lr := newLimitRows(t, monday, withPin, lc)
	m := lr.m
	rule := lr.p.Rules[0].(*agentRules)
	ctx := newCheckContext(m.in, m.c)
	var accepted, rejected int
	for i, row := range lr.rows {
		var want []string
		for _, v := range lr.hourViolations(i) {
			want = append(want, v.Rule)
		}
		var got []string
		for _, v := range ctx.agent(m.agents[0].a, m.timeline(0, row)) {
			if hourRules[v.Rule] {
				got = append(got, v.Rule)
			}
		}
		hard, _ := rule.Evaluate(0, row)
		if (hard > 0) != (len(want) > 0) {
			t.Fatalf("row %v (paid %.2f h): Check finds %v, the row rule %d hard units", row, paidHours(lr.shifts[i]), want, hard)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("row %v (paid %.2f h): Check finds %v, the repair's check %v", row, paidHours(lr.shifts[i]), want, got)
		}
		if len(want) == 0 {
			accepted++
		} else {
			rejected++
		}
	}
	if accepted == 0 || rejected == 0 {
		t.Errorf("%d rows Check accepts, %d it rejects: want some of each", accepted, rejected)
	}
}

// TestAgentRules_WeekendsAgreeWithCheck checks that the solver rejects a
// row for the weekends rule (its own max-weekends count and the labour
// rule) exactly when Check reports min_weekends_off, in a period that
// starts on a Sunday after a Saturday shift of the carry-in: Check
// counts that weekend worked whatever the row does on day 0.
//
// Fourteen days from Sunday 7 June 2026 hold three weekends, 6–7, 13–14
// and 20–21 June (weekends: the first and last reach outside the
// period); the default rule asks for half of them off, rounded down: one.
// The row rule's other rules are off (weekly rest, nights, the weekly and
// average hours; seven days a week allowed), so its units count weekends
// only. Random rows work each day with probability ½, so each weekend is
// off with probability ¼ (the first, day 0 alone, ½ without the carry-in
// and never with it): both outcomes occur.
func TestAgentRules_WeekendsAgreeWithCheck(t *testing.T) {
	for _, saturday := range []bool{false, true} {
		t.Run(map[bool]string{false: "NoCarryIn", true: "SaturdayCarryIn"}[saturday], func(t *testing.T) {
			sunday := time.Date(2026, 6, 7, 0, 0, 0, 0, time.UTC)
			in := smallInput(t, sunday, 14, 1)
			in.PeriodStart = time.Date(2026, 6, 7, 0, 0, 0, 0, in.Location)
			in.Rules.WeeklyRest, in.Rules.MaxConsecutiveNights, in.Rules.MaxAverageWeeklyHours = -1, -1, -1
			in.Rules.MaxConsecutiveDays = -1
			in.Agents[0].Contract.MaxDaysPerWeek, in.Agents[0].Contract.WeeklyMaxHours = 7, 0
			if saturday {
				s := newCalendar(&in).at(-1, 7*time.Hour)
				in.Previous = []scheduling.Shift{{AgentID: "a0", Start: s, End: s.Add(8 * time.Hour), Status: scheduling.ShiftActive}}
			}
			m, p := polishSetup(t, &in)
			agreeOnRandomRows(t, in, m, 3, firstType, []string{"min_weekends_off"}, solverUnits(p, "max-weekends", "rule:labour"))
		})
	}
}

// TestAgentRules_WeeklyRestAgreesWithCheck checks that the labour rule
// counts weekly-rest units exactly on the rows Check reports weekly_rest
// for, whatever the length of the carry-in.
//
// Fourteen days from Monday 1 June 2026; the carry-in works 08:00–16:00
// on the six days before (16 h rests) and, in LongCarryIn, 15:00–23:00
// eight days before: its end and the next start, 08:00 two days later,
// are 33 h apart, short of the 35 h weekly rest, so the 7 days from day
// −6 find their rest only in one the row begins before day 1, not in
// the time before day −6. The row rule's other rules are off (nights, weekly and average hours;
// seven days a week allowed). Random rows work each day with probability
// ½, each on a random type the agent may work.
func TestAgentRules_WeeklyRestAgreesWithCheck(t *testing.T) {
	for _, long := range []bool{false, true} {
		t.Run(map[bool]string{false: "SevenDayCarryIn", true: "LongCarryIn"}[long], func(t *testing.T) {
			in := smallInput(t, berlinJune(t), 14, 1)
			in.Rules.MaxConsecutiveNights, in.Rules.MaxAverageWeeklyHours = -1, -1
			in.Agents[0].Contract.MaxDaysPerWeek, in.Agents[0].Contract.WeeklyMaxHours = 7, 0
			c := newCalendar(&in)
			work := func(d int, from, to time.Duration) scheduling.Shift {
				return scheduling.Shift{AgentID: "a0", Start: c.at(d, from), End: c.at(d, to), Status: scheduling.ShiftActive}
			}
			for d := -6; d < 0; d++ {
				in.Previous = append(in.Previous, work(d, 8*time.Hour, 16*time.Hour))
			}
			if long {
				in.Previous = append(in.Previous, work(-8, 15*time.Hour, 23*time.Hour))
			}
			m, p := polishSetup(t, &in)
			agreeOnRandomRows(t, in, m, 5, anyType, []string{"weekly_rest"}, rowRuleUnits(p))
		})
	}
}

// TestAgentRules_DailyRestAcrossDaysOff checks that the solver rejects a
// row for the daily rest (Problem.ForbiddenOn between neighbouring days,
// the labour rule across days off) exactly when Check reports
// min_daily_rest or overlap. The rest is at its upper limit,
// MaxDailyRest (48 h): a late ending at 22:30 and an early at 06:00 two
// days later are 31 h 30 apart, so the rule reaches across a day off.
// The row rule's other rules are off (weekly rest, nights, weekly and
// average hours, weekends; seven days a week and any run of days
// allowed). Random rows work each day with probability ½.
func TestAgentRules_DailyRestAcrossDaysOff(t *testing.T) {
	in := smallInput(t, berlinJune(t), 14, 1)
	in.Rules = LabourRules{MinDailyRest: MaxDailyRest, WeeklyRest: -1, MaxConsecutiveDays: -1, MaxConsecutiveNights: -1,
		MinWeekendsOff: -1, MaxAverageWeeklyHours: -1}
	in.Agents[0].Contract.MaxDaysPerWeek, in.Agents[0].Contract.WeeklyMaxHours = 7, 0
	m, p := polishSetup(t, &in)
	agreeOnRandomRows(t, in, m, 7, anyType, []string{"min_daily_rest", "overlap"}, solverUnits(p, "succession", "rule:labour"))
}

// TestAgentRules_RunsFromCarryInAgreeWithCheck checks that the solver
// (Employee.MaxConsecutive with the carry-in's History, the labour rule
// for nights) and Check agree on runs of working days and nights that a
// carry-in already longer than the limit reaches into the period: such
// a run breaks the rule as soon as the period's day 0 continues it.
//
// Fourteen days from Monday 1 June 2026; the carry-in works the seven
// days before, 08:00–16:00 (MaxConsecutiveDays defaults to 6), or the
// five nights before, 22:00–06:00 (MaxConsecutiveNights defaults to
// 4). Random rows work each day with probability ½, on a random type the
// agent may work; the row rule's other rules are off (weekly rest, weekly
// and average hours; seven days a week allowed).
func TestAgentRules_RunsFromCarryInAgreeWithCheck(t *testing.T) {
	for _, tc := range []struct {
		name       string
		n          int           // days of carry-in
		from, to   time.Duration // its shifts' clock times
		rule       string        // Check's
		solverRule string
	}{
		{"Days", 7, 8 * time.Hour, 16 * time.Hour, "max_consecutive_days", "max-consecutive"},
		{"Nights", 5, 22 * time.Hour, 30 * time.Hour, "max_consecutive_nights", "rule:labour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := smallInput(t, berlinJune(t), 14, 1)
			in.Rules.WeeklyRest, in.Rules.MaxAverageWeeklyHours = -1, -1
			in.Agents[0].Contract.MaxDaysPerWeek, in.Agents[0].Contract.WeeklyMaxHours = 7, 0
			c := newCalendar(&in)
			for d := -tc.n; d < 0; d++ {
				in.Previous = append(in.Previous, scheduling.Shift{AgentID: "a0", Start: c.at(d, tc.from), End: c.at(d, tc.to), Status: scheduling.ShiftActive})
			}
			m, p := polishSetup(t, &in)
			agreeOnRandomRows(t, in, m, 9, anyType, []string{tc.rule}, solverUnits(p, tc.solverRule))
		})
	}
}

// TestAgentRules_TrainingInCarryInShift checks that training inside a
// shift of the carry-in asks nothing of the row: Check finds it inside
// that shift, so the solver must count no unit for it either. The
// carry-in works the night before Monday 1 June 2026, 22:00–06:00; the
// training is 01:00–02:00 on day 0, inside it, where no shift of the
// period can start early enough to hold it (the earliest, 06:00). Both
// rows are legal for Check.
func TestAgentRules_TrainingInCarryInShift(t *testing.T) {
	in := smallInput(t, berlinJune(t), 7, 1)
	c := newCalendar(&in)
	in.Previous = []scheduling.Shift{{AgentID: "a0", Start: c.at(-1, 22*time.Hour), End: c.at(0, 6*time.Hour), Status: scheduling.ShiftActive}}
	in.Training = []Training{{AgentID: "a0", Start: c.at(0, time.Hour), End: c.at(0, 2*time.Hour), Name: "night briefing"}}
	m, p := polishSetup(t, &in)
	for _, row := range [][]int{
		rowOf(7, 0),          // nothing worked
		rowOf(7, 1, 1, 2, 3), // the 07:00 early Tuesday to Thursday
	} {
		var shifts []scheduling.Shift
		for d, s := range row {
			if s >= 0 {
				ins := &m.inst[d*m.S+s]
				shifts = append(shifts, scheduling.Shift{AgentID: "a0", TemplateID: ins.templateID, Start: ins.start, End: ins.end,
					Status: scheduling.ShiftActive, Breaks: in.Templates[0].MidBreaks(ins.start, ins.end)})
			}
		}
		if vs := Check(in, shifts); len(vs) != 0 {
			t.Fatalf("row %v: Check finds %v, want none", row, vs)
		}
		if hard, _ := p.Rules[0].Evaluate(0, row); hard != 0 {
			t.Errorf("row %v: the row rule counts %d hard units, want 0", row, hard)
		}
	}
}

// The types a random row draws from on a day: any the agent may work, or
// the first alone.
const (
	anyType   = false
	firstType = true
)

// agreeOnRandomRows draws 300 rows of agent 0 (from the PCG seeded with
// seed and seed+1), each day worked with probability ½ on a random type
// the agent may work there (or type 0 with firstType), and checks that
// units counts a hard unit exactly on the rows where Check reports one of
// rules, and that both kinds of row occur.
func agreeOnRandomRows(t *testing.T, in Input, m *model, seed uint64, first bool, rules []string, units func(row []int) int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed+1))
	var accepted, rejected int
	for range 300 {
		row := make([]int, m.D)
		var shifts []scheduling.Shift
		for d := range row {
			row[d] = solver.Off
			var can []int
			for s := range m.S {
				if m.agents[0].allowed[d*m.S+s] && (!first || s == 0) {
					can = append(can, s)
				}
			}
			if rng.IntN(2) == 0 && len(can) > 0 {
				s := can[rng.IntN(len(can))]
				row[d] = s
				ins := &m.inst[d*m.S+s]
				tp := in.Templates[m.types[s].tmpl]
				shifts = append(shifts, scheduling.Shift{AgentID: "a0", TemplateID: tp.ID, Start: ins.start, End: ins.end,
					Status: scheduling.ShiftActive, Breaks: tp.MidBreaks(ins.start, ins.end)})
			}
		}
		checkRejects := false
		for _, v := range Check(in, shifts) {
			checkRejects = checkRejects || slices.Contains(rules, v.Rule)
		}
		if u := units(row); (u > 0) != checkRejects {
			t.Fatalf("row %v: Check reports %v: %v; the solver counts %d units", row, rules, checkRejects, u)
		}
		if checkRejects {
			rejected++
		} else {
			accepted++
		}
	}
	if accepted == 0 || rejected == 0 {
		t.Errorf("%d rows Check accepts, %d it rejects: want some of each", accepted, rejected)
	}
}

// rowRuleUnits counts the hard units of the row rule (agentRules) alone.
func rowRuleUnits(p *solver.Problem) func(row []int) int {
	rule := p.Rules[0].(*agentRules)
	return func(row []int) int {
		hard, _ := rule.Evaluate(0, row)
		return hard
	}
}

// solverUnits counts the units of the named rules in the solver's whole
// evaluation of the row.
func solverUnits(p *solver.Problem, names ...string) func(row []int) int {
	return func(row []int) int {
		units := 0
		for _, v := range solver.Evaluate(p, [][]int{row}).Violations {
			if slices.Contains(names, v.Rule) {
				units += v.Amount
			}
		}
		return units
	}
}
