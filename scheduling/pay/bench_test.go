package pay

import (
	"testing"
	"time"

	"github.com/shiftplan/shiftplan/scheduling/holiday"
)

// BenchmarkSummarize prices a month for a 2 000-agent contact centre: each
// agent works 5 days a week for 4 weeks (20 shifts of 8.5 h with a 30 min
// unpaid break, start times rotating through early, late and night), in
// Europe/Berlin with the Bavarian holiday calendar shared through Memo.
func BenchmarkSummarize(b *testing.B) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	cal, err := holiday.For("DE-BY")
	if err != nil {
		b.Fatal(err)
	}
	hol := Memo(cal)
	rules := Rules{NightStart: 22 * time.Hour, NightEnd: 6 * time.Hour, NightPremium: 0.25,
		SaturdayPremium: 0.1, SundayPremium: 0.5, HolidayPremium: 1.25, OvertimePremium: 0.25, DailyLimit: 10 * time.Hour}
	const agents, weeks = 2000, 4
	starts := []int{6, 8, 10, 14, 21}
	roster := make([][]Shift, agents)
	for a := range roster {
		for w := range weeks {
			for d := range 5 {
				day := Date{2026, 10, 5}.AddDays(7*w + (d+a)%7) // weeks over the fall-back night
				st := time.Date(day.Year, day.Month, day.Day, starts[(a+d)%len(starts)], 0, 0, 0, loc)
				roster[a] = append(roster[a], Shift{Start: st, End: st.Add(8*time.Hour + 30*time.Minute),
					Breaks: []Break{{Start: st.Add(4 * time.Hour), End: st.Add(4*time.Hour + 30*time.Minute)}}})
			}
		}
	}
	c := Contract{WeeklyHours: 38.5, HourlyRate: 19.5}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, sh := range roster {
			if _, err := Summarize(sh, c, rules, loc, hol); err != nil {
				b.Fatal(err)
			}
		}
	}
}
