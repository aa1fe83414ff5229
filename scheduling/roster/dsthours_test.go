package roster

import (
	"context"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
	"github.com/shiftplan/shiftplan/scheduling/solver"
)

// dstQuick are settings for the DST rosters: one agent, seven days and
// one or two shift types need few iterations; no time limit, so the
// seed alone fixes the result.
var dstQuick = Settings{MaxIterations: 20000, Threads: 1, Seed: 1}

// dstWeek is nightsOnly for the week from monday in zone with one agent
// on a 40-hour contract and demand for one agent during the nights of
// the given days only. Consecutive nights are not limited, so only the
// weekly hours decide which nights the agent works.
func dstWeek(t *testing.T, zone string, monday time.Time, nights ...int) Input {
	t.Helper()
	in := nightsOnly(t, zone, monday, 7)
	in.Agents = in.Agents[:1]
	in.Rules.MaxConsecutiveNights = -1
	demandOn(&in, rowOn(7, nights...))
	return in
}

// rowOn is a row of days days with the first shift type on the given
// days and off on the others.
func rowOn(days int, on ...int) []int {
	row := make([]int, days)
	for d := range row {
		row[d] = solver.Off
	}
	for _, d := range on {
		row[d] = 0
	}
	return row
}

// demandOn sets a demand of one agent over the cells of row and none
// elsewhere. Each template of in has one start, so row[d] is both a
// template and a shift type.
func demandOn(in *Input, row []int) {
	c := newCalendar(in)
	req := make([]float64, c.n)
	for d, s := range row {
		if s < 0 {
			continue
		}
		tp := in.Templates[s]
		st, en := c.at(d, tp.EarliestStart), c.at(d, tp.EarliestStart+tp.Length)
		for i := range req {
			if is := c.start.Add(time.Duration(i) * c.interval); !is.Before(st) && is.Before(en) {
				req[i] = 1
			}
		}
	}
	in.Demand = []QueueDemand{{QueueID: "q", Required: req}}
}

// evalRow returns the solver's hard units for the one agent of in
// working row, and Check's violations of the same shifts, built from
// the model's instances.
func evalRow(t *testing.T, in Input, row []int) (int64, []Violation) {
	t.Helper()
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
	var shifts []scheduling.Shift
	for d, s := range row {
		if s >= 0 {
			ins := &m.inst[d*m.S+s]
			shifts = append(shifts, scheduling.Shift{AgentID: in.Agents[0].ID, TemplateID: ins.templateID,
				Start: ins.start, End: ins.end, Status: scheduling.ShiftActive})
		}
	}
	return solver.Evaluate(p, [][]int{row}).Hard, Check(in, shifts)
}

// solveDST solves in and returns the roster with the hard units of the
// solver's best roster (its last progress report).
func solveDST(t *testing.T, in Input) (*Result, int64) {
	t.Helper()
	set := dstQuick
	hard := int64(-1)
	set.Progress = func(p Progress) { hard = p.Hard }
	res, err := Solve(context.Background(), in, set)
	if err != nil {
		t.Fatal(err)
	}
	return res, hard
}

// paidHours is the paid time of shifts in hours.
func paidHours(shifts []scheduling.Shift) float64 {
	var p time.Duration
	for _, s := range shifts {
		p += s.Paid()
	}
	return p.Hours()
}

func TestSolve_DSTWeeklyHours(t *testing.T) {
	// A 22:00–06:00 night (8 h on the clock, no break) in a week from
	// Monday with demand on the nights of Monday to Thursday and Saturday
	// (days 0–3 and 5); Saturday's night is the one the clocks change in.
	// Transitions (Directive 2000/84/EC; US Energy Policy Act 2005):
	//
	//	Berlin    28→29 Mar 2026: 22:00 CET (21:00Z) → 06:00 CEST (04:00Z) = 7 h
	//	Berlin    24→25 Oct 2026: 22:00 CEST (20:00Z) → 06:00 CET (05:00Z) = 9 h
	//	New York   7→8 Mar 2026:  22:00 EST (03:00Z) → 06:00 EDT (10:00Z) = 7 h
	//	New York 31 Oct→1 Nov:    22:00 EDT (02:00Z) → 06:00 EST (11:00Z) = 9 h
	//
	// Fall back, at most 40 h a week: all five demanded nights are
	// 4·8 + 9 = 41 h, one started hour over (one hard unit, one
	// max_weekly_hours violation). Legal and best: Saturday's 9 h and
	// three of the others, 33 h.
	//
	// Spring forward, at least 40 h a week in at most 5 days: all five
	// are 4·8 + 7 = 39 h, one started hour short (one hard unit, one
	// min_weekly_hours violation). Reaching 40 h in 5 days takes five
	// 8-hour nights, so the demanded Saturday night is never worked:
	// 40 h with none on day 5.
	//
	// Bounds on the period's hours count the same hours: the period is
	// the week.
	demanded := []int{0, 1, 2, 3, 5}
	atMost40 := func(c *scheduling.Contract) { c.WeeklyMaxHours = 40 }
	atLeast40 := func(c *scheduling.Contract) { c.WeeklyMinHours = 40 }
	periodAtMost40 := func(c *scheduling.Contract) { c.PeriodMaxHours = 40 }
	periodAtLeast40 := func(c *scheduling.Contract) { c.PeriodMinHours = 40 }
	for _, tc := range []struct {
		name, zone string
		monday     time.Time
		limit      func(*scheduling.Contract)
		rule       string
		paid       float64 // hours the best legal roster is paid
		saturday   bool    // whether it works the changeover night
	}{
		{"BerlinFallBack", "Europe/Berlin", time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC), atMost40, "max_weekly_hours", 33, true},
		{"BerlinSpringForward", "Europe/Berlin", time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), atLeast40, "min_weekly_hours", 40, false},
		{"NewYorkFallBack", "America/New_York", time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC), atMost40, "max_weekly_hours", 33, true},
		{"NewYorkSpringForward", "America/New_York", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), atLeast40, "min_weekly_hours", 40, false},
		// The same bounds on the period's hours (the period is the week).
		{"BerlinFallBackPeriod", "Europe/Berlin", time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC), periodAtMost40, "period_hours", 33, true},
		{"BerlinSpringForwardPeriod", "Europe/Berlin", time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), periodAtLeast40, "period_hours", 40, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := dstWeek(t, tc.zone, tc.monday, demanded...)
			tc.limit(&in.Agents[0].Contract)
			hard, vs := evalRow(t, in, rowOn(7, demanded...))
			if hard != 1 || len(vs) != 1 || vs[0].Rule != tc.rule {
				t.Errorf("all five demanded nights: solver hard = %d, Check = %v; want 1 and one %s", hard, vs, tc.rule)
			}
			// Five 8-hour nights are exactly 40 h on either week.
			if hard, vs := evalRow(t, in, rowOn(7, 0, 1, 2, 3, 4)); hard != 0 || len(vs) != 0 {
				t.Errorf("Monday to Friday: solver hard = %d, Check = %v; want 0 and none", hard, vs)
			}
			res, solverHard := solveDST(t, in)
			if vs := Check(in, res.Shifts); len(vs) != 0 || solverHard != 0 {
				t.Fatalf("solver hard = %d, Check = %v; want 0 and none", solverHard, vs)
			}
			if p := paidHours(res.Shifts); p != tc.paid {
				t.Errorf("roster paid %v h, want %v h: %v", p, tc.paid, res.Shifts)
			}
			c := newCalendar(&in)
			sat := false
			for _, s := range res.Shifts {
				sat = sat || c.day(s.Start) == 5
			}
			if sat != tc.saturday {
				t.Errorf("changeover night worked = %v, want %v: %v", sat, tc.saturday, res.Shifts)
			}
		})
	}
}

func TestSolve_DSTDailyRest(t *testing.T) {
	// A late 11:30–20:00 on Saturday and an early 07:30–16:00 on Sunday
	// (8 h 30 on the clock, no break), one agent, demand for both. The
	// rest between them is 11 h 30 on the clock, but in Berlin on 29 Mar
	// 2026 20:00 CET (19:00Z) → 07:30 CEST (05:30Z) is 10 h 30 < 11 h:
	// one succession hard unit and one min_daily_rest violation, so the
	// roster works one of the two (and may add an early on Saturday). On
	// 25 Oct 2026 a late 12:00–20:30 and an early 07:00–15:30 are 10 h 30
	// apart on the clock but 20:30 CEST (18:30Z) → 07:00 CET (06:00Z) is
	// 11 h 30: legal, both are worked.
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name        string
		saturday    time.Time
		late, early time.Duration
		hard, pair  int
	}{
		{"SpringForward", time.Date(2026, 3, 28, 0, 0, 0, 0, loc), 11*time.Hour + 30*time.Minute, 7*time.Hour + 30*time.Minute, 1, 1},
		{"FallBack", time.Date(2026, 10, 24, 0, 0, 0, 0, loc), 12 * time.Hour, 7 * time.Hour, 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := smallInput(t, tc.saturday, 2, 1)
			e, l := in.Templates[0], in.Templates[1]
			e.Breaks, l.Breaks = nil, nil
			e.EarliestStart, e.LatestStart = tc.early, tc.early
			l.EarliestStart, l.LatestStart = tc.late, tc.late
			in.Templates = []scheduling.ShiftTemplate{l, e}
			// The late on day 0 (type 0), the early on day 1 (type 1).
			row := []int{0, 1}
			demandOn(&in, row)
			hard, vs := evalRow(t, in, row)
			if hard != int64(tc.hard) || len(vs) != tc.hard || tc.hard > 0 && vs[0].Rule != "min_daily_rest" {
				t.Errorf("late then early: solver hard = %d, Check = %v; want %d min_daily_rest each", hard, vs, tc.hard)
			}
			c := newCalendar(&in)
			late, early := c.at(0, tc.late), c.at(1, tc.early)
			res, solverHard := solveDST(t, in)
			if vs := Check(in, res.Shifts); len(vs) != 0 || solverHard != 0 {
				t.Fatalf("solver hard = %d, Check = %v; want 0 and none", solverHard, vs)
			}
			pair := 0
			for _, s := range res.Shifts {
				if s.Start.Equal(late) || s.Start.Equal(early) {
					pair++
				}
			}
			if pair != tc.pair {
				t.Errorf("%d of the late and the early worked, want %d: %v", pair, tc.pair, res.Shifts)
			}
		})
	}
}

func TestSolve_DSTWeeklyRest(t *testing.T) {
	// Berlin, nights 22:00–06:00 on Monday to Friday and Sunday, Saturday
	// off, after a carry-in night from Sunday before the week. The rest
	// from Saturday 06:00 to Sunday 22:00 is the only long one touching
	// the 7 days from Monday; it is 40 h on the clock, but
	//
	//	28→29 Mar 2026: 06:00 CET (05:00Z) → 22:00 CEST (20:00Z) = 39 h
	//	24→25 Oct 2026: 06:00 CEST (04:00Z) → 22:00 CET (21:00Z) = 41 h
	//
	// With a weekly rest of 40 h the spring-forward week breaks it (one
	// hard unit, one weekly_rest violation); with 40 h 30 the fall-back
	// week keeps it. Seven days a week and unlimited nights are allowed,
	// so nothing else is broken: six nights of 8 h are 48 h.
	for _, tc := range []struct {
		name   string
		monday time.Time
		rest   time.Duration
		hard   int
	}{
		{"SpringForward", time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), 40 * time.Hour, 1},
		{"FallBack", time.Date(2026, 10, 19, 0, 0, 0, 0, time.UTC), 40*time.Hour + 30*time.Minute, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			worked := []int{0, 1, 2, 3, 4, 6}
			in := dstWeek(t, "Europe/Berlin", tc.monday, worked...)
			in.Rules.WeeklyRest = tc.rest
			in.Agents[0].Contract.MaxDaysPerWeek = 7
			c := newCalendar(&in)
			in.Previous = []scheduling.Shift{{AgentID: "a0", TemplateID: "N", Start: c.at(-1, 22*time.Hour), End: c.at(-1, 30*time.Hour),
				Status: scheduling.ShiftActive}}
			hard, vs := evalRow(t, in, rowOn(7, worked...))
			if hard != int64(tc.hard) || len(vs) != tc.hard || tc.hard > 0 && vs[0].Rule != "weekly_rest" {
				t.Errorf("six nights: solver hard = %d, Check = %v; want %d weekly_rest each", hard, vs, tc.hard)
			}
			res, solverHard := solveDST(t, in)
			if vs := Check(in, res.Shifts); len(vs) != 0 || solverHard != 0 {
				t.Fatalf("solver hard = %d, Check = %v; want 0 and none", solverHard, vs)
			}
		})
	}
}
