package roster

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling"
)

// A shift's working time is its length less its rest breaks of 15
// minutes or more, paid or not (ArbZG §2(1), §4); at most 10 h of it a
// day by default (ArbZG §3).
func TestCheck_MaxDailyWork(t *testing.T) {
	lunch := func(s scheduling.Shift, after, length time.Duration, paid bool) scheduling.Shift {
		s.Breaks = []scheduling.Break{{Start: s.Start.Add(after), End: s.Start.Add(after + length), Paid: paid}}
		return s
	}
	for _, tc := range []struct {
		name  string
		rule  time.Duration
		shift func(in Input) scheduling.Shift
		want  string // "" = no violation
	}{
		// 07:00–17:30 is 10.5 h; a 30-minute lunch leaves 10 h.
		{"TenHours", 0, func(in Input) scheduling.Shift {
			return lunch(shift(in, "a0", 2, 7, 0, 10*time.Hour+30*time.Minute, ""), 4*time.Hour, 30*time.Minute, false)
		}, ""},
		{"PaidLunchIsNoWork", 0, func(in Input) scheduling.Shift {
			return lunch(shift(in, "a0", 2, 7, 0, 10*time.Hour+30*time.Minute, ""), 4*time.Hour, 30*time.Minute, true)
		}, ""},
		{"NoBreak", 0, func(in Input) scheduling.Shift { return shift(in, "a0", 2, 7, 0, 10*time.Hour+30*time.Minute, "") },
			"max_daily_work: 07:00 shift on 3 Jun: 10.5h of work, at most 10h a day"},
		// Ten minutes are no rest break: 10.5 h of work.
		{"ShortBreakIsWork", 0, func(in Input) scheduling.Shift {
			return lunch(shift(in, "a0", 2, 7, 0, 10*time.Hour+30*time.Minute, ""), 4*time.Hour, 10*time.Minute, true)
		}, "max_daily_work: 07:00 shift on 3 Jun: 10.5h of work, at most 10h a day"},
		{"EightHoursSet", 8 * time.Hour, func(in Input) scheduling.Shift {
			return lunch(shift(in, "a0", 2, 7, 0, 9*time.Hour, ""), 4*time.Hour, 30*time.Minute, false)
		}, "max_daily_work: 07:00 shift on 3 Jun: 8.5h of work, at most 8h a day"},
		{"Off", -1, func(in Input) scheduling.Shift { return shift(in, "a0", 2, 7, 0, 12*time.Hour, "") }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := smallInput(t, berlinJune(t), 7, 1)
			in.Rules.MaxDailyWork = tc.rule
			var got []string
			for _, v := range Check(in, []scheduling.Shift{tc.shift(in)}) {
				got = append(got, v.String())
			}
			if want := []string{tc.want}; (tc.want == "" && len(got) > 0) || (tc.want != "" && !slices.Equal(got, want)) {
				t.Fatalf("Check = %q, want %q", got, tc.want)
			}
		})
	}
}

// A template with more work a shift than the rules allow a day is refused
// by name; Check of such a shift still answers with the rule.
func TestSolve_TemplateOverDailyWork(t *testing.T) {
	in := smallInput(t, berlinJune(t), 7, 1)
	in.Templates = append(in.Templates, scheduling.ShiftTemplate{ID: "X", Code: "X", EarliestStart: 7 * time.Hour, LatestStart: 7 * time.Hour,
		Length: 11 * time.Hour, Breaks: []scheduling.BreakRule{{Name: "lunch", Length: 30 * time.Minute, EarliestAfter: 4 * time.Hour, LatestAfter: 5 * time.Hour}}})
	_, err := Solve(context.Background(), in, quick)
	var ve *scheduling.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != "templates[3]" ||
		ve.Fields[0].Message != "template X has 10.5h of work a shift, more than the 10h a day of the labour rules (max_daily_work)" {
		t.Fatalf("Solve = %v, want templates[3] refused for 10.5h of work", err)
	}
	in.Rules.MaxDailyWork = 11 * time.Hour
	if _, err := Solve(context.Background(), in, quick); err != nil {
		t.Fatalf("Solve with 11 h a day = %v", err)
	}
}

// On the night the clocks go back (25 October 2026 in Berlin) a
// 22:00–07:45 shift without a break holds 10.75 h of work where it holds
// 9.75 h on other nights: the solver leaves that night out and works the
// others, and Check of the roster is clean.
func TestSolve_DailyWorkOnFallBack(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	in := smallInput(t, time.Date(2026, 10, 22, 0, 0, 0, 0, loc), 7, 3)
	in.Templates = []scheduling.ShiftTemplate{{ID: "N", Code: "N", EarliestStart: 22 * time.Hour, LatestStart: 22 * time.Hour,
		Length: 9*time.Hour + 45*time.Minute, Night: true}}
	in.Rules.MaxConsecutiveNights = -1
	res, err := Solve(context.Background(), in, quick)
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	if vs := Check(in, res.Shifts); len(vs) > 0 {
		t.Fatalf("Check of the solved roster = %v", vs)
	}
	nights := map[int]bool{}
	for _, s := range res.Shifts {
		nights[s.Start.In(loc).Day()] = true
		if s.Work() > 10*time.Hour {
			t.Errorf("shift %s–%s holds %v of work", s.Start.In(loc), s.End.In(loc), s.Work())
		}
	}
	if nights[24] || len(nights) != 6 {
		t.Errorf("nights worked on %v, want every day but 24 October", slices.Sorted(maps.Keys(nights)))
	}
}
